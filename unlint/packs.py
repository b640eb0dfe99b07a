"""Declarative rule packs: YAML files of rules of four kinds, compiled into ordinary rules.

A pack is a YAML file (the built-in ones are in ``rules/``; a user names more under ``packs:``
in the configuration; a plugin returns ``load_pack(path)`` from its ``unlint_rules`` hook)::

    description: UN spelling and usage
    words: [Hunga, Tonga]           # optional: words the spelling rule (SP001) accepts
    rules:
      - code: EN010                 # family prefix + 3 digits, unique
        name: un-spelling           # kebab-case
        kind: substitution          # entity | substitution | existence | consistency
        severity: warning           # error | warning | info
        enabled: true               # false: opt-in
        summary: UN spelling (Oxford spelling as the United Nations uses it).
        why: ...                    # summary, why and example are the rule's documentation
        example: ...
        instead: ...                # optional, as are what and fix-safety
        message: "..."              # optional; the fields {found}, {expected} ... of its kind
        swap: {labor: labour}       # the kind's own keys (below)

Kinds and their keys:

``substitution``: ``swap`` maps a wrong form to the right one, and reports it with a safe fix.
Matching is exact (case included) on whole words; a space also matches a line break. A ``*``
at the end of both sides stands for one of the usual endings (e, es, ed, ing, ation, ations,
ational, er, ers): ``recognis*: recogniz*`` covers "recognise", "recognised", "recognising".
``unless`` lists longer phrases inside which a match is fine ("Secretary General of NATO").
Text inside quotation marks (a title or a quotation: "... selected federal programs ...") keeps
its own words: no word kind matches there.
``capitalized: stems`` matches the ``*`` forms with a capital first letter too where a
paragraph or sentence begins ("Recognising", the opening word of a paragraph; not "the
Organisation", a name), and the fix keeps the capital; ``true`` does so for every form (a
capitalised plain word is more often a name: "Department of Labor").

``existence``: ``tokens`` lists forms that should not appear (no single right answer, no fix);
written as a mapping, each form has its advice, shown by ``{advice}`` in the message.

``consistency``: ``either`` lists pairs of forms that are both acceptable, but not both in one
document: the form used first sets the document's form, and the other is reported with a fix.

``entity``: ``names`` lists canonical names (a string, or a mapping with ``name`` and, where
useful, ``short`` forms, ``also`` accepted variants, ``avoid`` wrong forms, ``from``/``until``
validity dates, ``formerly`` (older name: the date it went out of use, or ``{until: date,
lists-only: true}`` when the old form is still fine in running text), ``note``, ``source``).
The rule reports (1) near misses of a name, a phrase one edit away from it (a dropped, added
or wrong word, a swapped preposition, a typo, a missing hyphen) with the name as the proposed
fix; (2) an ``avoid`` form; (3) a name used at a document date outside its validity; and,
with ``lists: [sponsors]``, (4) an item of the header's sponsor list that is none of the
names. ``names-from: TABLE`` adds the ``title`` and ``short`` strings of every entry of the
shipped table ``rules/TABLE.yaml`` (for example the instruments table), when it exists.

Every entity name of every loaded pack is known to every entity rule: a phrase that is exactly
some known name is never a near miss of another. Errors in a pack raise :class:`PackError`
(a :class:`~unlint.knowledge.KnowledgeError`) whose message starts with ``file:line:``.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

from unlint import __version__
from unlint.analysis.names import Entity, Name, make_name
from unlint.analysis.words import TOKEN
from unlint.diagnostics import Severity
from unlint.knowledge import MAX_DEPTH, KnowledgeError, load_checked, store_checked, table, too_deep
from unlint.pack_checks import Form, Matcher, Template, entity_findings, phrase_hits
from unlint.registry import CODE_RE, NAME_RE, Rule

KINDS = ("entity", "substitution", "existence", "consistency")
DOC_KEYS = ("summary", "what", "why", "example", "instead", "fix-safety")
COMMON_KEYS = ("code", "name", "kind", "severity", "enabled", "message", "note", *DOC_KEYS)
KIND_KEYS = {
    "entity": ("names", "names-from", "lists"),
    "substitution": ("swap", "unless", "capitalized"),
    "existence": ("tokens", "unless"),
    "consistency": ("either",),
}
ENTRY_KEYS = ("name", "short", "also", "avoid", "from", "until", "formerly", "note", "source")
ENDINGS = ("e", "es", "ed", "ing", "ation", "ations", "ational", "er", "ers")
MAX_BYTES = 2_000_000

MESSAGES = {
    "substitution": "use '{expected}', not '{found}'",
    "existence": "avoid '{found}' {advice}",
    "consistency": "'{found}' and '{expected}' are both used in this document: keep to "
                   "'{expected}', used first ({where})",
    "entity": "'{found}' is not a known name: did you mean '{expected}'?",
}
FIELDS = {  # what each kind's message can show (a Template: named fields only)
    "substitution": ("found", "expected"),
    "existence": ("found", "advice"),
    "consistency": ("found", "expected", "line", "where"),
    "entity": ("found", "expected"),
}


class PackError(KnowledgeError):
    """A rule pack that cannot be read or compiled; the message starts with ``file:line:``."""


# ---- reading: ruamel's round-trip loader keeps the line of every key and item

PACK_CACHE = "packs"  # the folder of parsed packs in the user's cache (unlint.knowledge)


def _read(path: Path, fast: bool = False):
    """The pack's data: ``fast`` with the plain loader (C-accelerated when ruamel.yaml.clib is
    installed), else with the round-trip loader, which knows the line of every key and item.

    What the plain loader gives is kept in the user's cache folder under the hash of the
    file's bytes (:func:`unlint.knowledge.load_checked`): a fresh process reads the JSON (under
    a millisecond) instead of parsing the YAML (about 80 ms for the built-in packs). Only data
    parsed without error is kept, so a pack with an error is always parsed, and reported."""
    from unlint.source import InputError, read_file

    try:
        data = read_file(str(path))  # a named pipe or a device is refused, not waited on
    except OSError as exc:
        raise PackError(f"{path}:1: cannot read rule pack: {exc.strerror or exc}") from None
    except InputError as exc:
        raise PackError(f"{path}:1: cannot read rule pack: {exc}") from None
    if len(data) > MAX_BYTES:
        raise PackError(f"{path}:1: rule pack larger than {MAX_BYTES} bytes")
    key = None
    if fast:
        key = _pack_key(data)
        found = load_checked(PACK_CACHE, key)
        if found is not None:
            return found[0]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PackError(f"{path}:{line}: not valid UTF-8") from None
    line = too_deep(text)  # ruamel slows down with the square of the depth: refuse it first
    if line is not None:
        raise PackError(f"{path}:{line}: invalid YAML: nested more than {MAX_DEPTH} levels deep")
    parsed = _parse(path, text, fast)
    if key is not None:
        store_checked(PACK_CACHE, key, parsed, len(text))
    return parsed


def _pack_key(data: bytes) -> str:
    """The cache key of a pack's bytes: unlint's version, the loader, and the content."""
    return hashlib.sha256(b"unlint %s pack-safe\0%s" % (__version__.encode(), data)).hexdigest()


def _parse(path: Path, text: str, fast: bool):
    from ruamel.yaml import YAML  # only when the pack is not in the cache
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return YAML(typ="safe").load(text) if fast else YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1"
        raise PackError(f"{path}:{where}: invalid YAML: {exc.problem or exc.context}") from None
    except ValueError as exc:  # a value the loader cannot build, such as the date 2019-13-40
        for m in re.finditer(r"\b\d{4}-\d\d?-\d\d?\b", text):
            try:
                date.fromisoformat(m.group())
            except ValueError:
                line = text.count("\n", 0, m.start()) + 1
                raise PackError(f"{path}:{line}: {m.group()!r} is not a date (YYYY-MM-DD): {exc}") from None
        raise PackError(f"{path}:1: invalid value: {exc}") from None
    except (YAMLError, RecursionError) as exc:
        raise PackError(f"{path}:1: invalid YAML: {exc}") from None


class _Relocate(Exception):
    """A problem found in data read by the fast loader: read again with lines, and report."""


class _Where:
    """File and line of a node, a key or an item, for error messages."""

    def __init__(self, path: Path, fast: bool = False):
        self.path = path
        self.fast = fast

    def fail(self, node, key, problem: str):
        if self.fast:
            raise _Relocate()
        line = 1
        try:
            if key is None:
                line = node.lc.line + 1
            elif isinstance(node, list):
                line = node.lc.item(key)[0] + 1
            else:
                line = node.lc.key(key)[0] + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            pass
        raise PackError(f"{self.path}:{line}: {problem}")

    def keys(self, node, allowed, what: str):
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(node, key, f"unknown key {key!r} in {what}{hint}; "
                                     f"known keys: {', '.join(allowed)}")


def _kind(value) -> str:
    for t, word in ((dict, "a mapping"), (list, "a list"), (str, "a string")):
        if isinstance(value, t):
            return word
    return type(value).__name__


def _as_date(where: _Where, node, key, value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        where.fail(node, key, f"{key!r} must be a date written YYYY-MM-DD, got {value!r}")


def _strings(where: _Where, node, key, value) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        where.fail(node, key, f"{key!r} must be a string or a list of strings")
    return [v.strip() for v in items]


# ---- loading

@cache
def _load_cached(path: str, stamp: tuple) -> tuple[Rule, ...]:
    return _compile(Path(path))


def load_pack(path) -> tuple[Rule, ...]:
    """The rules of one pack file (compiled once per file version)."""
    p = Path(path).resolve()
    try:
        st = p.stat()
    except OSError as exc:
        raise PackError(f"{path}:1: cannot read rule pack: {exc.strerror or exc}") from None
    return _load_cached(str(p), (st.st_mtime_ns, st.st_size))


def load_packs(paths) -> list[Rule]:
    """The rules of several packs, in order; a code used twice is a PackError."""
    return add_packs([], paths)


def add_packs(rules: list, paths) -> list:
    """``rules`` plus the rules of the packs at ``paths``; a code used twice is a PackError."""
    out = list(rules)
    seen = {r.code for r in out}
    for path in paths:
        for r in load_pack(path):
            if r.code in seen:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
                m = re.search(rf"^\s*(?:-\s*)?code:\s*[\"']?{r.code}\b", text, re.M)
                line = text.count("\n", 0, m.start()) + 1 if m else 1
                raise PackError(f"{path}:{line}: rule code {r.code} is already used by another rule")
            seen.add(r.code)
            out.append(r)
    return out


def _compile(path: Path) -> tuple[Rule, ...]:
    try:
        return _compile_data(_Where(path, fast=True), _read(path, fast=True))
    except _Relocate:
        return _compile_data(_Where(path), _read(path))  # raises the PackError, with its line


def _compile_data(where: _Where, data) -> tuple[Rule, ...]:
    path = where.path
    if not isinstance(data, dict):
        raise PackError(f"{path}:1: a rule pack is a mapping with a 'rules' list")
    where.keys(data, ("description", "rules", "note", "source", "words"), "the pack")
    words = data.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        where.fail(data, "words", "'words' must be a list of words (the spelling rule accepts them)")
    specs = data.get("rules")
    if not isinstance(specs, list) or not specs:
        where.fail(data, "rules" if "rules" in data else None, "'rules' must be a non-empty list")
    out, codes = [], set()
    for i, spec in enumerate(specs):
        if not isinstance(spec, dict):
            where.fail(specs, i, f"a rule is a mapping, got {_kind(spec)}")
        made = _compile_rule(where, spec)
        if made.code in codes:
            where.fail(spec, "code", f"rule code {made.code} appears twice in this pack")
        codes.add(made.code)
        out.append(replace(made, words=tuple(w.strip() for w in words)) if words else made)
    return tuple(out)


def _compile_rule(where: _Where, spec) -> Rule:
    for key in ("code", "name", "kind", "severity", "summary", "why", "example"):
        if key not in spec:
            where.fail(spec, None, f"rule without {key!r}")
    kind = spec["kind"]
    if kind not in KINDS:
        where.fail(spec, "kind", f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    where.keys(spec, COMMON_KEYS + KIND_KEYS[kind], f"a rule of kind {kind!r}")
    code, name = str(spec["code"]), str(spec["name"])
    if not CODE_RE.match(code):
        where.fail(spec, "code", f"rule code {code!r} is not a family prefix plus 3 digits")
    if not NAME_RE.match(name):
        where.fail(spec, "name", f"rule name {name!r} is not kebab-case")
    try:
        severity = Severity(spec["severity"])
    except ValueError:
        where.fail(spec, "severity", f"severity must be error, warning or info, not {spec['severity']!r}")
    message = spec.get("message", MESSAGES[kind])
    if not isinstance(message, str):
        where.fail(spec, "message", "'message' must be a string")
    try:
        message = Template(message, FIELDS[kind])
    except ValueError as exc:
        where.fail(spec, "message", f"message: {exc}")
    check = _KIND_COMPILERS[kind](where, spec, code, message)
    doc = _doc(where, spec)
    return Rule(code, name, severity, doc.splitlines()[0], doc, check, bool(spec.get("enabled", True)),
                getattr(check, "names", None))


def _doc(where: _Where, spec) -> str:
    parts = []
    for key in DOC_KEYS:
        if key in spec:
            if not isinstance(spec[key], str):
                where.fail(spec, key, f"{key!r} must be a string")
            parts.append((key, " ".join(spec[key].split())))
    titles = {"what": "What it does", "why": "Why", "example": "Example",
              "instead": "Use instead", "fix-safety": "Fix safety"}
    text = [parts[0][1]] + [f"**{titles[k]}.** {v}" for k, v in parts[1:]]
    return "\n\n".join(text)


# ---- the word kinds: substitution, existence, consistency

def _form(where: _Where, node, key, text: str, capital: bool = False) -> Form:
    """A form of a pack; ``capital``: its first letter may be a capital too."""
    if "*" in text.rstrip("*") or text.count("*") > 1:
        where.fail(node, key, f"'*' may only end a form: {text!r}")
    words = text.rstrip("*").split()
    if not words:
        where.fail(node, key, "empty form")
    body = r"\s+".join(re.escape(w) for w in words)
    first = words[0][0]
    if capital and first.islower():
        body = f"[{first.upper()}{first}]" + body[len(re.escape(first)):]
    if text.endswith("*"):
        body += "(" + "|".join(sorted(ENDINGS, key=len, reverse=True)) + ")"
    pattern = rf"(?<![\w\-‑]){body}(?![\w\-‑])"
    head = TOKEN.match(words[0])
    stem = words[0] if text.endswith("*") and len(words) == 1 else ""
    return Form(text, pattern, "" if stem else (head.group() if head else words[0]), stem,
                capital and first.islower())


def _compile_substitution(where, spec, code, message):
    swap = spec.get("swap")
    if not isinstance(swap, dict) or not swap:
        where.fail(spec, "swap" if "swap" in spec else None, "'swap' must be a mapping of wrong: right")
    capitalized = spec.get("capitalized", False)
    if capitalized not in (True, False, "stems"):
        where.fail(spec, "capitalized", f"capitalized: {capitalized!r} is not one of true, false, stems")
    forms, right = [], {}
    for wrong, good in swap.items():
        if not isinstance(wrong, str) or not isinstance(good, str) or not good.strip():
            where.fail(swap, wrong, f"'swap' maps a wrong form to a right one: {wrong!r}: {good!r}")
        if wrong.endswith("*") != good.endswith("*"):
            where.fail(swap, wrong, f"'*' must end both forms or neither: {wrong!r}: {good!r}")
        f = _form(where, swap, wrong, wrong, capitalized is True or capitalized == "stems" and wrong.endswith("*"))
        forms.append(f)
        right[f.text] = good.rstrip("*")
    matcher = Matcher(forms)
    unless = _strings(where, spec, "unless", spec["unless"]) if "unless" in spec else []

    def check(doc, ctx):
        for s, e, form, ending in phrase_hits(ctx, matcher, unless):
            found, expected = doc.text[s:e], right[form.text] + ending
            if form.capital and found[0].isupper():
                if not _opens_sentence(doc.text, s):
                    continue  # a capital inside a sentence: a name ("the Organisation")
                expected = expected[0].upper() + expected[1:]
            fix = doc.replace(s, e, expected, f"replace with '{expected}'")
            yield doc.finding(s, e, message.render(found=found, expected=expected), fix)

    return check


_OPENING = re.compile(r"(?:\d{1,3}\.|\([a-z]{1,5}\)|[*_\s])*")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins a paragraph (after its number and markup: "1. *Decides*") or
    a sentence."""
    line = text.rfind("\n", 0, start) + 1
    before = text[line:start]
    return _OPENING.fullmatch(before) is not None or before.rstrip(" *_").endswith(".")


