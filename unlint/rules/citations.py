"""CI: citations of resolutions and decisions (numbers, bodies, dates, sessions).

Every rule reads the shared extraction of :mod:`unlint.analysis.citations` (``ctx.citations``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from unlint.analysis.bodies import assembly, bodies
from unlint.analysis.citations import session_period
from unlint.analysis.document import document_organ, document_session
from unlint.analysis.numerals import ordinal, ordinal_word
from unlint.analysis.text import phrases
from unlint.knowledge import table
from unlint.diagnostics import Applicability, Finding, Fix
from unlint.registry import rule

_ITS_SESSION = re.compile(
    r"\b(?P<who>(?:the\s+)?(?:General\s+)?Assembly|it|(?:provisional\s+)?agenda\s+of)\s*,?\s+"
    r"(?:(?:at|during|to|for|until|before)\s+)?(?:the\s+end\s+of\s+)?its\s+(?:resumed\s+)?"
    r"(?P<ordinal>[a-z]+(?:[-‑][a-z]+)?)\s+session\b"
)
_ADOPTED_AT = re.compile(
    r"\badopted\s+(?:by\s+(?:the\s+(?:General\s+)?Assembly|it)\s+)?(?:at|during)\s+its\s+"
    r"(?P<ordinal>[a-z]+(?:[-‑][a-z]+)?)\s+session\b"
)


@cache
def _future_verb() -> re.Pattern:
    """A request for something to come ("to submit"), or a word of the past (group "past"),
    from rules/verbs.yaml (built once)."""
    verbs = table("verbs")
    return re.compile(rf"\b(?:{phrases(verbs['future_requests'])})\b"
                      rf"|(?P<past>\b(?:{phrases(verbs['past_markers'])})\b)")


def _attributed(ctx):
    return [c for c in ctx.citations if c.kind != "document" and c.body is not None]


def _session_name(number: int) -> str:
    return f"{ordinal_word(number)} session"


@rule("CI001", "resolution-session-date", "error")
def resolution_session_date(doc, ctx):
    """An Assembly resolution dated outside the session its number names.

    **What it does.** General Assembly resolution NN/x is adopted at session NN, which opens in
    September of year 1945+NN and sits until the next opens a year later; "S-30/1" and
    "ES-10/19" belong to special and emergency special sessions, and "2200 A (XXI)" names its
    session in Roman numerals. A date outside that period is flagged. Other bodies' numbers
    (Commission resolution 25/2, Conference of the Parties resolution 8/2, Economic and Social
    Council resolution 2017/15, Security Council resolution 1373 (2001)) are not checked.

    **Why.** A wrong year or a wrong number in a citation sends the reader to another text;
    a date shared by a group ("69/196 and 70/76 of 9 December 2015") silently dates both.

    **Example.** ``resolutions 68/186 of 18 December 2013, 69/196 and 70/76 of 9 December 2015``
    (69/196 is of the sixty-ninth session, 2014-2015).

    **Use instead.** ``68/186 of 18 December 2013, 69/196, and 70/76 of 9 December 2015``, or
    give 69/196 its own date (18 December 2014).
    """
    for c in _attributed(ctx):
        period = session_period(c) if c.date else None
        day = c.date.as_date() if c.date else None
        if period is None or day is None or period[0] <= day <= period[1]:
            continue
        if c.form == "session":
            when = f"the {_session_name(c.session)} (September {period[0].year} to September {period[1].year})"
        else:
            last = "" if period[1].year > 9000 else f"-{period[1].year}"
            when = f"a session that sat in {period[0].year}{last if last != f'-{period[0].year}' else ''}"
        shared = (" (the date follows a group joined by \"and\" and dates all of it; put a comma "
                  "before \"and\" if this one is dated elsewhere)") if c.shared else ""
        yield doc.finding(c.start, c.end, f"{c.kind} {c.number} is of {when}, but is dated "
                          f"{c.date}{shared}")


@rule("CI002", "conflicting-dates", "error", supersedes=("CI001",))
def conflicting_dates(doc, ctx):
    """The same resolution given two different dates in one document.

    **Why.** One of the two dates is wrong; readers and indexers cannot tell which.

    **Example.** ``resolutions 69/193 and 69/196 of 18 December 2014`` and later
    ``resolutions 68/186 of 18 December 2013, 69/196 and 70/76 of 9 December 2015``.

    **Use instead.** The one right date (18 December 2014), or no date at the later mention.

    Where it reports a citation, CI001 (a date outside the resolution's session) stays silent
    on it: one defect, one finding.
    """
    first = {}
    for c in _attributed(ctx):
        if c.date is None:
            continue
        seen = first.setdefault(c.key, c)
        if seen is not c and seen.date != c.date:
            shared = " (a date shared by the group joined by \"and\")" if c.shared else ""
            yield doc.finding(c.start, c.end, f"{c.kind} {c.number} is dated {c.date}{shared} "
                              f"here but {seen.date} at {doc.where(seen.start)}")


@rule("CI003", "repeated-in-list", "warning")
def repeated_in_list(doc, ctx):
    """The same resolution cited twice in one list.

    **Why.** A repeated number is usually a slip for another number (70/1 for 70/11).

    **Example.** ``Recalling its resolutions 70/1 and 70/1 of 25 September 2015,``

    **Use instead.** ``Recalling its resolution 70/1 of 25 September 2015,`` (or the number meant).
    """
    seen = set()
    for c in ctx.citations:
        if c.kind == "document":
            continue
        key = (c.group, c.kind, c.number)
        if key in seen:
            yield doc.finding(c.start, c.end, f"{c.kind} {c.number} is cited twice in this list")
        seen.add(key)


def _body_mentions(ctx):
    """Per resolution, its mentions in the body and annexes (footnotes and header left out)."""
    mentions = defaultdict(list)
    for c in _attributed(ctx):
        if c.zone in ("body", "annex"):
            mentions[c.key].append(c)
    return mentions


@rule("CI004", "date-repeated", "info")
def date_repeated(doc, ctx):
    """A resolution dated again at a later mention.

    **What it does.** UN style gives the date at the first mention in the text only; the
    corpus does so at 98% of later mentions (553 of 562).

    **Why.** A repeated date lengthens the text and can drift from the first one.

    **Example.** ``established by General Assembly resolution 51/210 of 17 December 1996``
    after ``Assembly resolution 51/210 of 17 December 1996`` in the preamble.

    **Use instead.** ``established by General Assembly resolution 51/210``
    """
    for mentions in _body_mentions(ctx).values():
        dated = [c for c in mentions if c.date is not None]
        for earlier, c in zip(dated, dated[1:]):
            if c.date == earlier.date and not c.shared:
                yield doc.finding(c.date_start, c.date_end, f"{c.kind} {c.number} is already "
                                  f"dated at {doc.where(earlier.start)}: give the date only at "
                                  f"the first mention")


def _order_key(c):
    if c.date is not None and c.date.as_date():
        return c.date.as_date()
    return None


@rule("CI005", "list-order", "info")
def list_order(doc, ctx):
    """A list of resolutions out of chronological order.

    **Why.** UN style lists resolutions from the oldest to the newest, so that a reader can
    follow the history of a mandate.

    **Example.** ``its resolutions 75/201 of 21 December 2020 and 70/262 of 27 April 2016``

    **Use instead.** ``its resolutions 70/262 of 27 April 2016 and 75/201 of 21 December 2020``
    """
    groups = defaultdict(list)
    for c in _attributed(ctx):
        groups[c.group].append(c)
    for items in groups.values():
        for a, b in zip(items, items[1:]):
            if a.body != b.body:
                continue
            ka, kb = _order_key(a), _order_key(b)
            if ka is None or kb is None:
                if a.form == b.form == "session" and a.session and b.session and b.session < a.session:
                    ka, kb = a.session, b.session
                else:
                    continue
            if kb < ka:
                yield doc.finding(b.start, b.end, f"{b.kind} {b.number} is older than "
                                  f"{a.number} before it: list resolutions in chronological order")


@rule("CI006", "its-other-body", "warning")
def its_other_body(doc, ctx):
    """A number after "its resolution" that is another body's, or of a session not yet open.

    **What it does.** In an Assembly text "its resolution" is the Assembly's own. A number in
    the Economic and Social Council's form (2017/15) or the Security Council's (1373 (2001)),
    with no such body named before it in the paragraph, cannot be; nor can a number of a
    session that has not yet opened.

    **Why.** Texts are built from older texts of other bodies; "its" then points at the wrong
    body.

    **Example.** ``Recalling its resolution 2017/15 of 6 July 2017,`` (an Assembly text).

    **Use instead.** ``Recalling Economic and Social Council resolution 2017/15 of 6 July 2017,``
    """
    organ = document_organ(doc)
    current = document_session(doc)
    if organ is None:
        return
    for c in ctx.citations:
        if c.via != "its" or c.kind == "document":
            continue
        if c.body is None and c.form in ("year", "council"):
            other = bodies().implied[c.form]  # the Economic and Social Council, the Security Council
            yield doc.finding(c.start, c.end, f"\"its {c.kind} {c.number}\": the number is in the "
                              f"form of the {other}, not of the {organ}; name the body")
        elif (c.body == assembly() == organ and c.form == "session" and current
              and c.session > current):
            yield doc.finding(c.start, c.end, f"\"its {c.kind} {c.number}\": the Assembly is at its "
                              f"{_session_name(current)}; session {c.session} has not opened")


@rule("CI007", "first-mention-undated", "info")
def first_mention_undated(doc, ctx):
    """A resolution first cited without its date while a later mention has it.

    **What it does.** UN style dates a resolution at its first mention in the text; mentions
    in footnotes do not count.

    **Why.** The reader meets the resolution without its date and finds it only later.

    **Example.** ``Recalling its resolution 70/76,`` then, further on, ``resolution 70/76 of
    9 December 2015``.

    **Use instead.** The date at the first mention, none at the later one.

    A Security Council resolution is dated by its year, "resolution 338 (1973)": that form
    needs no day.
    """
    for mentions in _body_mentions(ctx).values():
        first = mentions[0]
        later = next((c for c in mentions[1:] if c.date is not None), None)
        if first.date is None and later is not None and first.form != "council":
            yield doc.finding(first.start, first.end, f"{first.kind} {first.number} is dated only "
                              f"at a later mention ({doc.where(later.start)}): give the date "
                              f"here, at its first mention ({later.date})")


@rule("CI008", "never-dated", "info", enabled=False)
def never_dated(doc, ctx):
    """A resolution cited in the body without a date at any mention.

    **What it does.** Off by default: in the corpus 4% of the resolutions cited in the body
    (78 of 1,976, in 41 of 167 texts) are never dated, mostly well-known ones ("resolution
    70/1"), so the practice varies.

    **Why.** UN style dates the first mention of every resolution in the text.

    **Example.** ``Reaffirming its resolution 70/1, entitled "Transforming our world ...",``

    **Use instead.** ``Reaffirming its resolution 70/1 of 25 September 2015, entitled ...``
    """
    for mentions in _body_mentions(ctx).values():
        if not any(c.date for c in mentions) and mentions[0].form not in ("foreign", "plain"):
            first = mentions[0]
            yield doc.finding(first.start, first.end, f"{first.kind} {first.number} is never dated "
                              f"in the text: give its date at this first mention")


@rule("CI009", "session-ordinal", "warning")
def session_ordinal(doc, ctx):
    """A session named in words ("at its seventy-third session") that does not fit the document.

    **What it does.** The document's session comes from its symbol, its number or its header
    (A/C.3/72/L.12: the seventy-second). A report requested of the Assembly "at its Nth
    session", or an item put on "the provisional agenda of its Nth session", must name a
    session not yet over (N at least the current one); a text "adopted at its Nth session" a
    session already opened. Sessions of other bodies ("the Commission ... at its sixty-seventh
    session") are not checked.

    **Why.** Drafts are built from last year's resolution; the session in a reporting request
    is the part most often left unchanged.

    **Example.** ``Requests the Secretary-General to submit a report to the General Assembly at
    its seventy-second session`` in a seventy-third-session text.

    **Use instead.** ``... to the General Assembly at its seventy-fourth session``
    """
    current = document_session(doc)
    if current is None:
        return
    blocks = [p for p in doc.paragraphs if p.part == "body" and p.kind in ("operative", "sub")]
    for p in blocks:
        if " session" not in p.text:
            continue
        for m in _ITS_SESSION.finditer(p.text):
            number = ordinal(m.group("ordinal"))
            if number is None or number >= current or not _future_request(p.text, m.start()):
                continue
            s = p.start + m.start("ordinal")
            yield doc.finding(s, p.start + m.end(), f"the {_session_name(number)} is over: this is "
                              f"a {_session_name(current)} text; expected the "
                              f"{_session_name(current + 1)} or later")
    for p in doc.paragraphs:
        if p.part != "body" or " session" not in p.text:
            continue
        for m in _ADOPTED_AT.finditer(p.text):
            number = ordinal(m.group("ordinal"))
            if number is not None and number > current:
                s = p.start + m.start("ordinal")
                yield doc.finding(s, p.start + m.end(), f"adopted at the {_session_name(number)}, "
                                  f"which has not opened: this is a {_session_name(current)} text")


def _future_request(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` asks for something to come ("to submit ... at its")."""
    start = max(text.rfind(";", 0, pos), 0)
    last = None
    for last in _future_verb().finditer(text, start, pos):
        pass
    return last is not None and last.group("past") is None


@rule("CI010", "date-against-record", "error", supersedes=("CI001", "CI002"))
def date_against_record(doc, ctx):
    """An Assembly resolution cited with a date that the record of adoption dates contradicts.

    **What it does.** Compares the date given to each General Assembly resolution ("resolution
    77/298 of 22 June 2023") with the record of adoption dates: the date that edited texts give
    it (``rules/resolution-dates.tsv``, made by ``unlint learn`` from the shared corpus; a
    configuration can add its own with ``record: FILE``, made by ``unlint learn`` from an
    archive). A date is reported when the record's date has a clear majority (more than twice
    the texts that give another). A resolution the record does not hold, or on which its texts
    disagree, is dated by its neighbours: the Assembly numbers its resolutions in the order it adopts them, so 79/75
    was adopted neither before 79/74 nor after 79/76; a date outside those of the nearest
    numbers of the session that the record holds is reported. The message names the evidence.
    Where it reports, CI001 and CI002 stay silent on the same citation.

    **Why.** A wrong day or month in a citation is invisible in the text itself: the date is
    possible and in the right session. Only the record tells.

    **Example.** ``Recalling its resolution 69/196 of 18 December 2015,`` (the record: 18
    December 2014, in 12 texts)

    **Use instead.** ``Recalling its resolution 69/196 of 18 December 2014,``

    **Fix safety.** Unsafe: the record may be wrong; check the resolution. A date bounded by
    neighbours gets a fix only when both neighbours give the same day.
    """
    from unlint.analysis.record import assembly_dates

    record = ctx.run.record
    if not record:
        return
    here = assembly_dates(ctx.citations)  # the dates this text gives: CI002 compares them
    for c in ctx.citations:
        if c.date_start is None or not assembly_dates([c]) or not c.date.valid:
            continue  # (a day outside its month is DT001's)
        given = str(c.date)
        entry = record.get(c.number)
        if entry is not None and entry.agree > 2 * entry.disagree:
            if entry.date == given:
                continue
            if entry.agree == 1 and (c.number, entry.date) in here:
                continue  # one text of the record, and this one gives its date elsewhere
            texts = "1 text of the record of adoption dates gives" if entry.agree == 1 else (
                f"{entry.agree} texts of the record of adoption dates give")
            yield _dated(doc, c, entry.date, f"{c.kind} {c.number} is dated {given} here, but "
                         f"{texts} {entry.date}"
                         + (f" ({entry.disagree} give another)" if entry.disagree else ""))
            continue
        problem = _between(record, c.number, c.date.as_date())
        if problem is not None:
            yield _dated(doc, c, problem[1], f"{c.kind} {c.number} is dated {given} here, but "
                         f"{problem[0]}: resolutions are numbered in the order of adoption")


def _dated(doc, c, expected: str | None, message: str) -> Finding:
    fix = None
    if expected is not None:
        fix = doc.replace(c.date_start, c.date_end, expected, f"replace with '{expected}'")
        if fix is not None:
            fix = Fix(fix.title, fix.edits, Applicability.UNSAFE)
    return doc.finding(c.start, c.end, message, fix)


def _between(record, number: str, when) -> tuple[str, str | None] | None:
    """(the evidence, the date to propose or None) when the record's neighbours of ``number``
    rule ``when`` out; None when they allow it or the record has none."""
    if when is None:
        return None
    lower, higher = record.neighbours(number)
    if lower is not None and higher is not None and lower[0] > higher[0]:
        return None  # the record contradicts itself here: no evidence
    if (lower is None or lower[0] <= when) and (higher is None or when <= higher[0]):
        return None
    same = lower is not None and higher is not None and lower[0] == higher[0]
    if same:
        return f"the record dates {lower[1].number} and {higher[1].number} {lower[1].date}", lower[1].date
    said = " and ".join(f"{e.number} {e.date}" for _, e in (lower, higher) if e is not None)
    return f"the record dates {said}", None
