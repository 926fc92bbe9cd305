"""Speed of the quiz in a real terminal, beside a bare Textual app run the same way.

Usage: python bench/tui_speed.py [--runs N] [--answers N] [--seed N] [--only PART]

Each app runs as its own process on a pseudo-terminal of 80x24 (TERM=xterm-256color, the pty
its controlling terminal), as a person would start it; the bench reads what the app writes to
the terminal and times it. The yardstick is bench/bare_app.py (a Label and a Footer). Bytecode
is cached as for an installed package (in a folder of the bench, PYTHONPYCACHEPREFIX).

- launch: from just before the process is started until the first screen's known text has come
  out of the terminal: "bare app ready" (its Label) for the bare app, "Answers are saved to"
  (the welcome screen's last line of text) for rolequiz on a new profile (the content is read
  and validated with pydantic on every start). `--runs` runs of each, interleaved in an order
  that turns each round. Each run then quits with ctrl+q; its peak memory and CPU time are the
  child's own (ru_maxrss, ru_utime + ru_stime from wait4; the CPU time runs to the exit, so it
  includes quitting).
- keys: from writing a key to the pty to its result coming out. Bare app: keys 0-4 set the
  Label to "pressed <key> #<n>". rolequiz: a new profile (saving on, as always), past the
  welcome with enter, then keys 0-4 (seeded random) answer; the result is the next question's
  skill name. The next question is worked out beforehand by a `QuizSession` of the same bank in
  this process (a parent rated 0 skips its children). The bank has 116 skills and answering the
  last one opens the results, so a run stops with one question left, quits, and the next run
  starts on a new profile, until `--answers` answers are timed; each run's profile is then
  checked to hold every answer given. After each key the bench waits until the terminal has
  been quiet for 30 ms, so every key starts from an idle app, as at human speed. CPU per key is
  the child's CPU time over the keys (from /proc), divided by the keys.
- memory: peak RSS of the whole process (ru_maxrss) after a launch and after a key run (the
  median of the runs: each run of the key part is a process).
- breakdown: what a fresh interpreter spends importing Textual, rolequiz and pydantic and
  loading the content, wall and CPU time; the last row is all `rolequiz` does before its app
  runs (the command line's parser first).

CPU times move less than wall times when other work shares the machine: compare both.
Prints tables and the goals of issue 4; asserts nothing. See docs/performance.md ("Speed").
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import random
import resource
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ROWS, COLUMNS = 24, 80
BARE_READY = b"bare app ready"
APP_READY = b"Answers are saved to"
CTRL_Q = b"\x11"
ENTER = b"\r"
QUIET = 0.030  # after a key: the terminal quiet this long means the app is idle again
TIMEOUT = 20.0
FRAME_MS = 1000 / 60

# Bytecode of every child goes here (written by the untimed first runs), as an installed copy
# has it; this environment may set PYTHONDONTWRITEBYTECODE, which would compile on every start.
PYCACHE = Path(tempfile.gettempdir()) / "rolequiz-tui-speed-pycache"

GOAL_LAUNCH_RATIO = 1.6
GOAL_MEMORY_RATIO = 1.3


class Timeout(Exception):
    """The expected text did not come out in time."""


@dataclass
class Usage:
    """What the process used, from wait4."""

    peak_kib: int
    cpu_s: float


@dataclass
class Terminal:
    """One app on a pseudo-terminal: write keys, read what it draws."""

    process: subprocess.Popen[bytes]
    master: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    @classmethod
    def start(cls, argv: Sequence[str], env: dict[str, str] | None = None) -> Terminal:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        child_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEXTUAL", "ROLEQUIZ"))
            and key not in ("NO_COLOR", "TMUX", "PYTHONDONTWRITEBYTECODE")
        }
        child_env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        child_env.update(PYTHONPYCACHEPREFIX=str(PYCACHE))
        child_env.update(env or {})
        started = time.perf_counter()
        process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=child_env,
            cwd=REPO,
            start_new_session=True,
            preexec_fn=_controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        return cls(process, master, started)

    def wait_for(self, text: bytes, since: int = 0, timeout: float = TIMEOUT) -> float:
        """Read until `text` has come out after offset `since`; the time it was read."""
        deadline = time.perf_counter() + timeout
        while True:
            # The whole output is searched, so a text split over two reads is still found.
            if self.output.find(text, max(since, 0)) >= 0:
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0 or not self._read(left):
                tail = bytes(self.output[-300:])
                raise Timeout(f"{text!r} not seen (last output: {tail!r})")

    def drain(self, quiet: float = QUIET, limit: float = 1.0) -> None:
        """Read until nothing has come for `quiet` seconds (at most `limit` in all)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self._read(quiet):
            pass

    def press(self, key: bytes) -> tuple[float, int]:
        """Write `key`; when it was written and where the output stood."""
        mark = len(self.output)
        written = time.perf_counter()
        os.write(self.master, key)
        return written, mark

    def cpu_s(self) -> float:
        """CPU time of the process so far (user + system), from /proc."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self) -> Usage:
        """ctrl+q, then wait for the exit; what the process used."""
        with contextlib.suppress(OSError):
            os.write(self.master, CTRL_Q)
        deadline = time.perf_counter() + TIMEOUT
        while True:
            pid, _status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                self.process.returncode = 0
                break
            if time.perf_counter() > deadline:
                self.process.send_signal(signal.SIGKILL)
            self._read(0.05)
        os.close(self.master)
        return Usage(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.output += chunk
        return bool(chunk)


def _controlling_terminal() -> None:
    # In the child, after setsid: make the pty its terminal, as a shell would.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# The apps ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """An app to start: its name in the tables, and how to start it."""

    name: str
    ready: bytes
    argv: Callable[[Path], list[str]]
    env: dict[str, str] = field(default_factory=dict)


def bare_subject() -> Subject:
    return Subject(
        "bare Textual app", BARE_READY, lambda _: [sys.executable, str(REPO / "bench/bare_app.py")]
    )


def app_subject(name: str) -> Subject:
    # `python -m rolequiz` from the checkout the bench is in (what the `rolequiz` command runs).
    return Subject(
        name,
        APP_READY,
        lambda profile: [sys.executable, "-m", "rolequiz", "--profile", str(profile)],
    )


@dataclass
class Launch:
    seconds: float
    usage: Usage


def launch(subject: Subject, folder: Path) -> Launch:
    profile = Path(tempfile.mkdtemp(dir=folder)) / "profile.toml"
    terminal = Terminal.start(subject.argv(profile), subject.env)
    painted = terminal.wait_for(subject.ready)
    return Launch(painted - terminal.started, terminal.quit())


@dataclass
class KeyRun:
    latencies_ms: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    peaks_kib: list[int] = field(default_factory=list)  # one per process
    processes: int = 0

    @property
    def peak_kib(self) -> float:
        # The median run: one run's peak can be off when the machine is busy.
        return statistics.median(self.peaks_kib)

    @property
    def cpu_ms_per_key(self) -> float:
        return self.cpu_s * 1000 / len(self.latencies_ms)


def keys_bare(subject: Subject, count: int, seed: int, folder: Path) -> KeyRun:
    rng = random.Random(seed)
    result = KeyRun(processes=1)
    terminal = Terminal.start(subject.argv(folder), subject.env)
    terminal.wait_for(BARE_READY)
    terminal.drain(0.3)
    cpu_before = terminal.cpu_s()
    for number in range(1, count + 1):
        key = str(rng.randrange(5))
        written, mark = terminal.press(key.encode())
        seen = terminal.wait_for(f"pressed {key} #{number}".encode(), mark)
        result.latencies_ms.append((seen - written) * 1000)
        terminal.drain()
    result.cpu_s = terminal.cpu_s() - cpu_before
    result.peaks_kib.append(terminal.quit().peak_kib)
    return result


def keys_app(subject: Subject, count: int, seed: int, folder: Path) -> KeyRun:
    from rolequiz.domain.content import load_bank, shipped_content_dir
    from rolequiz.domain.progress import Progress
    from rolequiz.domain.session import QuizSession
    from rolequiz.files.writer import ProfileWriter

    bank = load_bank(shipped_content_dir())
    rng = random.Random(seed)
    result = KeyRun()
    while len(result.latencies_ms) < count:
        profile = Path(tempfile.mkdtemp(dir=folder)) / "profile.toml"
        # The same moves in this process, saving nowhere: it names the next question.
        model = QuizSession(
            bank, Progress(), profile, writer=ProfileWriter(profile, write=_no_write)
        )
        terminal = Terminal.start(subject.argv(profile), subject.env)
        result.processes += 1
        terminal.wait_for(APP_READY)
        terminal.drain(0.3)
        _, mark = terminal.press(ENTER)
        terminal.wait_for(model.skill.name.encode(), mark)
        terminal.drain(0.3)
        answers: dict[str, int] = {}
        cpu_before = terminal.cpu_s()
        while len(result.latencies_ms) < count and model.counts().pending > 1:
            level = rng.randrange(5)
            answers[model.skill.id] = level
            model.answer(level)
            written, mark = terminal.press(str(level).encode())
            seen = terminal.wait_for(model.skill.name.encode(), mark)
            result.latencies_ms.append((seen - written) * 1000)
            terminal.drain()
        result.cpu_s += terminal.cpu_s() - cpu_before
        result.peaks_kib.append(terminal.quit().peak_kib)
        _check_saved(profile, answers)
    return result


def _no_write(path: Path, progress: object) -> None:
    return None


def _check_saved(profile: Path, answers: dict[str, int]) -> None:
    saved = tomllib.loads(profile.read_text(encoding="utf-8")).get("ratings", {})
    if saved != answers:
        missing = {key: value for key, value in answers.items() if saved.get(key) != value}
        raise SystemExit(f"{profile}: answers not saved as given: {missing}")


# Where launch time goes -------------------------------------------------------------------

LOAD = "from rolequiz.domain.content import shipped_content_dir as d; "
BREAKDOWN = {
    "python -c pass": "pass",
    "import textual.app + Label, Footer": "from textual.widgets import Label, Footer",
    "import rolequiz.tui.app": "import rolequiz.tui.app",
    "import pydantic": "import pydantic.main",
    "rolequiz.tui.app + load_bank (pydantic)": (
        f"import rolequiz.tui.app; {LOAD}from rolequiz.domain.content import load_bank; "
        "load_bank(d())"
    ),
    # All `rolequiz` does before its app runs: the command line's parser comes first, and the
    # module it imports to describe `match` imports gaps, job ads and market figures at its top.
    "rolequiz start: CLI parser + tui.app + load_bank": (
        "from rolequiz.cli.main import build_parser; build_parser(); import rolequiz.tui.app; "
        f"{LOAD}from rolequiz.domain.content import load_bank; load_bank(d())"
    ),
}


def breakdown(runs: int, folder: Path) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each step in a fresh interpreter."""
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in BREAKDOWN}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    for round_ in range(runs + 1):
        for name, code in BREAKDOWN.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True
            )
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            if round_ and done.returncode == 0:  # the first round only writes bytecode
                timings[name].append((wall, cpu))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in timings.items()
        if values  # a step this checkout cannot do
    }


