"""``--format sarif``: checked against the official SARIF 2.1.0 JSON Schema (OASIS), kept in
tests/fixtures/sarif-schema-2.1.0.json (an unchanged copy, so that CI has it), and for what the
schema cannot say:
every rule in the driver, results pointing at the right rule, positions and fixes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from unlint.cli import main
from unlint.diagnostics import Diagnostic, Edit, Fix, Severity
from unlint.output import sarif
from unlint.source import Source

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# This copy (as AdaCore/sarif-ada carries it) keeps the log's own schema under
# definitions/Root, with nothing at the top level: validating against the file as it is
# would accept anything. Validate against that definition.
VALIDATOR = jsonschema.Draft7Validator({**SCHEMA, "$ref": "#/definitions/Root"})
DRAFT = """The General Assembly,

*Recalling* the Convention — ‘𝒞’ édition.

1. *Decides* to proclaim 5 September the International Day of Charity;

2. *Requests* the Secretary-General to report TODO on the observance;
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES / "plugins"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft one.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "clean.md").write_text("The General Assembly,\n\n1. *Decides* to act.\n", encoding="utf-8")
    return tmp_path


def sarif_of(capsys, *args) -> tuple[int, dict]:
    code = main(["--format", "sarif", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_the_schema_has_teeth():
    VALIDATOR.check_schema(SCHEMA)
    assert jsonschema.Draft7Validator(SCHEMA).is_valid({"anything": 1})  # hence the $ref above
    assert not VALIDATOR.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # no name
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert VALIDATOR.is_valid(good)
    bad_level = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "level": "fatal"}]}]}
    assert not VALIDATOR.is_valid(bad_level)


def test_report_is_valid_sarif_with_every_rule(project, capsys):
    code, log = sarif_of(capsys, ".")
    assert code == 1
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, errors[0].message
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "unlint" and driver["version"]
    main(["rules"])
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line[:2].isalpha() and line[2:5].isdigit()]
    codes = [r["id"] for r in driver["rules"]]
    assert set(listed) <= set(codes)  # every rule, the opt-in ones too
    assert {"TD001", "TD002", "UL001", "UL003", "UL004"} <= set(codes)
    td002 = driver["rules"][codes.index("TD002")]
    assert td002["defaultConfiguration"] == {"level": "note", "enabled": False}
    st002 = driver["rules"][codes.index("ST002")]
    assert st002["name"] == "operative-ending" and "**Why.**" in st002["help"]["markdown"]
    assert st002["helpUri"].startswith("file://") and st002["helpUri"].endswith("/ST002.md")
    assert "helpUri" not in td002  # a plugin's rule has no shipped page
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_locations_and_fixes(project, capsys):
    _, log = sarif_of(capsys, "--select", "ST002,ST003,TD001", "drafts")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"
    results = {r["ruleId"]: r for r in run["results"]}
    assert sorted(results) == ["ST002", "ST003", "TD001"]
    st003 = results["ST003"]
    location = st003["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "drafts/draft%20one.md", "uriBaseId": "%SRCROOT%"}
    column = DRAFT.splitlines()[2].index("édition.") + len("édition") + 1  # code points, 1-based
    assert location["region"] == {"startLine": 3, "startColumn": column, "endLine": 3, "endColumn": column + 1}
    assert st003["level"] == "error" and st003["message"]["text"].startswith("preambular paragraph should end")
    (fix,) = st003["fixes"]
    assert fix["description"]["text"] == "end with ','"
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": location["region"], "insertedContent": {"text": ","}}]
    assert results["TD001"]["level"] == "warning"
    assert len(results["TD001"]["partialFingerprints"]["unlintFingerprint/v1"]) == 16


def test_display_only_and_unsafe_fixes():
    source = Source("/abs/a.txt", "one two\n")
    display = Diagnostic("XX001", "x", Severity.INFO, "m", 0, 3, Fix("Show", (Edit(0, 3, "1"),), "display"))
    unsafe = Diagnostic("XX002", "y", Severity.WARNING, "m", 4, 7, Fix("Review", (Edit(4, 7, "2"),), "unsafe"))
    log = json.loads(sarif.render([(source, [display, unsafe])], []))
    assert VALIDATOR.is_valid(log)
    first, second = log["runs"][0]["results"]
    assert "fixes" not in first and first["properties"]["fix"]["applicability"] == "display"
    assert first["level"] == "note" and "ruleIndex" not in first
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///abs/a.txt"}
    assert second["fixes"][0]["properties"] == {"applicability": "unsafe"}


def test_no_files_is_still_a_valid_log(project, capsys):
    code, log = sarif_of(capsys, "clean.md", "--select", "TD")
    assert code == 0 and log["runs"][0]["results"] == [] and VALIDATOR.is_valid(log)


def test_written_to_a_file(project, capsys):
    assert main(["--format", "sarif", "-o", "out.sarif", "drafts"]) == 1
    assert capsys.readouterr().out == ""
    assert VALIDATOR.is_valid(json.loads((project / "out.sarif").read_text(encoding="utf-8")))


# ---- the fixes of a PDF are shown, never proposed as edits (issue 19)

def pdf_of(lines: list[str]) -> bytes:
    """A one-page PDF printing ``lines`` in 11-point Helvetica, one under another."""
    text = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (720 - 16 * i, line.encode("latin-1"))
                    for i, line in enumerate(lines))
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
              b" /Resources << /Font << /F1 5 0 R >> >> >>",
              b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, table)
    return bytes(out)


LINES = ["The General Assembly,", "1. Decides to remain seized of the matter;"]  # ST002: end with '.'


def report(capsys, fmt: str, path: str) -> str:
    code = main(["--no-cache", "--format", fmt, "-o", "report", path])
    err = capsys.readouterr().err
    if code == 2 and "needs" in err:  # no PDF library installed
        pytest.skip(err.strip())
    assert code == 1, err
    return Path("report").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["sarif", "html", "json", "text", "github"])
def test_the_fixes_of_a_pdf_are_display_only_in_every_report(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.pdf").write_bytes(pdf_of(LINES))
    (tmp_path / "draft.md").write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    for name, kind in (("draft.pdf", "display"), ("draft.md", "safe")):  # the same finding
        out = report(capsys, fmt, name)
        if fmt == "sarif":
            log = json.loads(out)
            assert VALIDATOR.is_valid(log)
            (result,) = log["runs"][0]["results"]
            assert result["ruleId"] == "ST002"
            if kind == "display":
                assert "fixes" not in result
                assert result["properties"]["fix"] == {"title": "end with '.'", "applicability": "display"}
            else:
                assert result["fixes"][0]["properties"] == {"applicability": "safe"}
        elif fmt == "json":
            (finding,) = json.loads(out)["files"][0]["diagnostics"]
            assert finding["fix"]["applicability"] == kind
        elif fmt == "html":
            shown = {"display": '<div class="fix fix-display"><span class="fixkind">fix shown only:</span>',
                     "safe": '<div class="fix fix-safe"><span class="fixkind">safe fix:</span>'}
            assert out.count('<div class="fix ') == 1 and shown[kind] in out
        else:
            mark = "fix (display): end with '.'" if kind == "display" else "fix: end with '.'"
            assert mark in out.replace("%0A", "\n")
