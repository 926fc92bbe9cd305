"""Faults: saving that fails, a profile open twice, a profile from a newer version or broken.

Each save fault is made for real where the system allows it (chmod, a folder in the file's
place) and simulated where it does not (a full disk: `fsync` fails with ENOSPC). In each, the
answers stay in memory, the last good file is left byte for byte, saving is retried, and the
person can save elsewhere.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.content import Content
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

import rolequiz.domain.progress as progress_module
from rolequiz.cli.main import main
from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.domain.session import QuizSession
from rolequiz.errors import RolequizError
from rolequiz.files.beside import copy_beside, elsewhere_suggestion
from rolequiz.files.lock import ProfileInUse, ProfileLock, lock_path
from rolequiz.files.progress import load_progress
from rolequiz.files.writer import ProfileWriter, write_profile
from rolequiz.tui.app import RolequizApp
from rolequiz.tui.screens.choice import ChoiceScreen
from rolequiz.tui.screens.faults import SaveElsewhereModal
from rolequiz.tui.screens.paths import shown_path
from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.welcome import WelcomeScreen

from .conftest import MakeApp, read_toml_when, write_content

SIZE = (80, 24)
TWO_ANSWERS = 'schema_version = 1\nposition = "stats"\n[ratings]\npython = 3\nsql = 2\n'

Fault = Callable[[Path], Callable[[], None]]


def read_only_folder(profile: Path) -> Callable[[], None]:
    folder = profile.parent
    folder.chmod(0o555)
    return lambda: folder.chmod(0o755)


def read_only_file(profile: Path) -> Callable[[], None]:
    profile.chmod(0o444)
    return lambda: profile.chmod(0o644)


def folder_in_place_of_the_file(profile: Path) -> Callable[[], None]:
    aside = profile.with_name("kept-aside.toml")
    profile.rename(aside)
    profile.mkdir()

    def undo() -> None:
        profile.rmdir()
        aside.rename(profile)

    return undo


class FullDisk:
    """`fsync` fails as it does when the data finds no room on the disk."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def __call__(self, profile: Path) -> Callable[[], None]:
        real = os.fsync

        def no_room(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        self.monkeypatch.setattr(os, "fsync", no_room)
        return lambda: self.monkeypatch.setattr(os, "fsync", real)


class ReadOnlySystem:
    """The profile's file system is mounted read-only (os.access then says no as well)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def __call__(self, profile: Path) -> Callable[[], None]:
        real_statvfs, real_access = os.statvfs, os.access

        def read_only(path: Any) -> Any:
            found = real_statvfs(path)
            return SimpleNamespace(f_flag=found.f_flag | os.ST_RDONLY)

        self.monkeypatch.setattr(os, "statvfs", read_only)
        self.monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)

        def undo() -> None:
            self.monkeypatch.setattr(os, "statvfs", real_statvfs)
            self.monkeypatch.setattr(os, "access", real_access)

        return undo


FAULTS: dict[str, tuple[str, Callable[[pytest.MonkeyPatch], Fault]]] = {
    # Bug: a read-only file system was reported as "permission denied (the file is read-only)".
    "read-only file system": ("the file system is read-only", ReadOnlySystem),
    "read-only folder": (
        "permission denied (the folder is read-only)",
        lambda mp: read_only_folder,
    ),
    "read-only file": ("permission denied (the file is read-only)", lambda mp: read_only_file),
    "folder in place of the file": (
        "a folder is in the way of the file",
        lambda mp: folder_in_place_of_the_file,
    ),
    "full disk": ("the disk is full", FullDisk),
}


@pytest.fixture(params=sorted(FAULTS))
def fault(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    words, make = FAULTS[request.param]
    yield words, make(monkeypatch)


@pytest.fixture(autouse=True)
def writable_again(tmp_path: Path) -> Iterator[None]:
    """Leave every folder writable, so pytest can remove them whatever a test did."""
    yield
    for folder, subfolders, files in os.walk(tmp_path):
        os.chmod(folder, 0o755)
        for name in subfolders + files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)


def text_of(app: RolequizApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Content)
    return content.plain


class Notes(list[str]):
    """Every notification the app posts, as text: pass `hook` as run_test's message_hook."""

    def hook(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.append(str(message.notification.message))


async def wait_for(pilot: Pilot[int], ready: Callable[[], bool]) -> None:
    """Saves end on another thread: let the app take the news in."""
    for _ in range(300):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


async def retype(pilot: Pilot[int], text: str) -> None:
    screen = pilot.app.screen
    screen.query_one(Input).value = ""
    await pilot.press(*["space" if char == " " else char for char in text])


# Saving fails: the session ---------------------------------------------------------------------


def test_each_save_fault_keeps_the_answers_and_the_last_good_file(
    small_bank: Bank, tmp_path: Path, fault: tuple[str, Fault]
) -> None:
    words, make_fault = fault
    folder = tmp_path / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    session = QuizSession(small_bank, Progress(), profile, writer=ProfileWriter(profile))
    session.answer(3)
    assert session.flush() is None
    good = profile.read_bytes()

    undo = make_fault(profile)
    session.answer(2)
    error = session.flush()
    assert error is not None
    assert error == f"{profile}: cannot save: {words}"  # what failed, the file, one line
    assert session.progress.ratings == {"python": 3, "sql": 2}  # kept in memory
    undo()
    assert profile.read_bytes() == good  # the last good file, byte for byte
    assert [p.name for p in folder.iterdir()] == ["profile.toml"]  # no temporary file left

    session.answer(1)  # the next answer tries again, and this time it works
    assert session.flush() is None
    assert load_progress(profile).ratings == {"python": 3, "sql": 2, "stats": 1}
    session.close()


def test_save_elsewhere_while_saving_fails_moves_every_later_answer(
    small_bank: Bank, tmp_path: Path, fault: tuple[str, Fault]
) -> None:
    _, make_fault = fault
    folder = tmp_path / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    session = QuizSession(small_bank, Progress(), profile, writer=ProfileWriter(profile))
    session.answer(3)
    assert session.flush() is None
    good = profile.read_bytes()
    undo = make_fault(profile)
    session.answer(2)
    assert session.flush() is not None
    undo()  # the new place must work, whatever the fault (a full disk is not per folder)

    elsewhere = tmp_path / "elsewhere" / "saved.toml"
    session.save_elsewhere(elsewhere)
    assert load_progress(elsewhere).ratings == {"python": 3, "sql": 2}
    session.answer(4)
    assert session.flush() is None
    assert load_progress(elsewhere).ratings == {"python": 3, "sql": 2, "stats": 4}
    assert profile.read_bytes() == good
    assert session.path == elsewhere
    assert lock_path(elsewhere).exists() and not lock_path(profile).exists()
    session.close()
    assert not lock_path(elsewhere).exists()


def test_save_elsewhere_never_replaces_a_file_or_takes_a_profile_in_use(
    small_bank: Bank, tmp_path: Path
) -> None:
    session = QuizSession(
        small_bank,
        Progress(),
        tmp_path / "profile.toml",
        writer=ProfileWriter(tmp_path / "profile.toml"),
    )
    session.answer(3)
    taken = tmp_path / "taken.toml"
    other = ProfileLock.acquire(taken)
    existing = tmp_path / "existing.toml"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(RolequizError, match="already exists; choose a new name"):
        session.save_elsewhere(existing)
    with pytest.raises(ProfileInUse):
        session.save_elsewhere(taken)
    assert existing.read_text(encoding="utf-8") == "mine" and not taken.exists()
    assert session.path == tmp_path / "profile.toml"
    assert session.flush() is None
    assert other is not None
    other.release()


def test_a_failing_new_place_changes_nothing(small_bank: Bank, tmp_path: Path) -> None:
    session = QuizSession(
        small_bank,
        Progress(),
        tmp_path / "profile.toml",
        writer=ProfileWriter(tmp_path / "profile.toml"),
    )
    session.answer(3)
    assert session.flush() is None
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    blocked.chmod(0o555)
    with pytest.raises(RolequizError, match=r"blocked/new\.toml: cannot save: permission denied"):
        session.save_elsewhere(blocked / "new.toml")
    session.answer(2)
    assert session.flush() is None
    assert load_progress(tmp_path / "profile.toml").ratings == {"python": 3, "sql": 2}


def test_a_failed_save_is_retried_on_a_timer_without_a_new_answer(tmp_path: Path) -> None:
    statuses: list[str | None] = []
    failing = [True]

    def write(path: Path, progress: Progress) -> None:
        if failing[0]:
            raise OSError(errno.ENOSPC, "No space left on device")
        write_profile(path, progress)

    writer = ProfileWriter(
        tmp_path / "p.toml", on_status=statuses.append, write=write, retry_every=0.05
    )
    writer.submit(Progress(ratings={"sql": 2}))
    assert writer.flush() == f"{tmp_path / 'p.toml'}: cannot save: the disk is full"
    failing[0] = False  # room again; nothing new is answered
    deadline = time.monotonic() + 5
    while statuses[-1] is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert statuses[-1] is None
    assert load_progress(tmp_path / "p.toml").ratings == {"sql": 2}
    writer.close()


def test_a_read_only_session_writes_nothing_and_says_what_would_be_lost(
    small_bank: Bank, tmp_path: Path
) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(TWO_ANSWERS, encoding="utf-8")
    before = profile.read_bytes()
    session = QuizSession(
        small_bank, load_progress(profile), profile, writer=ProfileWriter(profile), read_only=True
    )
    assert session.unsaved() is None
    session.answer(4)
    assert session.unsaved() == (
        "profile.toml was opened read-only: the answers given here are not saved"
    )
    assert session.close() is None
    assert profile.read_bytes() == before

    again = QuizSession(
        small_bank, load_progress(profile), profile, writer=ProfileWriter(profile), read_only=True
    )
    again.answer(4)
    again.save_elsewhere(tmp_path / "mine.toml")
    assert not again.read_only and again.unsaved() is None
    assert load_progress(tmp_path / "mine.toml").ratings == {"python": 3, "sql": 2, "stats": 4}
    again.close()


def test_a_copy_is_byte_for_byte_under_a_new_dated_name(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_bytes(b"schema_version = 1\r\n[ratings]\r\nsql = 2\r\n")
    first = copy_beside(profile)
    second = copy_beside(profile)
    assert first != second and first.name.startswith("profile.copy-")
    assert first.read_bytes() == second.read_bytes() == profile.read_bytes()
    assert copy_beside(tmp_path / "none-yet.toml").exists() is False
    chosen = tmp_path / "chosen.toml"
    assert copy_beside(profile, chosen) == chosen and chosen.read_bytes() == profile.read_bytes()


def test_the_suggested_place_is_free(tmp_path: Path) -> None:
    (tmp_path / "rolequiz-profile.toml").write_text("", encoding="utf-8")
    assert elsewhere_suggestion(Path("/x/profile.toml"), tmp_path) == (
        tmp_path / "rolequiz-profile-2.toml"
    )


# Saving fails: in the quiz ---------------------------------------------------------------------


async def test_a_read_only_folder_mid_quiz_then_save_elsewhere(
    make_app: MakeApp, home: Path
) -> None:
    folder = home / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    app = make_app(profile=profile)
    notes = Notes()
    async with app.run_test(size=SIZE, message_hook=notes.hook) as pilot:
        await pilot.press("enter", "3")
        read_toml_when(profile, lambda d: d["ratings"] == {"python": 3})
        await pilot.pause(0.1)
        good = profile.read_bytes()
        folder.chmod(0o555)
        await pilot.press("2")
        await wait_for(pilot, lambda: bool(text_of(app, "#save-state")))
        assert text_of(app, "#save-state") == "⚠ not saved · w saves elsewhere"
        [note] = [note for note in notes if "cannot save" in note]
        assert note.startswith(
            f"{profile}: cannot save: permission denied (the folder is read-only). Your answers"
        )
        assert "kept in memory" in note and "w to save elsewhere" in note

        await pilot.press("w")
        assert isinstance(app.screen, SaveElsewhereModal)
        assert app.screen.query_one(Input).value == "~/rolequiz-profile.toml"
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert text_of(app, "#save-state") == ""
        await pilot.press("1")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    saved = tomllib.loads((home / "rolequiz-profile.toml").read_text(encoding="utf-8"))
    assert saved["ratings"] == {"python": 3, "sql": 2, "stats": 1}
    assert profile.read_bytes() == good


async def test_quitting_unsaved_warns_and_saves_elsewhere_first(
    make_app: MakeApp, home: Path
) -> None:
    folder = home / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    app = make_app(profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        read_toml_when(profile, lambda d: d["ratings"] == {"python": 3})
        folder.chmod(0o555)
        await pilot.press("2", "ctrl+q")
        assert app.screen.name == "unsaved"
        assert "cannot save: permission denied" in text_of(app, ".choice-text")
        assert isinstance(app.screen, ChoiceScreen)
        ids = app.screen.values
        assert ids == ["save_elsewhere", "retry", "quit", "back"]
        await pilot.press("enter")  # save elsewhere, then quit
        assert isinstance(app.screen, SaveElsewhereModal)
        await retype(pilot, "~/rescued.toml")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert load_progress(home / "rescued.toml").ratings == {"python": 3, "sql": 2}
    assert load_progress(profile).ratings == {"python": 3}


async def test_quitting_unsaved_can_go_back_retry_or_quit_anyway(
    make_app: MakeApp, home: Path
) -> None:
    folder = home / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    app = make_app(profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        read_toml_when(profile, lambda d: d["ratings"] == {"python": 3})
        folder.chmod(0o555)
        await pilot.press("2", "ctrl+q")
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)  # back: nothing lost
        await pilot.press("ctrl+q", "down", "enter")  # try again: still failing, asked again
        assert app.screen.name == "unsaved"
        await pilot.press("down", "down", "enter")  # quit without saving
    assert app.return_code == 1
    assert app.exit_lines == [
        f"{profile}: cannot save: permission denied (the folder is read-only): "
        "the last answers were not saved"
    ]


async def test_a_fault_that_clears_before_quitting_quits_without_asking(
    make_app: MakeApp, home: Path
) -> None:
    folder = home / "data"
    folder.mkdir()
    profile = folder / "profile.toml"
    app = make_app(profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        read_toml_when(profile, lambda d: d["ratings"] == {"python": 3})
        folder.chmod(0o555)
        await pilot.press("2")
        await wait_for(pilot, lambda: bool(text_of(app, "#save-state")))
        folder.chmod(0o755)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert load_progress(profile).ratings == {"python": 3, "sql": 2}


# Two rolequiz on one profile --------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rolequiz.domain.content import load_bank
    from rolequiz.domain.progress import Progress
    from rolequiz.files.progress import load_progress
    from rolequiz.files.lock import ProfileLock
    from rolequiz.domain.session import QuizSession
    from rolequiz.files.writer import ProfileWriter
    bank, path = load_bank(Path(sys.argv[1])), Path(sys.argv[2])
    session = QuizSession(
        bank, load_progress(path), path, writer=ProfileWriter(path),
        lock=ProfileLock.acquire(path),
    )
    for line in sys.stdin:
        session.answer(int(line))
        print(session.flush(), flush=True)
    print(session.close(), flush=True)
    """
)


class OtherRolequiz:
    """Another rolequiz process with the profile open, answering when told to."""

    def __init__(self, content: Path, profile: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(content), str(profile)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def answer(self, level: int) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{level}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        last = self.process.stdout.read().strip()
        self.process.wait(10)
        return last


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


async def test_a_second_rolequiz_works_on_a_copy_and_neither_loses_an_answer(
    make_app: MakeApp, home: Path, content_root: Path
) -> None:
    profile = home / "profile.toml"
    profile.write_text(TWO_ANSWERS, encoding="utf-8")
    holder = OtherRolequiz(content_root, profile)
    try:
        assert holder.answer(1) == "None"  # the first one answers stats
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert app.screen.name == "in-use"
            problem = text_of(app, ".choice-text")
            assert problem == f"profile.toml is in use by rolequiz (PID {holder.process.pid})"
            assert isinstance(app.screen, ChoiceScreen)
            label = app.screen.choices[1][0].plain
            await pilot.press("down", "enter")  # work on a copy
            assert isinstance(app.screen, QuestionScreen)
            assert app.session is not None
            copy = app.session.path
            assert label.endswith(f"saved to {shown_path(copy)}")
            assert copy.name.startswith("profile.copy-") and copy.parent == home
            await pilot.press("4")  # the second one answers aws
            assert holder.answer(2) == "None"  # meanwhile the first answers aws too
            await pilot.press("ctrl+q")
        assert app.return_code == 0
    finally:
        assert holder.close() == "None"
    assert load_progress(profile).ratings == {"python": 3, "sql": 2, "stats": 1, "aws": 2}
    assert load_progress(copy).ratings == {"python": 3, "sql": 2, "stats": 1, "aws": 4}
    assert not lock_path(profile).exists() and not lock_path(copy).exists()


async def test_a_second_rolequiz_read_only_saves_nothing_and_says_so(
    make_app: MakeApp, home: Path
) -> None:
    profile = home / "profile.toml"
    profile.write_text(TWO_ANSWERS, encoding="utf-8")
    before = profile.read_bytes()
    first = ProfileLock.acquire(profile)  # another rolequiz, as far as this one can tell
    assert first is not None
    app = make_app()
    notes = Notes()
    async with app.run_test(size=SIZE, message_hook=notes.hook) as pilot:
        assert app.screen.name == "in-use"
        await pilot.press("enter")  # open read-only
        assert isinstance(app.screen, QuestionScreen)
        assert text_of(app, "#save-state") == "⚠ read-only · w saves elsewhere"
        assert any("Read-only: answers given here are not saved" in n for n in notes)
        await pilot.press("4", "0")
        assert text_of(app, "#save-state") == "⚠ read-only · w saves elsewhere"
        await pilot.press("ctrl+q")
        assert app.screen.name == "unsaved"
        assert isinstance(app.screen, ChoiceScreen)
        ids = app.screen.values
        assert ids == ["save_elsewhere", "quit", "back"]  # nothing to retry
        await pilot.press("down", "enter")
    assert app.return_code == 0
    assert profile.read_bytes() == before
    assert first.held and lock_path(profile).exists()
    first.release()


async def test_quitting_at_the_in_use_screen_says_why(make_app: MakeApp, home: Path) -> None:
    first = ProfileLock.acquire(home / "profile.toml")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
    assert app.return_code == 1
    assert app.exit_lines == [f"profile.toml is in use by rolequiz (PID {os.getpid()})"]
    assert first is not None
    first.release()


async def test_a_lock_left_by_a_dead_rolequiz_is_taken_over_without_asking(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml.lock").write_text('pid = 4194400\nhost = "x"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter", "2", "ctrl+q")
    assert load_progress(home / "profile.toml").ratings == {"python": 2}
    assert not (home / "profile.toml.lock").exists()  # released on exit


async def test_the_lock_is_held_while_open_and_follows_open_another(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(TWO_ANSWERS, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.name == "resume"
        assert lock_path(home / "profile.toml").exists()
        await pilot.press("down", "down", "enter")  # open another
        await retype(pilot, "~/other.toml")
        await pilot.press("enter")
        assert not lock_path(home / "profile.toml").exists()
        assert lock_path(home / "other.toml").exists()
        await pilot.press("enter", "1", "ctrl+q")
    assert not lock_path(home / "other.toml").exists()


# A newer or broken profile ----------------------------------------------------------------------


async def test_a_newer_profile_is_named_and_left_byte_for_byte(
    make_app: MakeApp, home: Path
) -> None:
    profile = home / "profile.toml"
    profile.write_bytes(b"schema_version = 2\r\n[ratings]\r\nsql = 3\r\nfuture = { x = 1 }\r\n")
    before = profile.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.name == "broken"
        assert text_of(app, ".choice-text") == (
            f"{profile}: schema_version: 2 is newer than this rolequiz understands (1); "
            "upgrade rolequiz to open it"
        )
        await pilot.press("enter", "enter", "2", "ctrl+q")
    assert profile.read_bytes() == before
    assert load_progress(home / "profile.new.toml").ratings == {"python": 2}
    assert not lock_path(profile).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schema_version = 3\n", "schema_version: 3 is newer than this rolequiz understands"),
        ("schema_version = 1\n[ratings]\nsql = 5\n", "ratings.sql: level must be"),
        ("schema_version = 1\n[ratings\n", "not valid TOML"),
    ],
)
def test_the_commands_give_one_line_and_leave_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: str
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(text, encoding="utf-8")
    before = profile.read_bytes()
    for command in (["score", str(profile)], ["report", str(profile)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and expected in err and str(profile) in err
    assert profile.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]


async def test_an_older_profile_is_backed_up_byte_for_byte_before_it_is_migrated(
    make_app: MakeApp, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_zero(data: dict[str, Any]) -> dict[str, Any]:
        data["ratings"] = data.pop("levels", {})
        return data

    monkeypatch.setitem(progress_module.MIGRATIONS, 0, from_zero)
    profile = home / "profile.toml"
    original = b"schema_version = 0\r\n# mine\r\n[levels]\r\npython = 2\r\n"
    profile.write_bytes(original)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "ctrl+q")  # resume, answer sql
    assert (home / "profile.toml.v0.bak").read_bytes() == original
    migrated = load_progress(profile)
    assert migrated.ratings == {"python": 2, "sql": 3} and migrated.migrated_from is None


async def test_the_save_elsewhere_dialog_shows_its_button_and_the_enter_hint(
    make_app: MakeApp, home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveElsewhereModal)
        shown = {
            b.binding.key: b.binding for b in dialog.active_bindings.values() if b.binding.show
        }
        assert shown["enter"].description == "Save" and shown["enter"].key_display == "⏎"
        save = dialog.query_one("#save", Button)
        assert save.display and str(save.label) == "Save"
        await retype(pilot, "~/by-button.toml")
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("w")
        await pilot.click("#back")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert load_progress(home / "by-button.toml").ratings == {"python": 3}
