"""The side-by-side page of ``unlint compare --format html -o FILE``: self-contained, no
external resource, every text escaped.

One row per pair of the alignment (:mod:`unlint.compare`): the base's block on the left, the
draft's on the right, coloured by what happened to it (changed, moved, added, deleted); a
changed block shows the words removed and added; the findings of the CP rules (and any other
selected) stand under the draft block they are in. A filter shows only the rows that changed.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right

from unlint import __version__
from unlint.output.html import _esc

_STYLE = """
body{font:15px/1.45 Georgia,serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}
td,th{vertical-align:top;padding:.35em .6em;border-bottom:1px solid #ddd;width:50%}
th{text-align:left;font-family:sans-serif}
.label{font:12px sans-serif;color:#666;display:block}
tr.changed td{background:#fff8e1} tr.added td.draft{background:#e8f5e9}
tr.deleted td.base{background:#fdecea} tr.moved td{background:#e3f2fd}
del{background:#f8c4c4;text-decoration:line-through} ins{background:#c8e6c9;text-decoration:none}
.finding{font:13px sans-serif;margin:.3em 0;padding:.2em .4em;border-left:3px solid #c62828}
.only-changes tr.same{display:none}
"""


def render(pairs, found, draft, base_name: str, draft_name: str) -> str:
    """The page: ``pairs`` of the alignment, ``found`` the diagnostics of ``draft`` (the draft
    document, whose canonical ranges the blocks give)."""
    spans = sorted((*draft.canonical.span(p.draft.start, max(p.draft.end, p.draft.start + 1)), k)
                   for k, p in enumerate(pairs) if p.draft is not None)
    starts = [s for s, _, _ in spans]
    under: dict[int, list] = {}
    for d in found:
        i = bisect_right(starts, d.start) - 1
        if i >= 0 and d.start < spans[i][1]:
            under.setdefault(spans[i][2], []).append(d)
    rows = []
    for k, p in enumerate(pairs):
        old, new = _texts(p)
        notes = "".join(f'<div class="finding">{_esc(d.code)} [{_esc(d.rule)}] {_esc(d.message)}</div>'
                        for d in under.get(k, ()))
        rows.append(f'<tr class="{p.status}"><td class="base">{_label(p.base)}{old}</td>'
                    f'<td class="draft">{_label(p.draft, p.status)}{new}{notes}</td></tr>')
    counts = {}
    for p in pairs:
        counts[p.status] = counts.get(p.status, 0) + 1
    told = ", ".join(f"{n} {s}" for s, n in counts.items())
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>unlint compare: '
            f'{_esc(draft_name)}</title><style>{_STYLE}</style></head><body>'
            f'<h1>{_esc(base_name)} → {_esc(draft_name)}</h1><p>{_esc(told)}; {len(found)} finding(s). '
            f'<label><input type="checkbox" onchange="document.body.classList.toggle(\'only-changes\','
            f'this.checked)"> only what changed</label></p>'
            f'<table><tr><th>Base</th><th>Draft</th></tr>{"".join(rows)}</table>'
            f'<p class="label">unlint {_esc(__version__)}</p></body></html>\n')


def _label(block, status: str = "") -> str:
    if block is None:
        return ""
    return f'<span class="label">{_esc(block.label)}{" · " + status if status else ""}</span>'


def _texts(pair) -> tuple[str, str]:
    """The two sides' HTML: a changed pair with its words removed and added marked."""
    if pair.status != "changed":
        return (_esc(pair.base.text) if pair.base else "", _esc(pair.draft.text) if pair.draft else "")
    a, b = pair.base.text.split(), pair.draft.text.split()
    old, new = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = _esc(" ".join(a[i1:i2])), _esc(" ".join(b[j1:j2]))
        if op == "equal":
            old.append(left)
            new.append(right)
            continue
        if left:
            old.append(f"<del>{left}</del>")
        if right:
            new.append(f"<ins>{right}</ins>")
    return " ".join(old), " ".join(new)
