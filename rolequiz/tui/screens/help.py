"""`?`: every key of every screen, read from the screens' own bindings so none is missed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

HelpSection = tuple[str, Sequence[BindingType]]


def key_names(binding: Binding) -> str:
    """`left,b` → `← / b`: every key of a binding the way the footer writes it."""
    names = []
    for key in binding.key.split(","):
        *modifiers, name = key.strip().split("+")
        shown = format_key(name)
        if "ctrl" in modifiers:
            shown = f"ctrl+{shown}"
        if "shift" in modifiers:
            shown = f"shift+{shown}"
        names.append(shown)
    return " / ".join(names)


def help_keys(binding: BindingType) -> list[str]:
    """The keys of a binding, as written in it (`left,b` → `left`, `b`)."""
    if not isinstance(binding, Binding):
        return []
    return [key.strip() for key in binding.key.split(",") if key.strip()]


def once_each(bindings: Iterable[BindingType], taken: Iterable[str] = ()) -> list[Binding]:
    """The bindings with a description, each key kept only the first time it is seen and never
    when it is in `taken` (the keys that work anywhere, listed apart)."""
    seen = set(taken)
    kept: list[Binding] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = [key for key in help_keys(binding) if key not in seen]
        seen.update(keys)
        if keys:
            kept.append(replace(binding, key=",".join(keys)))
    return kept


def help_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding with a description, in the order given."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        what = binding.tooltip or binding.description
        rows.append((key_names(binding), what))
    return rows


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys, grouped by the screen they work on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not q: on the welcome screen behind it, q starts quick mode.
        Binding("escape,question_mark", "close", "Close", key_display="esc", tooltip="Close"),
    ]

    def __init__(self, sections: Sequence[HelpSection], intro: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Label("[b]Keys[/b]", id="help-title")
            with VerticalScroll(id="help-body"):
                if self.intro:
                    yield Static(self.intro, classes="help-intro")
                for title, bindings in self.sections:
                    rows = help_rows(bindings)
                    if not rows:
                        continue
                    yield Label(Content(title), classes="help-section")
                    for keys, what in rows:
                        with Horizontal(classes="help-row"):
                            yield Label(Content(keys), classes="help-keys")
                            yield Static(Content(what), classes="help-what")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