# Figures ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0-1)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    print(line(header))
    print(line(["-" * width for width in widths]))
    for row in rows:
        print(line(row))


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def run_launch(subjects: Sequence[Subject], runs: int, folder: Path) -> dict[str, list[Launch]]:
    for subject in subjects:  # untimed: bytecode written, page cache filled
        launch(subject, folder)
    results: dict[str, list[Launch]] = {subject.name: [] for subject in subjects}
    for index in range(runs):
        # Interleaved, the order turned each round, so drift in the machine hits all alike.
        shift = index % len(subjects)
        for subject in [*subjects[shift:], *subjects[:shift]]:
            results[subject.name].append(launch(subject, folder))
    return results


def report_launch(results: dict[str, list[Launch]], bare: str, app: str) -> dict[str, bool]:
    runs = len(results[bare])
    print(f"\nLaunch to first screen painted ({runs} runs each, interleaved)")
    rows = []
    for name, launches in results.items():
        ms = [run.seconds * 1000 for run in launches]
        rows.append(
            [
                name,
                f"{statistics.median(ms):.0f}",
                f"{percentile(ms, 0.9):.0f}",
                f"{min(ms):.0f}",
                f"{max(ms):.0f}",
                f"{statistics.median(run.usage.cpu_s for run in launches) * 1000:.0f}",
            ]
        )
    _table(["", "median ms", "p90 ms", "min ms", "max ms", "CPU ms to exit"], rows)
    bare_ms = [run.seconds * 1000 for run in results[bare]]
    bare_cpu = statistics.median(run.usage.cpu_s for run in results[bare])
    verdict = True
    for name, launches in results.items():
        if name == bare:
            continue
        ms = [run.seconds * 1000 for run in launches]
        ratio = statistics.median(ms) / statistics.median(bare_ms)
        ratio90 = percentile(ms, 0.9) / percentile(bare_ms, 0.9)
        cpu_ratio = statistics.median(run.usage.cpu_s for run in launches) / bare_cpu
        goal = f" (goal <= {GOAL_LAUNCH_RATIO}x): {_verdict(ratio <= GOAL_LAUNCH_RATIO)}"
        print(
            f"{name} / bare: median {ratio:.2f}x, p90 {ratio90:.2f}x, CPU {cpu_ratio:.2f}x"
            + (goal if name == app else "")
        )
        if name == app:
            verdict = ratio <= GOAL_LAUNCH_RATIO
    return {"launch": verdict}


