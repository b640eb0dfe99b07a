"""The pre-commit hooks, run by the real ``pre-commit`` in a real git repository.

A snapshot of this checkout (working tree, so uncommitted changes are tested too) becomes a
hook repository; a temporary project uses the README's config snippet pointing at it. A commit
of a defective resolution is blocked with the finding shown; a clean commit passes; the
``unlint-fix`` hook fixes a file and stops the commit until the fix is staged.

pre-commit installs the hook into its own virtual environment with pip (about 10 to 20 s, and
the dependencies come from the package index), so the whole module is one test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="needs the pre-commit package (pip install '.[test]')")
if shutil.which("git") is None:
    pytest.skip("needs git", allow_module_level=True)

from ruamel.yaml import YAML  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "unlint", "grammars", "rules", "docs")

DEFECTIVE = """The General Assembly,

*Recalling* its resolution 70/1 of 25 September 2015,

1. *Decides* to proclaim 5 September the International Day of Charity.

2. *Requests* the Secretary-General to report on the observance.
"""
CLEAN = DEFECTIVE.replace("Charity.", "Charity;")


def git(cwd: Path, *args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check,
                          timeout=300)


def readme_config() -> dict:
    """The config snippet a user copies from the README's pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return YAML(typ="safe").load(block)


@pytest.fixture
def env(tmp_path):
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
                         "[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PYTHONPATH="")
    return env


def hook_repository(tmp_path: Path, env: dict) -> tuple[Path, str]:
    """A git repository holding a snapshot of this checkout; its path and commit."""
    repo = tmp_path / "unlint-hooks"
    repo.mkdir()
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", env=env)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "snapshot", env=env)
    return repo, git(repo, "rev-parse", "HEAD", env=env).stdout.strip()


def test_hooks_block_a_defective_commit_and_pass_a_clean_one(tmp_path, env):
    repo, rev = hook_repository(tmp_path, env)
    config = readme_config()
    (entry,) = config["repos"]
    assert [h["id"] for h in entry["hooks"]] == ["unlint"]
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"unlint", "unlint-fix"}

    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q", env=env)
    entry.update(repo=str(repo), rev=rev)
    entry["hooks"].append({"id": "unlint-fix", "stages": ["manual"]})  # run below with --hook-stage
    with open(project / ".pre-commit-config.yaml", "w", encoding="utf-8") as f:
        YAML().dump(config, f)
    (project / "notes.py").write_text("x = 1  # not a document: the hooks do not read it\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr

    # a defective resolution: the commit is blocked and the finding is shown
    (project / "draft.md").write_text(DEFECTIVE, encoding="utf-8")
    git(project, "add", "-A", env=env)
    blocked = git(project, "commit", "-m", "draft", env=env, check=False)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "unlint" in output and "Failed" in output
    assert "draft.md:5:70: ST002 [*] [operative-ending] operative paragraph 1 should end with ';', not '.'" in output
    assert git(project, "rev-list", "--all", env=env).stdout == ""  # nothing was committed

    # the corrected text passes
    (project / "draft.md").write_text(CLEAN, encoding="utf-8")
    git(project, "add", "-A", env=env)
    passed = git(project, "commit", "-m", "draft", env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^unlint\.+Passed$", passed.stdout + passed.stderr, re.M)

    # unlint-fix: the safe fix is written, and pre-commit reports the modified file
    (project / "draft.md").write_text(DEFECTIVE, encoding="utf-8")
    git(project, "add", "-A", env=env)
    run = [sys.executable, "-m", "pre_commit", "run", "--hook-stage", "manual", "unlint-fix", "--files", "draft.md"]
    fixed = subprocess.run(run, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    output = fixed.stdout + fixed.stderr
    assert fixed.returncode == 1, output
    assert "files were modified by this hook" in output
    assert "Applied 1 fix to 1 file; 0 problems remain" in output
    assert (project / "draft.md").read_text(encoding="utf-8") == CLEAN
    again = subprocess.run(run, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
