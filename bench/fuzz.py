"""Fuzz every loader at volume: the cases of tests/test_fuzz_loaders.py, by the thousand.

Usage: python bench/fuzz.py [--cases N] [--only NAME] [--seed S] [--timeout SECONDS]

Runs N cases in all (default 10,000), shared among the targets of tests/test_fuzz_loaders.py
(profile files and data, report files and data, content folders, and the commands on each), in
this process, and the targets below: the command line with standard output closed or full and
report paths of every odd kind (`cli output`), and content with long `requires` chains
(`requires chains`: score, report and plan on chains of up to 3,000 skills, where a walk per
skill would show as a slow case). A case fails when the loader answers with anything but a
valid load or one clear line (see `check_line` there), when saving a loaded profile loses or
breaks anything, or when it takes longer than the timeout (a hang). Prints the cases and
failures per target, then each failure's input (repr, cut short) and exception. Exit status
1 if anything failed.
"""

from __future__ import annotations

import argparse
import math
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from conftest import write_content  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisWarning  # noqa: E402
from test_fuzz_loaders import TARGETS, check_line, fresh_folder, run_cli  # noqa: E402

from rolequiz.text import printable  # noqa: E402

SHOWN = 300  # characters of each failing input shown
SLOW = 1.0  # seconds: a slower case is shown too


class Hang(Exception):
    """A case ran past the timeout."""


@dataclass
class Tally:
    cases: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_case: str = ""
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_target(
    run: Callable[[Any], str], cases: st.SearchStrategy[Any], count: int, timeout: float, at: int
) -> Tally:
    tally = Tally()

    @seed(at)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # every case counts; no shrinking, so failures do not stop it
        suppress_health_check=list(HealthCheck),
    )
    @given(cases)
    def one(case: Any) -> None:
        started = time.perf_counter()
        try:
            with time_limit(timeout):
                tally.outcomes[run(case)] += 1
        except Exception as exc:
            tally.failures.append((_show(case), f"{type(exc).__name__}: {_show(str(exc))}"))
        finally:
            spent = time.perf_counter() - started
            tally.cases += 1
            tally.seconds += spent
            if spent > tally.slowest:
                tally.slowest, tally.slowest_case = spent, _show(case)

    one()
    return tally


