"""Declarative rule packs: YAML files of rules of four kinds, compiled into ordinary rules.

A pack is a YAML file (the built-in ones are in ``rules/``; a user names more under ``packs:``
in the configuration; a plugin returns ``load_pack(path)`` from its ``unlint_rules`` hook)::

    description: UN spelling and usage
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
        message: "..."              # optional; placeholders {found} and {expected}
        swap: {labor: labour}       # the kind's own keys (below)

Kinds and their keys:

``substitution``: ``swap`` maps a wrong form to the right one, and reports it with a safe fix.
Matching is exact (case included) on whole words; a space also matches a line break. A ``*``
at the end of both sides stands for one of the usual endings (e, es, ed, ing, ation, ations,
ational, er, ers): ``recognis*: recogniz*`` covers "recognise", "recognised", "recognising".
``unless`` lists longer phrases inside which a match is fine ("Secretary General of NATO").

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
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, cached_property
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path

from unlint.diagnostics import Fix, Severity
from unlint import __version__
from unlint.knowledge import MAX_DEPTH, KnowledgeError, load_checked, store_checked, table, too_deep
from unlint.registry import CODE_RE, NAME_RE, Rule

KINDS = ("entity", "substitution", "existence", "consistency")
DOC_KEYS = ("summary", "what", "why", "example", "instead", "fix-safety")
COMMON_KEYS = ("code", "name", "kind", "severity", "enabled", "message", "note", *DOC_KEYS)
KIND_KEYS = {
    "entity": ("names", "names-from", "lists"),
    "substitution": ("swap", "unless"),
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
ENTITY_MESSAGES = {
    "avoid": "use the UN name '{expected}', not '{found}'",
    "form": "'{found}' is not written as the name is: '{expected}'",
    "former": "'{found}' is no longer the UN name on {date} (changed on {changed}): use '{expected}'",
    "early": "'{found}' is not yet the UN name on {date} (in use from {changed}): use '{expected}'",
    "absent": "'{found}' is not a UN name on {date} (in use {period})",
    "list": "'{found}' in the list of sponsors is not the UN short name of a Member State or "
            "observer State{hint}",
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
    where.keys(data, ("description", "rules", "note", "source"), "the pack")
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
        out.append(made)
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


# ---- document helpers shared by the kinds

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, eq=False)
class _Line:
    """One line of the canonical text, cut into words once for every EN rule."""

    offset: int  # canonical offset of the line
    text: str
    norms: list  # each word, lowercase, with ' for ’
    starts: list
    ends: list
    normset: frozenset

    @cached_property
    def raws(self) -> list:
        """Each word as written."""
        return list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))

    @cached_property
    def prefixes(self) -> frozenset:
        """The first four letters of each word."""
        return frozenset(map(_FOUR, self.normset))

    @cached_property
    def heads(self) -> str:
        """The first letter of each word (in lower case)."""
        return "".join(map(_HEAD_LETTER, self.norms))

    def raw(self, k: int) -> str:
        """Word k as written."""
        return self.text[self.starts[k]:self.ends[k]]


_FOUR = itemgetter(slice(None, 4))
_HEAD_LETTER = itemgetter(0)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # separators and words, alternately
_WORD_SPLIT = re.compile(r"([^\W_]+)")  # the same in a text without apostrophes, faster


def tokenize(doc) -> tuple[_Line, ...]:
    """The words of each non-blank line of the canonical text (rules read it as ``ctx.lines``)."""
    out, offset = [], 0
    for text in doc.text.split("\n"):
        if text.strip():
            low = text.lower().replace("’", "'")
            if len(low) == len(text):
                # [sep, word, sep, word, ..., sep]: the running lengths are the words' edges
                parts = (_TOKEN_SPLIT if "'" in low else _WORD_SPLIT).split(low)
                edges = list(accumulate(map(len, parts)))
                norms = parts[1::2]
                starts = edges[0:-1:2]
                ends = edges[1::2]
            else:  # a character whose lower case is longer ("İ"): cut the text as written
                found = list(_TOKEN.finditer(text))
                norms = [_norm(m.group()) for m in found]
                starts = [m.start() for m in found]
                ends = [m.end() for m in found]
            out.append(_Line(offset, text, norms, starts, ends, frozenset(norms)))
        offset += len(text) + 1
    return tuple(out)


def _human(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


# ---- word and phrase matching (substitution, existence, consistency)

@dataclass(frozen=True)
class _Form:
    text: str  # as written in the pack, '*' included
    pattern: str  # of :attr:`regex`
    first: str  # the first word, for the index ("" for a wildcard first word)
    stem: str  # the wildcard stem of a one-word entry, else ""

    @cached_property
    def regex(self) -> re.Pattern:
        """Compiled when first needed: a process compiles only the forms whose first word it
        meets (the packs have hundreds of forms, 12 ms of re.compile)."""
        return re.compile(self.pattern)


def _form(where: _Where, node, key, text: str) -> _Form:
    if "*" in text.rstrip("*") or text.count("*") > 1:
        where.fail(node, key, f"'*' may only end a form: {text!r}")
    words = text.rstrip("*").split()
    if not words:
        where.fail(node, key, "empty form")
    body = r"\s+".join(re.escape(w) for w in words)
    if text.endswith("*"):
        body += "(" + "|".join(sorted(ENDINGS, key=len, reverse=True)) + ")"
    pattern = rf"(?<![\w\-‑]){body}(?![\w\-‑])"
    first = _TOKEN.match(words[0])
    stem = words[0] if text.endswith("*") and len(words) == 1 else ""
    return _Form(text, pattern, "" if stem else (first.group() if first else words[0]), stem)


class _Matcher:
    """Finds every form in a text, by first word (or stem), verified with the form's regex."""

    def __init__(self, forms: list[_Form]):
        self.by_first: dict[str, list[_Form]] = {}
        self.by_stem: dict[str, list[_Form]] = {}
        for f in forms:
            if f.stem:
                self.by_stem.setdefault(_norm(f.stem[:4]), []).append(f)
            else:
                self.by_first.setdefault(_norm(f.first), []).append(f)
        for group in (*self.by_first.values(), *self.by_stem.values()):
            group.sort(key=lambda f: -len(f.text))
        self.firsts = frozenset(self.by_first)
        self.stems = frozenset(self.by_stem)

    def find(self, line: _Line):
        """(start, end, form, ending) of each match in the line, leftmost-longest, not overlapping."""
        stemset = self.stems
        stemmed = bool(stemset) and not stemset.isdisjoint(line.prefixes)
        if not stemmed and self.firsts.isdisjoint(line.normset):
            return
        taken = 0
        text, starts, norms = line.text, line.starts, line.norms
        words = self.firsts & line.normset  # the words of the line that start a form
        if stemmed:
            words |= {n for n in line.normset if n[:4] in stemset}
        for i in _positions(norms, words):
            norm = norms[i]
            forms = self.by_first.get(norm)
            stems = self.by_stem.get(norm[:4])
            if starts[i] < taken:
                continue
            for f in (forms or []) + (stems or []):
                if f.stem and not text.startswith(f.stem, starts[i]):
                    continue
                hit = f.regex.match(text, starts[i])
                if hit:
                    taken = hit.end()
                    yield hit.start(), hit.end(), f, (hit.group(1) or "") if f.text.endswith("*") else ""
                    break


