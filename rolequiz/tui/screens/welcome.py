"""First use: what the quiz does, the rating scale, the keys, and where answers are saved.

Starts the full quiz or quick mode: it dismisses with "full" or "quick".
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from rolequiz.domain.content import Bank
from rolequiz.tui.screens.paths import shown_path
from rolequiz.tui.widgets.literal import literal, template

KEYS = (
    "[b]0[/b]-[b]4[/b] answer and move on (or [b]↑ ↓[/b] and [b]enter[/b]) · [b]s[/b] not "
    "sure · [b]← →[/b] back and forward · [b]n[/b] next unanswered · [b]/[/b] find · "
    "[b]o[/b] overview · [b]r[/b] results · [b]?[/b] every key · [b]ctrl+q[/b] quit"
)


StartMode = Literal["full", "quick"]


class WelcomeScreen(Screen[StartMode]):
    """Dismisses with the mode the person starts in."""

    AUTO_FOCUS = ""  # the button of the default mode, focused on mount

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "start", "Start", key_display="⏎", tooltip="Start the questions"),
        Binding(
            "q",
            "start('quick')",
            "Quick",
            tooltip="Quick mode: the most telling questions first, until your closest role "
            "is clear",
        ),
    ]

    def __init__(self, bank: Bank, profile_path: Path, *, quick: bool = False) -> None:
        super().__init__()
        self.bank = bank
        self.profile_path = profile_path
        self.default_mode: StartMode = "quick" if quick else "full"

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
            yield Static(
                "[b]Quick mode[/b] asks the most telling questions first and says when your "
                "closest role is likely, then settled. Stop there or go on: answers are kept.",
                id="welcome-quick",
            )
            yield Label("[b]The scale[/b]", classes="welcome-heading")
            with Grid(id="welcome-scale"):
                for level in bank.levels:
                    yield Static(
                        template("[b]$value[/b] $label", value=str(level.value), label=level.label)
                    )
                    yield Static(literal(level.anchor))
            with Horizontal(classes="welcome-row welcome-heading"):
                yield Label("[b]Keys[/b]", classes="welcome-key")
                yield Static(KEYS, classes="welcome-text")
            yield Static(
                template("Answers are saved to $path", path=shown_path(self.profile_path)),
                id="welcome-path",
            )
            with Center(), Horizontal(id="welcome-buttons"):
                yield Button("Start", id="start-full", variant="primary", compact=True)
                yield Button("Quick", id="start-quick", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#start-{self.default_mode}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("quick" if event.button.id == "start-quick" else "full")

    def action_start(self, mode: StartMode | None = None) -> None:
        self.dismiss(mode or self.default_mode)
