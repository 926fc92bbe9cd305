"""The quiz as a Textual app: opens the profile, moves between screens, saves every answer.

The app gets its content and paths in `__init__`; `run` is what `rolequiz` with no command
calls. Screens that are not needed on the first paint are imported when first opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from rolequiz.domain.content import Bank, load_bank
from rolequiz.domain.progress import Progress, describe_when
from rolequiz.domain.session import QuizSession, Releasable
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.beside import (
    back_up_profile,
    copy_beside,
    copy_name,
    default_report_path,
    elsewhere_suggestion,
    fresh_path_beside,
    open_profile,
)
from rolequiz.files.lock import ProfileInUse, ProfileLock
from rolequiz.files.settings import Settings, default_settings_path, load_settings, save_settings
from rolequiz.files.writer import ProfileWriter
from rolequiz.text import printable
from rolequiz.tui.screens.paths import shown_path

if TYPE_CHECKING:
    from rolequiz.domain.market import Market
    from rolequiz.tui.screens.faults import QuitChoice
    from rolequiz.tui.screens.help import HelpSection
    from rolequiz.tui.screens.welcome import StartMode

QUESTION = "question"  # the name of the question screen
UNSAVED = "unsaved"  # the name of the screen that asks before quitting with unsaved answers


@dataclass
class SaveStatus(Message):
    """The writer thread finished a save: `error` is None when it worked."""

    error: str | None


@dataclass(frozen=True)
class Opening:
    """A profile to open at start-up, and how."""

    path: Path
    ask: bool = True  # saved answers: ask to resume or start over
    read_only: bool = False
    note: str | None = None  # said once the questions start


class RolequizApp(App[int]):
    """Keyboard-first quiz over a question bank, saving to one profile file."""

    CSS_PATH = "app.tcss"
    TITLE = "rolequiz"

    # The writer's last error, None while every answer reaches the disk (the question screen
    # shows it).
    save_error: reactive[str | None] = reactive(None, init=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", "Help", key_display="?", tooltip="Every key on every screen"
        ),
        # Textual leaves ctrl+c to copying; with nothing selected it quits here (answers are
        # saved as they are given, so quitting never loses one).
        Binding("ctrl+c", "quit", "Quit", show=False, tooltip="Quit; your answers are saved"),
    ]

    def __init__(
        self,
        bank: Bank,
        profile_path: Path,
        *,
        export_dir: Path | None = None,
        quick: bool = False,
        now: Callable[[], datetime] | None = None,
        settings_path: Path | None = None,
    ) -> None:
        """`settings_path`: where the theme is remembered; None remembers nothing."""
        super().__init__()
        self.settings_path = settings_path
        self._remembered_theme: str | None = None
        self.bank = bank
        self.profile_path = profile_path
        self.export_dir = export_dir
        self.quick = quick  # start in quick mode (rolequiz --quick); the welcome screen asks too
        self._now = now
        self.session: QuizSession | None = None
        self.quiz_started = False  # the question screen is open, at the bottom of the stack
        self.exit_lines: list[str] = []

    # Start-up ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if not self.is_headless:
            self._save_on_signals()
        self._restore_theme()
        self.start_up(Opening(self.profile_path))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast of the app and its screens comes here: a file name, a role or a skill id
        in it is never read as markup unless asked, and its control characters are shown as
        escapes (a `\\x1b]0;` would retitle the terminal)."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    # Settings ----------------------------------------------------------------------------------

    def _restore_theme(self) -> None:
        """The theme chosen last time; a broken settings file is named once, then ignored."""
        if self.settings_path is None:
            return
        try:
            settings = load_settings(self.settings_path)
        except RolequizError as exc:
            self.notify(
                f"{exc}; using the default settings", severity="warning", markup=False, timeout=10
            )
            return
        if settings.theme is None:
            return
        if settings.theme not in self.available_themes:
            self.notify(
                f"Theme {settings.theme!r} is not known here; using the default",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        self._remembered_theme = settings.theme
        self.theme = settings.theme

    def watch_theme(self, theme: str) -> None:
        # Called after Textual's own watcher has applied the theme: remember it for next time.
        if self.settings_path is None or theme == self._remembered_theme:
            return
        self._remembered_theme = theme
        try:
            save_settings(self.settings_path, Settings(theme=theme))
        except RolequizError as exc:
            self.notify(
                f"{exc}; the theme is not remembered", severity="warning", markup=False, timeout=8
            )

    @work(exclusive=True, group="start-up")
    async def start_up(self, opening: Opening) -> None:
        """Open profiles, asking what to do at each turn, until the questions start or the app
        exits: a welcome for a new file, a choice for saved progress, a file in use or a broken
        one. Each step says what to open next, or None when done."""
        next_opening: Opening | None = opening
        while next_opening is not None:
            next_opening = await self._open(next_opening)

    async def _open(self, opening: Opening) -> Opening | None:
        """Open one profile; it is locked first, unless read-only."""
        path = opening.path
        lock = None
        if not opening.read_only:
            try:
                lock = ProfileLock.acquire(path)
            except ProfileInUse as exc:
                return await self._ask_in_use(path, exc)
        try:
            progress = open_profile(path)
        except ProfileError as exc:
            if lock is not None:
                lock.release()
            return await self._ask_broken(path, str(exc))
        session = self._new_session(progress or Progress(), path, lock, read_only=opening.read_only)
        answered = progress is not None and progress.answered() > 0
        if opening.ask and answered and not opening.read_only:
            return await self._ask_to_resume(session)
        if opening.note:
            self.notify(opening.note, markup=False, timeout=8)
        # Read-only skips the welcome: it would say where answers are saved.
        await self._start(session, welcome=not answered and not opening.read_only)
        return None

    def _new_session(
        self,
        progress: Progress,
        path: Path,
        lock: Releasable | None = None,
        *,
        read_only: bool = False,
    ) -> QuizSession:
        writer = ProfileWriter(path, on_status=self._save_finished_in_thread)
        return QuizSession(self.bank, progress, path, writer=writer, lock=lock, read_only=read_only)

    async def _ask_in_use(self, path: Path, in_use: ProfileInUse) -> Opening | None:
        from rolequiz.tui.screens.faults import in_use_screen

        shown_copy = copy_name(path, self._now() if self._now else None)
        choice = await self.push_screen_wait(in_use_screen(str(in_use), shown_copy))
        if choice == "read_only":
            return Opening(path, ask=False, read_only=True)
        if choice == "copy":
            try:
                copy = copy_beside(path, shown_copy)
            except RolequizError as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=10)
                return Opening(path)
            note = f"Working on a copy: {shown_path(copy)}. The other rolequiz keeps {path.name}."
            return Opening(copy, ask=False, note=note)
        self.exit_lines.append(str(in_use))
        self.exit(1, return_code=1)
        return None

    async def _ask_to_resume(self, session: QuizSession) -> Opening | None:
        from rolequiz.tui.screens.start import resume_screen

        counts = session.counts()
        updated = session.progress.updated
        choice = await self.push_screen_wait(
            resume_screen(
                session.path,
                done=counts.done,
                total=counts.total,
                next_skill=session.skill.name,
                saved=describe_when(updated) if updated else None,
                unknown=session.unknown_skills,
                first_skill=self.bank.skills[0].name if session.is_complete else None,
                quick=session.saved_in_quick_mode,
                reached=session.progress.quick.furthest() if session.saved_in_quick_mode else None,
            )
        )
        if choice == "review":
            session.go_to(self.bank.skills[0].id)
        if choice in ("resume", "review", "results"):
            await self._start(session, welcome=False, told_unknown=True)
            if choice == "results":
                self.action_results()
            return None
        if choice == "start_over":
            return await self._start_over(session)
        session.release_lock()
        if choice == "open_other":
            return await self._ask_other(session.path)
        self.exit(0)
        return None

    async def _start_over(self, old: QuizSession) -> Opening | None:
        path = old.path
        try:
            backup = back_up_profile(path, self._now() if self._now else None)
        except RolequizError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            old.release_lock()
            return Opening(path)
        lock, old.lock = old.lock, None  # the same file: the new session keeps the lock
        await self._start(self._new_session(Progress(), path, lock), welcome=False)
        self.notify(
            f"Starting over. Your old answers are kept in {shown_path(backup)}",
            markup=False,
            timeout=8,
        )
        return None

    async def _ask_broken(self, path: Path, problem: str) -> Opening | None:
        from rolequiz.tui.screens.start import broken_profile_screen

        new_path = fresh_path_beside(path)
        choice = await self.push_screen_wait(broken_profile_screen(path, problem, new_path))
        if choice == "new_beside":
            return Opening(new_path, ask=False)
        if choice == "open_other":
            return await self._ask_other(path)
        self.exit_lines.append(problem)
        self.exit(1, return_code=1)
        return None

    async def _ask_other(self, previous: Path) -> Opening:
        from rolequiz.tui.screens.start import OpenProfileModal

        path = await self.push_screen_wait(OpenProfileModal(previous))
        if path is None:
            return Opening(previous)
        self.profile_path = path
        return Opening(path, ask=False)

    async def _start(
        self, session: QuizSession, *, welcome: bool, told_unknown: bool = False
    ) -> None:
        self.session = session
        self.profile_path = session.path
        if session.unknown_skills and not told_unknown:
            from rolequiz.tui.screens.start import unknown_note

            self.notify(unknown_note(session.unknown_skills), markup=False, timeout=10)
        if session.read_only:
            self.notify(
                f"Read-only: answers given here are not saved to {session.path.name}. "
                "Press w to save them elsewhere.",
                markup=False,
                timeout=10,
            )
        mode: StartMode | None = None
        if welcome:
            from rolequiz.tui.screens.welcome import WelcomeScreen

            chosen: StartMode = await self.push_screen_wait(
                WelcomeScreen(self.bank, session.path, quick=self.quick)
            )
            mode = chosen
        # Imported when first shown, so a welcome screen paints without it.
        from rolequiz.tui.screens.question import QuestionScreen

        # The welcome screen's choice; else the flag, or the mode the profile was left in.
        if mode == "quick" or (mode is None and (self.quick or session.saved_in_quick_mode)):
            session.start_quick()
        self.quiz_started = True
        await self.push_screen(QuestionScreen(session, name=QUESTION))

    # Screens over the question -----------------------------------------------------------------

    def _back_to_question(self) -> Screen[object] | None:
        """Close whatever is open over the question screen, and return it."""
        if not self.quiz_started:
            return None
        while self.screen.name != QUESTION:
            self.pop_screen()
        return self.screen

    def _show_moved(self) -> None:
        """The session moved (to another skill, or mode): the question screen shows it."""
        from rolequiz.tui.screens.question import SessionMoved

        question = self._back_to_question()
        if question is not None:
            question.post_message(SessionMoved())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "results",
            "overview",
            "find",
            "next_unanswered",
            "export_report",
            "save_elsewhere",
        ):
            return self.session is not None and self.quiz_started
        if action in ("full_quiz", "quick_mode"):
            quick = action == "quick_mode"
            return (
                self.session is not None
                and self.session.is_quick is not quick
                and self.quiz_started
            )
        return True

    def action_full_quiz(self) -> None:
        """Leave quick mode for the remaining questions in quiz order; answers are kept."""
        if self.session is None or not self.quiz_started or not self.session.is_quick:
            return
        self.session.full_quiz()
        self._show_moved()
        self.notify("Full quiz: the questions left, in order. Every answer is kept.", timeout=4)

    def action_quick_mode(self) -> None:
        if self.session is None or not self.quiz_started or self.session.is_quick:
            return
        self.session.start_quick()
        self._show_moved()

    @cached_property
    def market(self) -> Market | None:
        """The content's market figures, read when the results first open and kept for the
        app's life; a broken file only hides them (they are an extra)."""
        from rolequiz.domain.market import market_for

        return market_for(self.bank)[0]

    def action_results(self) -> None:
        from rolequiz.tui.screens.results import ResultsScreen

        if self.session is None or self._back_to_question() is None:
            return
        self.push_screen(ResultsScreen(self.session, self.market))

    def action_overview(self) -> None:
        from rolequiz.tui.screens.overview import OverviewScreen

        if self.session is None or self._back_to_question() is None:
            return
        self.push_screen(OverviewScreen(self.session), self._open_skill)

    def action_find(self) -> None:
        from rolequiz.tui.screens.find import FindModal

        if self.session is None or self._back_to_question() is None:
            return
        self.push_screen(FindModal(self.session), self._open_skill)

    def action_next_unanswered(self) -> None:
        if self.session is None or not self.quiz_started:
            return
        if self.session.next_unanswered():
            self._show_moved()
        else:
            self._back_to_question()
            self.notify("Every skill is answered: press r for your results.", timeout=4)

    def _open_skill(self, skill_id: str | None) -> None:
        if skill_id is not None and self.session is not None and self.quiz_started:
            self.session.go_to(skill_id)
            self._show_moved()

    def action_export_report(self, role_id: str | None = None) -> None:
        from rolequiz.tui.screens.export import ExportModal

        session = self.session
        if session is None:
            return
        recommended = session.ranked()[0].role
        role = self.bank.role_by_id.get(role_id or "", recommended)
        folder = self.export_dir if self.export_dir is not None else Path.cwd()

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Gap report written to {shown_path(path)}", markup=False, timeout=8)

        self.push_screen(
            ExportModal(
                session,
                role,
                default_report_path(folder, role),
                recommended=role is recommended,
                generated=self._now() if self._now else None,
            ),
            written,
        )

    def action_help(self) -> None:
        from rolequiz.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[HelpSection]:
        """Each screen's own bindings, each key once per screen; the keys that work anywhere
        only under "Anywhere"."""
        from rolequiz.tui.screens.choice import ChoiceScreen
        from rolequiz.tui.screens.export import ExportModal
        from rolequiz.tui.screens.find import FindModal
        from rolequiz.tui.screens.help import help_keys, once_each
        from rolequiz.tui.screens.overview import OverviewScreen
        from rolequiz.tui.screens.question import QuestionScreen
        from rolequiz.tui.screens.results import ResultsScreen
        from rolequiz.tui.screens.welcome import WelcomeScreen
        from rolequiz.tui.widgets.rating_picker import RatingPicker

        anywhere: list[BindingType] = [
            # ctrl+c is listed with ctrl+q.
            *(binding for binding in RolequizApp.BINDINGS if "ctrl+c" not in help_keys(binding)),
            Binding(
                "ctrl+q,ctrl+c",
                "",
                "Quit",
                tooltip="Quit; your answers are saved (ctrl+c when no text is selected)",
            ),
            Binding(
                "ctrl+p",
                "",
                "Commands",
                tooltip="Command palette: results, overview, find, export, themes",
            ),
        ]
        sections: list[HelpSection] = [
            (
                "On a question",
                [
                    Binding("0-4", "", "Answer", tooltip="Rate this skill and move to the next"),
                    *(
                        binding
                        for binding in QuestionScreen.BINDINGS
                        if isinstance(binding, Binding) and not binding.action.startswith("answer")
                    ),
                    *RatingPicker.BINDINGS,
                ],
            ),
            (
                "Overview",
                [
                    *OverviewScreen.BINDINGS,
                    Binding("space", "", "Fold", tooltip="Fold a category in or out"),
                ],
            ),
            ("Find", FindModal.BINDINGS),
            (
                "Results",
                [
                    *ResultsScreen.BINDINGS,
                    Binding("tab", "", "Focus", tooltip="Move between the roles and the gaps"),
                ],
            ),
            ("Export", ExportModal.BINDINGS),
            ("Welcome", WelcomeScreen.BINDINGS),
            (
                "A choice (resume, a file in use, quitting unsaved)",
                [
                    *(
                        binding
                        for binding in ChoiceScreen.BINDINGS
                        if isinstance(binding, Binding)
                        and binding.action not in ("cancel", "cancel_back")
                    ),
                    Binding(
                        "escape",
                        "",
                        "Cancel",
                        tooltip="Quit when opening a profile; back to the quiz over it",
                    ),
                ],
            ),
        ]
        shared = {key for binding in anywhere for key in help_keys(binding)}
        return [
            *((title, once_each(bindings, shared)) for title, bindings in sections),
            ("Anywhere", anywhere),
        ]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own list is not used: its "Keys" panel repeats "Keys" (the help screen) and
        # "Maximize" would blow a question's picker up to the whole screen.
        yield SystemCommand(
            "Theme", "Change the colours; remembered for next time", self.action_change_theme
        )
        if self.session is not None and self.quiz_started:
            yield SystemCommand(
                "Results", "The roles ranked on your answers so far", self.action_results
            )
            yield SystemCommand(
                "Overview", "All categories and skills: open any one", self.action_overview
            )
            yield SystemCommand("Find a skill", "Find a skill by name or alias", self.action_find)
            yield SystemCommand(
                "Next unanswered",
                "Jump to the next skill you have not answered",
                self.action_next_unanswered,
            )
            yield SystemCommand(
                "Export gap report",
                "Write the gap report for your closest role: TOML, Markdown or HTML",
                self.action_export_report,
            )
            yield SystemCommand(
                "Save elsewhere",
                "Save your answers to another file, and every later answer there too",
                self.action_save_elsewhere,
            )
            if self.session.is_quick:
                yield SystemCommand(
                    "Full quiz",
                    "Leave quick mode: the questions left, in quiz order",
                    self.action_full_quiz,
                )
            else:
                yield SystemCommand(
                    "Quick mode",
                    "The most telling questions first, until your closest role is clear",
                    self.action_quick_mode,
                )
        yield SystemCommand("Keys", "Every key on every screen", self.action_help)
        yield SystemCommand("Quit", "Quit rolequiz; your answers are saved", self.action_quit)

    # Saving ------------------------------------------------------------------------------------

    def _save_finished_in_thread(self, error: str | None) -> None:
        # Called on the writer thread: post_message is the thread-safe way in.
        with contextlib.suppress(RuntimeError):  # the app has already closed its loop
            self.post_message(SaveStatus(error))

    def on_save_status(self, message: SaveStatus) -> None:
        error = message.error
        if error == self.save_error:
            return
        self.save_error = error
        if error:
            self.notify(
                f"{error}. Your answers are kept in memory and saving is retried; press w to "
                "save elsewhere.",
                title="Not saved",
                severity="error",
                markup=False,
                timeout=10,
            )
        else:
            self.notify("Saved again: every answer is on disk.", markup=False, timeout=4)

    def action_save_elsewhere(self) -> None:
        self._save_elsewhere()

    def _save_elsewhere(self, then: Callable[[bool], None] | None = None) -> None:
        """Ask for a new file and save there (the session does it); `then(saved)` after."""
        from rolequiz.tui.screens.faults import SaveElsewhereModal

        session = self.session
        if session is None:
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.profile_path = path
                # Saved: the writer's own "saved again" would only repeat what is said here.
                self.save_error = None
                self.notify(
                    f"Saved to {shown_path(path)}; later answers are saved there too.",
                    markup=False,
                    timeout=8,
                )
            if then is not None:
                then(path is not None)

        self.push_screen(SaveElsewhereModal(session, elsewhere_suggestion(session.path)), chosen)

    def close_session(self) -> str | None:
        """Write what is left and stop the writer; the error if the last save failed."""
        if self.session is None:
            return None
        return self.session.close()

    async def action_quit(self) -> None:
        # ctrl+q while asked about unsaved answers quits anyway.
        self._quit(ask=self.screen.name != UNSAVED)

    def _quit(self, *, ask: bool = True) -> None:
        """Quit, unless answers would be lost: then ask first (a second ctrl+q quits anyway)."""
        from rolequiz.tui.screens.faults import unsaved_quit_screen

        session = self.session
        if ask and session is not None:
            problem = session.unsaved()
            if problem:

                def chosen(choice: QuitChoice | None) -> None:
                    if choice == "save_elsewhere":
                        self._save_elsewhere(lambda saved: self._quit())
                    elif choice == "retry":
                        self._quit()
                    elif choice == "quit":
                        self._quit(ask=False)

                self.push_screen(
                    unsaved_quit_screen(problem, can_retry=not session.read_only), chosen
                )
                return
        error = self.close_session()
        if error:
            self.exit_lines.append(f"{error}: the last answers were not saved")
            self.exit(1, return_code=1)
        else:
            self.exit(0)

    def _save_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or `kill` (SIGTERM): save what is pending, then exit."""
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(number, self._exit_on_signal, number)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform: answers are still written as they are given

    def _exit_on_signal(self, number: int) -> None:
        self.close_session()
        self.exit(1, return_code=128 + number)


def run(content_root: Path, profile_path: Path, quick: bool = False) -> int:
    """Open the quiz; returns the exit code. A bad content folder raises ContentError first."""
    bank = load_bank(content_root)
    app = RolequizApp(
        bank=bank, profile_path=profile_path, quick=quick, settings_path=default_settings_path()
    )
    try:
        app.run()
    finally:
        error = app.close_session()
    for line in app.exit_lines:
        sys.stderr.write(f"rolequiz: {printable(line)}\n")
    if error and not app.exit_lines:
        sys.stderr.write(f"rolequiz: {printable(error)}: the last answers were not saved\n")
        return 1
    return app.return_code or 0
