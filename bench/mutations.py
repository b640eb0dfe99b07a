"""Mutation benchmark: one known slip in each copy of a real resolution; recall per defect class.

    python bench/mutations.py [--shared ../shared] [--docs 0] [--per-doc 1] [--seed 1]
                              [--only CLASS,...] [--write] [--show CLASS]

For each text document of ``shared/corpus`` and ``shared/seeds`` (Markdown and PDF text) and
each defect class below, the script picks places where the class's slip can be made, makes
one slip in a copy (``--per-doc`` copies per document and class), lints the copy with the
default rules and counts the slip as found when a finding of one of the class's codes, absent
from the untouched document, lies on the slip's line (or the line before or after; anywhere
for the footnote-numbering classes, whose report may stand at the reference or at the note).

It prints, per class: the copies made, the slips found (recall), and the other findings the
slip brought (knock-on findings that are not the defect: each is noise an editor reads). It
also prints the findings on the untouched documents (each should be a real defect: read
them). ``--show CLASS`` prints the missed slips of a class with their context, and the
found ones that brought other findings. ``--write``
puts the table in bench/RESULTS.md. It measures, it does not fail.

The slips are the ones editors meet (see issue 15 and the rules' own docs); each is made on
the original text, so the document's own reader and every rule see it as a user would. The
shipped record of adoption dates (CI010) was learnt from these very texts: each document is
linted with a record learnt from all the others instead, as a text the record has never seen.
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unlint import spelling  # noqa: E402
from unlint.analysis.record import Record, assembly_dates, learn  # noqa: E402
from unlint.context import Context  # noqa: E402
from unlint.engine import lint_document, load, run_context  # noqa: E402
from unlint.rules.footnotes import mark_edit  # noqa: E402
from unlint.settings import Settings  # noqa: E402
from unlint.source import Source  # noqa: E402


@dataclass(frozen=True)
class Slip:
    """One change of the original text: [start, end) becomes ``new``; a finding is expected
    on the line of ``at`` (an original offset), or anywhere when ``at`` is None."""

    start: int
    end: int
    new: str
    at: int | None


def _original(doc, start: int, end: int) -> tuple[int, int] | None:
    """The original range of a canonical range copied verbatim, else None."""
    if not doc.canonical.is_verbatim(start, end):
        return None
    span = doc.span(start, end)
    if doc.source.text[span.start : span.end] != doc.text[start:end]:
        return None
    return span.start, span.end


def _replace(doc, start: int, end: int, new: str, anywhere: bool = False) -> Slip | None:
    where = _original(doc, start, end)
    if where is None:
        return None
    return Slip(where[0], where[1], new, None if anywhere else where[0])


def _each(doc, paragraphs, pattern: str, new, group: int = 0, body: bool = False) -> list:
    """A slip at each match of ``pattern`` in the paragraphs (their text, or their ``body``
    after the number): the match's ``group`` becomes ``new(match)``."""
    out = []
    for p in paragraphs:
        base, text = (p.body_start, p.body) if body else (p.start, p.text)
        for m in re.finditer(pattern, text):
            out.append(_replace(doc, base + m.start(group), base + m.end(group), new(m)))
    return out


def _body(doc):
    return [p for p in doc.paragraphs if p.part == "body" and p.kind in ("preambular", "operative", "sub")]


# ---------------------------------------------------------------------------------------------
# The defect classes: each returns the slips it could make in a document


def impossible_day(doc, ctx, rng):
    """A day outside its month: "32 December 2013", "31 April 2018", "30 February 2020"."""
    out = []
    for m in ctx.dates:
        d = m.first
        if m.form != "un" or d.day is None or d.year is None or not d.valid:
            continue
        digits = re.match(r"\d{1,2}", doc.text[m.start : m.end])
        if not digits:
            continue
        bad = calendar.monthrange(d.year, d.month)[1] + rng.choice((1, 1, 2))
        out.append(_replace(doc, m.start, m.start + digits.end(), str(bad)))
    return out


