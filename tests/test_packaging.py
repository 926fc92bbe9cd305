"""A plain (non-editable) install carries the question bank and role profiles inside it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_every_content_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("rolequiz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"rolequiz/content/{folder}/{path.name}"
        for folder in ("questions", "profiles")
        for path in (ROOT / folder).glob("*.toml")
    }
    assert expected and expected <= names
    assert "rolequiz/cli/main.py" in names and "rolequiz/py.typed" in names
