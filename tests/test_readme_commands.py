"""The README's two set-up commands, and CI running exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.DOTALL)[:2]


def test_readme_opens_with_an_install_and_run_command_and_a_test_command() -> None:
    install, tests = readme_commands()
    assert "pip install ." in install and install.rstrip().endswith("rolequiz")
    assert "pip install -e '.[test]'" in tests and tests.rstrip().endswith("pytest")


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    _, tests = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests.strip() in ci.splitlines()
    assert "set -euo pipefail" in ci
