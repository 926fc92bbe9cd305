"""The domain and the scripting commands never import Textual (or pydantic when not needed)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import rolequiz

UI_MODULES = {"rolequiz.tui.app"}
UI_PACKAGES = ("rolequiz.tui.screens", "rolequiz.tui.widgets")


def domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(rolequiz.__path__, "rolequiz."):
        if info.name in UI_MODULES or info.name.startswith(UI_PACKAGES):
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


def test_no_domain_module_imports_textual(tmp_path: Path) -> None:
    names = domain_modules()
    assert "rolequiz.domain.scoring" in names and "rolequiz.files.progress" in names
    loaded = modules_after("\n".join(f"import {name}" for name in names), tmp_path)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


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
