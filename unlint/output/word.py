"""Word out: a copy of a .docx draft with a comment at each finding and its fixes as tracked
changes, so that an editor sees the findings in Word and accepts or rejects each fix there.

The Word reader says where each piece of the text it read comes from
(:func:`unlint.readers.docx.origins`: the n-th ``w:t`` of the body or of the footnotes, from
character k). :func:`review` opens the same bytes with python-docx, cuts the runs at the edges
of every finding and every fix (a copy of the run on each side, with its formatting), then

* anchors a comment (author "unlint") on the runs of each finding: the rule's code and name,
  the message, and the fix it proposes;
* writes each fix that is applied as a tracked deletion of those runs and a tracked insertion
  of the new text (formatted as the first run it replaces), with author "unlint" and the date.

Comments live in the body (python-docx anchors them there): a finding in a footnote is
anchored on the note's reference, a finding on the automatic number of a paragraph on the
paragraph's first text. A fix is written where its text is the file's own, in one paragraph or
footnote (the footnotes part, which python-docx keeps as bytes, is edited with lxml and written
back); otherwise it stays in the comment.
"""

from __future__ import annotations

import copy
import io
from bisect import bisect_left, bisect_right
from datetime import datetime, timezone

from unlint.diagnostics import Diagnostic
from unlint.source import InputError

