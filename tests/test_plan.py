"""The learning plan: order (parents first, must-haves, importance x shortfall) and steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolequiz.domain.content import Bank, load_bank
from rolequiz.domain.plan import PlanItem, ancestors, learning_plan, target_role
from rolequiz.domain.progress import Progress, parse_progress, progress_to_data
from rolequiz.errors import ProfileError, RolequizError
from tests.conftest import MINI_CATEGORIES, write_content


def ids(plan_steps: tuple[tuple[PlanItem, ...], ...]) -> list[list[str]]:
    return [[item.gap.skill.id for item in step] for step in plan_steps]


def test_engineer_plan_hand_computed(mini_bank: Bank) -> None:
    # engineer: sql w3 t3, python w3 t3, spark w4 t3 must, aws w2 t2, glue w1 t1 (requires aws)
    progress = Progress(ratings={"sql": 1, "python": 2, "spark": 0, "aws": 1, "glue": 0})
    plan = learning_plan(mini_bank, mini_bank.role_by_id["engineer"], progress)
    # spark must (12); sql 3*2 = 6; python 3*1 = 3; aws 2*1 = 2; glue 1*1 = 1 (after aws)
    assert ids(plan.steps) == [["spark", "sql", "python"], ["aws", "glue"]]
    assert [item.after for item in plan.items] == [None, None, None, None, "aws"]
    assert plan.unrated == ()


def test_a_parent_is_pulled_before_a_more_important_child(tmp_path: Path) -> None:
    roles = {
        "cloud": ("Cloud", {"aws": (1, 2, False), "glue": (5, 3, False), "sql": (3, 3, False)})
    }
    bank = load_bank(write_content(tmp_path / "c", MINI_CATEGORIES, roles))
    progress = Progress(ratings={"aws": 1, "glue": 0, "sql": 0})
    plan = learning_plan(bank, bank.role_by_id["cloud"], progress, step_size=2)
    # glue 5*3 = 15 first, but it requires aws (1*1 = 1): aws comes just before it; sql 9 last
    assert ids(plan.steps) == [["aws", "glue"], ["sql"]]
    assert plan.items[1].after == "aws"


def test_must_haves_come_before_bigger_shortfalls(mini_bank: Bank) -> None:
    # analyst: sql w4 t3 must, tableau w2 t2, python w1 t1
    progress = Progress(ratings={"sql": 2, "tableau": 0, "python": 0})
    plan = learning_plan(mini_bank, mini_bank.role_by_id["analyst"], progress)
    # sql must (4*1 = 4) before tableau (2*2 = 4, not must) and python (1)
    assert ids(plan.steps) == [["sql", "tableau", "python"]]


def test_a_grandparent_through_a_met_parent_still_comes_first(tmp_path: Path) -> None:
    categories = {"x": (1, [("a", "A", None), ("b", "B", "a"), ("c", "C", "b")])}
    roles = {"r": ("R", {"a": (1, 2, False), "b": (1, 1, False), "c": (5, 3, True)})}
    bank = load_bank(write_content(tmp_path / "c", categories, roles))
    plan = learning_plan(bank, bank.role_by_id["r"], Progress(ratings={"a": 1, "b": 1, "c": 0}))
    assert ids(plan.steps) == [["a", "c"]]
    assert plan.items[1].after == "a"
    assert ancestors(bank, "c") == ["b", "a"]


def test_unrated_skills_are_listed_apart_and_no_gaps_gives_no_steps(mini_bank: Bank) -> None:
    progress = Progress(ratings={"sql": 4}, skipped=["tableau"])
    plan = learning_plan(mini_bank, mini_bank.role_by_id["analyst"], progress)
    assert plan.steps == ()
    assert [u.skill.id for u in plan.unrated] == ["tableau", "python"]


def test_target_role_asked_then_kept_then_none(mini_bank: Bank) -> None:
    kept = Progress(target_role="analyst")
    assert target_role(mini_bank, kept, "Engineer") is mini_bank.role_by_id["engineer"]
    assert target_role(mini_bank, kept, None) is mini_bank.role_by_id["analyst"]
    assert target_role(mini_bank, Progress(target_role="gone"), None) is None
    assert target_role(mini_bank, Progress(), None) is None
    with pytest.raises(RolequizError, match="unknown role 'nope'"):
        target_role(mini_bank, kept, "nope")


def test_the_target_role_round_trips_through_the_profile_file() -> None:
    data = progress_to_data(Progress(ratings={"sql": 1}, target_role="analyst"))
    assert data["target_role"] == "analyst"
    assert parse_progress(data, "p.toml").target_role == "analyst"
    assert "target_role" not in progress_to_data(Progress())
    with pytest.raises(ProfileError, match="target_role: must be text"):
        parse_progress({"schema_version": 1, "target_role": 3}, "p.toml")
