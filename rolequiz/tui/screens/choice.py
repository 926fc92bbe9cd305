"""A title, a few lines of text and a list of choices; dismisses with the value of the one taken."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from rolequiz.tui.widgets.cursor import move_cursor

T = TypeVar("T")


class ChoiceScreen(ModalScreen[T], Generic[T]):
    """What happened, and what the person can do about it: enter takes the highlighted choice,
    esc the `cancel` one.

    Full screen (`dialog=False`) when nothing is behind it yet, as when a profile is opened;
    a dialog over the quiz otherwise. A text given with the class "-warning" is shown as one.
    """

    DEFAULT_CSS = """
    ChoiceScreen {
        &.-full {
            background: $background;
        }
        .choice-body {
            padding: 0 2;
        }
        .choice-title {
            margin-top: 1;
            color: $text-accent;
        }
        .choice-text {
            margin-top: 1;
        }
        .dialog .choice-title, .dialog .choice-text {
            margin-top: 0;
        }
        .choice-title.-error {
            color: $text-error;
        }
        .choice-text.-warning {
            color: $text-warning;
        }
        OptionList.choices, OptionList.choices:focus {
            margin-top: 1;
            height: auto;
            border: round $primary;
        }
    }
    """

    AUTO_FOCUS = "OptionList"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Choose",
            key_display="⏎",
            tooltip="Do the highlighted thing",
            priority=True,
        ),
        Binding("j,down", "move(1)", "Down", show=False, tooltip="Highlight the next choice"),
        Binding("k,up", "move(-1)", "Up", show=False, tooltip="Highlight the previous choice"),
        Binding("escape", "cancel", "Quit", key_display="esc", tooltip="Quit rolequiz"),
        Binding("escape", "cancel_back", "Back", key_display="esc", tooltip="Back to the quiz"),
        # A modal screen hides the app's keys; full screen, nothing else offers them.
        Binding(
            "question_mark", "help", "Help", key_display="?", tooltip="Every key on every screen"
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            show=False,  # the footer shows it apart, on the right
            key_display="^p",
            tooltip="Open the command palette",
        ),
    ]

    def __init__(
        self,
        title: Content,
        texts: Sequence[Content | tuple[Content, str]],
        choices: Sequence[tuple[Content, T]],
        *,
        cancel: T,
        back: bool = False,
        error: bool = False,
        dialog: bool = False,
        name: str | None = None,
    ) -> None:
        """`back`: esc says Back (to the quiz) rather than Quit; `error`: the title in red."""
        super().__init__(name=name, classes="" if dialog else "-full")
        self.title_text = title
        self.texts = [text if isinstance(text, tuple) else (text, "") for text in texts]
        self.choices = list(choices)
        self.cancel = cancel
        self.back = back
        self.error = error
        self.dialog = dialog

    @property
    def values(self) -> list[T]:
        """The values of the choices, in the order shown."""
        return [value for _, value in self.choices]

    def compose(self) -> ComposeResult:
        body = Vertical(classes="dialog") if self.dialog else VerticalScroll(classes="choice-body")
        with body:
            yield Label(self.title_text, classes="choice-title" + (" -error" if self.error else ""))
            for text, classes in self.texts:
                yield Static(text, classes=f"choice-text {classes}".strip())
            yield OptionList(*(Option(label) for label, _ in self.choices), classes="choices")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cancel", "cancel_back"):
            return (action == "cancel_back") is self.back
        if action in ("help", "command_palette"):
            return not self.dialog
        return True

    def action_choose(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self.choices[highlighted][1])

    def action_move(self, step: int) -> None:
        move_cursor(self.query_one(OptionList), step)

    async def action_help(self) -> None:
        await self.app.run_action("help")

    async def action_command_palette(self) -> None:
        await self.app.run_action("command_palette")

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)

    def action_cancel_back(self) -> None:
        self.dismiss(self.cancel)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])