_CITED_DATE = re.compile(r"\s+of\s+(\d{1,2}) ")


def citation_date(doc, ctx, rng):
    """An Assembly resolution cited with another day of the same month ("70/1 of 24 September
    2015")."""
    out = []
    for c in ctx.citations:
        if not assembly_dates([c]):
            continue  # an Assembly resolution (the record holds no other organ's)
        m = _CITED_DATE.match(doc.text, c.end)
        if not m:
            continue
        days = calendar.monthrange(c.date.year, c.date.month)[1]
        new = rng.choice([k for k in range(1, days + 1) if abs(k - c.date.day) in range(1, 10)])
        out.append(_replace(doc, m.start(1), m.end(1), str(new)))
    return out


_PREPOSITIONS = {"on": "of", "of": "on", "for": "of", "in": "on", "against": "on", "and": "of"}


def entity_name(doc, ctx, rng):
    """A UN body's name with a word dropped or a wrong preposition ("United Office on Drugs
    and Crime", "Office of Drugs and Crime")."""
    out = []
    for m in ctx.names.matches:
        if m.near or m.name.entity.owner != "EN001" or m.name.role != "name":
            continue
        words = list(re.finditer(r"\S+", doc.text[m.start : m.end]))
        if len(words) < 3:
            continue
        preps = [w for w in words[1:-1] if w.group(0) in _PREPOSITIONS]
        if preps and rng.random() < 0.5:
            w = rng.choice(preps)
            out.append(_replace(doc, m.start + w.start(), m.start + w.end(), _PREPOSITIONS[w.group(0)]))
        else:  # an inner word: with the first or the last gone, the phrase is no name
            w = rng.choice(words[1:-1])
            s = m.start + w.start()
            out.append(_replace(doc, s - 1, m.start + w.end(), ""))
    return out


_STATE_SLIPS = ("drop", "swap")


