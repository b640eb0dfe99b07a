"""Third-party rules plug in through the same hooks as the built-ins.

Each test writes a tiny plugin module into tmp_path and puts tmp_path on sys.path; it is then
named on the command line (``--plugin``) or installed through an entry point (a ``*.dist-info``
folder), which a config file can choose by name (``plugins:``) but never import by itself.
"""

from __future__ import annotations

import json
import sys
import textwrap

import pluggy
import pytest

from unlint.cli import main
from unlint.plugins import all_rules, plugin_manager

DRAFT = "The General Assembly,\n\n1. Decides to act NOW;\n\n2. Requests a report.\n"

PLUGIN = '''
import re

from unlint.diagnostics import Finding
from unlint.hookspecs import hookimpl
from unlint.registry import rule


@rule("XX101", "shouting", "warning")
def shouting(doc, ctx):
    """Words in capitals, as if shouted."""
    for m in re.finditer(r"\\b[A-Z]{3,}\\b", doc.source.text):
        yield Finding(m.start(), m.end(), f"{m.group()} is shouted")


@hookimpl
def unlint_rules():
    return [shouting]
'''


@pytest.fixture(autouse=True)
def _isolation(monkeypatch, tmp_path):
    """Fresh plugin managers; the test's modules forgotten afterwards; cwd in tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("unlint_test_"):
            del sys.modules[name]


def write_plugin(tmp_path, module: str, source: str = PLUGIN):
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def lint_json(capsys, *args):
    code = main(["--format", "json", *args])
    out, err = capsys.readouterr()
    assert err == "", err
    return code, [d for f in json.loads(out)["files"] for d in f["diagnostics"]]


def test_plugin_named_on_the_command_line(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_config_plugin")
    (tmp_path / "draft.txt").write_text(DRAFT)
    code = main(["--plugin", "unlint_test_config_plugin", "draft.txt"])
    out = capsys.readouterr().out
    column = DRAFT.splitlines()[2].index("NOW") + 1
    assert f"draft.txt:3:{column}: XX101 [shouting] NOW is shouted" in out
    assert code == 1
    main(["rule", "--plugin", "unlint_test_config_plugin", "XX101"])
    assert "Words in capitals, as if shouted." in capsys.readouterr().out


def install(tmp_path, module: str, name: str = "shouting"):
    """``module`` installed as a plugin called ``name``: a dist-info folder with its entry point."""
    dist = tmp_path / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[unlint]\n{name} = {module}\n")


def test_a_config_file_cannot_import_a_module(tmp_path, capsys):
    """A config file comes with the documents: naming a module that is not an installed plugin
    is an error that says how to run it on purpose, and the module is never imported."""
    write_plugin(tmp_path, "unlint_test_planted", "open('RAN', 'w').close()\n" + PLUGIN)
    (tmp_path / ".unlint.yaml").write_text("select: [XX]\nplugins: [unlint_test_planted]\n")
    (tmp_path / "draft.txt").write_text(DRAFT)
    assert main(["draft.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unlint: error: .unlint.yaml:2: plugins: 'unlint_test_planted' is not an "
                          "installed unlint plugin") and "--plugin MODULE" in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "RAN").exists() and "unlint_test_planted" not in sys.modules


def test_a_config_file_chooses_among_installed_plugins_by_name(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_chosen")
    install(tmp_path, "unlint_test_chosen")
    (tmp_path / "draft.txt").write_text(DRAFT)
    (tmp_path / ".unlint.yaml").write_text("plugins: [shouting]\n")
    assert [d["code"] for d in lint_json(capsys, "draft.txt")[1]] == ["XX101"]
    (tmp_path / ".unlint.yaml").write_text("plugins: []\n")  # installed, but not wanted here
    assert main(["--select", "XX", "draft.txt"]) == 2  # its codes are no rule's here (issue 19)
    assert "select: no rule has the code or prefix 'XX'" in capsys.readouterr().err
    (tmp_path / ".unlint.yaml").write_text("plugins: [shoutin]\n")
    assert main(["draft.txt"]) == 2
    assert "(did you mean 'shouting'?); installed: shouting" in capsys.readouterr().err


def test_plugin_found_through_an_entry_point(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_ep_plugin")
    dist = tmp_path / "unlint_test_ep_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: unlint-test-ep-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[unlint]\nshouting = unlint_test_ep_plugin\n")
    assert main(["rules", "--isolated"]) == 0
    assert "XX101  shouting" in capsys.readouterr().out
    (tmp_path / "draft.txt").write_text(DRAFT)
    code, found = lint_json(capsys, "--isolated", "draft.txt")  # no config: the entry point alone
    assert [d["code"] for d in found] == ["XX101"] and code == 1


def test_a_crashing_rule_becomes_ul002_and_others_still_report(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_crash", PLUGIN + '''

@rule("XX102", "always-crashes", "info")
def always_crashes(doc, ctx):
    """Crashes on every document."""
    return 1 / 0


@hookimpl
def unlint_rules():
    return [shouting, always_crashes]
''')
    (tmp_path / "draft.txt").write_text(DRAFT)
    code, found = lint_json(capsys, "--plugin", "unlint_test_crash", "draft.txt")
    codes = [d["code"] for d in found]
    assert "XX101" in codes and "UL002" in codes
    crash = found[codes.index("UL002")]
    assert crash["severity"] == "error"
    assert "XX102 [always-crashes] failed: ZeroDivisionError" in crash["message"]
    assert code == 1


def test_a_wrapper_of_unlint_check_can_filter_diagnostics(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_wrapper", PLUGIN + '''

@hookimpl(wrapper=True)
def unlint_check(document, context, rules):
    diagnostics = yield
    return [d for d in diagnostics if "NOW" not in d.message]
''')
    (tmp_path / "draft.txt").write_text(DRAFT)
    code, found = lint_json(capsys, "--plugin", "unlint_test_wrapper", "--select", "XX", "draft.txt")
    assert (code, found) == (0, [])


def test_duplicate_codes_are_a_plugin_error(tmp_path, capsys):
    write_plugin(tmp_path, "unlint_test_dup", '''
from unlint.hookspecs import hookimpl
from unlint.registry import rule


@rule("UL001", "imposter", "info")
def imposter(doc, ctx):
    """Takes a built-in code."""
    return ()


@hookimpl
def unlint_rules():
    return [imposter]
''')
    (tmp_path / "draft.txt").write_text(DRAFT)
    assert main(["--plugin", "unlint_test_dup", "draft.txt"]) == 2
    assert "two rules share the code UL001" in capsys.readouterr().err


def test_builtin_hooks_are_all_known():
    pm = plugin_manager()
    pm.check_pending()  # raises on a misspelt hook name in any registered plugin
    rules = all_rules(pm)
    assert {"UL001", "UL002"} <= {r.code for r in rules}
    assert len({r.code for r in rules}) == len(rules)


def test_check_pending_catches_a_misspelt_hook(tmp_path):
    write_plugin(tmp_path, "unlint_test_typo", '''
from unlint.hookspecs import hookimpl


@hookimpl
def unlint_rule():  # should be unlint_rules
    return []
''')
    pm = plugin_manager(("unlint_test_typo",))
    with pytest.raises(pluggy.PluginValidationError):
        pm.check_pending()


def test_a_broken_installed_plugin_is_one_line_not_a_traceback(tmp_path, capsys):
    dist = tmp_path / "unlint_test_broken-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: unlint-test-broken\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[unlint]\nbroken = unlint_test_not_there\n")
    (tmp_path / "draft.txt").write_text(DRAFT)
    for args in (["rules"], ["draft.txt"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("unlint: error: ") and "unlint_test_not_there" in err
        assert len(err.splitlines()) == 1


def test_the_readme_plugin_example_works(tmp_path, capsys):
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a plugin", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "unlint_test_readme_example.py").write_text(example, encoding="utf-8")
    (tmp_path / "draft.txt").write_text("The General Assembly,\n\n1. Decides TODO to act.\n")
    code, found = lint_json(capsys, "--plugin", "unlint_test_readme_example", "--select", "HS", "draft.txt")
    assert code == 1
    assert [(d["code"], d["line"], d["column"], d["end_column"]) for d in found] == [("HS001", 3, 12, 16)]
    assert found[0]["fix"]["edits"][0]["end"] == {"line": 3, "column": 17}


def test_a_plugin_that_prints_cannot_corrupt_the_report(tmp_path, capsys):
    """Standard output is the report's: what a plugin prints, when it is loaded or while it
    lints, goes to standard error."""
    write_plugin(tmp_path, "unlint_test_chatty", 'print("hello from the import")\n' + PLUGIN.replace(
        '    for m in re.finditer', '    print("hello from the rule")\n    for m in re.finditer'))
    (tmp_path / "draft.txt").write_text(DRAFT)
    code = main(["--plugin", "unlint_test_chatty", "--format", "json", "--no-cache", "draft.txt"])
    out, err = capsys.readouterr()
    assert [d["code"] for f in json.loads(out)["files"] for d in f["diagnostics"]] == ["XX101"]
    assert "hello from the import" in err and "hello from the rule" in err and code == 1
