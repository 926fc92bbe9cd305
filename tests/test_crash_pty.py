"""SIGKILL the real quiz on a terminal at random moments: every answer shown as given is on disk.

`python -m rolequiz --profile <tmp>/profile.toml` runs on a pseudo-terminal of 80x24
(TERM=xterm-256color, HOME and the XDG folders in the temporary folder), as a person starts it.
The harness presses 0-4 and reads what the app draws. The UI shows no sign of a save (only
"not saved" when one fails), so an answer counts as *given* once the next question is on the
screen: its name, "skill N of M" and the new count have come out of the terminal. Saving runs on
a background thread, so an answer painted a moment before the kill may not be on disk yet; one
painted at least `GRACE_S` before the kill must be. After each kill the profile must load with
`load_progress`, hold every answer given (and every answer it held before), and hold no answer
that was not typed. The next launch resumes the same profile (the "Welcome back" screen), so the
answers pile up over the kills. `bench/crash_soak.py` runs the same harness for hundreds of kills.
"""

from __future__ import annotations

import contextlib
import copy
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

if sys.platform == "win32":  # pragma: no cover - a pseudo-terminal needs POSIX
    pytest.skip("needs a POSIX pseudo-terminal", allow_module_level=True)

import fcntl
import struct
import termios

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.domain.session import QuizSession
from rolequiz.errors import ProfileError
from rolequiz.files.progress import load_progress
from rolequiz.files.writer import ProfileWriter

ROWS, COLUMNS = 24, 80
ENTER = b"\r"
NEW_PROFILE_READY = b"Answers are saved to"  # the welcome screen's last line of text
RESUME_READY = b"Welcome back"
QUIET_S = 0.03  # the terminal quiet this long: the app is idle
TIMEOUT_S = 20.0
# An answer whose next question has been on the screen this long must survive a kill. Most
# answers are on disk before the next question is drawn; the latest seen, 140 ms after it on a
# busy machine (docs/reliability.md, "Crashes").
GRACE_S = 0.5
POLL_S = 0.001  # how often the profile is looked at while watching the terminal

Kind = Literal["startup", "mid-key", "mid-write", "after-key", "after-paint", "idle"]
KINDS: tuple[Kind, ...] = ("startup", "mid-key", "mid-write", "after-key", "after-paint", "idle")
KIND_WEIGHTS = (10, 25, 20, 10, 15, 20)


class Stuck(Exception):
    """The app did not draw what was expected in time."""


# The terminal -------------------------------------------------------------------------------


@dataclass
class Terminal:
    """One app on a pseudo-terminal: write keys, read what it draws, kill it."""

    process: subprocess.Popen[bytes]
    master: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    @classmethod
    def start(cls, argv: Sequence[str], env: dict[str, str], cwd: Path) -> Terminal:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        started = time.perf_counter()
        process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        return cls(process, master, started)

    def press(self, key: bytes) -> tuple[float, int]:
        """Write `key`; when it was written and where the output stood."""
        mark = len(self.output)
        written = time.perf_counter()
        os.write(self.master, key)
        return written, mark

    def watch(
        self,
        texts: Sequence[bytes],
        since: int,
        until: float,
        tick: Callable[[], None] | None = None,
    ) -> float | None:
        """Read until every one of `texts` has come out after `since` (return when) or until
        the time `until` (return None). `tick` runs between reads."""
        while True:
            if all(self.output.find(text, since) >= 0 for text in texts):
                return time.perf_counter()
            left = until - time.perf_counter()
            if left <= 0:
                return None
            self._read(min(left, POLL_S) if tick else left)
            if tick:
                tick()

    def idle(self, until: float, tick: Callable[[], None] | None = None) -> None:
        """Read whatever comes until the time `until`."""
        while (left := until - time.perf_counter()) > 0:
            self._read(min(left, POLL_S) if tick else left)
            if tick:
                tick()

    def wait_for(
        self,
        texts: Sequence[bytes],
        since: int = 0,
        timeout: float = TIMEOUT_S,
        tick: Callable[[], None] | None = None,
    ) -> float:
        seen = self.watch(texts, since, time.perf_counter() + timeout, tick)
        if seen is None:
            raise Stuck(f"{[text.decode() for text in texts]} not drawn; screen: {self.tail()}")
        return seen

    def drain(self, quiet: float = QUIET_S, limit: float = 1.0) -> None:
        """Read until nothing has come for `quiet` seconds (at most `limit` in all)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self._read(quiet):
            pass

    def kill(self) -> float:
        """SIGKILL the app; when. What it wrote before dying is read in afterwards."""
        killed = time.perf_counter()
        with contextlib.suppress(ProcessLookupError):  # it has exited already
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        while self._read(0.05):
            pass
        os.close(self.master)
        return killed

    def tail(self, size: int = 400) -> str:
        """The last text drawn, escape sequences dropped, for messages."""
        text = re.sub(rb"\x1b\[[0-9;?]*[ -/]*[@-~]", b" ", bytes(self.output[-4000:]))
        return " ".join(text.decode("utf-8", "replace").split())[-size:]

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the app is gone and the terminal closed
            return False
        self.output += chunk
        return bool(chunk)


def _controlling_terminal() -> None:
    # In the child, after setsid: make the pty its terminal, as a shell does.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def app_env(folder: Path) -> dict[str, str]:
    """The environment of the app: this one, with every per-user folder inside `folder`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "ROLEQUIZ", "XDG_")) and key not in ("NO_COLOR", "TMUX")
    }
    home = folder / "home"
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


