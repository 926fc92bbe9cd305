"""Speed at scale: time the scripting commands on big generated banks and whole teams.

Usage: python bench/scale.py [--quick] [--keep DIR] [--seed N]

Generates, in a temporary folder, content of 200, 2,000 and 5,000 skills with 6, 50 and 200
roles and progress profiles for 100, 1,000 and 10,000 people, shaped like the shipped files
(categories of 10-40 skills, roles naming 20-30% of the skills, some `requires`, anchors on a
third of the skills, one to three resources; each person rates 30-100% of the skills, skips a
few, writes a note now and then). Then it runs, each as a process of its own:

- `rolequiz validate` on each content size;
- `rolequiz score` on all the profiles of a team in one call (profiles per second);
- `rolequiz report` for one profile on the largest content;

and prints wall time, CPU time and peak memory (the child's own rusage, read with wait4) per
run. It also times the work inside one process with the imports done first (`load_bank`, and
`score` on the loaded bank), and what a scripting command spends importing
(`python -X importtime`), and checks the figures against the goals (issue 11: `score` on
10,000 profiles at 1,000 or more a second, in one process, TOML read by tomllib). `--quick` leaves
out the largest content and team (well under a minute; the full run takes a few minutes).
Prints figures; asserts nothing. See docs/performance.md for the goals and the last figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOCABULARY = (
    "data stream batch table query model feature metric schema pipeline cluster cloud storage "
    "lake warehouse index cache queue event job graph vector notebook report dashboard test "
    "deploy monitor registry experiment label sample join window partition shard replica "
    "backup policy access audit cost budget latency drift alert trace log container image "
    "service endpoint api token secret role team review release"
)
WORDS = tuple(VOCABULARY.split())
LEVEL_WEIGHTS = (15, 25, 25, 25, 10)  # how often people pick 0, 1, 2, 3, 4
# (skills, roles) of each generated bank, and (bank index, people) of each scored team.
CONTENT_SIZES = ((200, 6), (2_000, 50), (5_000, 200))
# Teams grow on the small bank; on the big ones a team of 100 shows the cost per profile.
TEAMS = ((0, 100), (0, 1_000), (0, 10_000), (1, 100), (2, 100))
QUICK_CONTENT = CONTENT_SIZES[:2]
QUICK_TEAMS = ((0, 100), (0, 1_000), (1, 100))


# ---------------------------------------------------------------------------- generation


def _sentence(rng: random.Random, low: int, high: int, end: str = ".") -> str:
    words: list[str] = []
    length = rng.randint(low, high)
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + end


def _quote(text: str) -> str:
    return json.dumps(text)  # plain ASCII without control characters: a valid TOML string


def write_content(root: Path, skills: int, roles: int, seed: int) -> list[str]:
    """Write a content folder; return the skill ids in quiz order."""
    rng = random.Random(seed)
    questions, profiles = root / "questions", root / "profiles"
    questions.mkdir(parents=True)
    profiles.mkdir(parents=True)
    shutil.copyfile(REPO / "questions" / "scale.toml", questions / "scale.toml")
    sizes: list[int] = []
    while sum(sizes) < skills:
        sizes.append(min(rng.randint(10, 40), skills - sum(sizes)))
    if len(sizes) > 1 and sizes[-1] < 10:
        tail = sizes.pop()
        sizes[-1] += tail
    skill_ids: list[str] = []
    for number, size in enumerate(sizes, 1):
        category_id = f"{rng.choice(WORDS)}_{number:03d}"
        lines = [
            f"# Generated category {number}.",
            "schema_version = 1",
            "",
            "[category]",
            f'id = "{category_id}"',
            f'name = "{category_id.replace("_", " ").title()}"',
            f"order = {number * 10}",
            "",
        ]
        own: list[str] = []
        for _ in range(size):
            skill_id = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{len(skill_ids) + 1}"
            name = skill_id.replace("_", " ").title()
            lines += ["[[skill]]", f'id = "{skill_id}"', f'name = "{name}"']
            aliases = [f"{name} {rng.choice(WORDS)}" for _ in range(rng.randint(0, 4))]
            if aliases:
                lines.append(f"aliases = [{', '.join(_quote(a) for a in aliases)}]")
            lines.append(f"prompt = {_quote('How well can you ' + _sentence(rng, 60, 90, '?'))}")
            if own and rng.random() < 0.25:
                lines.append(f'requires = "{rng.choice(own)}"')
            lines.append(f"tip = {_quote(_sentence(rng, 70, 110))}")
            if rng.random() < 1 / 3:
                lines += ["", "[skill.anchors]"]
                for level in sorted(rng.sample(range(5), rng.randint(2, 3))):
                    lines.append(f"{level} = {_quote(_sentence(rng, 50, 90))}")
            for _ in range(rng.randint(1, 3)):
                lines += [
                    "",
                    "[[skill.resources]]",
                    f"title = {_quote(_sentence(rng, 15, 40, ''))}",
                    f'url = "https://docs.example.org/{skill_id}/{rng.choice(WORDS)}/"',
                ]
            lines.append("")
            own.append(skill_id)
            skill_ids.append(skill_id)
        (questions / f"{category_id}.toml").write_text("\n".join(lines), encoding="utf-8")
    for number in range(1, roles + 1):
        named = rng.sample(skill_ids, round(len(skill_ids) * rng.uniform(0.2, 0.3)))
        lines = [
            "schema_version = 1",
            f'id = "role_{number:03d}"',
            f'name = "Role {number} {rng.choice(WORDS).title()} Engineer"',
            f"summary = {_quote(_sentence(rng, 120, 200))}",
            "",
            "[skills]",
        ]
        for skill_id in named:
            must = ", must = true" if rng.random() < 0.1 else ""
            lines.append(
                f"{skill_id} = {{ weight = {rng.randint(1, 5)}, target = {rng.randint(1, 4)}"
                f"{must}, why = {_quote(_sentence(rng, 60, 110))} }}"
            )
        (profiles / f"role_{number:03d}.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return skill_ids


def write_people(folder: Path, skill_ids: Sequence[str], count: int, seed: int) -> list[Path]:
    """Write `count` progress profiles in the format the quiz saves; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    paths: list[Path] = []
    for number in range(1, count + 1):
        rated = rng.sample(skill_ids, round(len(skill_ids) * rng.uniform(0.3, 1.0)))
        rest = sorted(set(skill_ids) - set(rated))
        skipped = sorted(rng.sample(rest, round(len(rest) * rng.uniform(0, 0.15))))
        levels = rng.choices(range(5), LEVEL_WEIGHTS, k=len(rated))
        lines = [
            "# rolequiz progress profile: levels 0-4 per skill id (see `rolequiz skills`).",
            "schema_version = 1",
            "created = 2026-11-02 09:15:00+00:00",
            "updated = 2026-11-20 17:42:10+00:00",
            f'position = "{rated[-1]}"',
            "skipped = [",
            *(f'    "{skill_id}",' for skill_id in skipped),
            "]",
            "",
            "[ratings]",
            *(
                f"{skill_id} = {level}"
                for skill_id, level in sorted(zip(rated, levels, strict=True))
            ),
        ]
        if rng.random() < 0.2:
            lines += ["", "[notes]"]
            for skill_id in sorted(rng.sample(rated, min(len(rated), rng.randint(1, 3)))):
                lines.append(f"{skill_id} = {_quote(_sentence(rng, 20, 120))}")
        path = folder / f"person_{number:05d}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    peak_mb: float  # the child's maximum resident set size


