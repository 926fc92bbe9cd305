"""Comparing two progress profiles: hand-computed changes on the mini bank."""

from __future__ import annotations

from rolequiz.domain.compare import compare
from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress

OLD = Progress(ratings={"sql": 1, "python": 2, "spark": 0, "aws": 1, "glue": 0})
NEW = Progress(ratings={"sql": 3, "python": 1, "spark": 2, "tableau": 1})


def test_ratings_gaps_and_roles_hand_computed(mini_bank: Bank) -> None:
    result = compare(mini_bank, OLD, NEW, mini_bank.role_by_id["engineer"])
    changes = lambda rows: [(c.skill.id, c.before, c.after) for c in rows]  # noqa: E731
    assert changes(result.up) == [("sql", 1, 3), ("spark", 0, 2)]
    assert changes(result.down) == [("python", 2, 1)]
    assert changes(result.rated) == [("tableau", None, 1)]
    assert changes(result.unrated) == [("aws", 1, None), ("glue", 0, None)]
    # engineer gaps before: spark (must), sql 3*2, python 3*1, aws 2*1, glue 1*1;
    # after: spark 0->2 still a gap, python 1 < 3 still; sql reached; aws and glue unrated.
    assert [g.skill.id for g in result.closed] == ["sql", "aws", "glue"]
    assert result.opened == ()
    by_id = {change.role.id: change for change in result.roles}
    engineer = by_id["engineer"]
    # readiness before (1 + 2 + 0 + 1 + 0) / 13 = 4/13; after (3 + 1 + 4*2/3) / 13 = 20/39
    assert round(engineer.before.readiness, 4) == round(4 / 13, 4)
    assert round(engineer.after.readiness, 4) == round(20 / 39, 4)
    # analyst readiness before (4/3 + 1) / 7 = 1/3, after (4 + 2*1/2 + 1) / 7 = 6/7
    assert round(by_id["analyst"].after.readiness, 4) == round(6 / 7, 4)
    assert [c.rank_after for c in result.roles] == [1, 2]


def test_without_a_role_the_gaps_are_for_the_new_top_role(mini_bank: Bank) -> None:
    result = compare(mini_bank, OLD, NEW)
    assert result.role.id == result.roles[0].role.id == "analyst"
    # analyst before: sql 1 < 3 (gap); after: sql 3, tableau 1 < 2 (gap), python 1 = 1.
    assert [g.skill.id for g in result.closed] == ["sql"]
    assert [(g.skill.id, g.current) for g in result.opened] == [("tableau", 1)]


def test_the_same_profile_changes_nothing(mini_bank: Bank) -> None:
    result = compare(mini_bank, OLD, OLD)
    assert (result.up, result.down, result.rated, result.unrated) == ((), (), (), ())
    assert (result.closed, result.opened) == ((), ())
    assert all(c.before == c.after and c.rank_before == c.rank_after for c in result.roles)
