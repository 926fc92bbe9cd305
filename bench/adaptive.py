"""Quick mode on real answers: how many questions until "likely" and "settled", and how often
the quick answer is the one a full quiz of the same person gives.

Usage: python bench/adaptive.py [--content DIR] [--csv PATH] [--limit N] [--postings N] [--jobs N]

Every persona of tests/personas/, every respondent of ../shared/data/kaggle-survey-2022/
data_roles.csv (read as quiz answers, see bench/kaggle.py) and a stratified sample of the 2023
job postings (bench/postings.py; --postings 0 for all 28,043, about ten times slower) takes the
quiz in quick mode: rolequiz picks each question (rolequiz.domain.quick), the simulated person
answers it from their record, and skips it when the record does not hold it (the survey never
asked about most tools). The simulation runs until "settled" or until nothing is left to ask.

The goal (issue 14): the median number of questions answered with a level until "likely" is at
most a quarter of the bank, with at least 95% agreement on the line marked GOAL LINE: the top
role at "likely" against the top role on the answers a full quiz collects (none below a parent
rated 0). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tomllib
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kaggle import read_respondents
from postings import Posting, read_postings

from rolequiz.domain.content import Bank, content_dir, load_bank
from rolequiz.domain.progress import Progress
from rolequiz.domain.quick import QuickMode
from rolequiz.domain.quiz import blocked_by, not_applicable, pending_ids
from rolequiz.domain.scoring import rank_roles

PERSONAS = Path(__file__).resolve().parents[1] / "tests" / "personas"


@dataclass(frozen=True, slots=True)
class Run:
    """One simulated person in quick mode."""

    name: str
    likely_after: int | None  # questions asked when the top role was first likely
    likely_top: str | None
    settled_after: int | None  # None: only the last question ended it, or never settled
    settled_top: str | None
    asked: int  # questions asked in all (to settled or to the end)
    skipped_before_likely: int
    full_top: str  # the top role on every answer the record holds
    quiz_top: str  # ... on the answers a full quiz would collect (none below a parent rated 0)
    choice_seconds: float  # time spent choosing questions and assessing
    choices: int


def simulate(quick: QuickMode, bank: Bank, name: str, record: dict[str, int]) -> Run:
    progress = Progress()
    asked = skipped = 0
    likely_after: int | None = None
    likely_top: str | None = None
    skipped_before_likely = 0
    spent = 0.0
    choices = 0
    while True:
        pending = pending_ids(bank, progress, not_applicable(bank, progress))
        started = time.perf_counter()
        assessment, chosen = quick.evaluate(progress.ratings, pending)
        spent += time.perf_counter() - started
        choices += 1
        if assessment.certainty != "open" and likely_after is None:
            likely_after, likely_top = asked, assessment.top.id
            skipped_before_likely = skipped
        if assessment.certainty == "settled" and chosen is not None:
            settled_after: int | None = asked
            settled_top: str | None = assessment.top.id
            break
        if chosen is None:
            # Nothing left to ask: the ranking is final, but no bound had to say so first.
            settled_after, settled_top = None, assessment.top.id
            if likely_after is None:
                likely_after, likely_top = asked, assessment.top.id
            break
        asked += 1
        level = record.get(chosen)
        if level is None:
            progress.skip(chosen)
            skipped += 1
        else:
            progress.rate(chosen, level)
    return Run(
        name=name,
        likely_after=likely_after,
        likely_top=likely_top,
        settled_after=settled_after,
        settled_top=settled_top,
        asked=asked,
        skipped_before_likely=skipped_before_likely,
        full_top=rank_roles(bank, record)[0].role.id,
        quiz_top=rank_roles(bank, askable(bank, record))[0].role.id,
        choice_seconds=spent,
        choices=choices,
    )


def askable(bank: Bank, record: dict[str, int]) -> dict[str, int]:
    """The answers of `record` a quiz asks for: none below a parent the record rates 0 (the
    survey reads gcp 0 and bigquery 0 alike; the quiz passes over BigQuery after GCP 0)."""
    blocked = blocked_by(bank, record)
    return {skill_id: level for skill_id, level in record.items() if skill_id not in blocked}


_WORKER: tuple[QuickMode, Bank] | None = None


def _start_worker(root: str) -> None:
    global _WORKER
    bank = load_bank(Path(root))
    _WORKER = (QuickMode(bank), bank)


def _simulate_batch(batch: Sequence[tuple[str, dict[str, int]]]) -> list[Run]:
    assert _WORKER is not None
    quick, bank = _WORKER
    return [simulate(quick, bank, name, record) for name, record in batch]


def simulate_all(root: Path, people: Sequence[tuple[str, dict[str, int]]], jobs: int) -> list[Run]:
    if jobs <= 1:
        _start_worker(str(root))
        return _simulate_batch(people)
    size = max(1, len(people) // (jobs * 8))
    batches = [people[start : start + size] for start in range(0, len(people), size)]
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(str(root),)) as pool:
        return [run for runs in pool.map(_simulate_batch, batches) for run in runs]


def percentile(values: Sequence[int], share: float) -> int:
    """The nearest-rank percentile: the smallest value with at least `share` of them at or below."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def report(title: str, runs: Sequence[Run], bank_size: int) -> None:
    """The goal figures first: questions answered with a level until "likely" (skips apart) and
    agreement with the recommendation a full quiz would give (`quiz_top`: no answers below a
    parent rated 0, as the quiz never asks them), the only full-answer reference a person can
    produce, so the goal's line. Agreement with every answer the record holds follows, marked as
    the reference it is."""
    answered = [
        run.likely_after - run.skipped_before_likely for run in runs if run.likely_after is not None
    ]
    skips = [run.skipped_before_likely for run in runs]
    likely = [run.likely_after for run in runs if run.likely_after is not None]
    settled = [run.settled_after for run in runs if run.settled_after is not None]
    agree = sum(run.likely_top == run.full_top for run in runs)
    agree_quiz = sum(run.likely_top == run.quiz_top for run in runs)
    settled_agree = sum(run.settled_top == run.quiz_top for run in runs if run.settled_after)
    never = len(runs) - len(settled)
    print(f"\n{title}: {len(runs)} people, bank of {bank_size} questions")
    print(
        f"  answered with a level until likely: median {statistics.median(answered):g}, "
        f"90th percentile {percentile(answered, 0.9)}  (goal: median <= {bank_size / 4:g})"
    )
    print(
        f"  skipped until likely (not in the record): median {statistics.median(skips):g}, "
        f"90th percentile {percentile(skips, 0.9)}; asked in all: median "
        f"{statistics.median(likely):g}"
    )
    print(
        f"  GOAL LINE: top role at likely = top role on the answers a full quiz collects: "
        f"{agree_quiz} of {len(runs)} ({agree_quiz / len(runs):.1%}; goal >= 95%)"
    )
    print(
        f"  (for reference) ... = top role on every answer the record holds, children of a "
        f"parent rated 0 included: {agree} of {len(runs)} ({agree / len(runs):.1%})"
    )
    if settled:
        print(
            f"  until settled (asked): median {statistics.median(settled):g}, 90th percentile "
            f"{percentile(settled, 0.9)}, of the {len(settled)} who settle before the last "
            f"question; never: {never} ({never / len(runs):.1%}); agreement at settled "
            f"{settled_agree} of {len(settled)} (proved: must be all)"
        )


