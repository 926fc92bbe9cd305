"""Text from files shown safely: every control, direction and invisible mark visible, keys cut."""

from __future__ import annotations

import json

import pytest

from rolequiz.domain.progress import unknown_skills_note
from rolequiz.files.lock import Holder
from rolequiz.text import escape_in_strings, printable

INVISIBLE = [
    "\u061c",  # Arabic letter mark
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\ufeff",  # byte-order mark / zero-width no-break space
    *map(chr, range(0x202A, 0x202F)),  # embeddings, pop, overrides
    *map(chr, range(0x2066, 0x206A)),  # isolates
    "\u2028",
    "\u2029",
]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_direction_and_invisible_marks_are_shown_as_escapes(mark: str) -> None:
    shown = printable(f"sql{mark}.toml")
    assert shown == f"sql\\u{ord(mark):04x}.toml"
    assert mark not in shown


@pytest.mark.parametrize("mark", INVISIBLE)
def test_documents_carry_the_marks_escaped_and_read_back_the_same(mark: str) -> None:
    text = escape_in_strings(json.dumps({"name": f"a{mark}b"}, ensure_ascii=False))
    assert mark not in text
    assert json.loads(text) == {"name": f"a{mark}b"}


def test_a_huge_unknown_skill_id_is_quoted_short_and_escaped() -> None:
    note = unknown_skills_note(["\u202e" + "x" * 100_000, "cobol", "\x1b[2J"])
    assert len(note) < 160
    assert "\u202e" not in note and "\x1b" not in note
    assert "\\u202e" in note and "\\x1b[2J" in note and "cobol" in note


def test_a_huge_host_in_a_lock_file_is_cut() -> None:
    described = Holder(pid=12, host="h" * 4000 + "\x1b]0;x\x07").describe()
    assert len(described) < 80 and "\x1b" not in described
