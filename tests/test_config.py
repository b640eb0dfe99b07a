"""Config files: discovery, every key, and errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from unlint import config
from unlint.config import ConfigError, Resolver, find_config, load_config
from unlint.diagnostics import Severity
from unlint.settings import Settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


# ---- discovery

def test_nearest_config_wins(tmp_path):
    top = write(tmp_path / ".unlint.yaml", "select: [ST]\n")
    inner = write(tmp_path / "a" / ".unlint.yml", "select: [FN]\n")
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b" / "c") == inner.resolve()
    assert find_config(tmp_path) == top.resolve()


def test_yaml_before_pyproject_and_pyproject_needs_tool_unlint(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.unlint]\nselect = ['ST']\n")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n# [tool.unlint] in a comment\n")
    assert find_config(tmp_path / "a") == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / ".unlint.yaml", "select: [FN]\n")
    assert find_config(tmp_path / "a") == (tmp_path / ".unlint.yaml").resolve()


def test_no_config_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "YAML_NAMES", (".unlint-test-none.yaml",))
    monkeypatch.setattr(config, "_has_tool_unlint", lambda path: False)
    assert find_config(tmp_path) is None  # searched up to the root, found nothing
    assert Resolver({}).settings_for(tmp_path) == Settings()


def test_resolver_caches_per_directory(tmp_path, monkeypatch):
    write(tmp_path / ".unlint.yaml", "ignore: [PU]\n")
    calls = []
    real = config.find_config
    monkeypatch.setattr(config, "find_config", lambda d: calls.append(d) or real(d))
    resolver = Resolver({})
    first = resolver.settings_for(tmp_path)
    assert resolver.settings_for(tmp_path) is first
    assert calls == [tmp_path]


def test_flags_override_file_and_severity_maps_merge(tmp_path):
    write(tmp_path / ".unlint.yaml",
          "select: [ST]\nignore: [ST005]\nseverity: {ST: warning, FN: info}\nfail-on: error\n")
    flags = {"select": ("FN",), "severity": {"ST": Severity.ERROR}}
    s = Resolver(flags).settings_for(tmp_path)
    assert s.select == ("FN",)
    assert s.ignore == ()  # --select replaces the file's selection, its ignore too (issue 19)
    assert Resolver({"ignore": ("PU",)}).settings_for(tmp_path).ignore == ("PU",)
    assert dict(s.severity) == {"ST": Severity.ERROR, "FN": Severity.INFO}
    assert s.fail_on is Severity.ERROR


def test_isolated_and_explicit(tmp_path):
    write(tmp_path / ".unlint.yaml", "ignore: [PU]\n")
    other = write(tmp_path / "conf" / "team.yaml", "ignore: [TX]\n")
    assert Resolver({}, isolated=True).settings_for(tmp_path) == Settings()
    assert Resolver({}, explicit=other).settings_for(tmp_path).ignore == ("TX",)


# ---- every key

def test_every_key_yaml(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "fixtures" / "plugins"))  # installed plugins
    write(tmp_path / "packs" / "house.yaml", "rules: []\n")
    path = write(tmp_path / ".unlint.yaml", """\
# team settings
select: [ST, FN001, ALL]
ignore:
  - PU
severity:
  ST005: error
  FN: info
fail-on: warning
input-format: pdf-text
plugins: [unlint_demo_rules, unlint_fix_rules]
packs: [packs/house.yaml]
""")
    options = load_config(path)
    assert options == {
        "select": ("ST", "FN001", "ALL"),
        "ignore": ("PU",),
        "severity": {"ST005": Severity.ERROR, "FN": Severity.INFO},
        "fail_on": Severity.WARNING,
        "input_format": "pdf-text",
        "installed": ("unlint_demo_rules", "unlint_fix_rules"),
        "packs": (str((tmp_path / "packs" / "house.yaml").resolve()),),
    }
    Settings(**options)  # the keys are Settings' fields


def test_every_key_pyproject(tmp_path):
    write(tmp_path / "house.yaml", "rules: []\n")
    path = write(tmp_path / "pyproject.toml", """\
[project]
name = "drafts"

[tool.unlint]
select = ["ST"]
fail-on = "error"
packs = ["house.yaml"]

