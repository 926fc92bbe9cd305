"""Fuzz every loader at volume: the cases of tests/test_fuzz_loaders.py, by the thousand.

Usage: python bench/fuzz.py [--cases N] [--only NAME] [--seed S] [--timeout SECONDS]

Runs N cases in all (default 10,000), shared among the targets of tests/test_fuzz_loaders.py
(profile files and data, report files and data, content folders, and the commands on each), in
this process. A case fails when the loader answers with anything but a valid load or one clear
line (see `check_line` there), when saving a loaded profile loses or breaks anything, or when it
takes longer than the timeout (a hang). Prints the cases and failures per target, then
each failure's input (repr, cut short) and exception. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import math
import signal
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

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisWarning  # noqa: E402
from test_fuzz_loaders import TARGETS  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases in all (default 10000)")
    parser.add_argument("--only", help="run only the targets whose name holds this")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a hang")
    args = parser.parse_args()
    warnings.simplefilter("ignore", HypothesisWarning)

    targets = {
        name: target for name, target in TARGETS.items() if not args.only or args.only in name
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
