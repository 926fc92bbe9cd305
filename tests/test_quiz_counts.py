"""The quiz tallies (`counts`, `not_applicable`) against a plain reading of their definition, and
the walk up `requires` chains: one step per skill, however long the chain."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import (
    Bank,
    Category,
    Resource,
    Skill,
    load_bank,
    shipped_content_dir,
)
from rolequiz.domain.progress import Progress
from rolequiz.domain.quiz import (
    blocked_by,
    counts,
    not_applicable,
    requirement_where,
    requirements,
)

BANK = load_bank(shipped_content_dir())
IDS = [skill.id for skill in BANK.skills] + ["not_in_the_bank"]
RATINGS = st.dictionaries(st.sampled_from(IDS), st.integers(0, 4), max_size=len(IDS))
SKIPPED = st.lists(st.sampled_from(IDS), max_size=20)


def reference_not_applicable(bank: Bank, progress: Progress) -> set[str]:
    """Unanswered skills with a parent, direct or further up, rated 0."""
    found = set()
    for skill in bank.skills:
        if progress.status(skill.id) != "unanswered":
            continue
        parent, seen = skill.requires, set()
        while parent is not None and parent not in seen:
            if progress.ratings.get(parent) == 0:
                found.add(skill.id)
                break
            seen.add(parent)
            parent_skill = bank.skill_by_id.get(parent)
            parent = parent_skill.requires if parent_skill else None
    return found


def test_the_shipped_bank_has_skills_that_require_others() -> None:
    assert BANK.skills_with_requires
    assert all(skill.requires for skill in BANK.skills_with_requires)


@settings(max_examples=150, deadline=None)
@given(RATINGS, SKIPPED)
def test_not_applicable_and_counts_follow_their_definition(
    ratings: dict[str, int], skipped: list[str]
) -> None:
    progress = Progress(ratings=ratings, skipped=[s for s in skipped if s not in ratings])
    assert not_applicable(BANK, progress) == reference_not_applicable(BANK, progress)
    tally = counts(BANK, progress)
    assert tally.rated == sum(1 for skill_id in ratings if skill_id in BANK.skill_by_id)
    assert tally.skipped == sum(1 for skill_id in progress.skipped if skill_id in BANK.skill_by_id)
    assert tally.not_applicable == len(reference_not_applicable(BANK, progress))


# One walk up `requires`, linear in the chain ---------------------------------------------------

CHAIN = 20_000


class CountingSkills(dict[str, Skill]):
    """The bank's skill index, counting how often a skill is looked up."""

    lookups = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountingSkills.lookups += 1
        return super().get(key, default)


def chain_bank(length: int) -> Bank:
    """`s0` <- `s1` <- ... : each skill requires the one before it."""
    skills = tuple(
        Skill(
            id=f"s{n}",
            name=f"S{n}",
            category="c",
            prompt="?",
            tip="-",
            resources=(Resource("Docs", "https://example.org"),),
            requires=f"s{n - 1}" if n else None,
        )
        for n in range(length)
    )
    bank = Bank(levels=(), categories=(Category("c", "C", 1),), skills=skills, roles=())
    object.__setattr__(bank, "skill_by_id", CountingSkills({s.id: s for s in skills}))
    CountingSkills.lookups = 0
    return bank


def test_one_chain_is_walked_in_as_many_steps_as_it_is_long() -> None:
    bank = chain_bank(CHAIN)
    walked = [skill.id for skill in requirements(bank, f"s{CHAIN - 1}")]
    assert walked == [f"s{n}" for n in range(CHAIN - 2, -1, -1)]
    assert CountingSkills.lookups <= CHAIN + 1


def test_every_chain_at_once_costs_the_bank_size_not_its_square() -> None:
    # Walking each skill's chain on its own would take CHAIN**2 / 2 = 200 million lookups.
    bank = chain_bank(CHAIN)
    progress = Progress(ratings={"s0": 0, "s5": 0})
    blocked = blocked_by(bank, progress.ratings)
    assert CountingSkills.lookups <= 3 * CHAIN
    assert blocked["s1"].id == "s0" and blocked["s9"].id == "s5"  # the nearest parent at 0
    assert len(not_applicable(bank, progress, blocked)) == CHAIN - 2  # all but s0 and s5

    CountingSkills.lookups = 0
    farthest = requirement_where(bank, lambda skill: skill.id != "s0", farthest=True)
    assert CountingSkills.lookups <= 3 * CHAIN
    assert farthest[f"s{CHAIN - 1}"].id == "s1" and "s1" not in farthest


def test_a_loop_in_requires_ends_the_walk() -> None:
    # Content loading refuses loops; the walk still never hangs on one.
    bank = chain_bank(3)
    looped = replace(bank.skill_by_id["s0"], requires="s2")
    bank = Bank(levels=(), categories=bank.categories, skills=(looped, *bank.skills[1:]), roles=())
    assert [skill.id for skill in requirements(bank, "s2")] == ["s1", "s0"]
    assert set(requirement_where(bank, lambda skill: True)) <= {"s0", "s1", "s2"}
