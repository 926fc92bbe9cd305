"""Time `rolequiz team` on a generated team: 1,000 profiles of the shipped bank by default.

Prints the whole command (one process, imports included) and, inside one process, the loading
and `team_view` alone. Figures only; asserts nothing. Usage: python bench/team.py [--people N]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rolequiz.domain.content import load_bank, shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.domain.team import Member, team_view
from rolequiz.files.progress import load_progress, save_progress


def make_team(folder: Path, people: int, seed: int) -> list[Path]:
    bank = load_bank(shipped_content_dir())
    rng = random.Random(seed)
    paths = []
    for index in range(people):
        ratings = {s.id: rng.randint(0, 4) for s in bank.skills if rng.random() < 0.7}
        path = folder / f"person{index:05}.toml"
        save_progress(path, Progress(ratings=ratings))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_team(folder, args.people, args.seed)
        bank = load_bank(shipped_content_dir())
        for form in ("text", "html"):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "rolequiz", "team", str(folder), "--format", form],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            whole = time.perf_counter() - start
            print(
                f"rolequiz team ({form}), {args.people:,} people x {len(bank.skills)} skills: "
                f"{whole:.2f} s wall (one process, imports included)"
            )
        start = time.perf_counter()
        members = [Member(path.stem, load_progress(path)) for path in paths]
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        team_view(bank, members)
        viewed = time.perf_counter() - start
        print(
            f"  in process: load {loaded:.2f} s, team_view {viewed:.2f} s "
            f"({viewed / args.people * 1e3:.2f} ms a person)"
        )


if __name__ == "__main__":
    main()
