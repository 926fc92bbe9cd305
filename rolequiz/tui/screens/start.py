"""Opening a profile: resume or start over, a broken file, or typing the path of another one."""

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

from rolequiz.domain.progress import unknown_skills_note
from rolequiz.tui.screens.paths import shown_path, typed_path
from rolequiz.tui.widgets.literal import literal, template

ResumeChoice = Literal["resume", "start_over", "open_other", "quit"]
BrokenChoice = Literal["new_beside", "open_other", "quit"]


class ResumeScreen(Screen[ResumeChoice]):
    """Saved progress found: resume (the default), start over, open another file, or quit."""

    AUTO_FOCUS = "#resume-choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Choose",
            key_display="⏎",
            tooltip="Do the highlighted thing",
            priority=True,
        ),
        Binding("escape", "choose_quit", "Quit", key_display="esc", tooltip="Quit rolequiz"),
    ]

    def __init__(
        self,
        profile_path: Path,
        *,
        done: int,
        total: int,
        next_skill: str,
        saved: str | None,
        unknown: list[str],
    ) -> None:
        super().__init__()
        self.profile_path = profile_path
        self.done = done
        self.total = total
        self.next_skill = next_skill
        self.saved = saved
        self.unknown = unknown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="resume-body", classes="start-body"):
            yield Label("[b]Welcome back[/b]", classes="start-title")
            yield Static(
                template(
                    "$path holds your answers: [b]$done of $total[/b] done$saved.",
                    path=shown_path(self.profile_path),
                    done=str(self.done),
                    total=str(self.total),
                    saved=f", last saved {self.saved}" if self.saved else "",
                ),
                classes="start-text",
            )
            if self.unknown:
                yield Static(literal(unknown_note(self.unknown)), classes="start-text -warning")
            yield OptionList(
                Option(template("[b]Resume[/b] at $skill", skill=self.next_skill), id="resume"),
                Option(
                    template(
                        "[b]Start over[/b]: your answers are kept as a dated backup beside it"
                    ),
                    id="start_over",
                ),
                Option(template("[b]Open another[/b] profile file"), id="open_other"),
                Option(template("[b]Quit[/b]"), id="quit"),
                id="resume-choices",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def action_choose(self) -> None:
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self._choose(choices.get_option_at_index(choices.highlighted).id)

    def action_choose_quit(self) -> None:
        self.dismiss("quit")

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, choice: str | None) -> None:
        if choice in ("resume", "start_over", "open_other", "quit"):
            self.dismiss(choice)  # type: ignore[arg-type]


class BrokenProfileScreen(Screen[BrokenChoice]):
    """The profile cannot be read: say which file and why; it is left as it is."""

    AUTO_FOCUS = "#broken-choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Choose",
            key_display="⏎",
            tooltip="Do the highlighted thing",
            priority=True,
        ),
        Binding("escape", "choose_quit", "Quit", key_display="esc", tooltip="Quit rolequiz"),
    ]

    def __init__(self, profile_path: Path, problem: str, new_path: Path) -> None:
        super().__init__()
        self.profile_path = profile_path
        self.problem = problem
        self.new_path = new_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="broken-body", classes="start-body"):
            yield Label("[b]This profile cannot be opened[/b]", classes="start-title -error")
            yield Static(literal(self.problem), id="broken-problem", classes="start-text")
            yield Static(
                template(
                    "The file has not been changed. Fix it in an editor and start rolequiz "
                    "again, or:"
                ),
                classes="start-text",
            )
            yield OptionList(
                Option(
                    template(
                        "[b]Start a new assessment[/b] saved to $path",
                        path=shown_path(self.new_path),
                    ),
                    id="new_beside",
                ),
                Option(template("[b]Open another[/b] profile file"), id="open_other"),
                Option(template("[b]Quit[/b]"), id="quit"),
                id="broken-choices",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def action_choose(self) -> None:
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self._choose(choices.get_option_at_index(choices.highlighted).id)

    def action_choose_quit(self) -> None:
        self.dismiss("quit")

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, choice: str | None) -> None:
        if choice in ("new_beside", "open_other", "quit"):
            self.dismiss(choice)  # type: ignore[arg-type]


class OpenProfileModal(ModalScreen[Path | None]):
    """Type the path of a profile to open; a path with no file yet starts a new one there."""

    AUTO_FOCUS = "#open-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="esc", tooltip="Back; nothing opened"),
    ]

    def __init__(self, suggestion: Path) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog", classes="dialog"):
            yield Label("[b]Open another profile[/b]")
            yield Static(
                "Type the path of a profile file. If there is no file there yet, a new "
                "assessment starts and is saved there."
            )
            yield Input(value=shown_path(self.suggestion), id="open-path", select_on_focus=False)
            yield Static(id="open-message", classes="-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#open-message").display = False

    @on(Input.Submitted, "#open-path")
    def submitted(self, event: Input.Submitted) -> None:
        message = self.query_one("#open-message", Static)
        if not event.value.strip():
            message.update("Type a path, or press esc to go back.")
            message.display = True
            return
        path = typed_path(event.value)
        if path.is_dir():
            message.update(
                literal(f"{shown_path(path)} is a folder: add a file name such as profile.toml")
            )
            message.display = True
            return
        self.dismiss(path)

    def action_close(self) -> None:
        self.dismiss(None)


def unknown_note(unknown: list[str]) -> str:
    """One line about answers for skill ids this question bank does not know."""
    note = unknown_skills_note(unknown)
    return f"{note[0].upper()}{note[1:]}."
