"""What changed between two progress profiles: ratings, gaps for one role, every role's scores.

Ratings are compared skill by skill (bank skills only, quiz order): up, down, newly rated, no
longer rated. Gaps are those of `gap_list` for one role before and after: closed (a gap before,
not now: reached, or no longer rated) and opened (a gap now, not before). Every role's scores
come from `rank_roles` on each side, listed in the new ranking's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.gaps import Gap, gap_list
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import RoleFit, rank_roles


@dataclass(frozen=True, slots=True)
class RatingChange:
    skill: Skill
    before: int | None  # None: not rated (skipped or unanswered)
    after: int | None


@dataclass(frozen=True, slots=True)
class RoleChange:
    role: Role
    rank_before: int
    rank_after: int
    before: RoleFit
    after: RoleFit


@dataclass(frozen=True, slots=True)
class Comparison:
    role: Role  # the role whose gaps are compared
    up: tuple[RatingChange, ...]
    down: tuple[RatingChange, ...]
    rated: tuple[RatingChange, ...]  # rated now, not before
    unrated: tuple[RatingChange, ...]  # rated before, not now
    closed: tuple[Gap, ...]  # as they were before
    opened: tuple[Gap, ...]  # as they are now
    roles: tuple[RoleChange, ...]


def compare(bank: Bank, old: Progress, new: Progress, role: Role | None = None) -> Comparison:
    """The changes from `old` to `new`; gaps for `role`, else the new profile's top role."""
    up, down, rated, unrated = [], [], [], []
    for skill in bank.skills:
        before, after = old.ratings.get(skill.id), new.ratings.get(skill.id)
        if before == after:
            continue
        change = RatingChange(skill, before, after)
        if before is None:
            rated.append(change)
        elif after is None:
            unrated.append(change)
        elif after > before:
            up.append(change)
        else:
            down.append(change)
    ranked_before = rank_roles(bank, old.ratings)
    ranked_after = rank_roles(bank, new.ratings)
    target = role or ranked_after[0].role
    gaps_before = gap_list(bank, target, old.ratings)
    gaps_after = gap_list(bank, target, new.ratings)
    ids_before = {gap.skill.id for gap in gaps_before}
    ids_after = {gap.skill.id for gap in gaps_after}
    position = {fit.role.id: (rank, fit) for rank, fit in enumerate(ranked_before, 1)}
    roles = tuple(
        RoleChange(fit.role, position[fit.role.id][0], rank, position[fit.role.id][1], fit)
        for rank, fit in enumerate(ranked_after, 1)
    )
    return Comparison(
        role=target,
        up=tuple(up),
        down=tuple(down),
        rated=tuple(rated),
        unrated=tuple(unrated),
        closed=tuple(gap for gap in gaps_before if gap.skill.id not in ids_after),
        opened=tuple(gap for gap in gaps_after if gap.skill.id not in ids_before),
        roles=roles,
    )
