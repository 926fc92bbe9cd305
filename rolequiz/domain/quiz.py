"""The quiz flow as plain state: which skills are pending, not applicable, or done.

A skill whose parent (its `requires`, directly or further up) is rated 0 is not applicable:
the quiz passes over it, but it can still be opened and answered. Skipped counts as answered
for the quiz's progress (the person made a choice) while the scores treat it as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolequiz.domain.content import Bank, Skill
from rolequiz.files.progress import Progress


@dataclass(frozen=True, slots=True)
class Counts:
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


def not_applicable(bank: Bank, progress: Progress) -> set[str]:
    """Unanswered skills below a parent rated 0."""
    ratings = progress.ratings
    result: set[str] = set()
    if 0 not in ratings.values():
        return result  # only a parent rated 0 makes a skill not applicable
    skipped = set(progress.skipped)
    for skill in bank.skills_with_requires:
        if skill.id in ratings or skill.id in skipped:
            continue
        parent = skill.requires
        seen: set[str] = set()
        while parent is not None and parent not in seen:
            if ratings.get(parent) == 0:
                result.add(skill.id)
                break
            seen.add(parent)
            parent_skill = bank.skill_by_id.get(parent)
            parent = parent_skill.requires if parent_skill else None
    return result


def is_pending(skill: Skill, progress: Progress, skipped_by_parent: set[str]) -> bool:
    return progress.status(skill.id) == "unanswered" and skill.id not in skipped_by_parent


def pending_skills(bank: Bank, progress: Progress) -> list[Skill]:
    """Skills still to be asked, in quiz order."""
    na = not_applicable(bank, progress)
    return [skill for skill in bank.skills if is_pending(skill, progress, na)]


def next_pending(bank: Bank, progress: Progress, after: int = -1) -> int | None:
    """Index of the first pending skill after position `after`, wrapping round; None if done."""
    na = not_applicable(bank, progress)
    count = len(bank.skills)
    for step in range(1, count + 1):
        index = (after + step) % count
        if is_pending(bank.skills[index], progress, na):
            return index
    return None


def counts(bank: Bank, progress: Progress) -> Counts:
    known = bank.skill_by_id
    return Counts(
        total=len(bank.skills),
        rated=len(progress.ratings.keys() & known.keys()),
        skipped=sum(1 for skill_id in progress.skipped if skill_id in known),
        not_applicable=len(not_applicable(bank, progress)),
    )