def _compile_existence(where, spec, code, message):
    tokens = spec.get("tokens")
    if not isinstance(tokens, (list, dict)) or not tokens:
        where.fail(spec, "tokens" if "tokens" in spec else None,
                   "'tokens' must be a list of forms, or a mapping of form: advice")
    forms, advice = [], {}
    for i, t in enumerate(tokens):
        key = t if isinstance(tokens, dict) else i
        if not isinstance(t, str) or not t.strip():
            where.fail(tokens, key, "each token must be a non-empty string")
        if isinstance(tokens, dict) and not isinstance(tokens[t], str):
            where.fail(tokens, key, f"the advice for {t!r} must be a string")
        f = _form(where, tokens, key, t.strip())
        forms.append(f)
        advice[f.text] = tokens[t] if isinstance(tokens, dict) else ""
    matcher = Matcher(forms)
    unless = _strings(where, spec, "unless", spec["unless"]) if "unless" in spec else []

    def check(doc, ctx):
        for s, e, form, _ in phrase_hits(ctx, matcher, unless):
            yield doc.finding(s, e, message.render(found=doc.text[s:e], advice=advice[form.text]))

    return check


def _compile_consistency(where, spec, code, message):
    pairs = spec.get("either")
    if not isinstance(pairs, list) or not pairs:
        where.fail(spec, "either" if "either" in spec else None, "'either' must be a list of pairs")
    forms, other = [], {}
    for i, pair in enumerate(pairs):
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(p, str) and p.strip() and "*" not in p for p in pair)):
            where.fail(pairs, i, "each entry of 'either' is a pair of two forms, [a, b] (no '*')")
        a, b = _form(where, pairs, i, pair[0]), _form(where, pairs, i, pair[1])
        forms += [a, b]
        other[a.text], other[b.text] = b.text, a.text
    matcher = Matcher(forms)

    def check(doc, ctx):
        hits = list(phrase_hits(ctx, matcher, []))
        first: dict[str, int] = {}
        for s, _e, form, _ in hits:
            first.setdefault(form.text, s)
        for s, e, form, _ in hits:
            alt = other[form.text]
            if alt in first and first[alt] < first[form.text]:
                line = doc.source.position(doc.span(first[alt], first[alt] + 1).start)[0]
                fix = doc.replace(s, e, alt, f"replace with '{alt}'")
                yield doc.finding(s, e, message.render(found=doc.text[s:e], expected=alt, line=line,
                                                       where=doc.where(first[alt])), fix)

    return check


