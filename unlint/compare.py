"""Compare a draft with its base text: align the two paragraph by paragraph.

A resolution is updated from last year's text: paragraphs are added, deleted, moved and
reworded. :func:`align` pairs each block of the draft (preambular and operative paragraphs,
sub-paragraphs, footnotes) with the block of the base it comes from:

1. the blocks with the same text, in the same order (``difflib.SequenceMatcher`` over the two
   sequences of texts: the longest runs first) are "same";
2. a block with the same text elsewhere is "moved";
3. of the rest, a draft block and a base block of the same kind whose words are at least 60 %
   alike (rapidfuzz's ``token_sort_ratio``) are "changed", most alike first;
4. what remains is "added" (draft only) or "deleted" (base only).

Step 3 compares only the blocks left over by steps 1 and 2, at most ``FUZZY_LIMIT`` on each
side, so a comparison stays fast whatever the texts. The CP rules (:mod:`unlint.rules.changes`)
read the alignment to find what the edit broke.
"""

from __future__ import annotations

import difflib
from textwrap import shorten
from dataclasses import dataclass

FUZZY_LIMIT = 200  # unmatched blocks on each side compared word by word
ALIKE = 60  # rapidfuzz token_sort_ratio from which two blocks are one block changed
SCHEMA_VERSION = 1  # of the JSON of `unlint compare --format json`


@dataclass(frozen=True)
class Block:
    """A paragraph, sub-paragraph or footnote, with a label a reader finds it by."""

    kind: str  # "preambular" | "operative" | "sub" | "note" | "text"
    label: str  # "PP3", "OP12", "OP12(a)", "note 4"
    text: str  # the text without its number
    start: int  # canonical range in its document
    end: int
    index: int  # in doc.paragraphs, or in doc.notes for a note


@dataclass(frozen=True)
class Pair:
    status: str  # "same" | "moved" | "changed" | "added" | "deleted"
    base: Block | None
    draft: Block | None


def blocks(doc) -> list[Block]:
    """The blocks of a document in order: body paragraphs, annex paragraphs, footnotes."""
    out: list[Block] = []
    labels: dict[int, str] = {}  # paragraph index -> label, for its sub-paragraphs
    preambular = 0
    for i, p in enumerate(doc.paragraphs):
        if p.kind == "preambular" and p.part == "body":
            preambular += 1
            label = f"PP{preambular}"
        elif p.kind == "operative":
            label = f"{'OP' if p.part == 'body' else 'annex '}{p.number or '?'}"
        elif p.kind == "sub" and p.parent is not None:
            label = f"{labels.get(p.parent, '¶' + str(p.parent + 1))}({p.number})"
        else:
            label = f"{p.part} {p.kind}"
        labels[i] = label
        out.append(Block(p.kind, label, _words(p.body), p.start, p.end, i))
    for i, n in enumerate(doc.notes):
        out.append(Block("note", f"note {n.label}", _words(n.text), n.label_start, n.start + len(n.text), i))
    return out


def _words(text: str) -> str:
    """The text as compared: markup gone, spaces collapsed, a non-breaking hyphen a hyphen (a
    typesetting choice, not a change of the text)."""
    return " ".join(text.replace("*", "").replace("_", " ").replace("\u2011", "-").split())


def align(base, draft) -> list[Pair]:
    """The pairs of blocks of two documents, in the draft's order (deleted blocks where they
    stood in the base)."""
    return align_blocks(blocks(base), blocks(draft))


