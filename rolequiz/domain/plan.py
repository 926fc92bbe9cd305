"""A learning plan: a role's gaps in an order a person can follow, grouped in small steps.

The gaps are those of `rolequiz.domain.gaps.gap_list`. Their order:
  1. must-haves first, then by importance x shortfall (need * (target - level)), ties kept in
     gap_list's order;
  2. a skill comes after the skills it `requires` (directly or further up) that are also gaps:
     such a parent is pulled forward to just before the first skill that needs it, so a
     pressing skill is never held back behind unrelated ones.
The ordered list is cut into steps of STEP_SIZE skills. Skills of the role with no level yet
are listed apart (`unrated`): the plan cannot say how far they are from the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.gaps import Gap, Unrated, gap_list, unrated_list
from rolequiz.domain.progress import Progress
from rolequiz.domain.quiz import requirement_where, requirements

STEP_SIZE = 3


@dataclass(frozen=True, slots=True)
class PlanItem:
    gap: Gap
    after: str | None  # the id of the nearest skill it requires that comes earlier in the plan


@dataclass(frozen=True, slots=True)
class Plan:
    role: Role
    steps: tuple[tuple[PlanItem, ...], ...]
    unrated: tuple[Unrated, ...]

    @property
    def items(self) -> list[PlanItem]:
        return [item for step in self.steps for item in step]


def plan_order(bank: Bank, gaps: list[Gap]) -> list[PlanItem]:
    """The gaps, must-haves and the most important first, each after the gaps it requires.

    Each gap's nearest required gap is found in one pass over the bank (`requirement_where`),
    and a walk up from a gap stops at the first gap already placed (everything above it was
    placed with it), so a chain of n gaps costs n steps, not n * n.
    """
    by_id = {gap.skill.id: gap for gap in gaps}
    nearest = requirement_where(bank, lambda parent: parent.id in by_id)
    ranked = sorted(gaps, key=lambda gap: (not gap.must, -gap.importance))  # stable sort
    placed: dict[str, PlanItem] = {}
    for gap in ranked:
        chain: list[Gap] = []  # this gap, then the required gaps not placed yet, nearest first
        current: Gap | None = gap
        while current is not None and current.skill.id not in placed:
            chain.append(current)
            above = nearest.get(current.skill.id)
            current = None if above is None else by_id[above.id]
        for item in reversed(chain):  # the furthest first
            above = nearest.get(item.skill.id)
            placed[item.skill.id] = PlanItem(item, None if above is None else above.id)
    return list(placed.values())


def ancestors(bank: Bank, skill_id: str) -> list[str]:
    """The skills `skill_id` requires, nearest first (the loader refuses loops; stopped anyway)."""
    return [skill.id for skill in requirements(bank, skill_id)]


def learning_plan(bank: Bank, role: Role, progress: Progress, step_size: int = STEP_SIZE) -> Plan:
    """The plan for `role` from the person's ratings: steps of `step_size` skills each."""
    items = plan_order(bank, gap_list(bank, role, progress.ratings))
    steps = tuple(
        tuple(items[start : start + step_size]) for start in range(0, len(items), step_size)
    )
    return Plan(role=role, steps=steps, unrated=tuple(unrated_list(bank, role, progress)))


def target_role(bank: Bank, progress: Progress, asked: str | None) -> Role | None:
    """The role asked for, else the one kept in the profile if the bank knows it, else None
    (the caller takes the recommended role). An unknown asked role raises RolequizError."""
    if asked:
        return bank.find_role(asked)
    if progress.target_role is not None:
        return bank.role_by_id.get(progress.target_role)
    return None