def stratified(people: Sequence[Posting], size: int, seed: int = 0) -> list[Posting]:
    """About `size` postings drawn at random within each title, in proportion to its count
    (every title keeps at least one), the same draw on every run."""
    if size >= len(people):
        return list(people)
    rng = random.Random(seed)
    by_title: dict[str, list[Posting]] = {}
    for posting in people:
        by_title.setdefault(posting.title, []).append(posting)
    drawn: list[Posting] = []
    for title in sorted(by_title):
        group = by_title[title]
        drawn.extend(rng.sample(group, max(1, round(size * len(group) / len(people)))))
    return drawn


def personas() -> list[tuple[str, dict[str, int]]]:
    people = []
    for path in sorted(PERSONAS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        people.append((path.stem, dict(data["ratings"])))
    return people


def time_choices(
    quick: QuickMode, bank: Bank, people: Iterable[tuple[str, dict[str, int]]]
) -> None:
    """Time one choice on the per-key path: the first question (every skill pending) is the
    slowest, as every skill is scored against every role."""
    first = [skill.id for skill in bank.skills]
    repeats = 50
    started = time.perf_counter()
    for _ in range(repeats):
        quick._memo = None  # time the work, not the memo
        quick.evaluate({}, first)
    per_first = (time.perf_counter() - started) / repeats
    runs = [simulate(quick, bank, name, record) for name, record in people]
    per_choice = sum(run.choice_seconds for run in runs) / sum(run.choices for run in runs)
    print(
        f"time per choice ({len(bank.skills)} skills x {len(bank.roles)} roles): first question "
        f"{per_first * 1000:.2f} ms, mean over the persona runs {per_choice * 1000:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped one)")
    parser.add_argument("--csv", type=Path, help="survey extract (default: shared data)")
    parser.add_argument("--limit", type=int, help="only the first N respondents")
    parser.add_argument(
        "--postings", type=int, default=3000, help="postings in the stratified sample (0: all)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args()
    root = content_dir(args.content)
    bank = load_bank(root)
    quick = QuickMode(bank)

    started = time.perf_counter()
    time_choices(quick, bank, personas())
    persona_runs = [simulate(quick, bank, name, record) for name, record in personas()]
    report("Personas (tests/personas, full quiz records)", persona_runs, len(bank.skills))
    wrong = [run.name for run in persona_runs if run.likely_top != run.quiz_top]
    if wrong:
        print(f"  personas where likely disagrees: {', '.join(wrong)}")

    respondents = list(read_respondents(args.csv))[: args.limit]
    people = [(person.source_row, person.ratings) for person in respondents]
    runs = simulate_all(root, people, args.jobs)
    report(
        "Kaggle 2022 respondents (skills the survey never asked are skipped)",
        runs,
        len(bank.skills),
    )
    postings = list(read_postings(bank))
    sample = stratified(postings, args.postings or len(postings))
    runs = simulate_all(
        root, [(f"posting {n}", p.ratings) for n, p in enumerate(sample)], args.jobs
    )
    report(
        f"2023 job postings, stratified sample of {len(sample)} of {len(postings)} "
        "(bench/postings.py: named 3, keyword skills not named 0, the rest skipped)",
        runs,
        len(bank.skills),
    )
    print(f"\nbench time: {time.perf_counter() - started:.0f} s with {args.jobs} processes")


if __name__ == "__main__":
    main()