def align_blocks(old: list[Block], new: list[Block]) -> list[Pair]:
    """The pairs of two lists of blocks (see the module docstring for the three steps)."""
    match_new: dict[int, tuple[str, int]] = {}  # draft index -> (status, base index)
    matched_old: set[int] = set()
    matcher = difflib.SequenceMatcher(None, [b.text for b in old], [b.text for b in new], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            match_new[b + k] = ("same", a + k)
            matched_old.add(a + k)
    by_text: dict[str, list[int]] = {}
    for i, block in enumerate(old):
        if i not in matched_old:
            by_text.setdefault(block.text, []).append(i)
    for j, block in enumerate(new):
        if j not in match_new and by_text.get(block.text):
            i = by_text[block.text].pop(0)
            match_new[j] = ("moved", i)
            matched_old.add(i)
    _fuzzy(old, new, match_new, matched_old)
    pairs: list[Pair] = []
    deleted = sorted(i for i in range(len(old)) if i not in matched_old)
    d = 0
    for j, block in enumerate(new):
        status, i = match_new.get(j, ("added", None))
        if i is not None:  # the base blocks deleted before this one's base block come first
            while d < len(deleted) and deleted[d] < i:
                pairs.append(Pair("deleted", old[deleted[d]], None))
                d += 1
        pairs.append(Pair(status, old[i] if i is not None else None, block))
    pairs.extend(Pair("deleted", old[i], None) for i in deleted[d:])
    return pairs


def _fuzzy(old, new, match_new: dict, matched_old: set) -> None:
    """Pair the blocks left over by their words, most alike first: "changed" (wherever the
    draft put it)."""
    from rapidfuzz import fuzz

    rest_old = [i for i in range(len(old)) if i not in matched_old][:FUZZY_LIMIT]
    rest_new = [j for j in range(len(new)) if j not in match_new][:FUZZY_LIMIT]
    candidates = []
    for j in rest_new:
        for i in rest_old:
            if _same_kind(new[j], old[i]):
                score = fuzz.token_sort_ratio(new[j].text, old[i].text, score_cutoff=ALIKE)
                if score:
                    candidates.append((score, j, i))
    candidates.sort(key=lambda c: -c[0])
    for _, j, i in candidates:
        if j in match_new or i in matched_old:
            continue
        match_new[j] = ("changed", i)
        matched_old.add(i)


def _same_kind(a: Block, b: Block) -> bool:
    """A note pairs with a note, a paragraph with a paragraph."""
    return (a.kind == "note") == (b.kind == "note")


def word_diff(old: str, new: str) -> str:
    """The words removed and added: "[-old-]{+new+}", the rest as it is."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def counts(pairs: list[Pair]) -> dict[str, int]:
    out = {k: 0 for k in ("same", "changed", "moved", "added", "deleted")}
    for p in pairs:
        out[p.status] += 1
    return out


def summary(pairs: list[Pair], base_name: str, draft_name: str, width: int = 100) -> str:
    """The comparison for a person: the counts, then each block that is not the same."""
    c = counts(pairs)
    lines = [f"{base_name} -> {draft_name}: " + ", ".join(f"{n} {k}" for k, n in c.items())]
    renumbered = [f"{p.base.label} -> {p.draft.label}" for p in pairs
                  if p.status == "same" and p.base.label != p.draft.label and p.draft.kind != "sub"]
    if renumbered:
        lines.append("= the same text, renumbered: " + ", ".join(renumbered))
    for p in pairs:
        if p.status == "same":
            continue
        if p.status == "added":
            lines.append(f"+ {p.draft.label} added: {shorten(p.draft.text, width, placeholder=' …')}")
        elif p.status == "deleted":
            lines.append(f"- {p.base.label} deleted: {shorten(p.base.text, width, placeholder=' …')}")
        elif p.status == "moved":
            lines.append(f"~ {p.base.label} -> {p.draft.label} moved")
        else:
            renumbered = "" if p.base.label == p.draft.label else f" -> {p.draft.label}"
            lines.append(f"* {p.base.label}{renumbered} changed: {word_diff(p.base.text, p.draft.text)}")
    return "\n".join(lines) + "\n"


def as_json(pairs: list[Pair]) -> dict:
    def block(b: Block | None):
        return None if b is None else {"label": b.label, "kind": b.kind, "text": b.text}

    return {"schema_version": SCHEMA_VERSION, "counts": counts(pairs),
            "alignment": [{"status": p.status, "base": block(p.base), "draft": block(p.draft),
                           **({"diff": word_diff(p.base.text, p.draft.text)} if p.status == "changed" else {})}
                          for p in pairs]}
