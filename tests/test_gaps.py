"""Gap lists, priorities and the explanation, on the mini bank with hand-worked expectations."""

from __future__ import annotations

from rolequiz.domain.content import Bank
from rolequiz.domain.gaps import explain, gap_list, priority_of, unrated_list
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import rank_roles


def test_engineer_gaps_are_ordered_by_weight_times_shortfall(mini_bank: Bank) -> None:
    # spark: w4, 1 -> 3, importance 8, must; python: w3, 2 -> 3, importance 3
    gaps = gap_list(
        mini_bank, mini_bank.role_by_id["engineer"], {"sql": 3, "python": 2, "spark": 1}
    )
    assert [(g.skill.id, g.current, g.target, g.importance, g.priority) for g in gaps] == [
        ("spark", 1, 3, 8.0, "high"),
        ("python", 2, 3, 3.0, "low"),
    ]
    assert gaps[0].skill.tip == "Practise Spark."
    assert gaps[0].skill.resources[0].url == "https://example.org/spark"


def test_met_skills_and_unknown_skills_are_not_gaps(mini_bank: Bank) -> None:
    role = mini_bank.role_by_id["engineer"]
    assert gap_list(mini_bank, role, {"sql": 4, "python": 3, "spark": 3}) == []
    progress = Progress(ratings={"sql": 4}, skipped=["aws"])
    unrated = unrated_list(mini_bank, role, progress)
    # must-have first, then by weight, then quiz order
    assert [(u.skill.id, u.status) for u in unrated] == [
        ("spark", "unanswered"),
        ("python", "unanswered"),
        ("aws", "skipped"),
        ("glue", "unanswered"),
    ]


def test_equal_importance_ties_go_must_have_first_then_weight_then_quiz_order(
    mini_bank: Bank,
) -> None:
    role = mini_bank.role_by_id["engineer"]
    # sql: w3 shortfall 2 -> 6; python: w3 shortfall 2 -> 6; aws: w2 shortfall 2 -> 4
    gaps = gap_list(mini_bank, role, {"sql": 1, "python": 1, "aws": 0})
    assert [g.skill.id for g in gaps] == ["sql", "python", "aws"]


def test_priority_buckets() -> None:
    assert priority_of(1, 1, must=True) == "high"
    assert priority_of(4, 2, must=False) == "high"
    assert priority_of(2, 2, must=False) == "medium"
    assert priority_of(3, 1, must=False) == "low"


def test_explanation_names_strengths_of_the_top_role_and_holdbacks_of_the_runner_up(
    mini_bank: Bank,
) -> None:
    ratings = {"sql": 3, "tableau": 2, "python": 1, "spark": 0}
    ranked = rank_roles(mini_bank, ratings)
    assert ranked[0].role.id == "analyst"
    why = explain(mini_bank, ranked, ratings)
    assert [c.skill.id for c in why.strengths] == ["sql", "tableau", "python"]
    assert why.runner_up is not None and why.runner_up.id == "engineer"
    # engineer: spark 0 of 3 (w4 -> 4.0 missing), python 1 of 3 (w3 -> 2.0 missing)
    assert [(c.skill.id, c.amount) for c in why.holdbacks] == [("spark", 4.0), ("python", 2.0)]
