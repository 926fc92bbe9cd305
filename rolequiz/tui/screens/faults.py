"""When saving cannot go on as usual: a profile in use, saving elsewhere, quitting unsaved."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rolequiz.domain.session import QuizSession
from rolequiz.errors import RolequizError
from rolequiz.tui.screens.paths import shown_path, typed_path
from rolequiz.tui.widgets.literal import literal, template

InUseChoice = Literal["read_only", "copy", "quit"]
QuitChoice = Literal["save_elsewhere", "retry", "quit", "back"]


class InUseScreen(Screen[InUseChoice]):
    """Another rolequiz writes this profile: open it read-only, work on a copy, or quit."""

    AUTO_FOCUS = "#in-use-choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose_quit", "Quit", key_display="esc", tooltip="Quit rolequiz"),
    ]

    def __init__(self, problem: str, copy_path: Path) -> None:
        super().__init__()
        self.problem = problem
        self.copy_path = copy_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="in-use-body", classes="start-body"):
            yield Label("[b]This profile is open in another rolequiz[/b]", classes="start-title")
            yield Static(literal(self.problem), id="in-use-problem", classes="start-text")
            yield Static(
                template(
                    "Answers given there are saved there as usual. So that none is lost, "
                    "this one can:"
                ),
                classes="start-text",
            )
            yield OptionList(
                Option(
                    template("[b]Open read-only[/b]: answer and look, but nothing is saved"),
                    id="read_only",
                ),
                Option(
                    template(
                        "[b]Work on a copy[/b] saved to $path", path=shown_path(self.copy_path)
                    ),
                    id="copy",
                ),
                Option(template("[b]Quit[/b]"), id="quit"),
                id="in-use-choices",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in ("read_only", "copy", "quit"):
            self.dismiss(event.option.id)  # type: ignore[arg-type]

    def action_choose_quit(self) -> None:
        self.dismiss("quit")


class UnsavedQuitModal(ModalScreen[QuitChoice]):
    """Quitting with answers that are not on disk: save elsewhere, try again, or quit anyway."""

    AUTO_FOCUS = "#unsaved-choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", key_display="esc", tooltip="Back to the quiz"),
    ]

    def __init__(self, problem: str, *, can_retry: bool) -> None:
        super().__init__()
        self.problem = problem
        self.can_retry = can_retry

    def compose(self) -> ComposeResult:
        options = [
            Option(template("[b]Save elsewhere[/b], then quit"), id="save_elsewhere"),
        ]
        if self.can_retry:
            options.append(Option(template("[b]Try again[/b] to save here, then quit"), id="retry"))
        options += [
            Option(template("[b]Quit without saving[/b] them"), id="quit"),
            Option(template("[b]Back[/b] to the quiz"), id="back"),
        ]
        with Vertical(id="unsaved-dialog", classes="dialog"):
            yield Label("[b]Your last answers are not saved[/b]", classes="-error")
            yield Static(literal(self.problem), id="unsaved-problem")
            yield OptionList(*options, id="unsaved-choices")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in ("save_elsewhere", "retry", "quit", "back"):
            self.dismiss(event.option.id)  # type: ignore[arg-type]

    def action_back(self) -> None:
        self.dismiss("back")


class SaveElsewhereModal(ModalScreen[Path | None]):
    """Type a new file name: the answers are saved there now, and every later answer too."""

    AUTO_FOCUS = "#elsewhere-path"

    BINDINGS: ClassVar[list[BindingType]] = [
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
            yield Input(
                value=shown_path(self.suggestion), id="elsewhere-path", select_on_focus=False
            )
            yield Static(id="elsewhere-message", classes="-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#elsewhere-message").display = False

    def _say(self, text: str) -> None:
        message = self.query_one("#elsewhere-message", Static)
        message.update(literal(text))
        message.display = True

    @on(Input.Submitted, "#elsewhere-path")
    def submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._say("Type a file name, or press esc to go back.")
            return
        path = typed_path(event.value)
        if path.is_dir():
            self._say(f"{shown_path(path)} is a folder: add a file name such as profile.toml")
            return
        try:
            self.session.save_elsewhere(path.absolute())
        except RolequizError as exc:
            self._say(str(exc))
            return
        self.dismiss(path.absolute())

    def action_close(self) -> None:
        self.dismiss(None)
