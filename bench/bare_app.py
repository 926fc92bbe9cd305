"""The yardstick for bench/tui_speed.py: a bare Textual app, a Label and a Footer, nothing else.

Usage: python bench/bare_app.py

It paints `bare app ready` at start; each of the keys 0-4 replaces the Label's text with
`pressed <key> #<count>`, so the bench can time a key press to the new text on the terminal,
the least a Textual app can do per key. ctrl+q quits, as in any Textual app.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Label

READY = "bare app ready"


class BareApp(App[None]):
    """A Label and a Footer; 0-4 change the Label."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(key), f"press({key})", f"Press {key}", show=False) for key in range(5)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Label(READY, id="label")
        yield Footer()

    def action_press(self, key: int) -> None:
        self.presses += 1
        self.query_one("#label", Label).update(f"pressed {key} #{self.presses}")


if __name__ == "__main__":
    BareApp().run()