def _show(value: Any) -> str:
    """repr, cut short; the inputs include what repr cannot show (deep tables, huge numbers)."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except (ValueError, RecursionError) as exc:
        text = f"<{type(value).__name__} that repr cannot show: {type(exc).__name__}>"
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


# The command line where its output cannot go -------------------------------------------------

PROFILE = "schema_version = 1\n[ratings]\nsql = 3\npython = 2\n"
OUTPUT_COMMANDS = [
    "score {p}",
    "score {p} --format json",
    "report {p}",
    "report {p} --format html",
    "report {p} --format markdown",
    "skills",
    "roles",
    "roles analyst",
    "plan {p}",
    "compare {p} {p}",
    "team {p}",
    "history {p}",
    "validate",
]
# Report file names: too long, through a file, a folder, empty, odd characters, a pipe.
OUTPUT_NAMES = st.one_of(
    st.integers(1, 600).map(lambda n: "a" * n + ".toml"),
    st.sampled_from(["me.toml/x.toml", ".", "", "-", "sub/dir/r.toml", "pipe", "nodir/"]),
    st.text(st.characters(blacklist_characters="\x00/"), min_size=1, max_size=40),
)


def cli_output_case(case: tuple[str, str, str]) -> str:
    """A command with standard output closed or full (one line, exit 1), or `report -o NAME`
    (written and read back, or one line naming the file, exit 1); never a traceback."""
    command, where, name = case
    with fresh_folder() as folder:
        root = write_content(folder / "content")
        profile = folder / "me.toml"
        profile.write_text(PROFILE, encoding="utf-8")
        args = [*command.format(p=profile).split(), "--content", str(root)]
        if where == "-o":
            if not command.startswith("report"):
                args = ["report", str(profile), "--content", str(root)]
            if name == "pipe":
                return "skipped"  # a FIFO with no reader would block: tests/test_cli_output.py
            target = folder / name if name not in ("", "-") else Path(name)
            code, out, err = run_cli([*args, "-o", str(target)])
            if code == 0:
                assert (folder / name).is_file() or name in ("", "-") or out, name
                return "written"
            assert code == 1, f"exit {code}: {err!r}"
            check_line(err.removeprefix("rolequiz: ").rstrip("\n"), "", [printable(str(target))])
            assert err.count("\n") == 1 and "internal error" not in err, err
            return "refused"
        redirect = ">&-" if where == "closed" else ">/dev/full"
        result = subprocess.run(
            ["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-m", "rolequiz", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1, (result.returncode, result.stderr)
        assert result.stderr.endswith(
            "rolequiz: cannot write to standard output: "
            + ("it is closed\n" if where == "closed" else "No space left on device\n")
        ), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        return f"stdout {where}"


# Long `requires` chains -----------------------------------------------------------------------


def chain_case(case: tuple[int, int, int]) -> str:
    """A bank of `length` skills in chains of `run` (each requiring the one before), every
    `stride`-th skill rated; score, report and plan must answer, and the plan keep each skill
    after the gaps it requires."""
    length, run, stride = case
    with fresh_folder() as folder:
        skills = [(f"s{n}", f"S{n}", f"s{n - 1}" if n % run else None) for n in range(length)]
        role = {f"s{n}": (float(1 + n % 5), 3, n % 7 == 0) for n in range(length)}
        root = write_content(folder / "c", {"chain": (1, skills)}, {"long": ("Long", role)})
        ratings = "".join(f"s{n} = {n % 3}\n" for n in range(0, length, stride))
        profile = folder / "p.toml"
        profile.write_text(f"schema_version = 1\n[ratings]\n{ratings}", encoding="utf-8")
        content = ["--content", str(root)]
        for command in ("score", "report"):
            code, _, err = run_cli([command, str(profile), *content])
            assert code == 0, err
        code, out, err = run_cli(["plan", str(profile), "--format", "json", *content])
        assert code == 0, err
        import json

        planned = [item for step in json.loads(out)["steps"] for item in step]
        place = {item["skill"]: index for index, item in enumerate(planned)}
        for item in planned:
            if item["after"] is not None:
                assert place[item["after"]] < place[item["skill"]], item
        return f"{len(planned)} planned" if len(planned) < 10 else "planned"


EXTRA_TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], str]]] = {
    "cli output": (
        st.tuples(
            st.sampled_from(OUTPUT_COMMANDS),
            st.sampled_from(["closed", "full", "-o", "-o"]),
            OUTPUT_NAMES,
        ),
        cli_output_case,
    ),
    "requires chains": (
        st.tuples(st.integers(1, 3000), st.integers(1, 3000), st.integers(1, 7)),
        chain_case,
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases in all (default 10000)")
    parser.add_argument("--only", help="run only the targets whose name holds this")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a hang")
    args = parser.parse_args()
    warnings.simplefilter("ignore", HypothesisWarning)

    targets = {
        name: target
        for name, target in {**TARGETS, **EXTRA_TARGETS}.items()
        if not args.only or args.only in name
    }
    each = math.ceil(args.cases / len(targets))
    tallies: dict[str, Tally] = {}
    for index, (name, (cases, run)) in enumerate(targets.items()):
        tallies[name] = run_target(run, cases, each, args.timeout, args.seed + index)
        tally = tallies[name]
        outcomes = ", ".join(f"{count:,} {what}" for what, count in sorted(tally.outcomes.items()))
        print(
            f"{name:<20} {tally.cases:>7,} cases {len(tally.failures):>5,} failures"
            f" {tally.seconds:6.1f} s (slowest {tally.slowest:.2f} s)  {outcomes}",
            flush=True,
        )
    total = sum(t.cases for t in tallies.values())
    failed = sum(len(t.failures) for t in tallies.values())
    print(f"{'all loaders':<20} {total:>7,} cases {failed:>5,} failures (goal 0)")
    for name, tally in tallies.items():
        if tally.slowest > SLOW:
            print(f"\n[{name}] slowest case, {tally.slowest:.2f} s:\n  input: {tally.slowest_case}")
    for name, tally in tallies.items():
        for case, error in tally.failures:
            print(f"\n[{name}] {error}\n  input: {case}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
