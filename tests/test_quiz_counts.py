"""The quiz tallies (`counts`, `not_applicable`) against a plain reading of their definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.domain.quiz import counts, not_applicable

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
