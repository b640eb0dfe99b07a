"""Citations and dates: the extraction (every UN citation form), the listing, the seeds, the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CORPUS, needs_corpus

from unlint.analysis.citations import find_citations, format_citations
from unlint.analysis.dates import find_dates
from unlint.analysis.document import document_date, document_session
from unlint.analysis.grammar import longest_parse, parser
from unlint.analysis.numerals import ordinal
from unlint.engine import lint_document, load
from unlint.settings import Settings
from unlint.source import Source, decode

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"  # the seeds, as shipped in examples/
DEFAULT_CODES = ("CI001", "CI002", "CI003", "CI004", "CI005", "CI006", "CI007", "CI009", "DT")

FORMS = """\
The General Assembly,

Reaffirming its resolutions 46/152 of 18 December 1991, 69/193 and 69/196 of 18 December 2014, 70/178 and 70/182 of 17 December 2015,

Recalling General Assembly resolution 69/197, Economic and Social Council resolution 2017/15 of 6 July 2017 and Commission on Crime Prevention and Criminal Justice resolution 25/2 of 27 May 2016,

Recalling also Security Council resolution 1373 (2001) of 28 September 2001, resolution S-30/1, resolution 67/234 B, decision 72/511 and resolution 2200 A (XXI), and its resolution ES-10/23 of 10 May 2024,

