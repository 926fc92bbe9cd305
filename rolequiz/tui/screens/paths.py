"""How file paths are shown to the person: absolute, with their home folder written as `~`."""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path) -> str:
    absolute = path.expanduser().absolute()
    try:
        home = Path.home()
    except RuntimeError:  # no home folder known: show the full path
        return str(absolute)
    if absolute == home:
        return "~"
    if absolute.is_relative_to(home):
        return "~/" + absolute.relative_to(home).as_posix()
    return str(absolute)


def typed_path(text: str) -> Path:
    """A path as typed into an input: `~` expanded, surrounding spaces and quotes removed."""
    cleaned = text.strip()
    if len(cleaned) >= 2 and cleaned[0] == cleaned[-1] and cleaned[0] in "'\"":
        cleaned = cleaned[1:-1]
    return Path(cleaned).expanduser()
