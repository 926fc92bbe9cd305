"""Every shipped skill describes levels 1 to 4 in its own words, short enough for the screen."""

from __future__ import annotations

from collections import Counter

from rolequiz.domain.content import Bank

# Two lines of an 80-column screen, with room for the picker's margin and level label.
MAX_ANCHOR_CHARS = 110
OWN_LEVELS = (1, 2, 3, 4)


def test_every_skill_has_its_own_anchor_for_levels_1_to_4(shipped_bank: Bank) -> None:
    generic = {level.value: level.anchor for level in shipped_bank.levels}
    missing = [
        f"{skill.id}: level {level}"
        for skill in shipped_bank.skills
        for level in OWN_LEVELS
        if not skill.anchors.get(level) or skill.anchors[level] == generic[level]
    ]
    assert missing == []


def test_no_anchor_is_longer_than_two_screen_lines(shipped_bank: Bank) -> None:
    too_long = [
        f"{skill.id}: level {level} has {len(text)} characters"
        for skill in shipped_bank.skills
        for level, text in skill.anchors.items()
        if len(text) > MAX_ANCHOR_CHARS
    ]
    assert too_long == []


def test_no_anchor_text_is_shared_between_levels_or_skills(shipped_bank: Bank) -> None:
    counts = Counter(text for skill in shipped_bank.skills for text in skill.anchors.values())
    assert [text for text, count in counts.items() if count > 1] == []
