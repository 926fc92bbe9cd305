"""Kill the real quiz with SIGKILL hundreds of times at random moments; count what is lost.

Usage: python bench/crash_soak.py [--kills N] [--seed N]

The harness of tests/test_crash_pty.py at volume: `python -m rolequiz` on an 80x24
pseudo-terminal, answered with keys 0-4 and killed with SIGKILL, then resumed from the same
profile, so the answers pile up over the kills (a profile close to complete is set aside and a
new one started, so the results screen never opens). Each kill is drawn from the seed:

- startup: 0-1.6 s after the start (importing, the welcome or "Welcome back" screen);
- mid-key: 0-5 ms after an answer's key is written (the key read, the save starting);
- mid-write: 0-3 ms after the answer's save made its temp file (inside `write_atomic`);
- after-key: 5-60 ms after the key;
- after-paint: 0-30 ms after the next question is drawn;
- idle: 0.5-0.65 s after the next question is drawn (`GRACE_S` plus up to 150 ms).

An answer is given when the next question has been drawn. After each kill the profile must
load with `load_progress` (else it counts as corrupt), hold every answer drawn at least
`GRACE_S` before the kill and every answer it held before (else lost), and nothing that was not
typed. Also counted: answers drawn less than `GRACE_S` before the kill and not on disk (the
window the background save leaves), answers keyed but not drawn (on disk or not, both fine),
how long after the drawing each answer reached the disk (looked at every millisecond), and
the save's temp files left beside the profiles. Prints figures; asserts nothing. See
docs/reliability.md ("Crashes").
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from test_crash_pty import GRACE_S, KINDS, CrashRig, Kill, random_plan, temp_files  # noqa: E402

from rolequiz.domain.content import load_bank, shipped_content_dir  # noqa: E402
from rolequiz.errors import ProfileError  # noqa: E402

# A profile with this few questions left is set aside for a new one: a run of answers never
# reaches the last question (answering it opens the results).
SET_ASIDE_BELOW = 8


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0-1)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Soak:
    kills: list[Kill] = field(default_factory=list)
    rigs: list[CrashRig] = field(default_factory=list)
    rig_of_kill: list[int] = field(default_factory=list)


def soak(kills: int, seed: int, folder: Path) -> Soak:
    rng = random.Random(seed)
    bank = load_bank(shipped_content_dir())
    result = Soak()
    rig: CrashRig | None = None
    for number in range(1, kills + 1):
        try:
            full = rig is not None and rig.pending() < SET_ASIDE_BELOW
        except ProfileError:
            full = True  # counted as corrupt already; the app would ask what to do with it
        if rig is None or full:
            rig = CrashRig(folder / f"profile-{len(result.rigs) + 1}", bank, rng)
            result.rigs.append(rig)
        kill = rig.run(random_plan(rng))
        result.kills.append(kill)
        result.rig_of_kill.append(len(result.rigs) - 1)
        if kill.failed:
            print(f"  kill {number}: {kill.describe()}", flush=True)
            if kill.stuck:
                rig = None  # start afresh rather than pile failures on one profile
        if number % 25 == 0:
            print(f"  {number} kills ...", flush=True)
    return result


def report(result: Soak, seconds: float, command: str) -> None:
    kills = result.kills
    kinds = Counter(kill.plan.kind for kill in kills)
    required = sum(len(kill.required) for kill in kills)
    not_yet = [age * 1000 for kill in kills for age in kill.not_yet]
    in_flight = [on_disk for kill in kills for on_disk in kill.in_flight]
    lags = [lag * 1000 for kill in kills for lag in kill.disk_lag_s]
    temp = [len(temp_files(rig.profile)) for rig in result.rigs]
    grace_ms = GRACE_S * 1000
    rows: list[tuple[str, str, str]] = [
        ("kills", f"{len(kills)}", ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS)),
        (
            "profiles",
            f"{len(result.rigs)}",
            f"a new one when under {SET_ASIDE_BELOW} questions are left",
        ),
        (
            "answers given",
            f"{sum(kill.given for kill in kills)}",
            f"next question drawn; {required} of them {grace_ms:.0f} ms or more before a kill",
        ),
        ("answers lost", f"{sum(len(kill.lost) for kill in kills)}", "goal 0"),
        ("corrupt files", f"{sum(1 for kill in kills if kill.corrupt)}", "goal 0"),
        ("answers not typed so", f"{sum(len(kill.unexpected) for kill in kills)}", "goal 0"),
        ("stuck or crashed", f"{sum(1 for kill in kills if kill.stuck)}", "goal 0"),
        (
            "kills inside a save",
            f"{sum(kill.in_write for kill in kills)}",
            "between the temp file and the rename (the next start removes it)",
        ),
        (
            "drawn, not yet on disk",
            f"{len(not_yet)}",
            f"killed {min(not_yet):.1f}-{max(not_yet):.1f} ms after the drawing"
            if not_yet
            else f"allowed when killed under {grace_ms:.0f} ms after the drawing",
        ),
        ("keyed, killed undrawn", f"{len(in_flight)}", f"{sum(in_flight)} of them on disk anyway"),
    ]
    if lags:
        rows.append(
            (
                "disk minus drawing",
                f"{len(lags)}",
                f"answers timed: p50 {percentile(lags, 0.5):+.1f} ms, p95 "
                f"{percentile(lags, 0.95):+.1f} ms, max {max(lags):+.1f} ms; "
                f"{sum(lag > 0 for lag in lags)} on disk after being drawn",
            )
        )
    most = max((kill.temp_files for kill in kills), default=0)
    rows += [
        (
            "temp files left",
            f"{sum(temp)}",
            f".profile.toml.*.tmp in {len(temp)} folders at the end; most beside one profile "
            f"after any kill {most}",
        ),
        (
            "time",
            f"{seconds:.0f} s",
            f"{seconds / len(kills):.2f} s a kill; {os.cpu_count()} CPUs, "
            f"load {os.getloadavg()[0]:.1f}",
        ),
    ]
    print(f"\n$ {command}")
    width = max(len(label) for label, _, _ in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>6}  {note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=200, help="kills in all (200)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the moments and keys (1)")
    parser.add_argument("--keep", action="store_true", help="keep the profiles (path printed)")
    args = parser.parse_args(argv)
    command = "python bench/crash_soak.py" + "".join(
        f" {flag} {value}"
        for flag, value, default in (("--kills", args.kills, 200), ("--seed", args.seed, 1))
        if value != default
    )
    folder = Path(tempfile.mkdtemp(prefix="rolequiz-crash-soak-"))
    print(f"{args.kills} SIGKILLs of rolequiz on an 80x24 pty, seed {args.seed}, in {folder}")
    started = time.perf_counter()
    try:
        result = soak(args.kills, args.seed, folder)
        report(result, time.perf_counter() - started, command)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