[tool.unlint.severity]
ST005 = "info"
""")
    assert load_config(path) == {
        "select": ("ST",),
        "fail_on": Severity.ERROR,
        "packs": (str((tmp_path / "house.yaml").resolve()),),
        "severity": {"ST005": Severity.INFO},
    }


def test_empty_yaml_file_is_defaults(tmp_path):
    assert load_config(write(tmp_path / ".unlint.yaml", "# nothing yet\n")) == {}


# ---- errors carry path and line

@pytest.mark.parametrize("text, line, problem", [
    ("select: [ST]\nselct: [FN]\n", 2, "unknown key 'selct' (did you mean 'select'?)"),
    ("fail_on: error\n", 1, "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("select: ST\n", 1, "select must be a list, got the string 'ST'"),
    ("select:\n", 1, "select must be a list, got nothing"),
    ("ignore:\n  - PU\n  - 12\n", 3, "ignore entries must be strings, got int 12"),
    ("select:\n  - ST\n  - st001\n", 3, "select: 'st001' is not a rule code"),
    ("severity:\n  ST: error\n  FN: fatal\n", 3, "severity of FN: 'fatal' is not one of error, warning, info"),
    ("severity: [ST]\n", 1, "severity must be a mapping"),
    ("severity:\n  ALL: error\n", 2, "severity: 'ALL' is not a rule code or prefix"),
    ("\n\nfail-on: yes\n", 3, "fail-on: 'yes' is not one of error, warning, info"),
    ("fail-on: true\n", 1, "fail-on: True is not one of"),
    ("input-format: docx\n", 1, "input-format: 'docx' is not one of markdown, pdf-text, text"),
    ("plugins: [my-rules]\n", 1, "plugins: 'my-rules' is not an installed unlint plugin"),
    ("packs: [missing.yaml]\n", 1, "packs: 'missing.yaml' not found"),
    ("select: [ST\nignore: [PU]\n", 2, "invalid YAML"),
    ("select: [ST]\nselect: [FN]\n", 2, "invalid YAML"),
    ("- ST\n- FN\n", 1, "expected a mapping of settings, got a list"),
    ("select: !!python/object/apply:os.system [ST]\n", 1, "YAML tags"),
    ("ignore: [PU]\nselect: !custom [ST]\n", 2, "YAML tags (!custom) are not allowed"),
    ("select: [!foo ST]\n", 1, "YAML tags (!foo) are not allowed"),  # inside a list (issue 19)
    ("per-file-ignores:\n  '*.md': [!x ST]\n", 1, "YAML tags (!x) are not allowed"),
    ("select: [!!python/name:os.system ST]\n", 1, "YAML tags (tag:yaml.org,2002:python/name:os.system)"),
])
def test_yaml_errors(tmp_path, text, line, problem):
    path = write(tmp_path / ".unlint.yaml", text)
    message = error_of(path)
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in message


@pytest.mark.parametrize("text, line, problem", [
    ('[tool.unlint]\nselect = ["ST"]\nselct = ["FN"]\n', 3, "unknown key 'selct'"),
    ('[project]\nname = "x"\n\n[tool.unlint]\nfail-on = "fatal"\n', 5, "fail-on: 'fatal' is not one of"),
    ('[tool.unlint]\nselect = ["ST"]\n\n[tool.unlint.severity]\nST = "fatal"\n', 5, "severity of ST"),
    ('[tool.unlint]\nselect = "ST"\n', 2, "select must be a list"),
    ('[tool.unlint]\nselect = ["ST"\n', 2, "invalid TOML: Unclosed array"),
    ('[tool.unlint]\nselect = ["ST"]\nignore = = 3\n', 3, "invalid TOML: Invalid value"),
    ('[tool]\nunlint = 3\n', 2, "tool.unlint must be a table"),
    ('[project]\nname = "x"\n', 1, "no [tool.unlint] table"),
    ('tool = 3\n', 1, "no [tool.unlint] table"),
])
def test_pyproject_errors(tmp_path, text, line, problem):
    path = write(tmp_path / "pyproject.toml", text)
    message = error_of(path)
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in message


def test_huge_config_is_refused(tmp_path):
    # an alias bomb would be small, but a config file is a few lines: anything over 1 MB is refused
    path = write(tmp_path / ".unlint.yaml", "# padding\n" * 120_000)
    assert "larger than 1 MB" in error_of(path)


def test_alias_bomb_is_not_expanded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = write(tmp_path / ".unlint.yaml", "\n".join(lines) + "\n")
    assert "unknown key 'a0'" in error_of(path)  # fails fast, without walking 10**12 items


def test_invalid_utf8_config(tmp_path):
    path = tmp_path / ".unlint.yaml"
    path.write_bytes(b"select: [ST]\nignore: [\xff]\n")
    assert error_of(path) == f"{path}:2: config file is not valid UTF-8"


def test_unreadable_config_is_a_config_error(tmp_path):
    assert error_of(tmp_path / "missing.yaml").startswith(f"{tmp_path / 'missing.yaml'}: cannot read")


def test_paths_in_messages_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    write(tmp_path / "team" / ".unlint.yaml", "fail-on: never\n")
    monkeypatch.chdir(tmp_path)
    assert error_of(Path("team/.unlint.yaml")).startswith("team/.unlint.yaml:1: fail-on")
    assert error_of((tmp_path / "team" / ".unlint.yaml").resolve()).startswith("team/.unlint.yaml:1:")


def test_resolver_reports_a_broken_config_every_time(tmp_path):
    write(tmp_path / ".unlint.yaml", "fail-on: never\n")
    resolver = Resolver({})
    for _ in range(2):
        with pytest.raises(ConfigError, match=r":1: fail-on"):
            resolver.settings_for(tmp_path)


@pytest.mark.parametrize("value, expected", [
    ("ST", ("ST",)), ("ST,FN001", ("ST", "FN001")), (" ST , PU ,", ("ST", "PU")), ("ALL", ("ALL",)),
])
def test_parse_prefixes(value, expected):
    assert config.parse_prefixes(value) == expected


@pytest.mark.parametrize("value", ["st", "ST-1", "ST0001", "*"])
def test_parse_prefixes_rejects(value):
    with pytest.raises(ValueError):
        config.parse_prefixes(value)
