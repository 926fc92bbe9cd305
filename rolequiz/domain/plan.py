"""A learning plan: a role's gaps in an order a person can follow, grouped in small steps.

The gaps are those of `rolequiz.domain.gaps.gap_list`. Their order:
  1. must-haves first, then by importance x shortfall (weight * (target - level)), ties kept in
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
    """The gaps, must-haves and the most important first, each after the gaps it requires."""
    by_id = {gap.skill.id: gap for gap in gaps}
    ranked = sorted(gaps, key=lambda gap: (not gap.must, -gap.importance))  # stable sort
    placed: dict[str, PlanItem] = {}
    for gap in ranked:
        chain = [gap] + [by_id[a] for a in ancestors(bank, gap.skill.id) if a in by_id]
        for index in range(len(chain) - 1, -1, -1):  # the furthest ancestor first
            item = chain[index]
            if item.skill.id not in placed:
                after = chain[index + 1].skill.id if index + 1 < len(chain) else None
                placed[item.skill.id] = PlanItem(item, after)
    return list(placed.values())


def ancestors(bank: Bank, skill_id: str) -> list[str]:
    """The skills `skill_id` requires, nearest first (the loader refuses loops; stopped anyway)."""
    found: list[str] = []
    skill = bank.skill_by_id.get(skill_id)
    parent = skill.requires if skill else None
    while parent is not None and parent not in found and parent != skill_id:
        found.append(parent)
        parent_skill = bank.skill_by_id.get(parent)
        parent = parent_skill.requires if parent_skill else None
    return found


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
