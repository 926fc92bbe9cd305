"""Invariants of scoring and of the files, checked on generated inputs (hypothesis)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import rank_roles, score_role
from rolequiz.files.progress import load_progress, save_progress
from rolequiz.files.report import build_report, report_to_toml
from rolequiz.tomlio import write_atomic

BANK = load_bank(shipped_content_dir())
SKILL_IDS = [skill.id for skill in BANK.skills]
LEVEL = st.integers(min_value=0, max_value=4)
RATINGS = st.dictionaries(st.sampled_from(SKILL_IDS), LEVEL, max_size=len(SKILL_IDS))
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(RATINGS)
def test_every_score_stays_between_zero_and_one(ratings: dict[str, int]) -> None:
    for fit in rank_roles(BANK, ratings):
        for value in (fit.closeness, fit.readiness, fit.coverage, fit.fit):
            assert 0.0 <= value <= 1.0
        assert fit.readiness <= fit.coverage + 1e-12


@SETTINGS
@given(RATINGS, st.sampled_from(SKILL_IDS), st.integers(min_value=1, max_value=4))
def test_raising_one_rating_never_lowers_readiness(
    ratings: dict[str, int], skill_id: str, step: int
) -> None:
    before = ratings.get(skill_id, 0)
    raised = {**ratings, skill_id: min(4, before + step)}
    for role in BANK.roles:
        assert score_role(role, raised).readiness >= score_role(role, ratings).readiness - 1e-12


def shuffled_bank(bank: Bank, seed: int) -> Bank:
    """The same content with roles, skills and each role's weights in another order."""
    import random

    rng = random.Random(seed)
    roles = []
    for role in bank.roles:
        weights = list(role.skills.items())
        rng.shuffle(weights)
        roles.append(replace(role, skills=MappingProxyType(dict(weights))))
    rng.shuffle(roles)
    return Bank(bank.levels, bank.categories, bank.skills, tuple(roles), bank.source)


@SETTINGS
@given(RATINGS, st.integers(min_value=0, max_value=10_000))
def test_order_of_files_entries_and_answers_does_not_change_the_result(
    ratings: dict[str, int], seed: int
) -> None:
    reordered = dict(reversed(list(ratings.items())))
    expected = [(f.role.id, f.closeness, f.readiness) for f in rank_roles(BANK, ratings)]
    got = [
        (f.role.id, f.closeness, f.readiness)
        for f in rank_roles(shuffled_bank(BANK, seed), reordered)
    ]
    assert [role_id for role_id, _, _ in got] == [role_id for role_id, _, _ in expected]
    for (_, c1, r1), (_, c2, r2) in zip(got, expected, strict=True):
        assert abs(c1 - c2) < 1e-9 and abs(r1 - r2) < 1e-9


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
IDS = st.one_of(st.sampled_from(SKILL_IDS), st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True))
WHEN = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def progresses(draw: st.DrawFn) -> Progress:
    ratings = draw(st.dictionaries(IDS, LEVEL, max_size=30))
    skipped = [s for s in draw(st.lists(IDS, max_size=10, unique=True)) if s not in ratings]
    return Progress(
        ratings=ratings,
        skipped=sorted(skipped),
        notes=draw(st.dictionaries(IDS, TEXT.filter(str.strip), max_size=5)),
        created=draw(WHEN),
        position=draw(st.one_of(st.none(), IDS)),
    )


@SETTINGS
@given(progresses())
def test_profile_files_round_trip_losslessly(progress: Progress) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        save_progress(path, progress)
        again = load_progress(path)
    assert again.ratings == progress.ratings
    assert again.skipped == progress.skipped
    assert again.notes == progress.notes
    assert again.created == progress.created
    assert again.position == progress.position


@SETTINGS
@given(progresses(), st.sampled_from([None, *[role.id for role in BANK.roles]]))
def test_report_files_round_trip_losslessly(progress: Progress, role_id: str | None) -> None:
    import tempfile

    role = BANK.role_by_id[role_id] if role_id else None
    report = build_report(BANK, progress, source="p.toml", role=role, generated=progress.created)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.toml"
        write_atomic(path, report_to_toml(report))
        assert tomllib.loads(path.read_text(encoding="utf-8")) == report
