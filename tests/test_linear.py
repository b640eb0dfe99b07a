"""Every rule is linear in the document: each family lints 1 MB of each adversarial input of its
own kind (tests/hostile_text.py) in a fresh process, with a generous time-out.

A linear rule takes about a second per MB; one that backtracks over a run of one character or
rescans the line for each finding takes minutes or hours on these (PU004 on 50,000 spaces took
14 s, the citation reader on 1 MB of citations more than two minutes), so the time-out is no
tight wall-clock assertion: it only tells "about linear" from "quadratic". The long run over
every rule and larger inputs is ``python scripts/fuzz.py --hostile``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_text import GENERATORS, RULES, SCALES, generators_for
from unlint.plugins import all_rules, plugin_manager

ROOT = Path(__file__).resolve().parent.parent
SECONDS_PER_FILE = 30  # a linear rule needs a few seconds for 1 MB on a slow machine


def test_every_rule_meets_inputs_of_its_own_kind():
    for rule in all_rules(plugin_manager()):
        names = generators_for(rule.code)
        assert names, f"{rule.code}: add the adversarial inputs of its kind to tests/hostile_text.py RULES"
        assert set(names) <= set(GENERATORS), rule.code


@pytest.mark.parametrize("family", sorted(RULES))
def test_a_family_is_linear_on_inputs_of_its_own_kind(family, tmp_path):
    paths = []
    for name in RULES[family]:
        suffix, data = GENERATORS[name](SCALES.get(name, 1))
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(data)
        paths.append(path.name)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "UNLINT_DEBUG")}
    env["PYTHONPATH"] = str(ROOT)
    timeout = 10 + SECONDS_PER_FILE * len(paths)
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-c", "import sys, unlint; sys.exit(unlint.main())", "--isolated",
             "--no-cache", "--select", family, "--format", "json", "-o", "report.json", *paths],
            cwd=tmp_path, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{family} rules did not lint {len(paths)} files of 1 MB within {timeout} s: "
                    f"something is not linear ({', '.join(paths)})")
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