# What the app should show, and what the disk holds -------------------------------------------


class _NoWriter(ProfileWriter):
    """The model session saves nowhere: it only says which question comes next."""

    def submit(self, snapshot: Progress) -> None:
        return None


def question_texts(session: QuizSession) -> list[bytes]:
    """Text only the question screen of the session's current skill draws: its name, where it
    sits in its category and the count done (a name alone can be as short as "R")."""
    skill = session.skill
    position, size = session.category_position(skill)
    counts = session.counts()
    return [
        skill.name.encode(),
        f"skill {position} of {size}".encode(),
        f" {counts.done} of {counts.total} \N{MIDDLE DOT} ".encode(),
    ]


@dataclass
class DiskWatch:
    """Looks at the profile folder every `POLL_S` while the terminal is read: when each answer
    was first in the profile, and whether a save was under way (a temp file beside it)."""

    path: Path
    first_seen: dict[tuple[str, int], float] = field(default_factory=dict)
    temp_names: set[str] = field(default_factory=set)
    changes: int = 0  # times the profile was seen changed (replaced, or written in place)
    _stamp: tuple[int, int, int] | None = None

    def __call__(self) -> None:
        self.temp_names.update(temp_files(self.path))
        try:
            info = self.path.stat()
        except OSError:
            return
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        self.changes += 1
        now = time.perf_counter()
        try:
            ratings = tomllib.loads(self.path.read_text(encoding="utf-8")).get("ratings", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return  # judged after the kill, with the app's own loader
        for item in ratings.items():
            self.first_seen.setdefault(item, now)


def temp_files(profile: Path) -> list[str]:
    """The temporary files of `write_atomic` beside the profile (`.profile.toml.*.tmp`)."""
    prefix = f".{profile.name}."
    try:
        with os.scandir(profile.parent) as entries:
            return [e.name for e in entries if e.name.startswith(prefix) and e.name[-4:] == ".tmp"]
    except OSError:
        return []


@dataclass
class Answer:
    skill_id: str
    level: int
    next_question: list[bytes]  # what the question after it draws (`question_texts`)
    keyed: float = 0.0  # when the key was written
    mark: int = 0  # where the terminal output stood then
    painted: float | None = None  # when the next question was seen; None if not before the kill


@dataclass
class Plan:
    kind: Kind
    answers: int  # answered, each up to its next question, before the last key
    delay_s: float  # the kill, after: the spawn (startup), the key, the temp file, the paint
    think_s: list[float]  # the pause before each key


def random_plan(rng: random.Random, kind: Kind | None = None) -> Plan:
    """A kill of `kind` (else drawn: mostly around the save) at a random moment of its kind."""
    if kind is None:
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
    delay = {
        "startup": rng.uniform(0.0, 1.6),  # importing, the start screen, or the first question
        "mid-key": rng.uniform(0.0, 0.005),  # the key being read and handled, the save starting
        "mid-write": rng.uniform(0.0, 0.003),  # after the save's temp file appeared
        "after-key": rng.uniform(0.005, 0.060),
        "after-paint": rng.uniform(0.0, 0.030),
        "idle": GRACE_S + rng.uniform(0.0, 0.150),
    }[kind]
    answers = rng.randint(0, 5)
    return Plan(kind, answers, delay, [rng.uniform(0.0, 0.010) for _ in range(answers + 1)])


@dataclass
class Kill:
    """One launch ended by SIGKILL, and what the profile held afterwards."""

    plan: Plan
    answers: list[Answer] = field(default_factory=list)
    killed: float = 0.0
    resumed: bool = False  # the launch went through the "Welcome back" screen
    in_write: bool = False  # killed inside `write_atomic`: it left a new temp file behind
    corrupt: str | None = None  # the loader's message when the profile did not load
    lost: list[str] = field(default_factory=list)  # given (or held before), missing now
    unexpected: list[str] = field(default_factory=list)  # on disk but never typed so
    not_yet: list[float] = field(default_factory=list)  # painted s before the kill, not on disk
    in_flight: list[bool] = field(default_factory=list)  # keyed, not painted: on disk or not
    disk_lag_s: list[float] = field(default_factory=list)  # first seen on disk - painted
    temp_files: int = 0  # .profile.toml.*.tmp beside the profile after the kill
    stuck: str | None = None  # the app died on its own or did not draw what it should

    @property
    def given(self) -> int:
        return sum(1 for answer in self.answers if answer.painted is not None)

    @property
    def required(self) -> list[Answer]:
        return [
            answer
            for answer in self.answers
            if answer.painted is not None and self.killed - answer.painted >= GRACE_S
        ]

    @property
    def failed(self) -> bool:
        return bool(self.stuck or self.corrupt or self.lost or self.unexpected)

    def describe(self) -> str:
        """One line about the kill and what went wrong."""
        plan = self.plan
        parts = [f"{plan.kind} kill {plan.delay_s * 1000:.1f} ms in, {len(self.answers)} keys"]
        if self.stuck:
            parts.append(f"stuck: {self.stuck}")
        if self.corrupt:
            parts.append(f"corrupt: {self.corrupt}")
        if self.lost:
            parts.append(f"lost: {', '.join(self.lost)}")
        if self.unexpected:
            parts.append(f"not typed so: {', '.join(self.unexpected)}")
        return "; ".join(parts)


class CrashRig:
    """One profile killed again and again: a model of the quiz, and the app on a terminal."""

    def __init__(self, folder: Path, bank: Bank, rng: random.Random) -> None:
        self.folder = folder
        self.profile = folder / "profile.toml"
        self.bank = bank
        self.rng = rng
        self.env = app_env(folder)
        self.argv = [sys.executable, "-m", "rolequiz", "--profile", str(self.profile)]
        folder.mkdir(parents=True, exist_ok=True)

    def saved(self) -> Progress | None:
        """The profile as it is now; None before the first save. ProfileError if broken."""
        return load_progress(self.profile) if self.profile.exists() else None

    def model(self, saved: Progress | None) -> QuizSession:
        """A session that moves as the app does from the same profile, saving nowhere."""
        progress = copy.deepcopy(saved) if saved else Progress()
        return QuizSession(self.bank, progress, self.profile, writer=_NoWriter(self.profile))

    def pending(self) -> int:
        return self.model(self.saved()).counts().pending

    def run(self, plan: Plan) -> Kill:
        """Launch, answer and kill as `plan` says; then judge the profile."""
        before = self.saved()
        kill = Kill(plan)
        watch = DiskWatch(self.profile)
        watch()  # what is there before the launch is no change
        temp_before = set(watch.temp_names)
        terminal = Terminal.start(self.argv, self.env, self.folder)
        try:
            if plan.kind == "startup":
                terminal.idle(terminal.started + plan.delay_s)
            else:
                model = self.model(before)
                kill.resumed = before is not None and before.answered() > 0
                terminal.wait_for([RESUME_READY if kill.resumed else NEW_PROFILE_READY])
                terminal.drain()
                _, mark = terminal.press(ENTER)  # "Resume" is highlighted, "Start" focused
                terminal.wait_for(question_texts(model), mark)
                self._answer(terminal, model, kill, watch)
        except Stuck as exc:
            kill.stuck = str(exc)
        finally:
            alive = terminal.process.poll() is None
            kill.killed = terminal.kill()
            if not alive:
                code = terminal.process.returncode
                kill.stuck = kill.stuck or f"exited {code} by itself: {terminal.tail()}"
        left = set(temp_files(self.profile))
        kill.in_write = bool(left - temp_before)
        kill.temp_files = len(left)
        self._judge(kill, before, terminal, watch)
        return kill

    def _answer(self, terminal: Terminal, model: QuizSession, kill: Kill, watch: DiskWatch) -> None:
        plan = kill.plan
        for number in range(plan.answers + 1):
            if model.counts().pending <= 1:
                # The last answer opens the results: the soak moves to a new profile first.
                terminal.idle(time.perf_counter() + plan.delay_s, watch)
                return
            terminal.idle(time.perf_counter() + plan.think_s[number], watch)
            level = self.rng.randrange(5)
            skill_id = model.skill.id
            model.answer(level)
            answer = Answer(skill_id, level, question_texts(model))
            known_temp, changes = set(watch.temp_names), watch.changes
            answer.keyed, answer.mark = terminal.press(str(level).encode())
            kill.answers.append(answer)
            if number < plan.answers or plan.kind in ("after-paint", "idle"):
                answer.painted = terminal.wait_for(answer.next_question, answer.mark, tick=watch)
                if number == plan.answers:
                    terminal.idle(answer.painted + plan.delay_s, watch)
                continue
            since = answer.keyed
            if plan.kind == "mid-write":
                # Until this answer's save shows: its temp file, or the profile changing.
                until = answer.keyed + 2.0
                while time.perf_counter() < until:
                    if watch.temp_names - known_temp or watch.changes > changes:
                        break
                    terminal.idle(time.perf_counter() + POLL_S, watch)
                since = time.perf_counter()
            until = since + plan.delay_s
            answer.painted = terminal.watch(answer.next_question, answer.mark, until, watch)
            terminal.idle(until, watch)

    def _judge(
        self, kill: Kill, before: Progress | None, terminal: Terminal, watch: DiskWatch
    ) -> None:
        for answer in kill.answers:
            if answer.painted is None and all(
                terminal.output.find(text, answer.mark) >= 0 for text in answer.next_question
            ):
                answer.painted = kill.killed  # drawn before the kill, read only after it
        try:
            after = self.saved()
        except ProfileError as exc:
            kill.corrupt = str(exc)
            return
        held = after.ratings if after else {}
        must: dict[str, int] = dict(before.ratings) if before else {}
        must |= {answer.skill_id: answer.level for answer in kill.required}
        may = must | {answer.skill_id: answer.level for answer in kill.answers}
        kill.lost = [skill_id for skill_id, level in must.items() if held.get(skill_id) != level]
        kill.unexpected = [
            skill_id for skill_id, level in held.items() if may.get(skill_id) != level
        ]
        for answer in kill.answers:
            on_disk = held.get(answer.skill_id) == answer.level
            if answer.painted is None:
                kill.in_flight.append(on_disk)
                continue
            seen = watch.first_seen.get((answer.skill_id, answer.level))
            if seen is not None:
                kill.disk_lag_s.append(seen - answer.painted)
            if not on_disk:
                kill.not_yet.append(kill.killed - answer.painted)


# The test -----------------------------------------------------------------------------------

# Each kind of kill at least once, idle twice; the moments are drawn from the seed.
KILLS: tuple[Kind, ...] = (
    "mid-key",
    "idle",
    "mid-write",
    "startup",
    "after-paint",
    "after-key",
    "idle",
)


def test_every_answer_shown_as_given_survives_sigkill(tmp_path: Path) -> None:
    rng = random.Random(5)
    bank = load_bank(shipped_content_dir())
    rig = CrashRig(tmp_path / "quiz", bank, rng)
    kills: list[Kill] = []
    for kind in KILLS:
        kills.append(rig.run(random_plan(rng, kind)))
        assert not kills[-1].failed, kills[-1].describe()
    # The run proved something: answers were given and piled up over resumed launches, and
    # each idle kill came after its last answer's grace, so that answer had to be on disk.
    final = rig.saved()
    assert final is not None
    assert sum(kill.given for kill in kills) >= 10
    assert sum(kill.resumed for kill in kills) >= 4
    assert len(final.ratings) >= sum(len(kill.required) for kill in kills)
    for kill in kills:
        if kill.plan.kind == "idle":
            assert kill.answers[-1] in kill.required
