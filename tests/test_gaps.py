"""Gap lists, priorities and the explanation, on the mini bank with hand-worked expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import Bank, load_bank
from rolequiz.domain.gaps import explain, gap_list, priority_of, unrated_list
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import rank_roles
from tests.conftest import write_content


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


def test_a_need_orders_the_gap_list_instead_of_the_weight(tmp_path: Path) -> None:
    # A weight ranks roles; the need says how many in the role have the skill. python: weight
    # 3 but need 1, so its gap comes after aws (weight and no need: 2); scoring is unchanged.
    root = write_content(tmp_path)
    engineer = root / "profiles" / "engineer.toml"
    text = engineer.read_text(encoding="utf-8")
    text = text.replace(
        "python = { weight = 3, target = 3, must = false,",
        "python = { weight = 3, target = 3, must = false, need = 1,",
    )
    engineer.write_text(text, encoding="utf-8")
    bank = load_bank(root)
    role = bank.role_by_id["engineer"]
    gaps = gap_list(bank, role, {"sql": 3, "python": 1, "aws": 0, "spark": 3})
    # python: need 1 x 2 = 2, low; aws: weight 2 x 2 = 4, medium
    assert [(g.skill.id, g.importance, g.priority, g.weight) for g in gaps] == [
        ("aws", 4.0, "medium", 2.0),
        ("python", 2.0, "low", 3.0),
    ]
    unrated = unrated_list(bank, role, Progress(ratings={"sql": 3, "spark": 3}))
    assert [u.skill.id for u in unrated] == ["aws", "python", "glue"]
    plain = load_bank(write_content(tmp_path / "plain"))
    assert rank_roles(bank, {"python": 1})[0].closeness == (
        rank_roles(plain, {"python": 1})[0].closeness
    )


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


def test_explanation_names_what_the_top_role_weighs_more_and_the_runner_up_misses(
    mini_bank: Bank,
) -> None:
    ratings = {"sql": 3, "tableau": 2, "python": 1, "spark": 0}
    ranked = rank_roles(mini_bank, ratings)
    assert ranked[0].role.id == "analyst"
    why = explain(mini_bank, ranked, ratings)
    # analyst over engineer: tableau (2 - 0) x met 2/2 = 2.0; sql (4 - 3) x 3/3 = 1.0;
    # python weighs 1 against 3: a reason for the engineer, not the analyst
    assert [(c.skill.id, c.amount) for c in why.strengths] == [("tableau", 2.0), ("sql", 1.0)]
    assert why.runner_up is not None and why.runner_up.id == "engineer"
    # engineer over analyst: spark (4 - 0) x missing 3/3 = 4.0; python (3 - 1) x 2/3 missing
    assert [c.skill.id for c in why.holdbacks] == ["spark", "python"]
    assert [round(c.amount, 9) for c in why.holdbacks] == [4.0, round(4 / 3, 9)]


# Both roles weigh sql and python alike (python with different targets); each has one own skill.
ALIKE_ROLES = {
    "analyst": (
        "Analyst",
        {"sql": (5, 3, True), "python": (3, 2, False), "tableau": (4, 2, False)},
    ),
    "engineer": (
        "Engineer",
        {"sql": (5, 3, True), "python": (3, 3, False), "spark": (4, 3, False)},
    ),
}


def test_a_skill_both_roles_weigh_alike_is_never_a_reason(tmp_path: Path) -> None:
    bank = load_bank(write_content(tmp_path, roles=ALIKE_ROLES))
    ratings = {"sql": 4, "python": 3, "tableau": 3, "spark": 1}
    ranked = rank_roles(bank, ratings)
    # analyst: met 5 + 3 + 4 = 12 of 12, spark 1 is Aware (elsewhere 0): 1.0
    # engineer: met 5 + 3 + 4/3 of 12, tableau 3 elsewhere 2/3: (28/3) / (38/3) = 0.737
    assert [fit.role.id for fit in ranked] == ["analyst", "engineer"]
    why = explain(bank, ranked, ratings)
    # sql (rated 4) and python (rated 3) carry the analyst most, but the engineer as much
    assert [(c.skill.id, c.amount) for c in why.strengths] == [("tableau", 4.0)]
    # spark 1 of 3: (4 - 0) x 2/3 missing
    assert [(c.skill.id, round(c.amount, 9)) for c in why.holdbacks] == [("spark", round(8 / 3, 9))]


@pytest.fixture(scope="module")
def alike_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_content(tmp_path_factory.mktemp("alike"), roles=ALIKE_ROLES))


@settings(max_examples=200, deadline=None)
@given(
    levels=st.dictionaries(
        st.sampled_from(["sql", "python", "tableau", "spark", "aws", "glue", "kinesis"]),
        st.integers(min_value=0, max_value=4),
    )
)
def test_every_named_skill_is_weighed_more_by_its_role(
    alike_bank: Bank, levels: dict[str, int]
) -> None:
    bank = alike_bank
    ranked = rank_roles(bank, levels)
    why = explain(bank, ranked, levels)
    assert why.runner_up is not None
    for role, other, named in (
        (why.top_role, why.runner_up, why.strengths),
        (why.runner_up, why.top_role, why.holdbacks),
    ):
        for item in named:
            other_spec = other.skills.get(item.skill.id)
            assert role.skills[item.skill.id].weight > (other_spec.weight if other_spec else 0)
            assert item.amount > 0


def test_with_one_role_its_strengths_are_its_own_skills(tmp_path: Path) -> None:
    bank = load_bank(write_content(tmp_path, roles={"analyst": ALIKE_ROLES["analyst"]}))
    ratings = {"sql": 3, "python": 1, "tableau": 0}
    why = explain(bank, rank_roles(bank, ratings), ratings)
    # sql 5 x 3/3, python 3 x 1/2; tableau 0 is no strength
    assert [(c.skill.id, c.amount) for c in why.strengths] == [("sql", 5.0), ("python", 1.5)]
    assert why.runner_up is None and why.holdbacks == ()
