"""The Markdown reader: Markdown drafts and PDF text reflowed into Markdown.

It turns the original into the canonical text described in :mod:`unlint.readers` in four steps,
each one pass over its input:

1. *scan* the lines into blocks: headings, page rules, footnote definitions (``<sup>N</sup>
   text`` or ``[^N]: text``, with their continuation lines) and text blocks (lines between blank
   lines); YAML front matter goes to :attr:`Reading.meta`;
2. *assemble* the blocks into canonical lines
   (:func:`~unlint.readers.markdown_blocks.assemble`, shared with the plain-text reader):
   wrapped lines are joined, a paragraph that a page break (and its footnotes) interrupted is
   joined to its continuation, running headers are dropped;
3. strip the inline markup of each line (``*italic*``, ``**bold**``, ``<sup>`` references,
   ``[^N]`` references, escapes, entities, HTML comments), recording italics and references;
4. *emit* the lines with :class:`~unlint.textmap.TextBuilder`: every character of the text is
   copied from the original, joins are one synthetic space at the original offset of the break,
   references are cut out cleanly ("thereto,<sup>1</sup> the" -> "thereto, the"), footnote
   definitions come last as ``[^N]: text``.

HTML comments (``<!-- ... -->``, on one line or several, such as the suppression comments of
:mod:`unlint.suppressions`) are dropped as a Markdown renderer hides them: a line that holds
only comments separates blocks as a blank line does, a comment at the start or end of a line is
outside the line's span, and one inside a line is cut out with one of the blanks around it. The
positions of everything else do not change. An unclosed ``<!--`` is kept as text.

Bare-number references ("Women,5 the") are found by :mod:`unlint.readers.barerefs` when it is
installed; :class:`~unlint.readers.markdown_emit.BareRefs` is the only place that calls it.

The steps live in their own modules: :mod:`~unlint.readers.markdown_scan` (front matter,
comments, blocks), :mod:`~unlint.readers.markdown_blocks` (the assembly, shared with the
plain-text reader), :mod:`~unlint.readers.markdown_inline` (inline markup) and
:mod:`~unlint.readers.markdown_emit` (references, footnote definitions, emission; shared too).
"""

from __future__ import annotations

from unlint.readers import Reading
from unlint.readers.markdown_blocks import assemble
from unlint.readers.markdown_emit import build_reading
from unlint.readers.markdown_inline import markdown_inline
from unlint.readers.markdown_scan import Comments, front_matter, scan_markdown
from unlint.source import Source


def read_markdown(source: Source) -> Reading:
    """The reading of a Markdown source (see the module docstring)."""
    text = source.text
    meta, start, closed = front_matter(text)
    problems = []
    if not closed:
        problems.append(("front matter is not closed by a '---' line: read as text", 0, 3))
    comments = Comments(text, start)
    blocks = scan_markdown(text, start, comments)
    assembly = assemble(text, blocks, header_lines_apart=False)
    return build_reading(
        "markdown", source, assembly, lambda spans: markdown_inline(text, spans, comments), meta, problems
    )
