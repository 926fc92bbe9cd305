"""The quiz flow as plain state: which skills are pending, not applicable, or done.

A skill whose parent (its `requires`, directly or further up) is rated 0 is not applicable:
the quiz passes over it, but it can still be opened and answered. Skipped counts as answered
for the quiz's progress (the person made a choice) while the scores treat it as unknown.

Every walk up a `requires` chain goes through `requirements` (one skill) or
`requirement_where` (every skill at once, each chain walked once).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from rolequiz.domain.content import Bank, Skill
from rolequiz.domain.progress import Progress


@dataclass(frozen=True, slots=True)
class Counts:
    """How far the quiz is: answered (rated), skipped, not applicable, and still to answer."""

    total: int
    rated: int
    skipped: int
    not_applicable: int

    @property
    def pending(self) -> int:
        return self.total - self.rated - self.skipped - self.not_applicable

    @property
    def done(self) -> int:
        return self.total - self.pending


def requirements(bank: Bank, skill_id: str) -> Iterator[Skill]:
    """The skills `skill_id` requires, nearest first, up its `requires` chain: one step per
    skill of the chain. Stops at an id the bank does not know, and at a loop (content loading
    refuses loops; this never hangs on one)."""
    seen = {skill_id}
    skill = bank.skill_by_id.get(skill_id)
    parent_id = skill.requires if skill is not None else None
    while parent_id is not None and parent_id not in seen:
        parent = bank.skill_by_id.get(parent_id)
        if parent is None:
            return
        yield parent
        seen.add(parent_id)
        parent_id = parent.requires


def requirement_where(
    bank: Bank, test: Callable[[Skill], bool], *, farthest: bool = False
) -> dict[str, Skill]:
    """For every skill with a requirement (up its chain) that passes `test`: the nearest such
    requirement, or with `farthest` the one furthest up.

    A skill's answer is made from its parent's, and each skill is resolved once, so the pass
    costs the bank's size: a chain of n skills takes n steps, not n * n / 2.
    """
    found: dict[str, Skill | None] = {}
    for skill in bank.skills_with_requires:
        if skill.id in found:
            continue
        chain = [skill]  # skills to resolve, this one first, up to a known answer or a root
        top: Skill | None = None
        for above in requirements(bank, skill.id):
            if above.id in found or above.requires is None:
                top = above
                break
            chain.append(above)
        parent, parent_answer = top, found.get(top.id) if top is not None else None
        for below in reversed(chain):
            answer: Skill | None
            if parent is None:
                answer = None
            elif farthest:
                answer = parent_answer or (parent if test(parent) else None)
            else:
                answer = parent if test(parent) else parent_answer
            found[below.id] = answer
            parent, parent_answer = below, answer
    return {skill_id: skill for skill_id, skill in found.items() if skill is not None}


def blocked_by(bank: Bank, ratings: dict[str, int]) -> dict[str, Skill]:
    """Per skill below a parent rated 0: the nearest such parent."""
    if 0 not in ratings.values():
        return {}  # only a parent rated 0 makes a skill not applicable
    return requirement_where(bank, lambda parent: ratings.get(parent.id) == 0)


def not_applicable(
    bank: Bank, progress: Progress, blocked: Collection[str] | None = None
) -> set[str]:
    """Unanswered skills below a parent rated 0 (`blocked`: `blocked_by`, if already known)."""
    if blocked is None:
        blocked = blocked_by(bank, progress.ratings)
    if not blocked:
        return set()
    skipped = set(progress.skipped)
    return {
        skill_id
        for skill_id in blocked
        if skill_id not in progress.ratings and skill_id not in skipped
    }


def pending_ids(bank: Bank, progress: Progress, not_applicable: Collection[str]) -> list[str]:
    """Skills still to be asked, in quiz order: unanswered and not below a parent rated 0."""
    skipped = set(progress.skipped)
    return [
        skill.id
        for skill in bank.skills
        if skill.id not in progress.ratings
        and skill.id not in skipped
        and skill.id not in not_applicable
    ]


def counts(
    bank: Bank, progress: Progress, not_applicable_ids: Collection[str] | None = None
) -> Counts:
    """The answer counts everyone shows (the commands, the report, the quiz's screens).
    Answers to skill ids the bank does not know are left out."""
    known = bank.skill_by_id
    if not_applicable_ids is None:
        not_applicable_ids = not_applicable(bank, progress)
    return Counts(
        total=len(bank.skills),
        rated=len(progress.ratings.keys() & known.keys()),
        skipped=sum(1 for skill_id in progress.skipped if skill_id in known),
        not_applicable=len(not_applicable_ids),
    )
