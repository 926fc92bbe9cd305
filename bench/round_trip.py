"""Count, at volume, that every profile that loads saves and loads back the same.

Runs the hand-written profile strategy of `tests/test_properties.py` (deep inline tables,
one-line lists, escaped and literal strings, dotted quoted keys) and prints cases tried, how
many loaded, how many were refused at load with one line, and failures (goal 0).

    python bench/round_trip.py --cases 5000 --seed 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from test_properties import hand_written_profiles  # noqa: E402

from rolequiz.errors import ProfileError  # noqa: E402
from rolequiz.files.progress import load_progress, progress_to_toml, save_progress  # noqa: E402


def one_case(text: str, folder: Path) -> str:
    path = folder / "p.toml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_progress(path)
    except ProfileError as exc:
        if "\n" in str(exc) or not str(exc).startswith(str(path)):
            return "failure: not one line naming the file"
        return "refused"
    try:
        save_progress(path, loaded)
        again = load_progress(path)
    except Exception as exc:  # any of these is the failure being counted
        return f"failure: {type(exc).__name__}"
    return "loaded" if progress_to_toml(again) == progress_to_toml(loaded) else "failure: changed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:

        @seed(args.seed)
        @settings(
            max_examples=args.cases,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(hand_written_profiles())
        def run(text: str) -> None:
            outcomes[one_case(text, Path(folder))] += 1

        started = time.perf_counter()
        run()
        took = time.perf_counter() - started
    failures = sum(count for outcome, count in outcomes.items() if outcome.startswith("failure"))
    print(
        f"profile round trip  {sum(outcomes.values()):,} cases  {failures} failures (goal 0)  "
        f"{outcomes['loaded']:,} loaded and read back the same, {outcomes['refused']:,} refused "
        f"at load  {took:.1f} s"
    )
    for outcome, count in sorted(outcomes.items()):
        if outcome.startswith("failure"):
            print(f"  {outcome}: {count}")


if __name__ == "__main__":
    main()