def rolequiz_command() -> list[str]:
    """The installed `rolequiz` script beside this Python, else `python -m rolequiz`."""
    script = Path(sys.executable).parent / "rolequiz"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rolequiz"]


CHILD_ENV: dict[str, str] = {}
CHILD_CWD: list[Path] = []


def child_env(work: Path) -> None:
    """Children run as an installed copy does: no ROLEQUIZ_* settings, and with compiled
    bytecode kept (in the work folder, so the repository is left as it was) even where
    PYTHONDONTWRITEBYTECODE is set, which would compile rolequiz from source at every start.
    `python -c` children start in the work folder: started in a checkout, they would import
    the rolequiz beside them, not the installed one the commands use."""
    CHILD_CWD[:] = [work]
    CHILD_ENV.clear()
    CHILD_ENV.update(
        (key, value)
        for key, value in os.environ.items()
        if not key.startswith("ROLEQUIZ_") and key != "PYTHONDONTWRITEBYTECODE"
    )
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")


def run_process(argv: Sequence[str], cwd: Path | None = None) -> Run:
    """Run one process, output discarded. Its own rusage comes from wait4: RUSAGE_CHILDREN
    only ever holds the largest child so far."""
    env = CHILD_ENV or None
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)[:200]}\n{message}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best_of(argv: Sequence[str], cwd: Path | None = None, budget: float = 3.0) -> Run:
    """The fastest of up to three runs (one only when a run takes longer than `budget`)."""
    runs = [run_process(argv, cwd)]
    while len(runs) < 3 and runs[0].wall < budget:
        runs.append(run_process(argv, cwd))
    return min(runs, key=lambda run: run.wall)