def report_keys(bare: KeyRun, app: KeyRun) -> dict[str, bool]:
    print(
        f"\nKey to result painted ({len(bare.latencies_ms)} keys bare, "
        f"{len(app.latencies_ms)} answers rolequiz over {app.processes} runs)"
    )
    rows = []
    for name, run in (
        ("bare: key -> Label text", bare),
        ("rolequiz: answer -> next question", app),
    ):
        values = run.latencies_ms
        rows.append(
            [
                name,
                f"{percentile(values, 0.5):.1f}",
                f"{percentile(values, 0.95):.1f}",
                f"{percentile(values, 0.99):.1f}",
                f"{max(values):.1f}",
                f"{run.cpu_ms_per_key:.1f}",
            ]
        )
    _table(["", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/key"], rows)
    gap = percentile(app.latencies_ms, 0.95) - percentile(bare.latencies_ms, 0.95)
    ok = gap <= FRAME_MS
    print(f"p95 rolequiz - p95 bare: {gap:+.1f} ms (goal <= {FRAME_MS:.1f} ms): {_verdict(ok)}")
    return {"keys": ok}


def report_memory(
    launches: dict[str, list[Launch]] | None,
    keys: tuple[KeyRun, KeyRun] | None,
    bare: str,
    app: str,
) -> dict[str, bool]:
    print("\nPeak memory (peak RSS of the process, ru_maxrss)")
    rows = []
    verdicts: dict[str, bool] = {}
    if launches:
        bare_kib = statistics.median(run.usage.peak_kib for run in launches[bare])
        for name, runs in launches.items():
            if name == bare:
                continue
            kib = statistics.median(run.usage.peak_kib for run in runs)
            ratio = kib / bare_kib
            if name == app:
                verdicts["memory (launch)"] = ratio <= GOAL_MEMORY_RATIO
            rows.append([f"launch, then quit: {name}", _mib(bare_kib), _mib(kib), f"{ratio:.2f}x"])
    if keys:
        ratio = keys[1].peak_kib / keys[0].peak_kib
        verdicts["memory (keys)"] = ratio <= GOAL_MEMORY_RATIO
        rows.append(
            [
                f"after a key run (median run): {app}",
                _mib(keys[0].peak_kib),
                _mib(keys[1].peak_kib),
                f"{ratio:.2f}x",
            ]
        )
    _table(["", "bare", "rolequiz", "ratio"], rows)
    print(
        f"goal <= {GOAL_MEMORY_RATIO}x: "
        + ", ".join(f"{name} {_verdict(ok)}" for name, ok in verdicts.items())
    )
    return verdicts


def report_breakdown(runs: int, folder: Path) -> None:
    timings = breakdown(runs, folder)
    print(f"\nWhere launch time goes (a fresh interpreter each, median of {runs})")
    _table(
        ["", "wall ms", "CPU ms"],
        [
            [name, f"{wall * 1000:.0f}", f"{cpu * 1000:.0f}"]
            for name, (wall, cpu) in timings.items()
        ],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="launches of each app (15)")
    parser.add_argument("--answers", type=int, default=500, help="keys timed per app (500)")
    parser.add_argument("--seed", type=int, default=4, help="seed of the answers given (4)")
    parser.add_argument(
        "--only",
        choices=("launch", "keys", "breakdown"),
        action="append",
        help="run only this part (repeatable); default: all (memory comes with the others)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ("launch", "keys", "breakdown"))
    print(
        f"rolequiz TUI speed: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}, Textual {_textual_version()}, "
        f"{COLUMNS}x{ROWS} pty, TERM=xterm-256color"
    )
    folder = Path(tempfile.mkdtemp(prefix="rolequiz-tui-speed-"))
    bare = bare_subject()
    app = app_subject("rolequiz")
    verdicts: dict[str, bool] = {}
    try:
        launches = keys = None
        if "launch" in parts:
            launches = run_launch([bare, app], args.runs, folder)
            verdicts |= report_launch(launches, bare.name, app.name)
        if "keys" in parts:
            for subject in (bare, app):  # untimed: bytecode written
                launch(subject, folder)
            keys = (
                keys_bare(bare, args.answers, args.seed, folder),
                keys_app(app, args.answers, args.seed, folder),
            )
            verdicts |= report_keys(*keys)
        if launches or keys:
            verdicts |= report_memory(launches, keys, bare.name, app.name)
        if "breakdown" in parts:
            report_breakdown(max(3, min(args.runs, 7)), folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload at the end: {os.getloadavg()[0]:.1f}")
    if verdicts:
        print("Goals: " + ", ".join(f"{name} {_verdict(ok)}" for name, ok in verdicts.items()))
    return 0


def _textual_version() -> str:
    from importlib.metadata import version

    return version("textual")


if __name__ == "__main__":
    raise SystemExit(main())
