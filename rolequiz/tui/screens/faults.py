"""When saving cannot go on as usual: a profile in use, saving elsewhere, quitting unsaved."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from rolequiz.domain.session import QuizSession
from rolequiz.errors import RolequizError
from rolequiz.tui.screens.choice import ChoiceScreen
from rolequiz.tui.screens.paths import path_input, shown_path, typed_path
from rolequiz.tui.widgets.literal import literal, template

InUseChoice = Literal["read_only", "copy", "quit"]
QuitChoice = Literal["save_elsewhere", "retry", "quit", "back"]


def in_use_screen(problem: str, copy_path: Path) -> ChoiceScreen[InUseChoice]:
    """Another rolequiz writes this profile: open it read-only, work on a copy, or quit."""
    choices: list[tuple[Content, InUseChoice]] = [
        (template("[b]Open read-only[/b]: answer and look, but nothing is saved"), "read_only"),
        (template("[b]Work on a copy[/b] saved to $path", path=shown_path(copy_path)), "copy"),
        (template("[b]Quit[/b]"), "quit"),
    ]
    return ChoiceScreen(
        template("[b]This profile is open in another rolequiz[/b]"),
        [
            literal(problem),
            template(
                "Answers given there are saved there as usual. So that none is lost, this one can:"
            ),
        ],
        choices,
        cancel="quit",
        name="in-use",
    )


def unsaved_quit_screen(problem: str, *, can_retry: bool) -> ChoiceScreen[QuitChoice]:
    """Quitting with answers that are not on disk: save elsewhere, try again, or quit anyway."""
    choices: list[tuple[Content, QuitChoice]] = [
        (template("[b]Save elsewhere[/b], then quit"), "save_elsewhere")
    ]
    if can_retry:
        choices.append((template("[b]Try again[/b] to save here, then quit"), "retry"))
    choices += [
        (template("[b]Quit without saving[/b] them"), "quit"),
        (template("[b]Back[/b] to the quiz"), "back"),
    ]
    return ChoiceScreen(
        template("[b]Your last answers are not saved[/b]"),
        [literal(problem)],
        choices,
        cancel="back",
        back=True,
        error=True,
        dialog=True,
        name="unsaved",
    )


class SaveElsewhereModal(ModalScreen[Path | None]):
    """Type a new file name: the answers are saved there now, and every later answer too."""

    AUTO_FOCUS = "#elsewhere-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "submit",
            "Save",
            key_display="⏎",
            tooltip="Save your answers to this file (or press the focused button)",
            priority=True,
        ),
        Binding("escape", "close", "Back", key_display="esc", tooltip="Back; nothing saved"),
    ]

    def __init__(self, session: QuizSession, suggestion: Path) -> None:
        super().__init__()
        self.session = session
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="elsewhere-dialog", classes="dialog"):
            yield Label("[b]Save elsewhere[/b]")
            yield Static(
                template(
                    "Your answers are saved to a new file, and every later answer too. "
                    "$old is left as it is.",
                    old=shown_path(self.session.path),
                )
            )
            yield path_input(self.suggestion, id="elsewhere-path")
            yield Static(id="elsewhere-message", classes="-error")
            with Horizontal(id="elsewhere-buttons", classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#elsewhere-message").display = False

    def _say(self, text: str) -> None:
        message = self.query_one("#elsewhere-message", Static)
        message.update(literal(text))
        message.display = True

    def action_submit(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:
            self.submitted()

    @on(Input.Submitted, "#elsewhere-path")
    @on(Button.Pressed, "#save")
    def submitted(self) -> None:
        value = self.query_one("#elsewhere-path", Input).value
        if not value.strip():
            self._say("Type a file name, or press esc to go back.")
            return
        path = typed_path(value)
        if path.is_dir():
            self._say(f"{shown_path(path)} is a folder: add a file name such as profile.toml")
            return
        try:
            self.session.save_elsewhere(path.absolute())
        except RolequizError as exc:
            self._say(str(exc))
            return
        self.dismiss(path.absolute())

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        self.dismiss(None)