# Runs in a fresh interpreter: everything is imported first, then only the work is timed.
IN_PROCESS = """
import contextlib, json, os, sys, time
from pathlib import Path
import rolequiz.cli.commands, rolequiz.domain.content_loader
from rolequiz.domain.content import load_bank
root, people = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
def timed(work):
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu
bank = None
def load():
    global bank
    bank = load_bank(root)
loads = [timed(load)]
while len(loads) < 3 and loads[0][0] < 1:
    loads.append(timed(load))
def least(runs):
    return [min(wall for wall, _ in runs), min(cpu for _, cpu in runs)]
figures = {"first": loads[0], "load": least(loads)}
if people:
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        scores = [timed(lambda: rolequiz.cli.commands.score(bank, people, "text"))]
        if scores[0][0] < 2:
            scores.append(timed(lambda: rolequiz.cli.commands.score(bank, people, "text")))
    figures["score"] = least(scores)
figures["entries"] = (len(bank.skills), sum(len(role.skills) for role in bank.roles))
print(json.dumps(figures))
"""


def in_process(root: Path, people: Sequence[Path] = ()) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the first and the fastest of 3 `load_bank`, and of the faster of
    2 `score` on people."""
    result = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(root), *map(str, people)],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV or None,
        cwd=CHILD_CWD[0] if CHILD_CWD else None,
    )
    figures: dict[str, tuple[float, float]] = json.loads(result.stdout)
    return figures


def import_profile(argv_tail: Sequence[str]) -> tuple[float, dict[str, float]]:
    """Import time (ms) of a scripting command by top-level package (own time, summed);
    the least of three runs, as a busy machine only ever adds time."""
    code = f"import sys\nfrom rolequiz.cli.main import main\nsys.exit(main({list(argv_tail)!r}))"
    runs: list[dict[str, float]] = []
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            check=False,
            env=CHILD_ENV or None,
            cwd=CHILD_CWD[0] if CHILD_CWD else None,
        )
        by_package: dict[str, float] = {}
        for line in result.stderr.splitlines():
            parts = line.split("|")
            if not line.startswith("import time:") or len(parts) != 3:
                continue
            own = parts[0].removeprefix("import time:").strip()
            if own.isdigit():
                package = parts[2].strip().split(".")[0]
                by_package[package] = by_package.get(package, 0.0) + int(own) / 1000
        runs.append(by_package)
    fastest = min(runs, key=lambda run: sum(run.values()))
    return sum(fastest.values()), fastest


# ---------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class Content:
    root: Path
    skills: int
    roles: int
    skill_ids: list[str]

    @property
    def label(self) -> str:
        return f"{self.skills:,} x {self.roles}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the largest sizes")
    parser.add_argument("--keep", type=Path, help="generate here and keep the files")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = QUICK_CONTENT if args.quick else CONTENT_SIZES
    teams = QUICK_TEAMS if args.quick else TEAMS

    work = args.keep or Path(tempfile.mkdtemp(prefix="rolequiz-scale-"))
    try:
        _bench(work, sizes, teams, args.seed)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _bench(
    work: Path,
    sizes: Sequence[tuple[int, int]],
    teams: Sequence[tuple[int, int]],
    seed: int,
) -> None:
    started = time.perf_counter()
    child_env(work)
    rolequiz = rolequiz_command()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {_load()}")
    print(f"command: {' '.join(rolequiz)}; generating in {work} ...", flush=True)
    banks: list[Content] = []
    for skills, roles in sizes:
        root = work / f"content_{skills}x{roles}"
        if (root / "profiles").is_dir():  # --keep: a folder of an earlier run
            shutil.rmtree(root)
        ids = write_content(root, skills, roles, seed + skills)
        banks.append(Content(root, skills, roles, ids))
    crews: list[tuple[Content, list[Path]]] = []
    for bank_index, count in teams:
        bank = banks[bank_index]
        folder = work / f"people_{bank.skills}x{bank.roles}_{count}"
        shutil.rmtree(folder, ignore_errors=True)
        crews.append((bank, write_people(folder, bank.skill_ids, count, seed + count)))
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)

    print("\n## Separate processes (the fastest of up to 3 runs)\n")
    print("| command | content | people | wall s | CPU s | peak MB | profiles/s |")
    print("|---|---|--:|--:|--:|--:|--:|")
    run_process([*rolequiz, "--version"])  # warm the disk cache and the bytecode
    _row("python -c pass", "", 0, best_of([sys.executable, "-c", "pass"]))
    _row("rolequiz --version", "", 0, best_of([*rolequiz, "--version"]))
    _row("validate", "shipped", 0, best_of([*rolequiz, "validate", "--content", str(REPO)]))
    for bank in banks:
        _row(
            "validate", bank.label, 0, best_of([*rolequiz, "validate", "--content", str(bank.root)])
        )
    scored: dict[tuple[int, int], Run] = {}
    for bank, paths in crews:
        argv = [*rolequiz, "score", "--content", str(bank.root), *(p.name for p in paths)]
        scored[bank.skills, len(paths)] = run = best_of(argv, cwd=paths[0].parent)
        _row("score", bank.label, len(paths), run)
    bank, paths = next(crew for crew in reversed(crews) if crew[0] is banks[-1])
    _row(
        "report",
        bank.label,
        1,
        best_of([*rolequiz, "report", "--content", str(bank.root), str(paths[0])]),
    )
    small = banks[0]
    if (small.skills, 1_000) in scored and (small.skills, 10_000) in scored:
        extra = scored[small.skills, 10_000].wall - scored[small.skills, 1_000].wall
        print(
            f"\nscore, from 1,000 to 10,000 people on {small.label}: "
            f"{9_000 / extra:,.0f} more profiles per extra second"
        )

    print("\n## Inside one process, imports done first\n")
    print("| work | content | people | wall s | CPU s | best CPU s | per unit (best CPU) |")
    print("|---|---|--:|--:|--:|--:|--:|")
    goals: list[tuple[str, float, str]] = []  # what, figure, goal ("< 0.5", ">= 2000")
    notes: list[str] = []  # figures printed with the goals, that are not goals
    for label, root in [("shipped", REPO), *((bank.label, bank.root) for bank in banks)]:
        figures = in_process(root)
        units = round(sum(figures["entries"]))  # skills + the skills each role names
        wall, cpu = figures["first"]
        best = figures["load"][1]  # a busy machine only ever adds time
        print(
            f"| load_bank | {label} | | {wall:.4f} | {cpu:.4f} | {best:.4f} "
            f"| {best / units * 1e6:.1f} us per skill or role entry ({units:,}) |",
            flush=True,
        )
        if label == "shipped":
            goals.append(("shipped content, load_bank, best CPU s", best, "< 0.05"))
        else:
            notes.append(f"- {label} content, load_bank, best CPU s: {best:.3f}")
    for bank, paths in crews:
        if len(paths) > 1_000 or bank is banks[-1]:
            continue  # same work per profile as the smaller team: see the process table
        figures = in_process(bank.root, paths)
        wall, cpu = figures["score"]
        print(
            f"| score | {bank.label} | {len(paths):,} | {wall:.4f} | {cpu:.4f} | "
            f"| {cpu / len(paths) * 1e6:,.0f} us per profile ({len(paths) / cpu:,.0f}/s) |",
            flush=True,
        )
        if bank is banks[0] and len(paths) == 1_000:
            # The goal is the command's (below); this is the work per profile behind it.
            notes.append(
                f"- score on {bank.label}, one process, profiles per CPU s: {len(paths) / cpu:,.0f}"
            )

    print("\n## Goals\n")
    for people in (10_000, 1_000):
        if (small.skills, people) in scored:
            run = scored[small.skills, people]
            what = f"score {people:,} on {small.label}, whole command, profiles per"
            goals.append((f"{what} second", people / run.wall, ">= 1000"))
            notes.append(f"- {what} CPU s: {people / run.cpu:,.0f}")
            break
    for what, figure, goal in goals:
        sign, limit = goal.split()
        met = figure < float(limit) if sign == "<" else figure >= float(limit)
        print(f"- {what}: {figure:,.3f} (goal {goal}): {'met' if met else 'NOT met'}")
    for note in notes:
        print(note)

    total, by_package = import_profile(["validate", "--content", str(REPO)])
    print(
        f"\n## Imports of `rolequiz validate`: {total:.0f} ms (-X importtime, own time by package)"
    )
    print("\n| package | ms |")
    print("|---|--:|")
    for package, ms in sorted(by_package.items(), key=lambda item: -item[1])[:10]:
        print(f"| {package} | {ms:.1f} |")
    print(f"\nwhole bench: {time.perf_counter() - started:.0f} s; load average {_load()}")


def _row(command: str, content: str, people: int, run: Run) -> None:
    rate = f"{people / run.wall:,.0f}" if command == "score" else ""
    print(
        f"| {command} | {content} | {people or ''} | {run.wall:.3f} | {run.cpu:.3f} "
        f"| {run.peak_mb:.0f} | {rate} |",
        flush=True,
    )


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