def _unless_spans(phrases: list[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for p in phrases:
        i = text.find(p)
        while i != -1:
            spans.append((i, i + len(p)))
            i = text.find(p, i + 1)
    return spans


def _masked(ctx, start: int, end: int) -> bool:
    """Inside an exactly written known name (names are authoritative)."""
    return any(s <= start and end <= e for s, e in ctx.names.exact_spans_near(start))


def _phrase_hits(ctx, matcher: _Matcher, unless: list[str]):
    for line in ctx.lines:
        spans = None
        for s, e, form, ending in matcher.find(line):
            if unless and spans is None:
                spans = _unless_spans(unless, line.text)
            if spans and any(a <= s and e <= b for a, b in spans):
                continue
            if _masked(ctx, line.offset + s, line.offset + e):
                continue
            yield line.offset + s, line.offset + e, form, ending


def _compile_substitution(where, spec, code, message):
    swap = spec.get("swap")
    if not isinstance(swap, dict) or not swap:
        where.fail(spec, "swap" if "swap" in spec else None, "'swap' must be a mapping of wrong: right")
    forms, right = [], {}
    for wrong, good in swap.items():
        if not isinstance(wrong, str) or not isinstance(good, str) or not good.strip():
            where.fail(swap, wrong, f"'swap' maps a wrong form to a right one: {wrong!r}: {good!r}")
        if wrong.endswith("*") != good.endswith("*"):
            where.fail(swap, wrong, f"'*' must end both forms or neither: {wrong!r}: {good!r}")
        f = _form(where, swap, wrong, wrong)
        forms.append(f)
        right[f.text] = good.rstrip("*")
    matcher = _Matcher(forms)
    unless = _strings(where, spec, "unless", spec["unless"]) if "unless" in spec else []

    def check(doc, ctx):
        for s, e, form, ending in _phrase_hits(ctx, matcher, unless):
            found, expected = doc.text[s:e], right[form.text] + ending
            fix = doc.replace(s, e, expected, f"replace with '{expected}'")
            yield doc.finding(s, e, message.format(found=found, expected=expected), fix)

    return check


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
    matcher = _Matcher(forms)
    unless = _strings(where, spec, "unless", spec["unless"]) if "unless" in spec else []

    def check(doc, ctx):
        for s, e, form, _ in _phrase_hits(ctx, matcher, unless):
            yield doc.finding(s, e, message.format(found=doc.text[s:e], advice=advice[form.text]))

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
    matcher = _Matcher(forms)

    def check(doc, ctx):
        hits = list(_phrase_hits(ctx, matcher, []))
        first: dict[str, int] = {}
        for s, _e, form, _ in hits:
            first.setdefault(form.text, s)
        for s, e, form, _ in hits:
            alt = other[form.text]
            if alt in first and first[alt] < first[form.text]:
                line = doc.source.position(doc.span(first[alt], first[alt] + 1).start)[0]
                fix = doc.replace(s, e, alt, f"replace with '{alt}'")
                yield doc.finding(s, e, message.format(found=doc.text[s:e], expected=alt, line=line,
                                                       where=doc.where(first[alt])), fix)

    return check


# ---- entities: names, their index, and the analysis of a document

@dataclass(eq=False)
class Entity:
    """One named thing: its canonical name, and its names over time."""

    name: str
    owner: str  # the code of the rule that knows it
    periods: list = field(default_factory=list)  # (name, from, until, lists_only), oldest first
    short: tuple[str, ...] = ()

    def name_at(self, when: date) -> str | None:
        for text, start, end, _ in self.periods:
            if (start is None or start <= when) and (end is None or when < end):
                return text
        return None


@dataclass(frozen=True, eq=False)
class Name:
    """One written form of an entity, as the index knows it."""

    text: str
    tokens: tuple[str, ...]
    caps: tuple[bool, ...]  # is each token a content word (capitalized or digits) in the form
    entity: Entity
    role: str  # "name" | "also" | "short" | "avoid" | "former"
    start: date | None = None
    end: date | None = None
    lists_only: bool = False

    def in_use(self, first: date, last: date | None = None) -> bool:
        """Whether the form was in use on ``first`` (or at some time from ``first`` to ``last``)."""
        return ((self.start is None or self.start <= (last or first))
                and (self.end is None or first < self.end))


def _name(text: str, entity: Entity, role: str, start=None, end=None, lists_only=False) -> Name | None:
    toks = _TOKEN.findall(text)
    if not toks:
        return None
    tokens = tuple(_norm(t) for t in toks)
    caps = tuple(not t.islower() for t in toks)
    return Name(text, tokens, caps, entity, role, start, end, lists_only)


def _norm(token: str) -> str:
    return token.lower().replace("’", "'")


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
        return [n for n in (_name(entry.strip(), entity, "name"),) if n]
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
    names = [_name(canonical, entity, "name", start, end)]
    for text, s, e, lists_only in entity.periods[:-1]:
        names.append(_name(text, entity, "former", s, e, lists_only))
    for role in ("also", "short", "avoid"):
        if role in entry:
            names += [_name(t, entity, role, start, end) for t in _strings(where, entry, role, entry[role])]
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
                out.append(_name(title.strip(), entity, "name"))
                out.extend(_name(s, entity, "short") for s in shorts)
                out.extend(_name(s, entity, "also") for s in aliases)
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
        yield from _entity_findings(doc, ctx, code, message, bool(lists))

    check.names = known
    return check


_KIND_COMPILERS = {
    "substitution": _compile_substitution,
    "existence": _compile_existence,
    "consistency": _compile_consistency,
    "entity": _compile_entity,
}


@dataclass(frozen=True)
class Match:
    """A known name written in the text (canonical range), or a near miss of one."""

    start: int
    end: int
    name: Name
    near: bool = False  # a near miss: one edit away from ``name``
    what: str = ""  # for a near miss: "typo", "word", "missing", "extra", "form"


class Index:
    """Every entity name of every loaded pack, indexed by first token and by rare tokens."""

    def __init__(self, names: list[Name]):
        self.names = names
        self.by_first: dict[str, list[Name]] = {}
        self.known: set[tuple[str, ...]] = set()
        self.function_words: set[str] = set()
        self.costs: dict = {}  # (word, cap, last) -> memo of _slip for that word of a name
        self.cost_entries = 0  # in all the memos, which are emptied past MEMO_LIMIT
        count: dict[str, int] = {}
        for n in names:
            self.by_first.setdefault(n.tokens[0], []).append(n)
            self.known.add(n.tokens)
            for tok, cap in zip(n.tokens, n.caps):
                if cap:
                    count[tok] = count.get(tok, 0) + 1
                else:
                    self.function_words.add(tok)
        for group in self.by_first.values():
            group.sort(key=lambda n: -len(n.tokens))
        self.firsts = frozenset(self.by_first)
        # a near miss of a name (one edit) keeps at least one of its two rarest content words
        self.anchors: dict[str, list[tuple[Name, int]]] = {}
        for n in names:
            if len(n.tokens) < 2 or n.role in ("avoid", "former"):
                continue
            content = sorted((count[t], p) for p, (t, c) in enumerate(zip(n.tokens, n.caps)) if c)
            for _, p in content[:2]:
                self.anchors.setdefault(n.tokens[p], []).append((n, p))
        self.anchor_words = frozenset(self.anchors)
        # _exact: the names of two words or more by their first two words, then by length
        # (longest first) and words; the one-word names by their word. Each list of names
        # keeps the order of by_first.
        self.by_pair: dict[tuple[str, str], list[tuple[int, dict[tuple, list[Name]]]]] = {}
        self.singles: dict[str, list[Name]] = {}
        for group in self.by_first.values():
            for n in group:
                if len(n.tokens) > 1:
                    lengths = self.by_pair.setdefault(n.tokens[:2], [])
                    if not lengths or lengths[-1][0] != len(n.tokens):
                        lengths.append((len(n.tokens), {}))
                    lengths[-1][1].setdefault(n.tokens, []).append(n)
                else:
                    self.singles.setdefault(n.tokens[0], []).append(n)
        # _near: each posting with what its loop reads, and the memos of its first and last word
        self.postings: dict[str, list[tuple]] = {
            tok: [(n, p, len(n.tokens), n.tokens[0], n.caps[0], n.tokens[0][0],
                   n.tokens[-1], n.caps[-1], n.tokens[-1][0],
                   self.memo(n.tokens[0], n.caps[0], False), self.memo(n.tokens[-1], n.caps[-1], True))
                  for n, p in group]
            for tok, group in self.anchors.items()}
        self.inner_memos: dict[int, tuple] = {}  # id(name) -> the memos of its inner words

    def memo(self, want: str, cap: bool, last: bool) -> dict:
        """The memo of :func:`_slip` for one word of a name: each word as written -> its cost."""
        key = (want, cap, last)
        found = self.costs.get(key)
        if found is None:
            found = self.costs[key] = {}
        return found

    def inner(self, name: Name) -> tuple:
        found = self.inner_memos.get(id(name))
        if found is None:
            found = self.inner_memos[id(name)] = tuple(
                self.memo(w, c, False) for w, c in zip(name.tokens[1:-1], name.caps[1:-1]))
        return found


@dataclass
class Analysis:
    matches: list[Match]
    exact: list[tuple[int, int]]  # spans of names written exactly, sorted

    def exact_spans_near(self, pos: int):
        from bisect import bisect_right

        i = bisect_right(self.exact, (pos, 10**12))
        return self.exact[max(0, i - 3):i]


def analyse(doc, lines, ix: Index) -> Analysis:
    """Known names and near misses in the document's lines (rules read it as ``ctx.names``)."""
    matches: list[Match] = []
    for line in lines:
        spans: list[tuple[int, int]] = []
        found = _exact(ix, line, spans)
        if not ix.anchor_words.isdisjoint(line.normset):
            found += _near(ix, line, spans)
        for m in found:
            matches.append(Match(line.offset + m.start, line.offset + m.end, m.name, m.near, m.what))
    matches.sort(key=lambda m: m.start)
    exact = sorted((m.start, m.end) for m in matches if not m.near)
    return Analysis(matches, exact)


def _extent(line: _Line, name: Name, i: int, n: int) -> int:
    """End of a match of ``name`` at word i: its last word, plus a closing ')' of the name."""
    end = line.ends[i + n - 1]
    if name.text.endswith(")") and line.text[end:end + 1] == ")":
        end += 1
    return end


_QUIET = re.compile(r"[\s,“”\"'’‘]+")
_PLAIN_MARKS = str.maketrans({"\u2011": "-", "\u2010": "-", "’": "'"})


def _same_form(written: str, want: str) -> str:
    """"" when written as the name is (up to spaces, line breaks, commas, quotes and hyphen
    characters), "case" when one word alone differs in capitals, "form" for another hyphen.

    Capitals count only where one word alone differs ("United Nations Office on drugs and
    Crime"): UN texts write some names in lower case on purpose ("United Nations voluntary
    trust fund for victims of trafficking in persons").
    """
    if written == want or written.isupper():
        return ""
    a_words, b_words = _TOKEN.findall(written), _TOKEN.findall(want)
    a_seps, b_seps = _TOKEN.split(written)[1:-1], _TOKEN.split(want)[1:-1]
    norm = _PLAIN_MARKS
    if [_QUIET.sub("", x.translate(norm)) for x in a_seps] != [_QUIET.sub("", x.translate(norm)) for x in b_seps]:
        return "form"
    diffs = [i for i, (x, y) in enumerate(zip(a_words, b_words)) if x.translate(norm) != y.translate(norm)]
    return "case" if len(diffs) == 1 and diffs[0] > 0 else ""


def _positions(norms: list, keys: frozenset) -> list[int]:
    """The positions, in order, of the words of ``norms`` that are in ``keys``."""
    return list(compress(range(len(norms)), map(keys.__contains__, norms)))


def _exact(ix: Index, line: _Line, spans) -> list[Match]:
    out = []
    if ix.firsts.isdisjoint(line.normset):
        return out
    norms, text = line.norms, line.text
    size = len(norms)
    by_pair, singles = ix.by_pair, ix.singles
    nxt = 0  # the first word after the last match
    for i in _positions(norms, ix.firsts):
        if i < nxt:
            continue
        tok = norms[i]
        # the names written here, longest first: by their first two words, then of one word
        pair = by_pair.get((tok, norms[i + 1])) if i + 1 < size else None
        single = singles.get(tok)
        if pair is None and single is None:
            continue
        best = None
        for name in _written(pair, single, norms, i, size):
            n = len(name.tokens)
            if best and n < len(best[0].tokens):
                break
            start, end = line.starts[i], _extent(line, name, i, n)
            if name.text.isupper() and not text[start:end].isupper():
                continue  # an acronym is written in capitals: "who" is not WHO
            if _ADDRESS.search(text, start, end):
                continue  # part of an address or a file name
            issue = _same_form(text[start:end], name.text)
            if issue == "case" and (n < 3 or (i > 0 and line.raws[i - 1][:1].isupper())):
                issue = ""  # "Education 2030 agenda": another phrase, not a slip in the name
            if best is None or (best[3] and not issue):
                best = (name, start, end, issue)
            if not issue:
                break  # written as one of the forms of the name: look no further
        if best is None:
            continue
        name, start, end, issue = best
        out.append(Match(start, end, name, near=bool(issue), what="form" if issue else ""))
        spans.append((i, i + len(name.tokens)))
        nxt = i + len(name.tokens)
    return out


_ADDRESS = re.compile(r"[_/.@]")


def _written(pair, single, norms: list, i: int, size: int):
    """The names whose words are the text's words from i, longest first (by_first's order)."""
    if pair is not None:
        for n, table in pair:
            if i + n <= size:
                found = table.get(tuple(norms[i:i + n]))
                if found is not None:
                    yield from found
    if single is not None:
        yield from single


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent transpositions count 1), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_SUFFIXES = frozenset(("s", "es", "'s", "s'"))
INF = 99
MEMO_LIMIT = 200_000


def _token_cost(ix: Index, want: str, cap: bool, got: str, got_raw: str, last: bool = False) -> int:
    """0 same word (or its plural/possessive), 1 one slip, INF a different word (memoized)."""
    if got == want:
        return 0
    return _memo_cost(ix, ix.memo(want, cap, last), want, cap, got, got_raw, last)


def _memo_cost(ix: Index, memo: dict, want: str, cap: bool, got: str, got_raw: str, last: bool) -> int:
    """:func:`_slip` through ``memo``, the memo of the name's word ``want`` (got != want)."""
    cost = memo.get(got_raw)
    if cost is None:
        if cap and got[0] != want[0]:
            return INF  # every slip of a content word keeps its first letter
        if ix.cost_entries > MEMO_LIMIT:
            for m in ix.costs.values():
                m.clear()
            ix.cost_entries = 0
        ix.cost_entries += 1
        cost = memo[got_raw] = _slip(ix, want, cap, got, got_raw, last)
    return cost


def _slip(ix: Index, want: str, cap: bool, got: str, got_raw: str, last: bool) -> int:
    if got.startswith(want) and got[len(want):] in _SUFFIXES:
        return 0  # a plural or a possessive: "the Security Council's"
    if last and want.startswith(got) and want[len(got):] in _SUFFIXES:
        return 0  # the last word in the singular: "Sustainable Development Goal 14"
    if len(got) == len(want) + 1 and got.startswith(want) and got_raw[-1].islower() and len(want) > 3:
        return 0  # a footnote letter stuck to the word by the extraction ("Questionsb")
    if not cap:
        return 1 if got in ix.function_words and got_raw.islower() else INF
    if got_raw[:1].isupper() and got[:1] == want[:1] and len(want) >= 4:
        limit = 2 if len(want) >= 6 else 1
        if _osa(want, got, limit) <= limit:
            return 1
    return INF


def _align(ix: Index, name: Name, line: _Line, s: int, e: int, first: int, last: int) -> str:
    """The sort of the single edit ("word", "missing", "extra") that reads the text tokens
    [s, e) as ``name``, or "" when it takes no edit or more than one. ``first`` and ``last``
    are the costs of the first and last tokens (which must correspond), at most 1 together.

    The edit distance between the inner parts, with token costs, matters only when at most 1:
    with inner parts of one length, it is the sum of the costs word by word (an added word
    and a dropped one cost 2); one word longer or shorter, it is 1 when dropping or adding a
    single word leaves every other word at cost 0."""
    want, norms = name.tokens, line.norms
    budget = 1 - first - last
    inner_w = len(want) - 2
    inner_t = e - s - 2
    if inner_w == inner_t:
        if inner_w <= 0:
            return "word" if budget == 0 else ""
        memos, caps = ix.inner(name), name.caps
        total = 0
        for k in range(inner_w):
            got = norms[s + 1 + k]
            w = want[k + 1]
            if got != w:
                total += _memo_cost(ix, memos[k], w, caps[k + 1], got, line.raw(s + 1 + k), False)
                if total > budget:
                    return ""
        return "word" if total == budget else ""
    if budget != 1:
        return ""  # a word more or less costs 1 already
    # one word dropped from the name (inner_w == inner_t + 1) or added to it
    shorter = min(inner_w, inner_t)
    memos, caps = ix.inner(name), name.caps
    zero = lambda k, t: (norms[t] == want[k + 1]
                         or _memo_cost(ix, memos[k], want[k + 1], caps[k + 1], norms[t], line.raw(t), False) == 0)
    head = 0  # words matching from the start
    while head < shorter and zero(head, s + 1 + head):
        head += 1
    if head < shorter:
        tail = 0  # and from the end
        while head + tail < shorter and zero(inner_w - 1 - tail, e - 2 - tail):
            tail += 1
        if head + tail < shorter:
            return ""
    return "missing" if inner_w > inner_t else "extra"


def _near(ix: Index, line: _Line, spans) -> list[Match]:
    """Phrases one edit away from a known name (and not themselves a known name)."""
    norms, text, starts, ends = line.norms, line.text, line.starts, line.ends
    heads = line.heads
    size = len(norms)
    owner = [-1] * size
    for k, (ts, te) in enumerate(spans):
        for j in range(ts, te):
            owner[j] = k
    tried: set = set()
    found: list[tuple[int, int, int, Name, str]] = []  # (s, e, -len, name, what)
    postings_of = ix.postings
    for i in _positions(norms, ix.anchor_words):
        inside = spans[owner[i]][1] - spans[owner[i]][0] if owner[i] >= 0 else 0
        for name, p, n, first, cap0, first0, last, capl, last0, memo0, memol in postings_of[norms[i]]:
            if n + 1 < inside:
                continue  # a near miss contains any known name it touches: this one is too long
            anchor = i - p
            # a slip of a content word keeps its first letter: none of the three words can
            # start the name unless one starts with that letter
            if cap0 and first0 not in heads[max(anchor - 1, 0):anchor + 2]:
                continue
            for s in (anchor, anchor - 1, anchor + 1):
                if s < 0 or s >= size:
                    continue
                got = norms[s]
                if got == first:
                    c0 = 0
                elif cap0 and got[0] != first0:
                    continue
                else:
                    raw = text[starts[s]:ends[s]]
                    c0 = memo0.get(raw)
                    if c0 is None:
                        c0 = _memo_cost(ix, memo0, first, cap0, got, raw, False)
                    if c0 > 1:
                        continue
                if capl and last0 not in heads[s + n - 2:s + n + 1]:
                    continue
                for e in (s + n, s + n - 1, s + n + 1):
                    if e > size or e - s < 2:
                        continue
                    got = norms[e - 1]
                    if got == last:
                        cl = 0
                    elif capl and got[0] != last0:
                        continue
                    else:
                        raw = text[starts[e - 1]:ends[e - 1]]
                        cl = memol.get(raw)
                        if cl is None:
                            cl = _memo_cost(ix, memol, last, capl, got, raw, True)
                        if c0 + cl > 1:
                            continue
                    key = (name, s, e)
                    if key in tried:
                        continue
                    tried.add(key)
                    if not _clear(owner, spans, s, e) or tuple(norms[s:e]) in ix.known:
                        continue
                    what = _align(ix, name, line, s, e, c0, cl)
                    if what and _plausible(ix, name, what, line, line.raws, spans, s, e):
                        found.append((s, e, -n, name, what))
    out, taken = [], [False] * size
    for s, e, _, name, what in sorted(found, key=lambda f: (f[2], f[0])):
        if any(taken[s:e]):
            continue
        for k in range(s, e):
            taken[k] = True
        out.append(Match(line.starts[s], _extent(line, name, s, e - s), name, True, what))
    return out


def _clear(owner, spans, s: int, e: int) -> bool:
    """No known name written in the text crosses the window's edges or contains it."""
    for k in {owner[s], owner[e - 1]}:
        if k >= 0:
            ts, te = spans[k]
            if ts < s or te > e or (ts, te) == (s, e):
                return False
    return True


_NAME_SEPARATORS = set(" -\u2011()")


def _plausible(ix: Index, name: Name, what: str, line: _Line, raws, spans, s: int, e: int) -> bool:
    """Quiet: a one-edit variant is a slip only where it cannot be some other phrase or name."""
    if (name.caps[0] and not raws[s][:1].isupper()) or (name.caps[-1] and not raws[e - 1][:1].isupper()):
        return False  # "United Nations conference", "global forums": ordinary words
    allowed = _NAME_SEPARATORS | set(re.sub(r"[^\W_]", "", name.text))
    between = re.sub(r"[^\W_]+(?:['’][^\W_]+)*", "", line.text[line.starts[s]:line.ends[e - 1]])
    if not set(between) <= allowed:
        return False  # "Secretariat, in the United Nations": punctuation the name has not
    if sum(1 for ts, te in spans if s <= ts and te <= e) >= 2:
        return False  # two names joined by a word ("the Assembly to the Programme")
    after = raws[e] if e < len(raws) else ""
    after2 = raws[e + 1] if e + 1 < len(raws) else ""
    runs_on = after[:1].isupper() or (after.lower() in ix.function_words and after2[:1].isupper())
    if what == "word":
        norms = line.norms
        diffs = [k for k in range(len(name.tokens)) if norms[s + k] != name.tokens[k]]
        typo = len(diffs) == 1 and name.caps[diffs[0]]
        return typo or not runs_on  # "... and the Protocol to Prevent": another title runs on
    # a dropped or added word: only in a long name, with enough of it left to be sure
    content = sum(1 for r in raws[s:e] if r[:1].isupper() or r[:1].isdigit())
    if len(name.tokens) < 4 or content < 4 or any(r.isdigit() for r in raws[s:e]):
        return False
    before = raws[s - 1] if s > 0 else ""
    return not runs_on and not (before[:1].isupper() and s > 1)


# ---- entity findings

def _entity_findings(doc, ctx, code: str, message: str, check_lists: bool):
    when = ctx.document_date
    sponsors = doc.header.sponsors
    in_list = (lambda m: sponsors.start <= m.start < sponsors.start + len(sponsors.text)) if sponsors else (lambda m: False)
    notes_start = min((n.label_start for n in doc.notes), default=len(doc.text))
    for m in ctx.names.matches:
        name = m.name
        if name.entity.owner != code:
            continue
        found = doc.text[m.start:m.end]
        if m.near:
            expected = name.text if name.role not in ("avoid", "former") else name.entity.name
            fix = _unsafe(doc.replace(m.start, m.end, expected, f"replace with '{expected}'"))
            text = (ENTITY_MESSAGES["form"] if m.what == "form" else message).format(found=found, expected=expected)
            yield doc.finding(m.start, m.end, text, fix)
            continue
        if name.role == "avoid":
            expected = (when and name.entity.name_at(when)) or name.entity.name
            yield doc.finding(m.start, m.end, ENTITY_MESSAGES["avoid"].format(found=found, expected=expected),
                              doc.replace(m.start, m.end, expected, f"replace with '{expected}'"))
            continue
        if when is None or name.role == "short":
            continue
        if name.in_use(when):
            continue
        if name.lists_only and not in_list(m):
            continue
        if m.start >= notes_start and _of_its_time(doc.text, m.end, name):
            continue
        yield _out_of_date(doc, m, found, name, when)
    if check_lists and sponsors:
        yield from _sponsor_findings(doc, ctx, code, sponsors)


_YEAR_AFTER = re.compile(r"[^.;()]{0,40}?\b(1[89]\d\d|20\d\d)\b")


def _of_its_time(text: str, end: int, name: Name) -> bool:
    """A name followed by a year in which it was in use: a note citing a report by its title as
    published ("Report of the ... Conference ..., Istanbul, Turkey, 9–13 May 2011")."""
    m = _YEAR_AFTER.match(text, end)
    if not m:
        return False
    year = int(m.group(1))
    return name.in_use(date(year, 1, 1), date(year, 12, 31))


def _unsafe(fix: Fix | None) -> Fix | None:
    if fix is None or fix.applicability != "safe":
        return fix
    return Fix(fix.title, fix.edits, "unsafe")


def _out_of_date(doc, m: Match, found: str, name: Name, when: date):
    expected = name.entity.name_at(when)
    fix = doc.replace(m.start, m.end, expected, f"replace with '{expected}'") if expected else None
    if expected is None:
        period = (f"from {_human(name.start)}" if name.start else "") + (
            f" until {_human(name.end)}" if name.end else "")
        text = ENTITY_MESSAGES["absent"].format(found=found, date=_human(when), period=period.strip())
    elif name.end is not None and when >= name.end:
        text = ENTITY_MESSAGES["former"].format(found=found, date=_human(when), changed=_human(name.end),
                                                expected=expected)
    else:
        text = ENTITY_MESSAGES["early"].format(found=found, date=_human(when), changed=_human(name.start),
                                               expected=expected)
    return doc.finding(m.start, m.end, text, fix)


_ITEM = re.compile(r"[^,;*]+")


_SUBMITTED_BY = re.compile(r"(?:Revised d|D)raft (?:resolution|decision) submitted by ")


def _sponsor_findings(doc, ctx, code: str, sponsors):
    """Items of the sponsor list that are no known name: "Albania, Argentina ...: draft resolution"."""
    text = sponsors.text
    colon = text.rfind(":")
    if colon <= 0 or _SUBMITTED_BY.match(text):
        return  # "Draft resolution submitted by the Chair (the Rapporteur ...)": no list of States
    head = text[:colon]
    if head[:1].islower() or "on behalf of" in head:
        return
    start = sponsors.start
    chars = list(head)
    for m in ctx.names.matches:
        for k in range(max(m.start - start, 0), min(m.end - start, len(head))):
            chars[k] = " "
    chars = "".join(chars)
    ours = [n.text for n in ctx.run.names.names if n.entity.owner == code and n.role == "name"]
    for m in _ITEM.finditer(chars):
        item = re.sub(r"^\s*(?:and\s+)?|(?:\s+and)?\s*$", "", m.group())
        item = re.sub(r"\s+\d{1,2}$", "", item)  # a footnote number left by a text reader
        if len(item) < 3 or not item[:1].isupper():
            continue
        at = start + m.start() + m.group().find(item)
        close = difflib.get_close_matches(item, ours, n=1, cutoff=0.75)
        hint = f": did you mean '{close[0]}'?" if close else ""
        fix = _unsafe(doc.replace(at, at + len(item), close[0], f"replace with '{close[0]}'")) if close else None
        yield doc.finding(at, at + len(item), ENTITY_MESSAGES["list"].format(found=item, hint=hint), fix)