1. Welcomes resolution 8/2 of the Conference of the Parties adopted on 21 October 2016, the documents A/72/125, E/CN.15/2015/16, A/CONF.192/15, CTOC/COP/2018/13 and E/2017/30, and the meeting held in Vienna from 6 to 10 November 2017.
"""


def _doc(text: str, fmt: str = "text"):
    return load(Source("case.txt", text), fmt)


def _cites(doc):
    return [(c.kind, c.number, c.body, str(c.date) if c.date else None) for c in find_citations(doc)]


def test_the_grammar_is_lalr_and_builds_both_parsers():
    for start in ("citation", "date"):
        p = parser(start)
        assert p.options.parser == "lalr" and p.options.start == [start]
    assert parser("citation") is parser("citation")  # built once


def test_every_citation_form_of_the_issue():
    assert _cites(_doc(FORMS)) == [
        ("resolution", "46/152", "General Assembly", "18 December 1991"),
        ("resolution", "69/193", "General Assembly", "18 December 2014"),
        ("resolution", "69/196", "General Assembly", "18 December 2014"),
        ("resolution", "70/178", "General Assembly", "17 December 2015"),
        ("resolution", "70/182", "General Assembly", "17 December 2015"),
        ("resolution", "69/197", "General Assembly", None),
        ("resolution", "2017/15", "Economic and Social Council", "6 July 2017"),
        ("resolution", "25/2", "Commission on Crime Prevention and Criminal Justice", "27 May 2016"),
        ("resolution", "1373 (2001)", "Security Council", "28 September 2001"),
        ("resolution", "S-30/1", "General Assembly", None),
        ("resolution", "67/234 B", "General Assembly", None),
        ("decision", "72/511", "General Assembly", None),
        ("resolution", "2200 A (XXI)", "General Assembly", None),
        ("resolution", "ES-10/23", "General Assembly", "10 May 2024"),
        ("resolution", "8/2", "Conference of the Parties", "21 October 2016"),
        ("document", "A/72/125", None, None),
        ("document", "E/CN.15/2015/16", None, None),
        ("document", "A/CONF.192/15", None, None),
        ("document", "CTOC/COP/2018/13", None, None),
        ("document", "E/2017/30", None, None),
    ]


def test_shared_dates_and_positions():
    doc = _doc(FORMS)
    found = {c.number: c for c in find_citations(doc)}
    assert found["69/193"].shared and found["69/196"].shared and not found["46/152"].shared
    c = found["69/196"]
    assert doc.text[c.start:c.end] == "69/196"
    assert doc.text[c.date_start:c.date_end] == "18 December 2014"
    assert found["69/193"].group == found["70/182"].group != found["2017/15"].group


def test_a_comma_before_and_closes_the_group():
    doc = _doc("The General Assembly,\n\nRecalling its resolutions 68/186 of 18 December 2013, "
               "69/196, and 70/76 of 9 December 2015,\n\n1. Notes.\n")
    assert [(n, d) for _, n, _, d in _cites(doc)] == [
        ("68/186", "18 December 2013"), ("69/196", None), ("70/76", "9 December 2015")]


def test_its_and_the_council():
    doc = _doc("The General Assembly,\n\nCalls upon Member States to cooperate with the Security "
               "Council Committee established pursuant to its resolution 1373 (2001), and recalls "
               "that the Commission, in its resolution 25/2, and its resolution 70/1,\n\n1. Notes.\n")
    assert [(n, b, c.via) for c in find_citations(doc) for n, b in [(c.number, c.body)]] == [
        ("1373 (2001)", "Security Council", "its"), ("25/2", "Commission", "its"),
        ("70/1", "General Assembly", "its")]


def test_page_numbers_and_bare_numbers_are_not_citations():
    doc = _doc("The General Assembly,\n\nNoting paragraphs 9/20 and 18-22282 of the report, and "
               "resolution 7/2 of 10 November 2017 of the Conference,\n\n1. Notes.\n")
    assert _cites(doc) == [("resolution", "7/2", None, "10 November 2017")]


def test_dates_and_ranges():
    doc = _doc("14 November 2017\n\nThe General Assembly,\n\nNoting the Congress, Havana, 27 August–"
               "7 September 1990, the Conference, New York, 9–20 July 2001, the session held from "
               "6 to 10 November 2017, the meeting on 16 and 17 December 2025 and 5 September,\n\n"
               "1. Notes December 18, 2014 and 18th December 2014 and 18/12/2014.\n")
    found = [(d.form, d.text, str(d.first), str(d.last) if d.last else None, d.zone) for d in find_dates(doc)]
    assert found == [
        ("un", "14 November 2017", "14 November 2017", None, "header"),
        ("range", "27 August–7 September 1990", "27 August 1990", "7 September 1990", "body"),
        ("range", "9–20 July 2001", "9 July 2001", "20 July 2001", "body"),
        ("range", "6 to 10 November 2017", "6 November 2017", "10 November 2017", "body"),
        ("pair", "16 and 17 December 2025", "16 December 2025", "17 December 2025", "body"),
        ("un", "5 September", "5 September", None, "body"),
        ("us", "December 18, 2014", "18 December 2014", None, "body"),
        ("ordinal", "18th December 2014", "18 December 2014", None, "body"),
        ("numeric", "18/12/2014", "18 December 2014", None, "body"),
    ]
    assert str(document_date(doc)) == "2017-11-14"


def test_session_ordinals():
    assert ordinal("seventy-third") == 73 and ordinal("Eightieth") == 80
    assert ordinal("seventy\u2011second") == 72 and ordinal("session") is None


def test_listing():
    doc = _doc("The General Assembly,\n\nRecalling its resolution 70/1 of 25 September 2015 and "
               "Economic and Social Council resolution 2017/15,\n\n1. Notes A/72/125.\n")
    assert format_citations(doc).splitlines() == [
        "case.txt:3:26: General Assembly (its) | resolution | 70/1 | 25 September 2015",
        "case.txt:3:95: Economic and Social Council | resolution | 2017/15 | -",
        "case.txt:5:10: - | document | A/72/125 | -",
    ]


# ---- the seeds and the corpus (tests/corpus.py)



def _lint(path: Path, codes=DEFAULT_CODES):
    source = decode(str(path), path.read_bytes())
    doc = load(source)
    found = [(*source.position(d.start), d.code) for d in lint_document(doc, Settings(select=codes))]
    return doc, found


def test_seed_draft_dates_69_196_with_70_76():
    """The 2017 draft: "69/196 and 70/76 of 9 December 2015" dates 69/196 a year late: one
    finding (CI002, which names the other date; CI001 on the same span stays silent)."""
    doc, found = _lint(SEEDS / "000_bb6db600084c9eed.txt")
    assert found == [(190, 628, "CI002")]
    assert document_session(doc) == 72
    numbers = [c.number for c in find_citations(doc) if c.kind == "resolution"]
    assert len(numbers) == 72 and numbers.count("69/196") == 4


def test_seed_resolution_fixed_it():
    """The 2018 resolution writes "69/196, and 70/76 of 9 December 2015": nothing to report."""
    doc, found = _lint(SEEDS / "004_52c8993fd1604150.txt")
    assert found == []
    assert document_session(doc) == 73
    c = next(c for c in find_citations(doc) if c.number == "69/196" and c.date is None and c.zone == "body")
    assert c.group == next(x for x in find_citations(doc) if x.number == "70/76").group


# Every finding of the default CI and DT rules on the corpus, read and confirmed.
CORPUS_FINDINGS = {
    ("A-C.2-80-L.25.txt", 336, 44, "CI001"),  # 70/202 "of 22 December 2025" (2015)
    ("A-RES-79-98.txt", 49, 30, "CI002"),  # "1514 (XV) and 1541 (XV) of 15 December 1960"
    ("A-RES-78-277.txt", 56, 66, "CI005"),  # 75/201 (2020) before 70/262 (2016)
    ("A-C.6-80-L.22.txt", 208, 31, "CI004"),  # 51/210 dated again
    ("A-RES-78-115.txt", 211, 31, "CI004"),
    ("A-RES-80-171.txt", 216, 31, "CI004"),
    ("A-RES-78-111.txt", 184, 31, "CI004"),  # 71/146 dated again
    ("A-RES-78-234.txt", 361, 43, "CI004"),  # 75/314 dated again
    ("A-RES-79-144.txt", 2879, 11, "CI004"),  # 77/321 dated again
    ("A-RES-80-39.md", 148, 72, "CI004"),  # decision 73/546 dated again
}


@pytest.fixture(scope="module")
def corpus_findings():
    found = set()
    for path in sorted(CORPUS.glob("*.[mt][dx]*")):
        if path.suffix in (".md", ".txt") and path.name != "MANIFEST.tsv":
            found |= {(path.name, *f) for f in _lint(path)[1]}
    return found


@needs_corpus
def test_corpus_has_only_the_confirmed_findings(corpus_findings):
    unexpected = corpus_findings - CORPUS_FINDINGS
    assert not unexpected, f"new CI/DT findings on adopted or clean corpus text: {sorted(unexpected)}"


@needs_corpus
def test_corpus_real_defects_are_found(corpus_findings):
    errors = {f for f in CORPUS_FINDINGS if f[3] in ("CI001", "CI002")}
    assert errors <= corpus_findings


@pytest.mark.parametrize("start, text", [
    ("citation", "resolutions 69/193 and 69/196 of 18 December 2014, 70/178 and 70/182 of 17 December 2015,"),
    ("citation", "resolution 2200 A (XXI) of 16 December 1966 and Security Council"),
    ("citation", "resolution 1373 (2001) of 28 September 2001; decision 72/511"),
    ("citation", "resolution 67/234 B, adopted on 7 April 2014"),
    ("citation", "resolutions S-30/1 and ES-10/23 of 10 May 2024"),
    ("citation", "resolution 8/2 of the Conference of the Parties"),
    ("citation", "resolutions of the Assembly"),
    ("citation", "resolution"),
    ("date", "27 August-7 September 1990 in Havana"),
    ("date", "from 6 to 10 November 2017,"),
    ("date", "9\u201320 July 2001"),
    ("date", "18 December"),
    ("date", "December 18, 2014"),
])
def test_the_longest_parse_is_lark_s_own_parse_of_the_prefix(start, text):
    """grammar.longest_parse reads a window in one pass; for every prefix of each text it gives
    what the plain way gives: Lark's interactive parser fed token by token, the last place
    where it would accept the end, and that prefix parsed again by Lark.parse."""
    from lark.exceptions import LarkError, UnexpectedCharacters

    def reference(text):
        p = parser(start)
        interactive = p.parse_interactive(text)
        end = previous = None
        try:
            for token in interactive.iter_parse():  # a token is fed when the next one is asked for
                if previous is not None and "$END" in interactive.choices():
                    end = previous
                previous = token.end_pos
            if previous is not None and "$END" in interactive.choices():
                end = previous
        except UnexpectedCharacters:  # the lexer stopped: every token before it was fed
            if previous is not None and "$END" in interactive.choices():
                end = previous
        except LarkError:  # the parser refused the last token: the state before it was checked
            pass
        if end is None:
            return None
        try:
            return p.parse(text[:end])
        except LarkError:
            return None

    def shape(tree):  # the tree with every token's type, text and place
        if tree is None:
            return None
        return tree.data, [shape(c) if hasattr(c, "data") else (c.type, str(c), c.start_pos, c.end_pos)
                           for c in tree.children]

    for end in range(len(text) + 1):
        prefix = text[:end]
        assert shape(longest_parse(start, prefix)) == shape(reference(prefix)), prefix
    # a citation or date in full parses ("resolutions of the Assembly" and "resolution" do not)
    assert (longest_parse(start, text) is None) == (text in ("resolutions of the Assembly", "resolution"))


def test_the_quick_scans_find_what_the_plain_patterns_find():
    """find_dates finds dd/mm/yyyy from its slashes, find_citations "resolution" from
    "esolution" (for speed): the same places, in the same order, as the plain patterns."""
    import re

    from unlint.analysis.citations import _TRIGGER, _triggers
    from unlint.analysis.dates import _candidates, _month_openings

    numeric = r"\d(?<![\w/]\d)\d?/\d{1,2}/(?:19|20)\d{2}(?![\d/])"
    plain = re.compile(f"{_month_openings().pattern}|{numeric}")
    odd = ("1/2/2015 x12/12/2019 12/12/20190 3/4/5/2014 /5/06/1999 05/06/1999/ 5/6/2019 31/12/1999,"
           " Resolution 7/1, -resolution 8/1, xdecision 9/1, decisions 10/1 resolutions S-1/2 "
           "decision ES-10/1 Dec. 5 december 6 Sept. 2017\n12/12/2012")
    texts = [odd, odd[3:], odd[:-1]] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:
        assert list(_candidates(text)) == [(m.start(), m.end()) for m in plain.finditer(text)]
        assert [m.span() for m in _triggers(text)] == [m.span() for m in _TRIGGER.finditer(text)]


def test_one_defect_one_finding_the_more_specific_rule_reports():
    """CI002 supersedes CI001: a resolution given a second, wrong date is one finding, not two
    (both selected); CI001 alone still reports it."""
    from unlint.engine import lint_document, load
    from unlint.settings import Settings
    from unlint.source import Source

    text = ("The General Assembly,\n\nRecalling its resolutions 69/193 and 69/196 of 18 December 2014,\n\n"
            "Recalling also its resolutions 68/186 of 18 December 2013, 69/196 and 70/76 of 9 December 2015,\n\n"
            "1. Decides to remain seized of the matter.\n")
    doc = load(Source("draft.txt", text), None)
    both = [(d.code, text[d.start:d.end]) for d in lint_document(doc, Settings(select=("CI001", "CI002")))]
    assert both == [("CI002", "69/196")]
    alone = [(d.code, text[d.start:d.end]) for d in lint_document(doc, Settings(select=("CI001",)))]
    assert alone == [("CI001", "69/196")]
