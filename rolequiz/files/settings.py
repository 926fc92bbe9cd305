"""What the quiz remembers between runs (the theme): settings.toml in the user config folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rolequiz.errors import RolequizError
from rolequiz.text import printable
from rolequiz.tomlio import dumps_toml, read_toml, write_atomic

SETTINGS_ENV = "ROLEQUIZ_CONFIG"
SCHEMA_VERSION = 1
# A settings file holds a few short values; anything larger is not one.
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """The defaults are what a first run shows: None leaves the choice to Textual."""

    theme: str | None = None


def default_settings_path() -> Path:
    """$ROLEQUIZ_CONFIG, else settings.toml in the user config folder that platformdirs names."""
    from_env = os.environ.get(SETTINGS_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("rolequiz", appauthor=False) / "settings.toml"


def load_settings(path: Path) -> Settings:
    """The settings in `path`; the defaults when there is no file yet. A file that cannot be
    read or holds something else raises RolequizError with one line naming it."""
    if not path.exists() and not path.is_symlink():
        return Settings()
    data = read_toml(path, max_bytes=MAX_SETTINGS_BYTES)
    shown = printable(str(path))
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise RolequizError(f"{shown}: schema_version {printable(repr(version))} is not 1")
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise RolequizError(f"{shown}: theme must be the name of a theme")
    return Settings(theme=theme)


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically; a failure raises RolequizError with one line."""
    data: dict[str, object] = {"schema_version": SCHEMA_VERSION}
    if settings.theme is not None:
        data["theme"] = settings.theme
    try:
        write_atomic(path, dumps_toml(data))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RolequizError(f"{printable(str(path))}: cannot save settings: {reason}") from None
