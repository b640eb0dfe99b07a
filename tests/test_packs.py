"""Declarative rule packs (unlint.packs): each kind, user and plugin packs, broken packs."""

from __future__ import annotations

import textwrap

import pytest

from unlint.engine import lint_document, load
from unlint.fixes import apply_fixes
from unlint.knowledge import KnowledgeError
from unlint.packs import PackError, add_packs, load_pack
from unlint.plugins import all_rules, plugin_manager
from unlint.settings import Settings
from unlint.source import Source

HEAD = """\
  - code: {code}
    name: {name}
    kind: {kind}
    severity: warning
    summary: A test rule.
    why: Tests.
    example: Tests.
"""


def pack(tmp_path, body: str, name="house.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def rule_pack(tmp_path, code, name, kind, extra: str):
    return pack(tmp_path, "rules:\n" + HEAD.format(code=code, name=name, kind=kind) + textwrap.indent(
        textwrap.dedent(extra), "    "))


def only(path) -> Settings:
    """The settings that run the rules of the pack at ``path``, and only them."""
    return Settings(packs=(str(path),), select=tuple(r.code for r in load_pack(path)))


def run(settings: Settings, text: str, fmt="text"):
    source = Source("case.txt", text)
    out = lint_document(load(source, fmt), settings)
    return source, [(source.position(d.start), d.message, d) for d in out]


DRAFT = "The General Assembly,\n\n1. Welcomes the {}.\n"


def test_substitution_with_endings_and_fix(tmp_path):
    path = rule_pack(tmp_path, "HS101", "house-spelling", "substitution", """\
        swap:
          organis*: organiz*
          colour: color
        unless: [colour of the flag]
        """)
    source, found = run(only(path), DRAFT.format("organisation of the colour scheme and the colour of the flag"))
    assert [(pos, msg) for pos, msg, _ in found] == [
        ((3, 17), "use 'organization', not 'organisation'"),
        ((3, 37), "use 'color', not 'colour'"),
    ]
    fixed, count = apply_fixes(source.text, [d for _, _, d in found])
    assert count == 2 and "organization of the color scheme and the colour of the flag" in fixed


def test_existence_with_advice(tmp_path):
    path = rule_pack(tmp_path, "HS102", "house-words", "existence", """\
        message: "'{found}': {advice}"
        tokens: {very unique: say "unique"}
        """)
    _, found = run(only(path), DRAFT.format("very unique initiative"))
    assert [(pos, msg) for pos, msg, _ in found] == [((3, 17), "'very unique': say \"unique\"")]


@pytest.mark.parametrize("message, problem", [
    ("'{found:>300000000}'", "{found:>300000000} is not a field of this message"),  # a huge string
    ("{found.__class__.__mro__}", "{found.__class__.__mro__} is not a field"),  # the inside of objects
    ("{found!r}", "{found!r} is not a field"),
    ("{nope}", "{nope} is not a field of this message; it can use {found}, {advice}"),
    ("{0}", "{0} is not a field"),
    ("unbalanced {found", "expected '}' before end of string"),
])
def test_a_message_template_has_named_fields_only_checked_at_load(tmp_path, message, problem):
    """Pack messages are not Python format strings: a format specification, an attribute, a
    conversion or an unknown field is refused when the pack is loaded, with file and line."""
    path = rule_pack(tmp_path, "HS105", "house-words", "existence", f"message: {message!r}\ntokens: [x]\n")
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:9: message: ") and problem in str(info.value)


def test_a_message_template_keeps_braces_and_fields(tmp_path):
    path = rule_pack(tmp_path, "HS106", "house-words", "existence", """\
        message: "{{{found}}} {advice} {{x}}"
        tokens: {very unique: "(say 'unique')"}
        """)
    _, found = run(only(path), DRAFT.format("very unique initiative"))
    assert [msg for _, msg, _ in found] == ["{very unique} (say 'unique') {x}"]


def test_consistency_keeps_the_first_form(tmp_path):
    path = rule_pack(tmp_path, "HS103", "house-forms", "consistency", """\
        either: [[e-mail, email]]
        """)
    text = "The General Assembly,\n\n1. Notes the email;\n\n2. Notes the e-mail and the email.\n"
    _, found = run(only(path), text)
    assert [pos for pos, _, _ in found] == [((5, 14))]
    assert "keep to 'email', used first (line 3)" in found[0][1]


def test_entity_near_miss_dates_and_known_names_of_other_packs(tmp_path):
    path = rule_pack(tmp_path, "HS104", "house-names", "entity", """\
        names:
          - Asian Infrastructure Investment Bank
          - name: Office of Nuclear Safety Studies
            formerly: {Office of Nuclear Studies: 2020-01-01}
        """)
    rules = only(path)
    text = ("General Assembly\nDistr.: General\n3 March 2021\n\nThe General Assembly,\n\n"
            "1. Welcomes the Asian Infrastructure Investment Bunk, the Office of Nuclear Studies "
            "and the Economic and Social Council.\n")
    _, found = run(rules, text)
    messages = [msg for _, msg, _ in found]
    assert messages == [
        "'Asian Infrastructure Investment Bunk' is not a known name: did you mean "
        "'Asian Infrastructure Investment Bank'?",
        "'Office of Nuclear Studies' is no longer the UN name on 3 March 2021 (changed on "
        "1 January 2020): use 'Office of Nuclear Safety Studies'",
    ]
    # the same name before the change is right
    _, found = run(rules, text.replace("3 March 2021", "3 March 2019"))
    assert [msg for _, msg, _ in found][1:] == []


def test_a_user_name_is_known_to_the_builtin_rules(tmp_path):
    text = DRAFT.format("Economic and Social Counsel of Ruritania")
    assert [msg for _, msg, _ in run(Settings(select=("EN001",)), text)[1]]  # a near miss ...
    path = rule_pack(tmp_path, "HS105", "house-bodies", "entity", """\
        names: [Economic and Social Counsel of Ruritania]
        """)
    with_pack = Settings(select=("EN001",), packs=(str(path),))
    assert run(with_pack, text)[1] == []  # ... not when the settings' pack names it
    assert [msg for _, msg, _ in run(Settings(select=("EN001",)), text)[1]]  # nor leaks out


def test_user_packs_join_the_builtin_rules(tmp_path):
    path = rule_pack(tmp_path, "HS106", "house-spelling", "substitution", "swap: {colour: color}\n")
    rules = add_packs(all_rules(plugin_manager()), [path])
    assert "HS106" in [r.code for r in rules]
    clash = rule_pack(tmp_path, "EN001", "clash", "substitution", "swap: {colour: color}\n")
    with pytest.raises(PackError, match=r"house\.yaml:2: rule code EN001 is already used"):
        add_packs(all_rules(plugin_manager()), [clash])
    assert Settings(packs=(str(path),)).packs == (str(path),)


def test_a_plugin_ships_a_pack(tmp_path, monkeypatch):
    rule_pack(tmp_path, "HS107", "plugin-spelling", "substitution", "swap: {colour: color}\n")
    (tmp_path / "unlint_test_packplugin.py").write_text(textwrap.dedent("""\
        from pathlib import Path
        from unlint.hookspecs import hookimpl
        from unlint.packs import load_pack

        @hookimpl
        def unlint_rules():
            return list(load_pack(Path(__file__).with_name("house.yaml")))
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    codes = [r.code for r in all_rules(plugin_manager(("unlint_test_packplugin",)))]
    assert "HS107" in codes and "EN001" in codes


def test_the_builtin_packs_load_and_are_listed():
    codes = {r.code: r for r in all_rules(plugin_manager())}
    for code in ("EN001", "EN002", "EN003", "EN010", "EN011", "EN012", "EN013"):
        assert code in codes and "**Why.**" in codes[code].doc


@pytest.mark.parametrize("body, where, problem", [
    ("rules:\n  - code: HS1\n", ":2:", "rule without 'name'"),
    ("rules: [\n", ":2:", "invalid YAML"),
    ("rules:\n" + HEAD.format(code="HS201", name="x", kind="spelling"), ":4:", "unknown kind 'spelling'"),
    ("rules:\n" + HEAD.format(code="HS1", name="x", kind="existence") + "    tokens: [a]\n", ":2:",
     "rule code 'HS1' is not a family prefix plus 3 digits"),
    ("rules:\n" + HEAD.format(code="HS202", name="x", kind="substitution") + "    swop: {a: b}\n", ":9:",
     "unknown key 'swop' in a rule of kind 'substitution' (did you mean 'swap'?)"),
    ("rules:\n" + HEAD.format(code="HS203", name="x", kind="substitution") + "    swap:\n      a*: b\n", ":10:",
     "'*' must end both forms or neither"),
    ("rules:\n" + HEAD.format(code="HS204", name="x", kind="entity")
     + "    names:\n      - name: A B C\n        from: 2019-13-40\n", ":11:", "'2019-13-40' is not a date"),
    ("rules:\n" + HEAD.format(code="HS205", name="x", kind="entity")
     + "    names:\n      - nme: A B C\n", ":10:", "a name is a string, or a mapping with 'name'"),
    ("rules:\n" + HEAD.format(code="HS206", name="x", kind="substitution") + "    swap: {a: b}\n    capitalized: some\n",
     ":10:", "capitalized: 'some' is not one of true, false, stems"),
    ("words: [a, 3]\nrules:\n" + HEAD.format(code="HS207", name="x", kind="existence") + "    tokens: [a]\n",
     ":1:", "'words' must be a list of words"),
])
def test_broken_packs_are_reported_with_file_and_line(tmp_path, body, where, problem):
    path = pack(tmp_path, body, name="broken.yaml")
    with pytest.raises(KnowledgeError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"{path}{where}"), message
    assert problem in message, message


def test_a_duplicate_code_in_one_pack(tmp_path):
    body = ("rules:\n" + HEAD.format(code="HS301", name="a", kind="existence") + "    tokens: [x]\n"
            + HEAD.format(code="HS301", name="b", kind="existence") + "    tokens: [y]\n")
    with pytest.raises(PackError, match=r"broken\.yaml:10: rule code HS301 appears twice"):
        load_pack(pack(tmp_path, body, name="broken.yaml"))