def state_name(doc, ctx, rng):
    """A Member State's name misspelt in the sponsors or the text ("Argentia", "Bangaldesh")."""
    out = []
    for m in ctx.names.matches:
        if m.near or m.name.entity.owner != "EN002" or m.name.role != "name":
            continue
        name = doc.text[m.start : m.end]
        words = [w for w in re.finditer(r"[A-Za-z]{6,}", name)]
        if not words:
            continue
        w = rng.choice(words)
        word = w.group(0)
        i = rng.randrange(1, len(word) - 2)
        new = word[:i] + word[i + 1 :] if rng.choice(_STATE_SLIPS) == "drop" else (
            word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        if new == word:
            continue
        out.append(_replace(doc, m.start + w.start(), m.start + w.end(), new))
    return out


_WORD = re.compile(r"(?<![\w/.@'’-])[a-z]{6,}(?![\w/@'’-])")


def misspelt_word(doc, ctx, rng):
    """A typing slip in a running word (a letter dropped, added, changed, two swapped) that
    makes no word."""
    out = []
    for p in _body(doc):
        for w in _WORD.finditer(p.text):
            word, i = w.group(0), rng.randrange(1, len(w.group(0)) - 1)
            kind = rng.choice(("drop", "add", "change", "swap"))
            letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
            new = {"drop": word[:i] + word[i + 1 :], "add": word[:i] + letter + word[i:],
                   "change": word[:i] + letter + word[i + 1 :],
                   "swap": word[:i] + word[i + 1] + word[i] + word[i + 2 :]}[kind]
            if new == word or spelling.known(new):
                continue
            out.append(_replace(doc, p.start + w.start(), p.start + w.end(), new))
    return out


def split_word(doc, ctx, rng):
    """A word split by the PDF extraction ("wel l", "implementa tion")."""
    out = []
    for p in _body(doc):
        for w in _WORD.finditer(p.text):
            i = rng.randrange(2, len(w.group(0)) - 1)
            s = p.start + w.start() + i
            out.append(_replace(doc, s, s, " "))
    return out


_HYPHENATED = re.compile(r"(?<![\w-])[a-z]{3,}-[a-z]{3,}(?![\w-])")


def spaced_hyphen(doc, ctx, rng):
    """A hyphen set off by a space ("zero -tolerance", "capacity- building")."""
    out = []
    for p in _body(doc):
        for w in _HYPHENATED.finditer(p.text):
            h = p.start + w.start() + w.group(0).index("-")
            out.append(_replace(doc, h, h, " ") if rng.random() < 0.5 else _replace(doc, h + 1, h + 1, " "))
    return out


def doubled_space(doc, ctx, rng):
    """Two spaces between two words."""
    return _each(doc, _body(doc), r"(?<=[a-z]) (?=[a-z])", lambda m: "  ")


def doubled_word(doc, ctx, rng):
    """A word typed twice ("the the", "to to")."""
    return _each(doc, _body(doc), r"(?<![\w-])(the|to|of|and|in|for|on|that) (?=[a-z])",
                 lambda m: m.group(0) * 2)


def unbalanced_bracket(doc, ctx, rng):
    """A closing bracket deleted ("the Convention (the Palermo Convention, and")."""
    return _each(doc, _body(doc), r"\([^()]{3,80}(\))", lambda m: "", group=1, body=True)


def unbalanced_quote(doc, ctx, rng):
    """A closing quotation mark deleted."""
    return _each(doc, _body(doc), r"\u201c[^\u201c\u201d]{3,120}(\u201d)", lambda m: "", group=1)


def _endings(doc, paragraphs, mark: str, others: tuple[str, ...], rng) -> list:
    """Each paragraph that ends with ``mark``, ending with one of ``others`` instead."""
    out = []
    for p in paragraphs:
        text = p.text.rstrip()
        if text.endswith(mark):
            at = p.start + len(text) - 1
            out.append(_replace(doc, at, at + 1, rng.choice(others)))
    return out


def preambular_ending(doc, ctx, rng):
    """A preambular paragraph ending with ";" or "." instead of ","."""
    return _endings(doc, doc.preambular, ",", (";", "."), rng)


def operative_ending(doc, ctx, rng):
    """An operative paragraph (not the last) ending with "," or "." instead of ";"."""
    return _endings(doc, doc.operative[:-1], ";", (",", "."), rng)


def operative_number(doc, ctx, rng):
    """An operative paragraph numbered as the one after it (a number skipped or repeated)."""
    out = []
    ops = doc.operative
    for k, p in enumerate(ops[1:-1], 1):
        m = re.match(r"\d+", p.text)
        if not m or ops[k - 1].number is None:
            continue
        new = str(int(m.group(0)) + rng.choice((1, -1)))
        out.append(_replace(doc, p.start, p.start + m.end(), new))
    return out


def sub_letter(doc, ctx, rng):
    """A sub-paragraph lettered out of sequence ("(a)", "(c)")."""
    out = []
    for p in doc.paragraphs:
        if p.kind != "sub" or p.part != "body" or not re.fullmatch(r"[b-y]", p.number or ""):
            continue
        m = re.match(r"\(([a-z])\)", p.text)
        if m:
            out.append(_replace(doc, p.start + 1, p.start + 2, chr(ord(m.group(1)) + 1)))
    return out


_ASKS = re.compile(r"\b(?:[Rr]equests|[Uu]rges|[Cc]alls upon|[Ee]ncourages|[Ii]nvites|[Aa]uthorizes)"
                   r" (?:the [A-Z][\w-]+(?: [A-Z][\w-]+)*|all States|Member States|States)( to )"
                   r"(?!the\b|a\b|an\b|its\b|their\b|this\b)(?=[a-z])")


def missing_to(doc, ctx, rng):
    """The "to" after the operative verb's object dropped ("Requests the Secretary-General
    prepare")."""
    out = []
    for p in doc.operative:
        for m in _ASKS.finditer(p.text):
            out.append(_replace(doc, p.start + m.start(1), p.start + m.end(1), " "))
    return out


_XREF = re.compile(r"\bparagraphs? (\d{1,3})(?:,? (?:and|to) \d{1,3})? (above|below|of the present resolution)\b")


def paragraph_reference(doc, ctx, rng):
    """"paragraph N above" ("of the present resolution", "paragraphs N and M below") pointing
    at a paragraph that does not exist, or below, not above."""
    out = []
    highest = max((int(p.number) for p in doc.operative if (p.number or "").isdigit()), default=0)
    for p in doc.operative:
        for m in _XREF.finditer(p.text):
            own = int(p.number) if (p.number or "").isdigit() else None
            if own is None:
                continue
            if m.group(2) == "above" and own < highest and rng.random() < 0.5:
                new = str(rng.randrange(own + 1, highest + 1))
            else:
                new = str(highest + rng.randrange(1, 5))
            out.append(_replace(doc, p.start + m.start(1), p.start + m.end(1), new))
    return out


def reused_footnote(doc, ctx, rng):
    """A reference given the number of an earlier note that cites something else: a note
    re-used for the wrong instrument ("the Single Convention on Narcotic Drugs of 1961,[^1]"
    where note 1 cites the Organized Crime Convention)."""
    out = []
    earlier: list[str] = []
    cited, named = ctx.footnotes.cited, ctx.footnotes.named
    for i, ref in enumerate(doc.refs):
        if not ref.label.isdigit():
            continue
        own = cited.get(ref.label)
        others = [lab for lab in earlier if lab != ref.label and lab in cited and cited[lab].keys
                  and own is not None and own.keys and not own.keys & cited[lab].keys]
        edit = mark_edit(doc, ref, rng.choice(others)) if others else None
        if edit is not None and named.get(i) is not None:
            out.append(Slip(edit.start, edit.end, edit.content, edit.start))
        if ref.label not in earlier:
            earlier.append(ref.label)
    return out


def renumbered_note(doc, ctx, rng):
    """A note definition numbered as its neighbour (two notes "23", no "22")."""
    out = []
    numeric = [n for n in doc.notes if n.label.isdigit()]
    for n in numeric[1:]:
        new = str(int(n.label) + rng.choice((1, -1)))
        out.append(_replace(doc, n.label_start, n.label_start + len(n.label), new, anywhere=True))
    return out


def changed_reference(doc, ctx, rng):
    """A first reference to a note given another number."""
    out = []
    seen = set()
    labels = {n.label for n in doc.notes}
    for ref in doc.refs:
        if not ref.label.isdigit() or ref.label in seen:
            seen.add(ref.label)
            continue
        seen.add(ref.label)
        new = str(int(ref.label) + rng.choice((1, 2)))
        edit = mark_edit(doc, ref, new) if new in labels else None
        if edit is not None:
            out.append(Slip(edit.start, edit.end, new, None))
    return out


def negotiation_leftover(doc, ctx, rng):
    """A word left in square brackets by the negotiation ("calls on the government [to] renew")."""
    return _each(doc, doc.operative, r"(?<= )(to|and|or|all|relevant)(?= )", lambda m: f"[{m.group(0)}]",
                 body=True)


def abbreviation_twice(doc, ctx, rng):
    """An abbreviation defined again at a later use ("... the International Criminal Police
    Organization (INTERPOL)" where the text had defined it)."""
    out = []
    defined = ctx.abbreviations.first_definitions()
    for use in ctx.abbreviations.uses:
        d = defined.get(use.abbreviation)
        if d is not None and use.start > d.end:
            out.append(_replace(doc, use.start, use.end, f"{d.name} ({d.abbreviation})"))
    return out


def lowercase_state(doc, ctx, rng):
    """"States" meaning countries written in lower case ("all states")."""
    return _each(doc, _body(doc), r"\b(?:all|other|coastal|developing|each|interested|concerned) (State)s?\b",
                 lambda m: "state", group=1)


def opener_form(doc, ctx, rng):
    """A preambular paragraph opening with the operative form ("Recalls" for "Recalling")."""
    forms = {"Recalling": "Recalls", "Noting": "Notes", "Welcoming": "Welcomes", "Reaffirming": "Reaffirms",
             "Recognizing": "Recognizes", "Expressing": "Expresses", "Stressing": "Stresses"}
    out = []
    for p in doc.preambular:
        m = re.match(r"[*_]*(" + "|".join(forms) + r")\b", p.body)
        if m:
            s = p.body_start + m.start(1)
            out.append(_replace(doc, s, s + len(m.group(1)), forms[m.group(1)]))
    return out


#: class name -> (slip maker, the codes that report it)
CLASSES = {
    "impossible-day": (impossible_day, ("DT001",)),
    "citation-date": (citation_date, ("CI001", "CI002", "CI010")),
    "entity-name": (entity_name, ("EN001",)),
    "state-name": (state_name, ("EN002", "SP001")),
    "misspelt-word": (misspelt_word, ("SP001",)),
    "split-word": (split_word, ("TX001", "SP001")),
    "spaced-hyphen": (spaced_hyphen, ("TX002",)),
    "doubled-space": (doubled_space, ("PU009", "TX004")),
    "doubled-word": (doubled_word, ("PU003",)),
    "unbalanced-bracket": (unbalanced_bracket, ("PU001",)),
    "unbalanced-quote": (unbalanced_quote, ("PU002",)),
    "preambular-ending": (preambular_ending, ("ST003",)),
    "operative-ending": (operative_ending, ("ST002",)),
    "operative-number": (operative_number, ("ST001",)),
    "sub-letter": (sub_letter, ("ST004",)),
    "missing-to": (missing_to, ("ST008",)),
    "paragraph-reference": (paragraph_reference, ("XR001",)),
    "reused-footnote": (reused_footnote, ("FN008", "FN009")),
    "renumbered-note": (renumbered_note, ("FN001", "FN002", "FN003", "FN004", "FN005")),
    "changed-reference": (changed_reference, ("FN001", "FN002", "FN003", "FN008", "FN009")),
    "negotiation-leftover": (negotiation_leftover, ("DR001",)),
    "abbreviation-twice": (abbreviation_twice, ("CO002",)),
    "lowercase-state": (lowercase_state, ("CO007",)),
    "opener-form": (opener_form, ("DR003",)),
}


# ---------------------------------------------------------------------------------------------


def documents(shared: Path) -> list[Path]:
    files = sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "corpus").glob("*.md"))
    return files + sorted((shared / "seeds").glob("*"))


