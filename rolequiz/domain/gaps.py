"""What to learn next: the gap list for a role, and why the top role came out on top.

A gap is a rated skill below the role's target. Gaps are ordered by importance x shortfall
(need * (target - level)), then must-have first, then need, then quiz order. The need is how
much a learner of the role needs the skill (a profile's `need`, else its weight). Priority:
  high    a must-have skill, or need * shortfall >= 8
  medium  need * shortfall >= 4
  low     the rest
Skills of the role that are skipped or unanswered are not gaps (their level is unknown); they
are listed apart as `unrated` so the person can answer them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.progress import Progress, Status
from rolequiz.domain.scoring import RoleFit, rated_terms

Priority = Literal["high", "medium", "low"]
HIGH_AT = 8.0
MEDIUM_AT = 4.0
EXPLAIN_TOP = 5


@dataclass(frozen=True, slots=True)
class Gap:
    skill: Skill
    current: int
    target: int
    weight: float
    must: bool
    priority: Priority
    need: float

    @property
    def shortfall(self) -> int:
        return self.target - self.current

    @property
    def importance(self) -> float:
        return self.need * self.shortfall


@dataclass(frozen=True, slots=True)
class Unrated:
    skill: Skill
    status: Status
    target: int
    weight: float
    must: bool


@dataclass(frozen=True, slots=True)
class Contribution:
    """One skill that sets a role apart from the other one explained (explain)."""

    skill: Skill
    level: int
    target: int
    weight: float
    amount: float  # weight above the other role's, times the met (strength) or missing share


@dataclass(frozen=True, slots=True)
class Explanation:
    top_role: Role
    strengths: tuple[Contribution, ...]
    runner_up: Role | None
    holdbacks: tuple[Contribution, ...]


def priority_of(weight: float, shortfall: int, must: bool) -> Priority:
    importance = weight * shortfall
    if must or importance >= HIGH_AT:
        return "high"
    if importance >= MEDIUM_AT:
        return "medium"
    return "low"


def _quiz_index(bank: Bank) -> dict[str, int]:
    return {skill.id: index for index, skill in enumerate(bank.skills)}


def gap_list(bank: Bank, role: Role, ratings: Mapping[str, int]) -> list[Gap]:
    """Rated skills below the role's target, most important first."""
    order = _quiz_index(bank)
    gaps: list[Gap] = []
    for skill_id, spec in role.skills.items():
        level = ratings.get(skill_id)
        if level is None or level >= spec.target:
            continue
        gaps.append(
            Gap(
                skill=bank.skill_by_id[skill_id],
                current=level,
                target=spec.target,
                weight=spec.weight,
                must=spec.must,
                priority=priority_of(spec.learning_weight, spec.target - level, spec.must),
                need=spec.learning_weight,
            )
        )
    gaps.sort(key=lambda g: (-g.importance, not g.must, -g.need, order[g.skill.id]))
    return gaps


def unrated_list(bank: Bank, role: Role, progress: Progress) -> list[Unrated]:
    """The role's skills with no level yet (skipped or unanswered), most important first."""
    order = _quiz_index(bank)
    found = [
        Unrated(
            skill=bank.skill_by_id[skill_id],
            status=progress.status(skill_id),
            target=spec.target,
            weight=spec.weight,
            must=spec.must,
        )
        for skill_id, spec in role.skills.items()
        if skill_id not in progress.ratings
    ]
    found.sort(
        key=lambda u: (not u.must, -role.skills[u.skill.id].learning_weight, order[u.skill.id])
    )
    return found


def explain(bank: Bank, ranked: list[RoleFit], ratings: Mapping[str, int]) -> Explanation:
    """What tells the top role apart from the runner-up, in the person's answers.

    Strengths: skills the person rated above 0 that the top role weighs more than the runner-up,
    by (top weight - runner-up weight) * the top role's met share. Hold-backs: skills rated below
    the runner-up's target that it weighs more than the top role, by (runner-up weight - top
    weight) * the share missing. A skill both weigh alike says nothing about which role is
    closer (Python, SQL), so it is never named; a role that does not list a skill weighs it 0.
    With one role, its strengths are its own skills by weight * met share.
    """
    order = _quiz_index(bank)
    top = ranked[0].role
    runner_up = ranked[1].role if len(ranked) > 1 else None
    strengths = _weighed_apart(bank, top, runner_up, ratings, strength=True)
    holdbacks = _weighed_apart(bank, runner_up, top, ratings, strength=False) if runner_up else []
    strengths.sort(key=lambda c: (-c.amount, order[c.skill.id]))
    holdbacks.sort(key=lambda c: (-c.amount, order[c.skill.id]))
    return Explanation(
        top_role=top,
        strengths=tuple(strengths[:EXPLAIN_TOP]),
        runner_up=runner_up,
        holdbacks=tuple(holdbacks[:EXPLAIN_TOP]),
    )


def _weighed_apart(
    bank: Bank, role: Role, other: Role | None, ratings: Mapping[str, int], *, strength: bool
) -> list[Contribution]:
    """The rated skills `role` weighs more than `other`: met (strength) or missed (hold-back)
    shares of the difference in weight."""
    found: list[Contribution] = []
    for skill_id, spec in role.skills.items():
        level = ratings.get(skill_id)
        if level is None or (level == 0 if strength else level >= spec.target):
            continue
        other_spec = other.skills.get(skill_id) if other else None
        margin = spec.weight - (other_spec.weight if other_spec else 0.0)
        if margin <= 0:
            continue
        met_share = rated_terms(1.0, spec.target, level)[0]
        amount = margin * (met_share if strength else 1.0 - met_share)
        found.append(
            Contribution(bank.skill_by_id[skill_id], level, spec.target, spec.weight, amount)
        )
    return found
