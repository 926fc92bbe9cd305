"""Readiness, coverage and fit on the mini bank, computed by hand (see conftest.MINI_ROLES).

Ratings used below: sql 3, python 2, tableau 0, spark 1; aws, glue, kinesis unanswered.

analyst  (sql w4 t3, tableau w2 t2, python w1 t1); total weight 7
    met = 4*1 + 2*0 + 1*min(2,1)/1 = 5          readiness 5/7, coverage 7/7, fit 5/7
engineer (sql w3 t3, python w3 t3, spark w4 t3, aws w2 t2, glue w1 t1); total weight 13
    met = 3*1 + 3*2/3 + 4*1/3 = 19/3            readiness 19/39, coverage 10/13, fit 19/30
"""

from __future__ import annotations

import pytest

from rolequiz.content import Bank
from rolequiz.scoring import rank_roles, score_role

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