# ---- the entity kind

def _entity_names(where: _Where, spec, code: str) -> list[Name]:
    entries = spec.get("names", [])
    if not isinstance(entries, list):
        where.fail(spec, "names", "'names' must be a list of names")
    out: list[Name] = []
    for i, entry in enumerate(entries):
        out += _entry(where, entries, i, entry, code)
    return out


def _entry(where: _Where, entries, i, entry, code: str) -> list[Name]:
    if isinstance(entry, str):
        entity = Entity(entry.strip(), code, [(entry.strip(), None, None, False)])
        return [n for n in (make_name(entry.strip(), entity, "name"),) if n]
    if not isinstance(entry, dict) or "name" not in entry or not isinstance(entry["name"], str):
        where.fail(entries, i, "a name is a string, or a mapping with 'name'")
    where.keys(entry, ENTRY_KEYS, "a name")
    canonical = entry["name"].strip()
    start = _as_date(where, entry, "from", entry["from"]) if "from" in entry else None
    end = _as_date(where, entry, "until", entry["until"]) if "until" in entry else None
    formers = []
    old = entry.get("formerly", {})
    if not isinstance(old, dict):
        where.fail(entry, "formerly", "'formerly' maps an older name to the date it went out of use")
    for text, value in old.items():
        lists_only = False
        if isinstance(value, dict):
            where.keys(value, ("until", "lists-only"), "a former name")
            if "until" not in value:
                where.fail(old, text, "a former name needs 'until'")
            lists_only = bool(value.get("lists-only", False))
            value = value["until"]
        formers.append((str(text).strip(), _as_date(where, old, text, value), lists_only))
    formers.sort(key=lambda f: f[1])
    if formers and start is None:
        start = formers[-1][1]
    short = tuple(_strings(where, entry, "short", entry["short"])) if "short" in entry else ()
    entity = Entity(canonical, code, short=short)
    previous = None
    for text, until, lists_only in formers:
        entity.periods.append((text, previous, until, lists_only))
        previous = until
    entity.periods.append((canonical, start, end, False))
    names = [make_name(canonical, entity, "name", start, end)]
    for text, s, e, lists_only in entity.periods[:-1]:
        names.append(make_name(text, entity, "former", s, e, lists_only))
    for role in ("also", "short", "avoid"):
        if role in entry:
            names += [make_name(t, entity, role, start, end) for t in _strings(where, entry, role, entry[role])]
    return [n for n in names if n]


