"""First use: what the quiz does, the rating scale, the keys, and where answers are saved."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from rolequiz.content import Bank
from rolequiz.screens.paths import shown_path
from rolequiz.widgets.literal import literal, template

KEYS = (
    "[b]0[/b]-[b]4[/b] answer and move on (or [b]↑ ↓[/b] and [b]enter[/b]) · [b]s[/b] not "
    "sure · [b]← →[/b] back and forward · [b]n[/b] next unanswered · [b]/[/b] find · "
    "[b]o[/b] overview · [b]r[/b] results · [b]?[/b] every key · [b]ctrl+q[/b] quit"
)


class WelcomeScreen(Screen[bool]):
    """Dismisses with True when the person starts."""

    AUTO_FOCUS = "#start"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "start", "Start", key_display="⏎", tooltip="Start the questions"),
    ]

    def __init__(self, bank: Bank, profile_path: Path) -> None:
        super().__init__()
        self.bank = bank
        self.profile_path = profile_path

    def compose(self) -> ComposeResult:
        bank = self.bank
        with VerticalScroll(id="welcome-body"):
            yield Label("[b]rolequiz[/b]: which data role are you closest to?", id="welcome-title")
            yield Static(
                template(
                    "Rate yourself on $skills skills in $categories categories. You get the "
                    "roles ranked, why, and what to learn next. Stop any time: every answer "
                    "is saved at once.",
                    skills=str(len(bank.skills)),
                    categories=str(len(bank.categories)),
                ),
                id="welcome-intro",
            )
            yield Label("[b]The scale[/b]", classes="welcome-heading")
            for level in bank.levels:
                with Horizontal(classes="welcome-row"):
                    yield Label(
                        template("[b]$value[/b] $label", value=str(level.value), label=level.label),
                        classes="welcome-key",
                    )
                    yield Static(literal(level.anchor), classes="welcome-text")
            with Horizontal(classes="welcome-row welcome-heading"):
                yield Label("[b]Keys[/b]", classes="welcome-key")
                yield Static(KEYS, classes="welcome-text")
            yield Static(
                template("Answers are saved to $path", path=shown_path(self.profile_path)),
                id="welcome-path",
            )
            with Center():
                yield Button("Start", id="start", variant="primary", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_start(self) -> None:
        self.dismiss(True)
