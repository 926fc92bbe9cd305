"""Personas drawn from the seed documents: the top recommendation must be the role they describe.

Each file in tests/personas/ is a progress profile (schema_version 1, a [ratings] table) plus an
`expected_role` key, written from a seed description before the scoring rule was tuned. They
guard the recommendation against being fitted to the one survey the quality bench reads.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.scoring import rank_roles

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.toml"))


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(shipped_content_dir())


def test_enough_personas() -> None:
    assert len(PERSONAS) >= 12


@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_persona_top_role(bank: Bank, path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    ratings: dict[str, int] = data["ratings"]
    unknown = sorted(set(ratings) - set(bank.skill_by_id))
    assert not unknown, f"unknown skills: {unknown}"
    assert all(level in (0, 1, 2, 3, 4) for level in ratings.values())
    expected = data["expected_role"]
    assert expected in bank.role_by_id

    ranked = rank_roles(bank, ratings)
    table = ", ".join(f"{fit.role.id} {fit.closeness:.3f}" for fit in ranked)
    assert ranked[0].role.id == expected, f"{path.stem}: {table}"