def _listed(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()]
    return [v.strip() for v in value or () if isinstance(v, str) and v.strip()]


def _table_names(source: str, code: str) -> list[Name]:
    """Titles, short names and aliases of the entries of a shipped table (the instruments)."""
    from unlint.resources import data_dir

    if not (data_dir("rules") / f"{source}.yaml").is_file():
        return []
    out: list[Name] = []

    def walk(node):
        if isinstance(node, dict):
            title = node.get("title") or node.get("name")
            if isinstance(title, str) and len(title.split()) >= 2:
                shorts, aliases = (_listed(node.get(key)) for key in ("short", "aliases"))
                entity = Entity(title.strip(), code, [(title.strip(), None, None, False)], tuple(shorts))
                out.append(make_name(title.strip(), entity, "name"))
                out.extend(make_name(s, entity, "short") for s in shorts)
                out.extend(make_name(s, entity, "also") for s in aliases)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(table(source))
    return [n for n in out if n]


def _compile_entity(where, spec, code, message):
    if "names" not in spec and "names-from" not in spec:
        where.fail(spec, None, "an entity rule needs 'names' or 'names-from'")
    lists = _strings(where, spec, "lists", spec["lists"]) if "lists" in spec else []
    for item in lists:
        if item != "sponsors":
            where.fail(spec, "lists", f"unknown list {item!r}: only 'sponsors' can be checked")
    names = tuple(_entity_names(where, spec, code))
    known = lambda: names  # noqa: E731
    if "names-from" in spec:  # the shipped table is read when the run first needs its names
        source = spec["names-from"]
        if not isinstance(source, str) or not re.fullmatch(r"[a-z][a-z0-9_-]*", source):
            where.fail(spec, "names-from", "'names-from' is the name of a table in rules/ (e.g. instruments)")
        known = lambda: names + tuple(_table_names(source, code))  # noqa: E731

    def check(doc, ctx):
        yield from entity_findings(doc, ctx, code, message, bool(lists))

    check.names = known
    return check


_KIND_COMPILERS = {
    "substitution": _compile_substitution,
    "existence": _compile_existence,
    "consistency": _compile_consistency,
    "entity": _compile_entity,
}