def _key(d) -> tuple:
    return d.code, d.message


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _cited_dates(files: list[Path], runner) -> dict[Path, set]:
    """The (number, date) pairs each text gives Assembly resolutions, as ``unlint learn``
    reads them."""
    out = {}
    for path in files:
        doc = load(Source(str(path), path.read_text(encoding="utf-8", errors="replace")))
        out[path] = assembly_dates(Context(doc, runner).citations)
    return out


def run(args) -> dict:
    settings = Settings()
    runner = run_context(settings)
    rng = random.Random(args.seed)
    only = set(args.only.split(",")) if args.only else set(CLASSES)
    stats = {name: Counter() for name in CLASSES if name in only}
    missed: dict[str, list] = {name: [] for name in stats}
    clean_findings = Counter()
    files = documents(args.shared)
    if args.docs:
        rng.shuffle(files)
        files = sorted(files[: args.docs])
    started = time.perf_counter()
    cited = _cited_dates(documents(args.shared), runner)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = load(Source(str(path), text))
        # the record of adoption dates as for a text it has never seen: learnt from the others
        others = learn(pairs for other, pairs in cited.items() if other != path)
        runner.__dict__["record"] = Record({e.number: e for e in others})
        base = lint_document(doc, runner)
        clean_findings.update(d.code for d in base)
        if args.show == "clean":
            for d in base:
                print(f"{path.name}:{_line(text, d.start)}: {d.code} {d.message}")
        base_keys = Counter(_key(d) for d in base)
        ctx = Context(doc, runner)
        for name in stats:
            make, codes = CLASSES[name]
            slips = [s for s in make(doc, ctx, rng) if s is not None]
            rng.shuffle(slips)
            for slip in slips[: args.per_doc]:
                copy = text[: slip.start] + slip.new + text[slip.end :]
                found = lint_document(load(Source(str(path), copy)), runner)
                left = base_keys.copy()
                new = []
                for d in found:
                    if left[_key(d)] > 0:
                        left[_key(d)] -= 1
                    else:
                        new.append(d)
                line = None if slip.at is None else _line(copy, slip.at)
                hit = [d for d in new if d.code in codes and (
                    line is None or abs(_line(copy, d.start) - line) <= 1)]
                stats[name]["copies"] += 1
                stats[name]["found"] += bool(hit)
                stats[name]["other"] += len(new) - len(hit)
                if not hit or len(new) > len(hit):
                    s = max(0, slip.start - 60)
                    missed[name].append((path.name, _line(text, slip.start),
                                         text[s : slip.start] + "[" + text[slip.start : slip.end]
                                         + "->" + slip.new + "]" + text[slip.end : slip.end + 40],
                                         [(d.code, d.message) for d in new], bool(hit)))
    return {"stats": stats, "missed": missed, "clean": clean_findings, "files": len(files),
            "seconds": time.perf_counter() - started}


