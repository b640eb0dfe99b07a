"""HTML report (``--format html -o report.html``): one self-contained page, no external resource.

Each file is shown as it is, line by line, with every finding highlighted where it is (a
``<mark>`` around the flagged text; a caret where the span is empty); beside it the findings
grouped by severity and rule, each with its message, position and fix. The filters (severity,
rule, a search box) hide findings and their highlights together; clicking a finding scrolls
to it in the text, clicking a highlight shows its findings in the list. All document text is
escaped, so a resolution containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from unlint import __version__, ruledocs
from unlint.diagnostics import Applicability, Diagnostic
from unlint.output import printable
from unlint.source import Source

SEVERITIES = ("error", "warning", "info")
FIX_KINDS = {Applicability.SAFE: "safe fix", Applicability.UNSAFE: "unsafe fix (review it)",
             Applicability.DISPLAY: "fix shown only"}
CONTEXT = 24  # characters shown around a fix's edit


def _esc(text: str) -> str:
    """Escaped text; control characters (form feeds of PDF text ...) as their visible symbols."""
    if not text.isprintable():
        text = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c != "\t" else "\u2421" if c == "\x7f" else c
                       for c in text)
    return html.escape(text, quote=True)


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def _lines(source: Source, diagnostics: list[Diagnostic], ids: list[str], prefix: str) -> str:
    """The document, one ``<li>`` per line, with highlights."""
    text = source.text
    starts = source.line_starts
    by_line: dict[int, list[int]] = defaultdict(list)  # line index -> diagnostics on it
    points: dict[int, list[int]] = defaultdict(list)  # line index -> diagnostics shown as a caret
    for i, d in enumerate(diagnostics):
        first = source.position(d.start)[0] - 1
        if d.end <= d.start or not text[d.start : d.end].strip("\r\n"):
            points[first].append(i)
            continue
        last = source.position(d.end - 1)[0] - 1
        for line in range(first, last + 1):
            by_line[line].append(i)
    out = []
    for n, line_start in enumerate(starts):
        line_end = starts[n + 1] if n + 1 < len(starts) else len(text)
        content_end = line_end
        while content_end > line_start and text[content_end - 1] in "\r\n":
            content_end -= 1
        if n + 1 == len(starts) and line_start == len(text) and n > 0 and not points.get(n):
            break  # the empty "line" after a final newline
        cuts = {line_start, content_end}
        for i in by_line.get(n, ()):
            cuts.update(x for x in (diagnostics[i].start, diagnostics[i].end) if line_start < x < content_end)
        for i in points.get(n, ()):
            cuts.add(min(max(diagnostics[i].start, line_start), content_end))
        cuts = sorted(cuts)
        parts = []
        for a, b in zip(cuts, [*cuts[1:], None]):
            here = [i for i in points.get(n, ()) if min(max(diagnostics[i].start, line_start), content_end) == a]
            if here:
                parts.append(_mark(here, diagnostics, ids, "", point=True))
            if b is None:
                break
            covering = [i for i in by_line.get(n, ()) if diagnostics[i].start < b and diagnostics[i].end > a]
            segment = _esc(text[a:b])
            parts.append(_mark(covering, diagnostics, ids, segment) if covering else segment)
        out.append(f'<li id="{prefix}-L{n + 1}"><span class="ln">{n + 1}</span>'
                   f'<span class="tx">{"".join(parts)}</span></li>')
    return "\n".join(out)


def _mark(indices: list[int], diagnostics: list[Diagnostic], ids: list[str], inner: str,
          point: bool = False) -> str:
    worst = min((diagnostics[i].severity.value for i in indices), key=_rank)
    tip = "\n".join(f"{diagnostics[i].code} {diagnostics[i].message}" for i in indices)
    cls = "hl point" if point else "hl"
    return (f'<mark class="{cls}" data-sev="{worst}" data-ids="{" ".join(ids[i] for i in indices)}" '
            f'title="{_attr(tip)}">{inner}</mark>')


def _fix(source: Source, d: Diagnostic) -> str:
    if d.fix is None:
        return ""
    kind = FIX_KINDS[d.fix.applicability]
    edits = []
    for e in d.fix.edits:  # the edit with a little of its line around it
        before = source.text[max(0, e.start - CONTEXT) : e.start].rsplit("\n", 1)[-1].lstrip("\r")
        after = source.text[e.end : e.end + CONTEXT].split("\n", 1)[0].rstrip("\r")
        edits.append(f'<code class="edit">…{_esc(before)}<del>{_esc(source.text[e.start:e.end])}</del>'
                     f'<ins>{_esc(e.content)}</ins>{_esc(after)}…</code>')
    return (f'<div class="fix fix-{d.fix.applicability.value}"><span class="fixkind">{kind}:</span> '
            f'{_esc(d.fix.title)}{"".join(edits)}</div>')


def _findings(source: Source, diagnostics: list[Diagnostic], ids: list[str], summaries: dict) -> str:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(diagnostics):
        groups[d.severity.value, d.code].append(i)
    out = []
    for severity, code in sorted(groups, key=lambda k: (_rank(k[0]), k[1])):
        items = groups[severity, code]
        first = diagnostics[items[0]]
        summary = summaries.get(code, "")
        page = ruledocs.uri(code)  # the rule's documentation page, shipped with unlint
        name = f'<a href="{_attr(page)}">{_esc(code)}</a>' if page else _esc(code)
        rows = []
        for i in items:
            d = diagnostics[i]
            where = source.locate(d.start).label()  # "12:5"; "p3:12:5" in a PDF, "¶12:5" in Word
            rows.append(
                f'<li class="finding" id="{ids[i]}" data-id="{ids[i]}" data-code="{_attr(d.code)}" '
                f'data-sev="{d.severity.value}"><a class="pos" href="#{ids[i]}">{where}</a> '
                f'<span class="msg">{_esc(d.message)}</span>{_fix(source, d)}</li>')
        out.append(
            f'<details open class="group" data-code="{_attr(code)}" data-sev="{severity}">'
            f'<summary title="{_attr(summary)}"><span class="sev sev-{severity}">{severity}</span> '
            f'<b>{name}</b> {_esc(first.rule)} <span class="count">{len(items)}</span></summary>'
            f'<ul>{"".join(rows)}</ul></details>')
    return "\n".join(out) or '<p class="none">No problems found.</p>'


def render(results: list[tuple[Source, list[Diagnostic]]], rules: list = ()) -> str:
    """The whole report as one HTML page."""
    summaries = {r.code: r.summary for r in rules}
    severities = Counter(d.severity.value for _, ds in results for d in ds)
    codes = Counter(d.code for _, ds in results for d in ds)
    total = sum(severities.values())
    sections = []
    for f, (source, diagnostics) in enumerate(results):
        ids = [f"f{f}d{i}" for i in range(len(diagnostics))]
        counts = Counter(d.severity.value for d in diagnostics)
        shown = ", ".join(_plural(counts[s], s) for s in SEVERITIES if counts[s]) or "no problems"
        # a file without findings is folded: the page opens on the files that need work
        sections.append(
            f'<section class="file" id="f{f}"><details{" open" if diagnostics else ""}><summary><h2>'
            f'<span class="path">{_esc(printable(source.path))}</span> <span class="counts">{shown}</span></h2></summary>'
            f'<div class="cols"><ol class="doc" id="f{f}-doc">{_lines(source, diagnostics, ids, f"f{f}")}</ol>'
            f'<aside class="findings">{_findings(source, diagnostics, ids, summaries)}</aside></div>'
            f'</details></section>')
    sev_filters = "".join(
        f'<label class="chip sev-{s}"><input type="checkbox" data-filter="sev" value="{s}" checked> '
        f'{s} <span class="count">{severities[s]}</span></label>' for s in SEVERITIES)
    rule_filters = "".join(
        f'<label class="chip" title="{_attr(summaries.get(c, ""))}"><input type="checkbox" data-filter="rule" '
        f'value="{_attr(c)}" checked> {_esc(c)} <span class="count">{n}</span></label>'
        for c, n in sorted(codes.items()))
    title = f"unlint report: {_plural(total, 'problem')} in {_plural(len(results), 'file')}"
    return _PAGE.format(title=_esc(title), version=_esc(__version__), sev_filters=sev_filters,
                        rule_filters=rule_filters, sections="\n".join(sections), style=_STYLE, script=_SCRIPT)


_STYLE = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --bg-error: #fde0e0; --bg-warning: #fff0c2;
  --bg-info: #dcecff; font-family: system-ui, sans-serif; font-size: 15px; color: #1d1d1f; }
body { margin: 0; background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd; padding: .5rem 1rem; }
header h1 { font-size: 1.1rem; margin: 0 0 .4rem; }
.filters { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
.chip { border: 1px solid #ccc; border-radius: 1rem; padding: .1rem .55rem; font-size: .85rem; cursor: pointer; user-select: none; }
.chip .count, summary .count { color: #666; font-size: .8em; }
#search { margin-left: auto; padding: .2rem .5rem; min-width: 14rem; }
section.file { margin: 1rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
section.file > details > summary { cursor: pointer; padding: .5rem .8rem; border-bottom: 1px solid #eee; }
section.file h2 { font-size: 1rem; margin: 0; display: inline; }
.counts { color: #666; font-weight: normal; font-size: .85rem; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 30rem); }
ol.doc { margin: 0; padding: .5rem 0; list-style: none; font-family: ui-monospace, monospace; font-size: .85rem; line-height: 1.45; }
ol.doc li { display: grid; grid-template-columns: 3.5rem minmax(0, 1fr); }
.ln { color: #999; text-align: right; padding-right: .8rem; user-select: none; }
.tx { white-space: pre-wrap; overflow-wrap: anywhere; padding-right: .5rem; }
mark.hl { background: var(--bg-info); border-bottom: 2px solid var(--info); color: inherit; cursor: pointer; }
mark.hl[data-sev="warning"] { background: var(--bg-warning); border-bottom-color: var(--warning); }
mark.hl[data-sev="error"] { background: var(--bg-error); border-bottom-color: var(--error); }
mark.hl.point { background: none; border: 0; }
mark.hl.point::before { content: "\\2038"; color: var(--info); font-weight: bold; }
mark.hl.point[data-sev="warning"]::before { color: var(--warning); }
mark.hl.point[data-sev="error"]::before { color: var(--error); }
mark.hl.off { background: none; border-bottom: 0; cursor: text; }
mark.hl.point.off::before { content: none; }
.flash { outline: 3px solid #7b1fa2; outline-offset: 1px; }
aside.findings { border-left: 1px solid #eee; padding: .3rem .6rem; max-height: 85vh; overflow: auto; position: sticky; top: 5rem; align-self: start; }
details.group { margin: .3rem 0; }
details.group summary { cursor: pointer; }
details.group ul { list-style: none; padding-left: .4rem; margin: .2rem 0; }
li.finding { padding: .25rem .3rem; border-radius: 4px; font-size: .9rem; }
li.finding.selected { background: #f3e5f5; }
.pos { font-family: ui-monospace, monospace; color: #555; margin-right: .3rem; }
.sev { display: inline-block; border-radius: 3px; padding: 0 .3rem; color: #fff; font-size: .75rem; }
.sev-error .sev, .sev.sev-error { background: var(--error); }
.sev.sev-warning { background: var(--warning); }
.sev.sev-info { background: var(--info); }
label.sev-error { border-color: var(--error); } label.sev-warning { border-color: var(--warning); } label.sev-info { border-color: var(--info); }
.fix { margin: .2rem 0 0 .2rem; color: #2e7d32; font-size: .85rem; }
.fix-unsafe { color: #8d6e00; } .fix-display { color: #555; }
code.edit { display: block; white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: .15rem .3rem; margin-top: .15rem; color: #333; }
del { background: #ffd7d5; } ins { background: #ccffd8; text-decoration: none; }
.none { color: #2e7d32; }
footer { color: #888; font-size: .8rem; margin: 1rem; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } aside.findings { position: static; max-height: none; border-left: 0; } }
"""

