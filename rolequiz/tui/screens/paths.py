"""How file paths are shown to the person: absolute, with their home folder written as `~`."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from rolequiz.text import printable


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


def path_input(path: Path, *, id: str) -> Input:
    """An input holding `path` to edit. A path with control characters in it is not put in
    the field (an input shows its value as it is, and the terminal would act on them): the
    field starts empty, the path shown escaped as its placeholder."""
    shown = shown_path(path)
    if printable(shown) == shown:
        return Input(value=shown, id=id, select_on_focus=False)
    return Input(placeholder=printable(shown), id=id, select_on_focus=False)
