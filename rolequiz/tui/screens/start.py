"""Opening a profile: resume or start over, a broken file, or typing the path of another one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from rolequiz.domain.progress import unknown_skills_note
from rolequiz.tui.screens.choice import ChoiceScreen
from rolequiz.tui.screens.paths import path_input, shown_path, typed_path
from rolequiz.tui.widgets.literal import literal, template

ResumeChoice = Literal["resume", "results", "review", "start_over", "open_other", "quit"]
BrokenChoice = Literal["new_beside", "open_other", "quit"]


def resume_screen(
    profile_path: Path,
    *,
    done: int,
    total: int,
    next_skill: str,
    saved: str | None,
    unknown: list[str],
    first_skill: str | None = None,
    quick: bool = False,
    reached: tuple[str, int] | None = None,
) -> ChoiceScreen[ResumeChoice]:
    """Saved progress found: resume (the default), start over, open another file, or quit.

    `first_skill` given, every skill is answered: there is nothing to resume, so the results
    come first, then a review from that skill. A profile in quick mode (`quick`) goes on in quick
    mode, and the resume line says so (its next skill is the most telling one, not the next in
    the bank); `reached`, (level, answers): quick mode said "likely" or "settled" after that
    many answers, which is where a person stops, so the results come first."""
    summary = template(
        "$path holds your answers: [b]$done of $total[/b] done$saved.",
        path=shown_path(profile_path),
        done=str(done),
        total=str(total),
        saved=f", last saved {saved}" if saved else "",
    )
    texts: list[Content | tuple[Content, str]] = [summary]
    if unknown:
        texts.append((literal(unknown_note(unknown)), "-warning"))
    choices: list[tuple[Content, ResumeChoice]] = (
        [
            (template("[b]See your results[/b]: every skill is answered"), "results"),
            (template("[b]Review[/b] your answers from $skill", skill=first_skill), "review"),
        ]
        if first_skill is not None
        else _resume_choices(next_skill, quick, reached)
    )
    choices += [
        (
            template("[b]Start over[/b]: your answers are kept as a dated backup beside it"),
            "start_over",
        ),
        (template("[b]Open another[/b] profile file"), "open_other"),
        (template("[b]Quit[/b]"), "quit"),
    ]
    return ChoiceScreen(
        template("[b]Welcome back[/b]"), texts, choices, cancel="quit", name="resume"
    )


def _resume_choices(
    next_skill: str, quick: bool, reached: tuple[str, int] | None
) -> list[tuple[Content, ResumeChoice]]:
    if not quick:
        return [(template("[b]Resume[/b] at $skill", skill=next_skill), "resume")]
    resume: tuple[Content, ResumeChoice] = (
        template("[b]Resume quick mode[/b] at $skill", skill=next_skill),
        "resume",
    )
    if reached is None:
        return [resume]
    level, answers = reached
    results = template(
        "[b]See your results[/b]: quick mode found your closest role $level after $answers "
        "questions",
        level=level,
        answers=str(answers),
    )
    return [(results, "results"), resume]


def broken_profile_screen(
    profile_path: Path, problem: str, new_path: Path
) -> ChoiceScreen[BrokenChoice]:
    """The profile cannot be read: say which file and why; it is left as it is."""
    choices: list[tuple[Content, BrokenChoice]] = [
        (
            template("[b]Start a new assessment[/b] saved to $path", path=shown_path(new_path)),
            "new_beside",
        ),
        (template("[b]Open another[/b] profile file"), "open_other"),
        (template("[b]Quit[/b]"), "quit"),
    ]
    return ChoiceScreen(
        template("[b]This profile cannot be opened[/b]"),
        [
            literal(problem),
            template(
                "The file has not been changed. Fix it in an editor and start rolequiz again, or:"
            ),
        ],
        choices,
        cancel="quit",
        error=True,
        name="broken",
    )


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
            yield path_input(self.suggestion, id="open-path")
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
