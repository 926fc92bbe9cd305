"""The layers import only those below them: the domain never imports the files, the terminal app
or the command line (nor Textual), and the scripting commands never import Textual (or pydantic
when not needed)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import rolequiz

UI_PACKAGE = "rolequiz.tui"  # the terminal app: every module below it may import Textual
# What the domain sits above: it may use only itself and the foundation modules
# (rolequiz.errors, rolequiz.text, rolequiz.tomlio).
ABOVE_THE_DOMAIN = ("rolequiz.files", "rolequiz.tui", "rolequiz.cli")


def domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(rolequiz.__path__, "rolequiz."):
        if info.name == UI_PACKAGE or info.name.startswith(UI_PACKAGE + "."):
            continue
        if info.name in {"rolequiz.__main__"}:
            continue
        names.append(info.name)
    return names


def modules_after(code: str, tmp_path: Path) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    return set(result.stdout.split())


def layer_modules(layer: str) -> list[str]:
    package = importlib.import_module(layer)
    return sorted(info.name for info in pkgutil.walk_packages(package.__path__, f"{layer}."))


def test_no_domain_module_imports_textual(tmp_path: Path) -> None:
    names = domain_modules()
    assert "rolequiz.domain.scoring" in names and "rolequiz.files.progress" in names
    assert "rolequiz.domain.session" in names and "rolequiz.files.writer" in names
    loaded = modules_after("\n".join(f"import {name}" for name in names), tmp_path)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize("module", layer_modules("rolequiz.domain"))
def test_a_domain_module_imports_nothing_from_the_layers_above(module: str, tmp_path: Path) -> None:
    loaded = modules_after(f"import {module}", tmp_path)
    above = sorted(name for name in loaded if name.startswith(ABOVE_THE_DOMAIN))
    assert above == [], f"{module} imports {above}"


def test_the_domain_layer_holds_the_session_and_the_progress_model() -> None:
    assert {"rolequiz.domain.session", "rolequiz.domain.progress", "rolequiz.domain.quiz"} <= set(
        layer_modules("rolequiz.domain")
    )


def test_scripting_commands_do_not_import_textual(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("schema_version = 1\n[ratings]\nsql = 3\n", encoding="utf-8")
    code = (
        "import contextlib, io\n"
        "from rolequiz.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['score', {str(profile)!r}])\n"
        "    main(['skills'])\n"
    )
    loaded = modules_after(code, tmp_path)
    assert "rolequiz.cli.commands" in loaded
    assert "textual" not in loaded


def test_the_command_line_needs_pydantic_only_when_content_loads(tmp_path: Path) -> None:
    loaded = modules_after("import rolequiz.cli.main", tmp_path)
    assert "pydantic" not in loaded
