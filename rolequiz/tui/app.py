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
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from rolequiz.domain.content import Bank, load_bank
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.lock import ProfileInUse, ProfileLock
from rolequiz.files.progress import Progress
from rolequiz.session import (
    ProfileWriter,
    QuizSession,
    back_up_profile,
    copy_beside,
    copy_name,
    default_report_path,
    elsewhere_suggestion,
    fresh_path_beside,
    open_profile,
)
from rolequiz.text import printable
from rolequiz.tui.screens.paths import shown_path

if TYPE_CHECKING:
    from rolequiz.tui.screens.faults import InUseChoice, QuitChoice
    from rolequiz.tui.screens.help import HelpSection
    from rolequiz.tui.screens.question import QuestionScreen
    from rolequiz.tui.screens.start import BrokenChoice, ResumeChoice


@dataclass
class SaveStatus(Message):
    """The writer thread finished a save: `error` is None when it worked."""

    error: str | None


class RolequizApp(App[int]):
    """Keyboard-first quiz over a question bank, saving to one profile file."""

    CSS_PATH = "app.tcss"
    TITLE = "rolequiz"

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
    ) -> None:
        super().__init__()
        self.bank = bank
        self.profile_path = profile_path
        self.export_dir = export_dir
        self.quick = quick  # start in quick mode (rolequiz --quick); the welcome screen asks too
        self._now = now
        self.session: QuizSession | None = None
        self.question_screen: QuestionScreen | None = None
        self.exit_lines: list[str] = []
        self._save_error: str | None = None

    # Start-up ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if not self.is_headless:
            self._save_on_signals()
        self.open_profile(self.profile_path)

    def open_profile(self, path: Path, *, ask: bool = True, read_only: bool = False) -> None:
        """Open `path`: a welcome for a new file, a choice for saved progress, or the problem.

        The profile is locked first; if another rolequiz holds it, the person chooses what to do.
        """
        lock = None
        if not read_only:
            try:
                lock = ProfileLock.acquire(path)
            except ProfileInUse as exc:
                self._show_in_use(path, exc)
                return
        try:
            progress = open_profile(path)
        except ProfileError as exc:
            if lock is not None:
                lock.release()
            self._show_broken(path, str(exc))
            return
        session = self._new_session(progress or Progress(), path, lock, read_only=read_only)
        answered = progress is not None and progress.answered() > 0
        if ask and answered and not read_only:
            self._ask_to_resume(session)
        else:
            # Read-only skips the welcome: it would say where answers are saved.
            self._start(session, welcome=not answered and not read_only)

    def _new_session(
        self,
        progress: Progress,
        path: Path,
        lock: ProfileLock | None = None,
        *,
        read_only: bool = False,
    ) -> QuizSession:
        writer = ProfileWriter(path, on_status=self._save_finished_in_thread)
        return QuizSession(self.bank, progress, path, writer=writer, lock=lock, read_only=read_only)

    def _show_in_use(self, path: Path, in_use: ProfileInUse) -> None:
        from rolequiz.tui.screens.faults import InUseScreen

        shown_copy = copy_name(path, self._now() if self._now else None)

        def chosen(choice: InUseChoice | None) -> None:
            if choice == "read_only":
                self.open_profile(path, ask=False, read_only=True)
            elif choice == "copy":
                try:
                    copy = copy_beside(path, shown_copy)
                except RolequizError as exc:
                    self.notify(str(exc), severity="error", markup=False, timeout=10)
                    self.open_profile(path)
                    return
                self.open_profile(copy, ask=False)
                if self.session is not None and self.session.path == copy:
                    self.notify(
                        f"Working on a copy: {shown_path(copy)}. The other rolequiz keeps "
                        f"{path.name}.",
                        markup=False,
                        timeout=8,
                    )
            else:
                self.exit_lines.append(str(in_use))
                self.exit(1, return_code=1)

        self.push_screen(InUseScreen(str(in_use), shown_copy), chosen)

    def _ask_to_resume(self, session: QuizSession) -> None:
        from rolequiz.tui.screens.start import ResumeScreen

        counts = session.counts()
        updated = session.progress.updated
        screen = ResumeScreen(
            session.path,
            done=counts.done,
            total=counts.total,
            next_skill=session.skill.name,
            saved=updated.astimezone().strftime("%Y-%m-%d %H:%M") if updated else None,
            unknown=session.unknown_skills,
        )

        def chosen(choice: ResumeChoice | None) -> None:
            if choice == "resume":
                self._start(session, welcome=False, told_unknown=True)
            elif choice == "start_over":
                self._start_over(session)
            elif choice == "open_other":
                session.release_lock()
                self._open_other(session.path)
            else:
                session.release_lock()
                self.exit(0)

        self.push_screen(screen, chosen)

    def _start_over(self, old: QuizSession) -> None:
        path = old.path
        try:
            backup = back_up_profile(path, self._now() if self._now else None)
        except RolequizError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            old.release_lock()
            self.open_profile(path)
            return
        lock, old.lock = old.lock, None  # the same file: the new session keeps the lock
        self._start(self._new_session(Progress(), path, lock), welcome=False)
        self.notify(
            f"Starting over. Your old answers are kept in {shown_path(backup)}",
            markup=False,
            timeout=8,
        )

    def _show_broken(self, path: Path, problem: str) -> None:
        from rolequiz.tui.screens.start import BrokenProfileScreen

        new_path = fresh_path_beside(path)

        def chosen(choice: BrokenChoice | None) -> None:
            if choice == "new_beside":
                self.open_profile(new_path, ask=False)
            elif choice == "open_other":
                self._open_other(path)
            else:
                self.exit_lines.append(problem)
                self.exit(1, return_code=1)

        self.push_screen(BrokenProfileScreen(path, problem, new_path), chosen)

    def _open_other(self, previous: Path) -> None:
        from rolequiz.tui.screens.start import OpenProfileModal

        def chosen(path: Path | None) -> None:
            if path is None:
                self.open_profile(previous)
            else:
                self.profile_path = path
                self.open_profile(path, ask=False)

        self.push_screen(OpenProfileModal(previous), chosen)

    def _start(self, session: QuizSession, *, welcome: bool, told_unknown: bool = False) -> None:
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

        def show_question(mode: object = None) -> None:
            # Imported when first shown, so a welcome screen paints without it.
            from rolequiz.tui.screens.question import QuestionScreen

            # The welcome screen's choice; else the flag, or the mode the profile was left in.
            if mode == "quick" or (mode is None and (self.quick or session.saved_in_quick_mode)):
                session.start_quick()
            self.question_screen = QuestionScreen(session)
            self.push_screen(self.question_screen)

        if welcome:
            from rolequiz.tui.screens.welcome import WelcomeScreen

            self.push_screen(
                WelcomeScreen(self.bank, session.path, quick=self.quick), show_question
            )
        else:
            show_question()

    # Screens over the question -----------------------------------------------------------------

    def _back_to_question(self) -> QuestionScreen | None:
        """Close whatever is open over the question screen, and return it."""
        question = self.question_screen
        if question is None or question not in self.screen_stack:
            return None
        while self.screen is not question:
            self.pop_screen()
        return question

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "results",
            "overview",
            "find",
            "next_unanswered",
            "export_report",
            "save_elsewhere",
        ):
            return self.session is not None and self.question_screen in self.screen_stack
        if action in ("full_quiz", "quick_mode"):
            quick = action == "quick_mode"
            return (
                self.session is not None
                and self.session.is_quick is not quick
                and self.question_screen in self.screen_stack
            )
        return True

    def action_full_quiz(self) -> None:
        """Leave quick mode for the remaining questions in quiz order; answers are kept."""
        question = self._back_to_question()
        if question is None or self.session is None or not self.session.is_quick:
            return
        self.session.full_quiz()
        question.show_skill()
        self.notify("Full quiz: the questions left, in order. Every answer is kept.", timeout=4)

    def action_quick_mode(self) -> None:
        question = self._back_to_question()
        if question is None or self.session is None or self.session.is_quick:
            return
        self.session.start_quick()
        question.show_skill()

    def action_results(self) -> None:
        from rolequiz.tui.screens.results import ResultsScreen

        question = self._back_to_question()
        if question is None or self.session is None:
            return
        self.push_screen(ResultsScreen(self.session))

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
        question = self._back_to_question()
        if question is not None:
            question.action_next_unanswered()

    def _open_skill(self, skill_id: str | None) -> None:
        question = self._back_to_question()
        if skill_id is not None and question is not None:
            question.go_to(skill_id)

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
        from rolequiz.tui.screens.export import ExportModal
        from rolequiz.tui.screens.find import FindModal
        from rolequiz.tui.screens.overview import OverviewScreen
        from rolequiz.tui.screens.question import QuestionScreen
        from rolequiz.tui.screens.results import ResultsScreen
        from rolequiz.tui.screens.start import ResumeScreen
        from rolequiz.tui.screens.welcome import WelcomeScreen
        from rolequiz.tui.widgets.rating_picker import RatingPicker

        return [
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
                    Binding("up,down", "", "Move", tooltip="Move through categories and skills"),
                    Binding("space", "", "Fold", tooltip="Fold a category in or out"),
                ],
            ),
            ("Find", FindModal.BINDINGS),
            (
                "Results",
                [
                    *ResultsScreen.BINDINGS,
                    Binding("up,down", "", "Role", tooltip="Pick a role to see its gap list"),
                    Binding("tab", "", "Focus", tooltip="Move between the roles and the gaps"),
                ],
            ),
            ("Export", ExportModal.BINDINGS),
            ("Start", [*WelcomeScreen.BINDINGS, *ResumeScreen.BINDINGS]),
            (
                "Anywhere",
                [
                    *RolequizApp.BINDINGS,
                    Binding("ctrl+q", "", "Quit", tooltip="Quit; your answers are saved"),
                    Binding(
                        "ctrl+p",
                        "",
                        "Commands",
                        tooltip="Command palette: results, overview, find, export, themes",
                    ),
                ],
            ),
        ]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.session is not None and self.question_screen in self.screen_stack:
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
                "Write the gap report TOML for your closest role",
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
        yield SystemCommand("Help: keys", "Every key on every screen", self.action_help)

    # Saving ------------------------------------------------------------------------------------

    def _save_finished_in_thread(self, error: str | None) -> None:
        # Called on the writer thread: post_message is the thread-safe way in.
        with contextlib.suppress(RuntimeError):  # the app has already closed its loop
            self.post_message(SaveStatus(error))

    def on_save_status(self, message: SaveStatus) -> None:
        error = message.error
        if error == self._save_error:
            return
        self._save_error = error
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
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self.question_screen is not None and self.question_screen.is_mounted:
            self.question_screen.show_save_error(self._save_error)

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
                self._save_error = None
                self._show_save_state()
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
        self._quit()

    def _quit(self, *, ask: bool = True) -> None:
        """Quit, unless answers would be lost: then ask first (a second ctrl+q quits anyway)."""
        from rolequiz.tui.screens.faults import UnsavedQuitModal

        session = self.session
        if ask and session is not None and not isinstance(self.screen, UnsavedQuitModal):
            problem = session.unsaved()
            if problem:

                def chosen(choice: QuitChoice | None) -> None:
                    if choice == "save_elsewhere":
                        self._save_elsewhere(lambda saved: self._quit())
                    elif choice == "retry":
                        self._quit()
                    elif choice == "quit":
                        self._quit(ask=False)

                self.push_screen(UnsavedQuitModal(problem, can_retry=not session.read_only), chosen)
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
    app = RolequizApp(bank=bank, profile_path=profile_path, quick=quick)
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
