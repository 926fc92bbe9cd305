"""Readiness, coverage and fit on the mini bank, computed by hand (see conftest.MINI_ROLES).

Ratings used below: sql 3, python 2, tableau 0, spark 1; aws, glue, kinesis unanswered.

analyst  (sql w4 t3, tableau w2 t2, python w1 t1); total weight 7
    met = 4*1 + 2*0 + 1*min(2,1)/1 = 5          readiness 5/7, coverage 7/7, fit 5/7
engineer (sql w3 t3, python w3 t3, spark w4 t3, aws w2 t2, glue w1 t1); total weight 13
    met = 3*1 + 3*2/3 + 4*1/3 = 19/3            readiness 19/39, coverage 10/13, fit 19/30
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolequiz.domain.content import Bank
from rolequiz.domain.scoring import SHARE_DIGITS, closeness, percent, rank_roles, score_role

RATINGS = {"sql": 3, "python": 2, "tableau": 0, "spark": 1}


def test_analyst_by_hand(mini_bank: Bank) -> None:
    fit = score_role(mini_bank.role_by_id["analyst"], RATINGS)
    assert fit.readiness == pytest.approx(5 / 7)
    assert fit.coverage == pytest.approx(1.0)
    assert fit.fit == pytest.approx(5 / 7)
    assert (fit.rated, fit.total) == (3, 3)


def test_engineer_by_hand(mini_bank: Bank) -> None:
    fit = score_role(mini_bank.role_by_id["engineer"], RATINGS)
    assert fit.readiness == pytest.approx(19 / 39)
    assert fit.coverage == pytest.approx(10 / 13)
    assert fit.fit == pytest.approx(19 / 30)
    assert (fit.rated, fit.total) == (3, 5)


def test_no_bonus_above_target(mini_bank: Bank) -> None:
    role = mini_bank.role_by_id["analyst"]
    assert score_role(role, {"python": 4}).readiness == score_role(role, {"python": 1}).readiness


def test_skipped_and_unanswered_are_not_zero(mini_bank: Bank) -> None:
    role = mini_bank.role_by_id["analyst"]
    with_zero = score_role(role, {"sql": 3, "tableau": 0})
    unknown = score_role(role, {"sql": 3})  # tableau skipped or unanswered: not in ratings
    assert with_zero.coverage == pytest.approx(6 / 7) and unknown.coverage == pytest.approx(4 / 7)
    assert with_zero.fit == pytest.approx(4 / 6) and unknown.fit == pytest.approx(1.0)
    assert with_zero.readiness == unknown.readiness == pytest.approx(4 / 7)


def test_nothing_answered_scores_zero_everywhere(mini_bank: Bank) -> None:
    for fit in rank_roles(mini_bank, {}):
        assert (fit.readiness, fit.coverage, fit.fit) == (0.0, 0.0, 0.0)
        assert 0.0 <= fit.closeness <= 1.0


def test_unknown_skill_ids_are_ignored_by_scoring(mini_bank: Bank) -> None:
    plain = rank_roles(mini_bank, RATINGS)
    noisy = rank_roles(mini_bank, {**RATINGS, "cobol": 4})
    assert [(f.role.id, f.closeness, f.readiness) for f in plain] == [
        (f.role.id, f.closeness, f.readiness) for f in noisy
    ]


def test_ties_are_broken_by_readiness_then_role_id(mini_bank: Bank) -> None:
    ranked = rank_roles(mini_bank, {})
    assert [fit.role.id for fit in ranked] == ["analyst", "engineer"]


# --- closeness (module docstring of rolequiz.domain.scoring), hand-computed on the mini bank ---
#
# closeness = fit' * focus, fit' = met / rated over the counted skills (a weight-1 nice to have
# rated below target is left out), focus = (rated + unknown / 2) / (rated + unknown + elsewhere),
# unknown = weight of unrated must-haves, elsewhere = sum of max(0, x - 1) / 3 over rated skills
# the role does not list.


def closeness_of(bank: Bank, ratings: dict[str, int]) -> dict[str, float]:
    return {fit.role.id: fit.closeness for fit in rank_roles(bank, ratings)}


def test_closeness_by_hand(mini_bank: Bank) -> None:
    # RATINGS = sql 3, python 2, tableau 0, spark 1.
    # analyst: rated 4 + 2 + 1 = 7, met 4 + 0 + 1 = 5; spark 1 elsewhere counts 0: 5/7.
    # engineer: rated 3 + 3 + 4 = 10, met 19/3; tableau 0 elsewhere counts 0: 19/30.
    got = closeness_of(mini_bank, RATINGS)
    assert got["analyst"] == pytest.approx(5 / 7)
    assert got["engineer"] == pytest.approx(19 / 30)


def test_closeness_with_unknown_must_have_nice_to_have_and_elsewhere(mini_bank: Bank) -> None:
    ratings = {"sql": 2, "python": 3, "glue": 0, "tableau": 4, "kinesis": 3}
    # engineer: sql 3 * 2/3 = 2, python 3; glue (w1 t1) at 0 is a nice to have not reached:
    # left out. Rated 6, met 5, fit' 5/6. Spark (must, w4) unrated: unknown 4. Elsewhere:
    # tableau 4 -> 1, kinesis 3 -> 2/3. Focus (6 + 2) / (6 + 4 + 5/3) = 24/35.
    # Closeness 5/6 * 24/35 = 4/7. Fit itself still counts glue: 5/7.
    # analyst: sql 4 * 2/3 = 8/3, python (w1 t1) 3 -> 1, tableau 2. Rated 7, met 17/3, fit'
    # 17/21. Elsewhere: glue 0 -> 0, kinesis 3 -> 2/3. Focus 7 / (23/3) = 21/23. Closeness 17/23.
    ranked = rank_roles(mini_bank, ratings)
    by_id = {fit.role.id: fit for fit in ranked}
    assert by_id["engineer"].closeness == pytest.approx(4 / 7)
    assert by_id["engineer"].fit == pytest.approx(5 / 7)
    assert by_id["analyst"].closeness == pytest.approx(17 / 23)
    assert [fit.role.id for fit in ranked] == ["analyst", "engineer"]


def test_unrated_must_have_holds_a_role_back(mini_bank: Bank) -> None:
    # engineer: sql 3, python 3 met (rated 6, fit' 1); spark (must, w4) unrated: unknown 4.
    # Focus (6 + 2) / (6 + 4) = 0.8. analyst: sql and python met, nothing unknown: 1.
    got = closeness_of(mini_bank, {"sql": 3, "python": 3})
    assert got["engineer"] == pytest.approx(0.8)
    assert got["analyst"] == pytest.approx(1.0)


def test_a_missed_nice_to_have_does_not_count_against_a_role(mini_bank: Bank) -> None:
    base = {"sql": 3, "spark": 1}  # engineer: rated 7, met 3 + 4/3 = 13/3: 13/21
    assert closeness_of(mini_bank, base)["engineer"] == pytest.approx(13 / 21)
    # glue (w1 t1) at 0: left out, closeness unchanged (fit drops from 13/21 to 13/24)
    with_zero = rank_roles(mini_bank, {**base, "glue": 0})
    engineer = next(fit for fit in with_zero if fit.role.id == "engineer")
    assert engineer.closeness == pytest.approx(13 / 21)
    assert engineer.fit == pytest.approx(13 / 24)
    # glue reached: it counts, met 16/3 over rated 8 = 2/3
    assert closeness_of(mini_bank, {**base, "glue": 1})["engineer"] == pytest.approx(2 / 3)


def test_strengths_the_role_does_not_use_lower_its_closeness(mini_bank: Bank) -> None:
    # analyst with sql 3 alone: 1.0. Spark 4 (engineer's skill) counts 1 elsewhere: 4 / 5.
    # Spark 1 (Aware) counts 0: unchanged.
    assert closeness_of(mini_bank, {"sql": 3})["analyst"] == pytest.approx(1.0)
    assert closeness_of(mini_bank, {"sql": 3, "spark": 4})["analyst"] == pytest.approx(4 / 5)
    assert closeness_of(mini_bank, {"sql": 3, "spark": 1})["analyst"] == pytest.approx(1.0)


def test_raising_a_listed_skill_never_lowers_that_roles_closeness(mini_bank: Bank) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    skills = [skill.id for skill in mini_bank.skills]

    @settings(max_examples=80, deadline=None)
    @given(st.dictionaries(st.sampled_from(skills), st.integers(0, 4)), st.sampled_from(skills))
    def check(ratings: dict[str, int], skill_id: str) -> None:
        raised = {**ratings, skill_id: min(4, ratings.get(skill_id, 0) + 1)}
        for role in mini_bank.roles:
            if skill_id in role.skills and skill_id in ratings:
                before = score_role(role, ratings).closeness
                assert score_role(role, raised).closeness >= before - 1e-12

    check()


def test_worked_example_of_docs_scoring_md() -> None:
    from types import MappingProxyType

    from rolequiz.domain.content import Role
    from rolequiz.domain.content import RoleSkill as Spec

    role = Role(
        id="analyst",
        name="Analyst",
        summary="The worked example of docs/scoring.md.",
        skills=MappingProxyType(
            {
                "sql": Spec(5, 3, True, "x"),
                "dashboards": Spec(5, 3, True, "x"),
                "python": Spec(3, 2, False, "x"),
                "tableau": Spec(2, 2, False, "x"),
                "looker": Spec(1, 1, False, "x"),
            }
        ),
    )
    ratings = {"sql": 3, "python": 2, "tableau": 1, "looker": 0, "scikit_learn": 4, "pandas": 3}
    fit = score_role(role, ratings)
    assert fit.readiness == pytest.approx(9 / 16)
    assert fit.coverage == pytest.approx(11 / 16)
    assert fit.closeness == pytest.approx(0.675)


def test_offset_never_takes_closeness_outside_zero_to_one() -> None:
    # Bug: a negative offset (the Data Science Engineer's) made closeness negative when nothing
    # the role counts was rated, shown as a negative share.
    assert closeness(0.0, 0.0, 10.0, 0.0, offset=-0.005) == 0.0
    assert closeness(1.0, 10.0, 0.0, 30.0, offset=-0.5) == 0.0
    assert closeness(10.0, 10.0, 0.0, 0.0, offset=0.5) == 1.0
    assert closeness(9.0, 10.0, 0.0, 0.0, offset=-0.005) == pytest.approx(0.895)


@given(st.floats(0, 1))
def test_a_share_shows_the_same_percent_as_its_report_figure(share: float) -> None:
    """The Markdown and HTML reports show percent() of the figure the report file keeps (3
    decimals); the quiz and `score` show percent() of the exact share. Bug: 0.0549 was 5% on
    the quiz and 6% in the report (0.055)."""
    assert percent(share) == percent(round(share, SHARE_DIGITS))
    assert percent(0.0549) == "6%" and percent(0.68) == "68%" and percent(1.0) == "100%"
