"""Rule cases: the YAML specification of a rule, checked by one test (for unlint and plugins).

A case file holds the cases of one rule (unlint's own are ``tests/cases/<CODE>.yaml``)::

    rule: HS001
    cases:
      - name: a marker left in the text
        format: markdown          # optional: markdown | pdf-text | text (default text)
        config:                   # optional: select, ignore, severity, packs (as in .unlint.yaml;
          packs: [house.yaml]     #   pack paths relative to the case file); select defaults
                                  #   to the rule alone
        text: |
          ...
        expect:                   # every finding of this rule: line, column, a part of the message
          - {line: 5, column: 1, message: "expected 2"}
        fixed: |                  # optional: the text after applying this rule's safe fixes
          ...
        fixed-unsafe: |           # optional: the text after applying its safe and unsafe fixes
          ...
        base: |                   # optional: the base text the case's text was made from
          ...                     #   (as --base FILE gives it: the CP rules)

A plugin's test file is then::

    from pathlib import Path
    import pytest
    from unlint.testing import check_case, rule_cases

    @pytest.mark.parametrize("case", rule_cases(Path(__file__).parent / "cases"))
    def test_rule_case(case):
        check_case(case)

(the plugin's modules must be importable, and named in ``config: {plugins: [...]}`` unless an
installed entry point registers them). :func:`check_case` raises AssertionError with what was
expected and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unlint.diagnostics import Severity
from unlint.settings import Settings

SUFFIX = {"markdown": "case.md", "pdf-text": "case.txt", "text": "case.txt"}
CONFIG_KEYS = ("select", "ignore", "severity", "packs", "plugins")
CASE_KEYS = ("name", "format", "config", "text", "expect", "fixed", "fixed-unsafe", "base")


@dataclass(frozen=True)
class Case:
    """One case of a rule: a text, the findings expected and, maybe, the fixed text."""

    rule: str
    name: str
    text: str
    expect: tuple[tuple[int, int, str], ...] = ()  # (line, column, part of the message)
    fixed: str | None = None
    format: str = "text"
    settings: Settings = field(default_factory=Settings)
    path: Path | None = None  # the case file
    fixed_unsafe: str | None = None
    base: str | None = None  # the text of the base (--base), in the case's format


def load_cases(path: Path) -> list[Case]:
    """The cases of one case file; a malformed file raises ValueError naming it."""
    from ruamel.yaml import YAML

    path = Path(path)
    spec = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or "rule" not in spec or not isinstance(spec.get("cases"), list):
        raise ValueError(f"{path}: a case file is a mapping with 'rule' and a list of 'cases'")
    out = []
    for raw in spec["cases"]:
        unknown = set(raw) - set(CASE_KEYS)
        if unknown:
            raise ValueError(f"{path}: case {raw.get('name')!r}: unknown keys {sorted(unknown)}; "
                             f"known: {', '.join(CASE_KEYS)}")
        fmt = raw.get("format", "text")
        if fmt not in SUFFIX:
            raise ValueError(f"{path}: case {raw.get('name')!r}: unknown format {fmt!r}")
        expect = tuple((e["line"], e["column"], e.get("message", "")) for e in raw.get("expect") or ())
        out.append(Case(spec["rule"], raw["name"], raw["text"], expect, raw.get("fixed"), fmt,
                        _settings(spec["rule"], raw.get("config") or {}, path), path,
                        raw.get("fixed-unsafe"), raw.get("base")))
    return out


def _settings(rule: str, config: dict, path: Path) -> Settings:
    unknown = set(config) - set(CONFIG_KEYS)
    if unknown:
        raise ValueError(f"{path}: unknown config keys {sorted(unknown)}; known: {', '.join(CONFIG_KEYS)}")
    return Settings(
        select=tuple(config.get("select") or (rule,)),
        ignore=tuple(config.get("ignore") or ()),
        severity={prefix: Severity(level) for prefix, level in (config.get("severity") or {}).items()},
        packs=tuple(str((path.parent / p).resolve()) for p in config.get("packs") or ()),
        plugins=tuple(config.get("plugins") or ()),
    )


def lint_case(case: Case, text: str | None = None):
    """(source, diagnostics) of the case's text (or ``text``) under the case's settings."""
    from unlint.engine import lint_document, load
    from unlint.source import Source

    source = Source(SUFFIX[case.format], case.text if text is None else text)
    if case.base is None:
        return source, lint_document(load(source, case.format), case.settings)
    import tempfile
    from dataclasses import replace

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / f"base.{SUFFIX[case.format]}"
        base.write_text(case.base, encoding="utf-8")
        settings = replace(case.settings, base=str(base), input_format=case.format)
        return source, lint_document(load(source, case.format), settings)


def check_case(case: Case) -> None:
    """Assert that the case's rule finds exactly what the case expects, where it expects it,
    and that its fixes (if the case gives the fixed text) give that text, the safe ones
    idempotent."""
    from unlint.fixes import apply_fixes

    source, diagnostics = lint_case(case)
    mine = [d for d in diagnostics if d.code == case.rule]
    found = [(*source.position(d.start), d.message) for d in mine]
    where = f"{case.rule} case {case.name!r}" + (f" ({case.path})" if case.path else "")
    wanted = [(line, column) for line, column, _ in case.expect]
    assert [(line, col) for line, col, _ in found] == wanted, (
        f"{where}: expected findings at {wanted}, found {found}")
    for (line, col, message), (_, _, part) in zip(found, case.expect):
        assert part in message, f"{where}: the finding at {line}:{col} says {message!r}, not {part!r}"
    for unsafe, wanted_text in ((False, case.fixed), (True, case.fixed_unsafe)):
        if wanted_text is None:
            continue
        fixed, count = apply_fixes(source.text, mine, unsafe=unsafe)
        assert count > 0, f"{where}: no fix was applied"
        assert fixed == wanted_text, f"{where}: the fixed text differs:\n{fixed}"
        if not unsafe:
            _, again = lint_case(case, fixed)
            assert not [d for d in again if d.code == case.rule and d.fix], f"{where}: the fix is not idempotent"


def rule_cases(folder: Path) -> list:
    """Every case of every ``*.yaml`` file of ``folder``, as ``pytest.param``s named
    ``CODE-case name`` (for ``@pytest.mark.parametrize``)."""
    import pytest

    return [pytest.param(case, id=f"{case.rule}-{case.name}")
            for path in sorted(Path(folder).glob("*.yaml")) for case in load_cases(path)]
