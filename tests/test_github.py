"""``--format github``: GitHub Actions workflow commands, one annotation per finding, escaped
as the runner expects (``%25`` ``%0D`` ``%0A`` in messages, also ``%3A`` ``%2C`` in properties);
and the README's workflow snippet stays a valid workflow that runs it."""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML

from unlint.cli import main
from unlint.diagnostics import Diagnostic, Edit, Fix, Severity
from unlint.output import github
from unlint.source import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def test_annotation_fields_and_levels():
    source = Source("drafts/a,b:c.md", "1. Decides 100% TODO\nnow.\n")
    error = Diagnostic("ST002", "operative-ending", Severity.ERROR, "ends with '.'\nnot ';'", 3, 10,
                       Fix("end with ';'", (Edit(9, 10, ";"),)))
    info = Diagnostic("PU001", "x", Severity.INFO, "100% sure", 11, 25)
    warning = Diagnostic("TD001", "todo-marker", Severity.WARNING, "TODO", 16, 20,
                         Fix("remove", (Edit(16, 21, ""),), "unsafe"))
    lines = github.render([(source, [error, info, warning])]).splitlines()
    assert lines == [
        "::error file=drafts/a%2Cb%3Ac.md,line=1,col=4,endLine=1,endColumn=11,"
        "title=ST002 [operative-ending]::ends with '.'%0Anot ';'%0Afix: end with ';'",
        "::notice file=drafts/a%2Cb%3Ac.md,line=1,col=12,endLine=2,endColumn=5,title=PU001 [x]::100%25 sure",
        "::warning file=drafts/a%2Cb%3Ac.md,line=1,col=17,endLine=1,endColumn=21,"
        "title=TD001 [todo-marker]::TODO%0Afix (unsafe): remove",
    ]


def test_cli_github_format(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(FIXTURES / "plugins"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nselect: [TD]\n", encoding="utf-8")
    (tmp_path / "draft.md").write_bytes((FIXTURES / "draft.md").read_bytes())
    (tmp_path / "clean.md").write_bytes((FIXTURES / "clean.md").read_bytes())
    code = main(["--format", "github", "draft.md", "clean.md"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    lines = (FIXTURES / "draft.md").read_text(encoding="utf-8").splitlines()
    todo, fixme = lines[6].index("TODO") + 1, lines[8].index("FIXME") + 1
    assert out.splitlines() == [
        f"::warning file=draft.md,line=7,col={todo},endLine=7,endColumn={todo + 4},title=TD001 [todo-marker]::"
        "TODO marker left in the text%0Afix: Remove the marker",
        f"::notice file=draft.md,line=9,col={fixme},endLine=9,endColumn={fixme + 5},title=TD002 [fixme-marker]::"
        "FIXME marker left in the text",
    ]
    assert main(["--format", "github", "clean.md"]) == 0
    assert capsys.readouterr().out == ""


def test_readme_workflow_runs_unlint_with_the_github_format():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### GitHub Actions", 1)[1].split("\n## ", 1)[0]
    workflow = YAML(typ="safe").load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    steps = workflow["jobs"]["unlint"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert any("--format github" in r for r in runs)
    assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps)
    assert set(workflow) >= {"name", "on", "jobs"}


def test_a_pdf_or_word_file_is_annotated_with_its_page_or_paragraph():
    """A PDF has no line GitHub can show: the annotation is on the file, the place in its title,
    and a fix that cannot be applied says so (issue 19)."""
    from unlint.source import Unit

    text = "Title\nEmphasising that\n"
    source = Source("r.pdf", text, kind="pdf", units=(Unit(0, "page", "2"),))
    d = Diagnostic("EN010", "un-spelling", Severity.WARNING, "UN spelling", 6, 17,
                   Fix("replace with 'Emphasizing'", (Edit(6, 17, "Emphasizing"),), "display"))
    assert github.render([(source, [d])]) == (
        "::warning file=r.pdf,title=EN010 [un-spelling] (page 2%2C line 2%2C column 1)::"
        "UN spelling%0Afix (display): replace with 'Emphasizing'\n")