_SCRIPT = """
(function () {
  "use strict";
  var sev = {}, rules = {};
  function checked(kind) {
    var on = {};
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }
  var order = ["error", "warning", "info"];
  function apply() {
    sev = checked("sev"); rules = checked("rule");
    var q = document.getElementById("search").value.trim().toLowerCase();
    var visible = {}, bySev = {};
    document.querySelectorAll("li.finding").forEach(function (li) {
      var show = sev[li.dataset.sev] && rules[li.dataset.code] &&
        (!q || li.textContent.toLowerCase().indexOf(q) >= 0);
      li.hidden = !show;
      if (show) { visible[li.dataset.id] = true; }
      bySev[li.dataset.id] = li.dataset.sev;
    });
    document.querySelectorAll("details.group").forEach(function (g) {
      var shown = g.querySelectorAll("li.finding:not([hidden])").length;
      g.hidden = shown === 0;
      g.querySelector("summary .count").textContent = shown;
    });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      var ids = m.dataset.ids.split(" ").filter(function (id) { return visible[id]; });
      m.classList.toggle("off", ids.length === 0);
      if (ids.length) {
        var worst = ids.map(function (id) { return order.indexOf(bySev[id]); }).sort()[0];
        m.dataset.sev = order[worst];
      }
    });
    document.body.dataset.visible = Object.keys(visible).length;
  }
  function flash(el) {
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1500);
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("search").addEventListener("input", apply);
  document.querySelectorAll("li.finding a.pos").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var id = a.closest("li").dataset.id;
      var marks = Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (m) {
        return m.dataset.ids.split(" ").indexOf(id) >= 0;
      });
      if (marks.length) { marks[0].scrollIntoView({block: "center"}); marks.forEach(flash); }
    });
  });
  document.querySelectorAll("mark.hl").forEach(function (m) {
    m.addEventListener("click", function () {
      document.querySelectorAll("li.finding.selected").forEach(function (li) { li.classList.remove("selected"); });
      m.dataset.ids.split(" ").forEach(function (id, n) {
        var li = document.getElementById(id);
        if (li && !li.hidden) { li.classList.add("selected"); if (n === 0) { li.scrollIntoView({block: "nearest"}); } }
      });
    });
  });
  apply();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="unlint {version}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="filters">{sev_filters}<span class="sep"></span>{rule_filters}
<input id="search" type="search" placeholder="Filter the findings" aria-label="Filter the findings"></div>
</header>
<main>
{sections}
</main>
<footer>Generated by unlint {version}.</footer>
<script>{script}</script>
</body>
</html>
"""