def table(result: dict) -> str:
    rows = ["| class | codes | copies | found | recall | other new findings per copy |",
            "| --- | --- | ---: | ---: | ---: | ---: |"]
    total = Counter()
    for name, s in result["stats"].items():
        n = s["copies"]
        total.update(s)
        recall = f"{s['found'] / n:.2f}" if n else "-"
        other = f"{s['other'] / n:.2f}" if n else "-"
        rows.append(f"| {name} | {', '.join(CLASSES[name][1])} | {n} | {s['found']} | {recall} | {other} |")
    if total["copies"]:
        rows.append(f"| **all** | | {total['copies']} | {total['found']} | "
                    f"{total['found'] / total['copies']:.2f} | {total['other'] / total['copies']:.2f} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--docs", type=int, default=0, help="documents to use (0: all)")
    ap.add_argument("--per-doc", type=int, default=1, help="copies per document and class")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="comma-separated classes")
    ap.add_argument("--show", help="print the missed slips of this class, and the found ones that "
                    "brought other findings ('clean': the findings on the untouched documents)")
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    args = ap.parse_args()
    result = run(args)
    out = table(result)
    print(out)
    clean = result["clean"]
    print(f"\n{result['files']} documents, {sum(clean.values())} findings on the untouched "
          f"documents ({', '.join(f'{c} {n}' for c, n in clean.most_common(8))} ...); "
          f"{result['seconds']:.0f} s")
    if args.show:
        for name, line, context, new, found in result["missed"].get(args.show, []):
            print(f"\n{'found' if found else 'MISSED'} {name}:{line}: {context!r}\n"
                  f"    new findings: {new}")
    if args.write:
        write(out, result, args)


def write(out: str, result: dict, args) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    block = (f"<!-- mutations:start -->\n## Mutation benchmark\n\nWritten by `bench/mutations.py` "
             f"on {time.strftime('%Y-%m-%d %H:%M')} (seed {args.seed}, {args.per_doc} copy per "
             f"document and class, {result['files']} text documents of the corpus and the seeds). "
             f"Each copy holds one slip; a slip is found when a finding of the class's codes that "
             f"the untouched document does not have is on its line (anywhere for the footnote "
             f"numbering classes). \"Other new findings\" are the findings the slip brought that "
             f"are not the defect.\n\n{out}\n<!-- mutations:end -->")
    if "<!-- mutations:start -->" in text:
        text = re.sub(r"<!-- mutations:start -->.*<!-- mutations:end -->", lambda m: block, text,
                      flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