AUTHOR = "unlint"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def review(path: str, data: bytes, diagnostics: list[Diagnostic], fix: str | None = None,
           when: datetime | None = None) -> tuple[bytes, int]:
    """The reviewed copy of the .docx ``data`` and the number of fixes written as tracked
    changes. ``fix``: None (comments only), "safe" or "unsafe" (the fixes to write). Raises
    InputError for a file that python-docx cannot write back (a macro-enabled one)."""
    import docx
    from docx.text.run import Run

    from unlint.readers.docx import origins

    source, pieces = origins(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError) as exc:  # python-docx opens only what it can write back
        what = ("a macro-enabled Word file (.docm): save it as .docx without macros, then review that"
                if "macroEnabled" in str(exc) else "a Word file without the package relationships "
                "(_rels/.rels) that name its document: open and save it in Word first"
                if isinstance(exc, KeyError) else f"a Word file python-docx cannot open ({exc})")
        raise InputError(f"cannot write a reviewed copy of {what}") from None
    body = document.element.body
    notes_name, notes_root = _footnotes(document)
    roots = {"document": body, "footnotes": notes_root}
    texts = {part: list(root.iter(_W + "t")) for part, root in roots.items() if root is not None}
    cutter = _Cutter(pieces, texts, list(body.iter(_W + "r")))
    notes = _note_refs(source, pieces)

    starts = [p.start for p in pieces]
    anchors = [_anchor(source, pieces, starts, notes, d.start, d.end) for d in diagnostics]
    edits = [_edit(d, fix, pieces, starts) for d in diagnostics]
    for anchor in anchors:
        if anchor is not None:
            cutter.cut(*anchor)
    for edit in edits:
        if edit is not None:
            cutter.cut(edit[0], edit[1])
    cutter.apply()

    parent = document.paragraphs[0] if document.paragraphs else None
    stamp = (when or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = _Ids(r for r in roots.values() if r is not None)
    written = 0
    allowed = _apart(edits)
    for k, (d, anchor, edit) in enumerate(zip(diagnostics, anchors, edits)):
        done = k in allowed and cutter.replace(*edit, ids, stamp)
        written += done
        first, last = cutter.runs_between(*anchor) if anchor is not None else (None, None)
        if first is None and cutter.spans:  # nowhere in the body's text: on its first run
            first = last = cutter.spans[0][2]
        if first is not None and parent is not None:
            document.add_comment([Run(first, parent), Run(last, parent)],
                                 text=_comment(d, done), author=AUTHOR, initials="UL")
    out = io.BytesIO()
    document.save(out)
    if notes_root is not None:
        return _replace_part(out.getvalue(), notes_name, notes_root), written
    return out.getvalue(), written


def _apart(edits: list) -> set[int]:
    """The indices of the edits to write: each that does not overlap one written before it
    (in text order), nor inserts where another edit is."""
    out: set[int] = set()
    last = None
    for k in sorted((k for k, e in enumerate(edits) if e is not None), key=lambda k: edits[k][:2]):
        start, end = edits[k][:2]
        if last is None or start > last[1] or start == last[1] and last[0] < last[1] and start < end:
            out.add(k)
            last = (start, end)
    return out


def _comment(d: Diagnostic, done: bool) -> str:
    text = f"{d.code} [{d.rule}] {d.message}"
    if d.fix is not None:
        text += f"\nFix{' (written as a tracked change)' if done else ''}: {d.fix.title}"
    return text


def _edit(d: Diagnostic, fix: str | None, pieces, starts) -> tuple[int, int, str] | None:
    """The one edit of ``d``'s fix to write, if the run asked for it and its text is the body's
    own, in one paragraph."""
    if fix is None or d.fix is None or len(d.fix.edits) != 1:
        return None
    if not d.fix.applicability.applies(unsafe=fix == "unsafe"):
        return None
    e = d.fix.edits[0]
    if not _covered(pieces, starts, e.start, e.end):
        return None
    return e.start, e.end, e.content


def _covered(pieces, starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) is all text of ``w:t`` pieces with no gap (one paragraph)."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return False
    pos = start
    while i < len(pieces) and pos < end or pos == start == end:
        p = pieces[i]
        if p.kind != "t" or not p.start <= pos <= p.end:
            return False
        if pos == end:
            return True
        pos = p.end
        i += 1
    return pos >= end


def _note_refs(source, pieces) -> dict[str, tuple[int, int]]:
    """Footnote label -> the span of its first reference mark in the body."""
    out: dict[str, tuple[int, int]] = {}
    for p in pieces:
        if p.kind == "r":
            label = source.text[p.start:p.end]
            out.setdefault(label, (p.start, p.end))
    return out


def _anchor(source, pieces, starts: list[int], notes, start: int, end: int) -> tuple[int, int] | None:
    """The body text a finding at [start, end) is anchored on: its own, clipped to the pieces
    of its paragraph; the nearest text of the paragraph; or its footnote's reference."""
    unit = source.locate(start)
    if unit.kind == "footnote":
        from unlint.readers import marks

        label = str(unit.number).translate(marks.digit_superscripts())
        return notes.get(label)
    i = max(bisect_right(starts, start) - 1, 0)
    if not pieces:
        return None
    line_end = source.text.find("\n", start)
    line_end = len(source.text) if line_end == -1 else line_end
    line_start = source.text.rfind("\n", 0, start) + 1
    inside = [p for p in pieces[i : bisect_left(starts, max(end, start + 1))]
              if p.end > start and p.start < max(end, start + 1)]
    if inside:
        return max(start, inside[0].start), min(max(end, start + 1), inside[-1].end)
    near = [p for p in pieces[max(i - 1, 0) : i + 2] if line_start <= p.start < line_end]
    return (near[0].start, near[0].end) if near else None


def _footnotes(document):
    """(name in the archive, root element) of the footnotes part, or (None, None). python-docx
    keeps that part as bytes: it is parsed here (no entities, no network) and written back
    into the saved archive by :func:`_replace_part`."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            part = rel.target_part
            return str(part.partname).lstrip("/"), etree.fromstring(part.blob, parser)
    return None, None


def _replace_part(package: bytes, name: str, root) -> bytes:
    """The archive with part ``name`` written from ``root``."""
    import zipfile

    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == name:
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            new.writestr(item, data)
    return out.getvalue()


class _Ids:
    """Fresh ``w:id`` values for revisions: above every id the parts use."""

    def __init__(self, roots):
        used = [int(v) for root in roots for e in root.iter() for k, v in e.attrib.items()
                if k == _W + "id" and v.lstrip("-").isdigit()]
        self.next = max(used, default=0) + 1

    def __call__(self) -> str:
        self.next += 1
        return str(self.next - 1)


class _Cutter:
    """Cut runs at offsets of Source.text, then find the runs between two offsets."""

    def __init__(self, pieces, texts, runs):
        self.pieces = pieces
        self.texts, self.runs = texts, runs
        self.cuts: set[int] = set()
        self.spans: list[tuple[int, int, object]] = []  # (start, end, w:r) after the cuts

    def cut(self, start: int, end: int) -> None:
        self.cuts.update((start, end))

    def apply(self) -> None:
        for p in self.pieces:
            if p.kind == "r":
                self.spans.append((p.start, p.end, self.runs[p.ordinal]))
                continue
            t = self.texts[p.part][p.ordinal]
            inner = sorted(c for c in self.cuts if p.start < c < p.end)
            bounds = [p.start, *inner, p.end]
            parts = _split(t, [p.offset + c - p.start for c in inner])
            for (a, b), run in zip(zip(bounds, bounds[1:]), parts):
                self.spans.append((a, b, run))
        self.spans.sort(key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]

    def runs_between(self, start: int, end: int):
        i = bisect_left(self.starts, start)
        chosen = [s for s in self.spans[i:bisect_left(self.starts, end)] if s[1] <= end] or (
            self.spans[i : i + 1] if i < len(self.spans) else [])
        if not chosen:
            return None, None
        return chosen[0][2], chosen[-1][2]

    def replace(self, start: int, end: int, content: str, ids, stamp: str) -> bool:
        i = bisect_left(self.starts, start)
        chosen = [s for s in self.spans[i:bisect_left(self.starts, end)] if s[1] <= end]
        if sum(b - a for a, b, _ in chosen) != end - start:
            return False
        if not chosen:  # an insertion: after the run that ends here
            if i == 0 or self.spans[i - 1][1] != start:
                return False
            anchor = model = self.spans[i - 1][2]
        else:
            anchor, model = chosen[-1][2], chosen[0][2]
        for _, _, run in chosen:
            _delete(run, ids(), stamp)
        if content:
            ins = _element("ins", ids(), stamp)
            new = copy.deepcopy(model)
            for child in list(new):
                if child.tag != _W + "rPr":
                    new.remove(child)
            t = new.makeelement(_W + "t", {})
            t.text = content
            _preserve(t)
            new.append(t)
            ins.append(new)
            target = anchor.getparent() if anchor.getparent().tag == _W + "del" else anchor
            target.addnext(ins)
        return True


def _element(kind: str, rid: str, stamp: str):
    from docx.oxml import OxmlElement

    e = OxmlElement(f"w:{kind}")
    e.set(_W + "id", rid)
    e.set(_W + "author", AUTHOR)
    e.set(_W + "date", stamp)
    return e


def _delete(run, rid: str, stamp: str) -> None:
    """Wrap ``run`` in a tracked deletion: its ``w:t`` become ``w:delText``."""
    for t in run.findall(_W + "t"):
        t.tag = _W + "delText"
    wrapper = _element("del", rid, stamp)
    run.addprevious(wrapper)
    wrapper.append(run)


def _split(t, offsets: list[int]) -> list:
    """Cut the run of ``t`` at these character offsets of ``t``'s text: the runs holding each
    part, in order (the first is the original run). Each new run has a copy of the run's
    formatting; what followed ``t`` in its run moves to the last part, the same elements."""
    run = t.getparent()
    if not offsets:
        return [run]
    text = t.text or ""
    cuts = [0, *offsets, len(text)]
    children = list(run)
    after = children[children.index(t) + 1 :]
    rpr = run.find(_W + "rPr")
    t.text = text[: cuts[1]]
    _preserve(t)
    out = [run]
    for k in range(1, len(cuts) - 1):
        right = run.makeelement(run.tag, dict(run.attrib))
        if rpr is not None:
            right.append(copy.deepcopy(rpr))
        part = right.makeelement(_W + "t", {})
        part.text = text[cuts[k] : cuts[k + 1]]
        _preserve(part)
        right.append(part)
        out[-1].addnext(right)
        out.append(right)
    for child in after:
        out[-1].append(child)  # moved, not copied: later pieces still find their w:t
    return out


def _preserve(t) -> None:
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
