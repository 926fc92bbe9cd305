"""Settings between runs: defaults with no file, a round trip, one line for a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolequiz.errors import RolequizError
from rolequiz.files.settings import (
    SETTINGS_ENV,
    Settings,
    default_settings_path,
    load_settings,
    save_settings,
)


def test_no_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml") == Settings()


def test_round_trip_makes_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "config" / "rolequiz" / "settings.toml"
    save_settings(path, Settings(theme="nord"))
    assert load_settings(path) == Settings(theme="nord")
    assert path.read_text(encoding="utf-8") == 'schema_version = 1\ntheme = "nord"\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("theme = ", "settings.toml"),
        ("theme = 3\n", "theme must be the name of a theme"),
        ('theme = ""\n', "theme must be the name of a theme"),
        ("schema_version = 2\n", "schema_version 2 is not 1"),
        ('schema_version = "\\u001b[2J"\n', "schema_version"),
    ],
)
def test_broken_file_is_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RolequizError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert problem in message
    assert "\n" not in message and "\x1b" not in message


def test_folder_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").mkdir()
    with pytest.raises(RolequizError, match="folder"):
        load_settings(tmp_path / "settings.toml")
    with pytest.raises(RolequizError, match="cannot save settings"):
        save_settings(tmp_path / "settings.toml", Settings(theme="nord"))


def test_env_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "mine.toml"))
    assert default_settings_path() == tmp_path / "mine.toml"


def test_default_is_in_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    path = default_settings_path()
    assert path.name == "settings.toml"
    assert path.parent.name == "rolequiz"
