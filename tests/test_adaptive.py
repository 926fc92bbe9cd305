"""Quick mode (rolequiz.domain.quick): hand-worked selection and stopping on a small bank, and the
settled bound checked by brute force on small generated banks.

The hand bank: skills a, b, c, e in quiz order, d requires a; two roles.

    alpha: a (w4 t2 must), b (w2 t2)
    beta:  b (w3 t3 must), c (w2 t1)

Nobody lists d or e.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import Bank, Category, Level, Role, RoleSkill, Skill
from rolequiz.domain.progress import Progress
from rolequiz.domain.quick import QuickMode
from rolequiz.domain.quiz import not_applicable, pending_ids
from rolequiz.domain.scoring import rank_roles

LEVELS = tuple(Level(value, f"L{value}", f"level {value}") for value in range(5))
RoleTable = Mapping[str, Mapping[str, tuple[float, int, bool]]]


def make_bank(skills: Sequence[tuple[str, str | None]], roles: RoleTable) -> Bank:
    """A bank built in memory: skills as (id, requires) in quiz order, in one category."""
    built = [
        Skill(id=skill_id, name=skill_id.upper(), category="main", prompt="?", tip="!",
              requires=requires)
        for skill_id, requires in skills
    ]  # fmt: skip
    return Bank(
        levels=LEVELS,
        categories=(Category("main", "Main", 1),),
        skills=tuple(built),
        roles=tuple(
            Role(
                id=role_id,
                name=role_id.title(),
                summary="-",
                skills=MappingProxyType(
                    {
                        skill_id: RoleSkill(weight, target, must, "test")
                        for skill_id, (weight, target, must) in table.items()
                    }
                ),
            )
            for role_id, table in roles.items()
        ),
    )


HAND = make_bank(
    [("a", None), ("b", None), ("c", None), ("d", "a"), ("e", None)],
    {
        "alpha": {"a": (4, 2, True), "b": (2, 2, False)},
        "beta": {"b": (3, 3, True), "c": (2, 1, False)},
    },
)


def pending_of(bank: Bank, progress: Progress) -> list[str]:
    return pending_ids(bank, progress, not_applicable(bank, progress))


def evaluate(bank: Bank, ratings: dict[str, int], skipped: Sequence[str] = ()) -> tuple[str, ...]:
    """(certainty, top role, next question or "", challengers...) for compact asserts."""
    progress = Progress(ratings=dict(ratings), skipped=list(skipped))
    assessment, chosen = QuickMode(bank).evaluate(progress.ratings, pending_of(bank, progress))
    return (
        assessment.certainty,
        assessment.top.id,
        chosen or "",
        *(role.id for role in assessment.challengers),
    )


# The sums agree with the scoring rule -----------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcde"), st.integers(0, 4)))
def test_the_sums_give_the_closeness_and_ranking_of_scoring(ratings: dict[str, int]) -> None:
    quick = QuickMode(HAND)
    tally = quick.tally(ratings)
    ranked = rank_roles(HAND, ratings)
    for fit in ranked:
        assert tally.closeness(HAND.roles.index(fit.role)) == pytest.approx(
            fit.closeness, abs=1e-12
        )
    assert [HAND.roles[role].id for role in quick.ranking(tally)] == [f.role.id for f in ranked]


def test_a_margin_move_is_the_change_one_answer_makes() -> None:
    """margin_moves: per other role and pending skill, the change of closeness(top) -
    closeness(other) for each answer 0-4, equal to scoring the ratings with that answer."""
    quick = QuickMode(HAND)
    ratings = {"a": 1}
    pending = [1, 2, 3, 4]  # b c d e
    moves = quick.margin_moves(quick.tally(ratings), pending, top=0)
    before = {fit.role.id: fit.closeness for fit in rank_roles(HAND, ratings)}
    for position, index in enumerate(pending):
        for level in range(5):
            after = {
                fit.role.id: fit.closeness
                for fit in rank_roles(HAND, {**ratings, HAND.skills[index].id: level})
            }
            change = (after["alpha"] - before["alpha"]) - (after["beta"] - before["beta"])
            assert moves[1][position][level] == pytest.approx(change, abs=1e-12)


# Settled: the bound, by hand ----------------------------------------------------------------


def test_closeness_bounds_by_hand() -> None:
    """a 2; b, c, e pending (d is pending too but nobody lists it).

    alpha now: met 4, rated 4, unknown 0, elsewhere 0: closeness 1.
      highest: b at target: 6/6 = 1. lowest: b at 0 (rated 6, met 4), c, d and e at Expert
      (elsewhere 3): 4/6 * 6/9 = 4/9.
    beta now: a 2 is elsewhere 1/3; b (must) unrated: unknown 3; nothing counted: 0.
      highest: b 3 and c 1: met 5, rated 5, unknown 0: 5/5 * 5/(5 + 1/3) = 15/16.
      lowest: b and c at 0: met 0: 0.
    """
    quick = QuickMode(HAND)
    bounds = quick.closeness_bounds(quick.tally({"a": 2}), [1, 2, 3, 4])
    assert bounds[0] == pytest.approx((4 / 9, 1.0))
    assert bounds[1] == pytest.approx((0.0, 15 / 16))


def test_settled_by_hand() -> None:
    """a 2, b 2, c 0; d and e pending, listed by neither role.

    alpha: met 6, rated 6; lowest with d and e at Expert: 6/6 * 6/(6 + 2) = 0.75.
    beta: b 2 of 3: met 2, rated 3; c 0 counted (w2): rated 5; elsewhere 1/3 (a 2);
      highest with d and e skipped: 2/5 * 5/(5 + 1/3) = 0.375 < 0.75: settled.
    """
    assert evaluate(HAND, {"a": 2, "b": 2, "c": 0}) == ("settled", "alpha", "d")


def test_equal_bounds_are_not_settled() -> None:
    """a 2, b 2, d 1 (Aware: no elsewhere); c and e pending. alpha's lowest, c and e at Expert:
    6/6 * 6/(6 + 2) = 0.75. beta's highest, c at 1: met 2 + 2, rated 5, elsewhere 1/3:
    4/5 * 5/(16/3) = 0.75. A tie could go either way: not settled."""
    quick = QuickMode(HAND)
    bounds = quick.closeness_bounds(quick.tally({"a": 2, "b": 2, "d": 1}), [2, 4])
    assert bounds[0][0] == pytest.approx(0.75) and bounds[1][1] == pytest.approx(0.75)
    assert evaluate(HAND, {"a": 2, "b": 2, "d": 1})[0] == "likely"


def test_children_of_a_parent_rated_0_are_not_asked_nor_counted() -> None:
    """a 0 makes d not applicable: only b, c and e are pending, and d is never chosen."""
    progress = Progress(ratings={"a": 0})
    assert pending_of(HAND, progress) == ["b", "c", "e"]
    quick = QuickMode(HAND)
    for _ in range(3):
        pending = pending_of(HAND, progress)
        chosen = quick.choose(progress.ratings, pending)
        assert chosen in pending
        assert chosen is not None
        progress.skip(chosen)
    assert quick.choose(progress.ratings, pending_of(HAND, progress)) is None
    assert quick.assess(progress.ratings, []).certainty == "settled"


# Likely, by hand ----------------------------------------------------------------------------


def test_likely_by_hand() -> None:
    """a 2, c 0: alpha 1 (a met, c not listed and 0), beta 0 (c counted, missed). Pending b, d
    (a is not 0) and e. The answer to each that lowers the margin alpha - beta most:
      b 3: alpha 6/6 = 1 (no change); beta b met: 3/5 * 5/(5 + 1/3) = 0.5625: -0.5625.
      d 4, e 4: alpha 4/4 * 4/(4 + 1) = 0.8 (elsewhere 1), beta stays 0: -0.2 each.
    1 - 0.5625 - 0.2 - 0.2 = 0.0375 > 0: likely. Not settled: beta reaches 0.5625 (b 3), alpha
    falls to 0.5 (b 0, d and e Expert: 4/6 * 6/8)."""
    quick = QuickMode(HAND)
    tally = quick.tally({"a": 2, "c": 0})
    slack = quick.slack(tally, quick.margin_moves(tally, [1, 3, 4], top=0), top=0)
    assert slack[1] == pytest.approx(1 - 0.5625 - 0.2 - 0.2)
    certainty, top, _, *challengers = evaluate(HAND, {"a": 2, "c": 0})
    assert (certainty, top, challengers) == ("likely", "alpha", ["beta"])


def test_the_slack_counts_three_worst_answers_and_three_quarters_of_the_fourth() -> None:
    """LIKELY_ANSWERS is 3.75: the three most negative worst moves count whole, the fourth
    three quarters, the rest not at all; a move's best answer plays no part. Margin alpha -
    beta is 1 on a 2, c 0 (test_likely_by_hand)."""
    quick = QuickMode(HAND)
    tally = quick.tally({"a": 2, "c": 0})
    rows = [(-w, 0.0, 0.0, 0.0, 0.5) for w in (0.05, 0.4, 0.1, 0.3, 0.2)]
    slack = quick.slack(tally, {1: rows}, top=0)
    assert slack[1] == pytest.approx(1 - 0.4 - 0.3 - 0.2 - 0.75 * 0.1)


def test_open_by_hand() -> None:
    """a 2 alone: alpha 1, beta 0. The worst answers: b 3 (beta 3/3 * 3/(3 + 1/3) = 0.9,
    alpha stays 1): -0.9; c 4 (beta 2/2 * 3.5/(5 + 1/3) = 0.65625, alpha 4/5): -0.85625; d and
    e Expert: -0.2 each. 1 - 2.15625 < 0: open, and beta is the challenger."""
    certainty, top, _, *challengers = evaluate(HAND, {"a": 2})
    assert (certainty, top, challengers) == ("open", "alpha", ["beta"])


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 4)),
    st.lists(st.sampled_from("abcde"), unique=True),
)
def test_likely_survives_any_one_more_answer(ratings: dict[str, int], skipped: list[str]) -> None:
    """The first of the worst answers is exact: when quick mode says likely (or settled), no
    single answer 0-4 to a pending question takes the top role's closeness below another's."""
    progress = Progress(ratings=dict(ratings), skipped=[s for s in skipped if s not in ratings])
    pending = pending_of(HAND, progress)
    assessment = QuickMode(HAND).assess(progress.ratings, pending)
    if assessment.certainty == "open":
        return
    for skill_id, level in itertools.product(pending, range(5)):
        fits = {
            fit.role.id: fit.closeness for fit in rank_roles(HAND, {**ratings, skill_id: level})
        }
        top = fits.pop(assessment.top.id)
        assert all(top >= other - 1e-12 for other in fits.values()), (skill_id, level)


# The next question, by hand -----------------------------------------------------------------


def test_the_next_question_by_hand() -> None:
    """a 1 (open; beta, the only other role, is the nearest challenger). alpha now 2/4 = 0.5,
    beta 0 (nothing counted). The worst answer to each pending skill for the margin:

    b: at 3 alpha 4/6 (+1/6) and beta 3/3 (+1): the margin moves -5/6.
    c: at 4 beta 2/2 * (2 + 3/2)/5 = 0.7 and alpha 0.5 * 4/5 (elsewhere 1): -0.8.
    d, e: nobody lists them; Expert takes alpha to 0.4: -0.1.
    So b, the answer that could cut alpha's lead most, is asked first.
    """
    assert evaluate(HAND, {"a": 1})[2] == "b"


def test_a_parent_is_asked_before_its_child_and_carries_its_score() -> None:
    """Only beta lists the child k (w5), below the parent p that nobody lists: k tells the two
    roles apart, so p is asked first (as the quiz would: a 0 there makes k not applicable)."""
    bank = make_bank(
        [("x", None), ("p", None), ("k", "p")],
        {"alpha": {"x": (3, 2, True)}, "beta": {"x": (1, 1, False), "k": (5, 3, True)}},
    )
    assert evaluate(bank, {"x": 2})[2] == "p"
    assert evaluate(bank, {"x": 2, "p": 3})[2] == "k"
    assert evaluate(bank, {"x": 2, "p": 0})[:3] == ("settled", "alpha", "")


def test_nothing_answered_asks_something_and_is_open() -> None:
    certainty, top, chosen, *_ = evaluate(HAND, {})
    assert certainty == "open" and chosen in {"a", "b", "c"}
    assert top == rank_roles(HAND, {})[0].role.id


# The settled bound by brute force -----------------------------------------------------------

WEIGHTS = (0.5, 1.0, 2.0, 3.0, 5.0)
SKILL_IDS = ("s0", "s1", "s2", "s3", "s4", "s5")


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[Bank, dict[str, int]]:
    """A bank of 3-6 skills and 2-3 roles, and ratings leaving at most 4 skills pending."""
    count = draw(st.integers(3, 6))
    skill_ids = SKILL_IDS[:count]
    spec = st.tuples(st.sampled_from(WEIGHTS), st.integers(1, 4), st.booleans())
    roles = {
        f"r{number}": draw(
            st.dictionaries(st.sampled_from(skill_ids), spec, min_size=1, max_size=count)
        )
        for number in range(draw(st.integers(2, 3)))
    }
    rated = draw(st.lists(st.sampled_from(skill_ids), unique=True, min_size=max(0, count - 4)))
    ratings = {skill_id: draw(st.integers(0, 4)) for skill_id in rated}
    return make_bank([(skill_id, None) for skill_id in skill_ids], roles), ratings


def check_by_brute_force(bank: Bank, ratings: dict[str, int]) -> bool:
    """Every completion of the pending skills (each skipped or rated 0-4) scores every role
    within its bounds, and the bounds are reached; when quick mode says settled, no completion
    changes the top role. Returns whether it said settled."""
    quick = QuickMode(bank)
    progress = Progress(ratings=dict(ratings))
    pending = pending_of(bank, progress)
    tally = quick.tally(ratings)
    bounds = quick.closeness_bounds(tally, quick.pending_indices(pending))
    assessment = quick.assess(ratings, pending)
    lowest = [1.0] * len(bank.roles)
    highest = [0.0] * len(bank.roles)
    for answers in itertools.product((None, 0, 1, 2, 3, 4), repeat=len(pending)):
        completed = dict(ratings)
        completed.update(
            {
                skill_id: level
                for skill_id, level in zip(pending, answers, strict=True)
                if level is not None
            }
        )
        ranked = rank_roles(bank, completed)
        for fit in ranked:
            role = bank.roles.index(fit.role)
            low, high = bounds[role]
            assert low - 1e-12 <= fit.closeness <= high + 1e-12, (fit.role.id, completed)
            lowest[role] = min(lowest[role], fit.closeness)
            highest[role] = max(highest[role], fit.closeness)
        if assessment.certainty == "settled":
            assert ranked[0].role == assessment.top, completed
    for role, (low, high) in enumerate(bounds):
        assert lowest[role] == pytest.approx(low, abs=1e-12)  # exact for each role alone
        assert highest[role] == pytest.approx(high, abs=1e-12)
    return assessment.certainty == "settled" and bool(pending)


@settings(max_examples=150, deadline=None)
@given(small_cases())
def test_the_settled_bound_holds_for_every_completion(case: tuple[Bank, dict[str, int]]) -> None:
    check_by_brute_force(*case)


def test_the_brute_force_sees_settled_cases() -> None:
    """The same check over seeded random cases, counting how often the bound settles, so the
    property above is known to test the settled branch and not only the bounds."""
    rng = random.Random(6)
    settled = 0
    for _ in range(150):
        count = rng.randint(3, 6)
        skill_ids = SKILL_IDS[:count]
        roles = {
            f"r{number}": {
                skill_id: (rng.choice(WEIGHTS), rng.randint(1, 4), rng.random() < 0.3)
                for skill_id in rng.sample(skill_ids, rng.randint(1, count))
            }
            for number in range(rng.randint(2, 3))
        }
        rated = rng.sample(skill_ids, rng.randint(max(0, count - 3), count))
        ratings = {skill_id: rng.randint(0, 4) for skill_id in rated}
        settled += check_by_brute_force(
            make_bank([(skill_id, None) for skill_id in skill_ids], roles), ratings
        )
    assert settled >= 10


# On the shipped bank --------------------------------------------------------------------------


def test_quick_mode_never_asks_twice_and_ends_settled(shipped_bank: Bank) -> None:
    """Someone who skips everything: every question is asked once, then it is settled."""
    quick = QuickMode(shipped_bank)
    progress = Progress(ratings={"python": 3, "aws": 0})
    asked: list[str] = []
    while (
        chosen := quick.choose(progress.ratings, pending_of(shipped_bank, progress))
    ) is not None:
        asked.append(chosen)
        progress.skip(chosen)
    na = {skill.id for skill in shipped_bank.children("aws")}
    assert len(asked) == len(set(asked)) == len(shipped_bank.skills) - 2 - len(na)
    assert not na & set(asked)
    assert quick.assess(progress.ratings, []).certainty == "settled"


# Evidence and must-haves ------------------------------------------------------------------


def test_no_role_leads_before_an_answer_counts_for_it() -> None:
    """Nothing rated, or only 0s and skips: the top role is the ranking's pick on offsets and
    ids alone, so the assessment says there is no evidence, and it is never likely."""
    quick = QuickMode(HAND)
    for ratings in ({}, {"a": 0, "c": 0}):
        progress = Progress(ratings=dict(ratings), skipped=["b"] if ratings else [])
        assessment = quick.assess(progress.ratings, pending_of(HAND, progress))
        assert not assessment.evidence and assessment.certainty == "open"
    assert quick.assess({"b": 2}, pending_of(HAND, Progress(ratings={"b": 2}))).evidence


def test_likely_waits_for_the_top_roles_must_haves() -> None:
    """a 0, c 1: beta leads (c met: 2/2 * (2 + 3/2)/(2 + 3) = 0.7; alpha 0) and its lead
    survives the worst answers to b and e, which alone was "likely"; but beta's must-have b is
    unanswered: open, and b is asked next. A skip counts as answered (asked, not known): after
    b is skipped, nothing holds it back."""
    quick = QuickMode(HAND)
    ratings = {"a": 0, "c": 1}
    pending = pending_of(HAND, Progress(ratings=dict(ratings)))
    assert pending == ["b", "e"]  # d is below a, rated 0
    tally = quick.tally(ratings)
    assert quick.slack(tally, quick.margin_moves(tally, [1, 4], top=1), top=1)[0] > 0
    assessment, chosen = quick.evaluate(ratings, pending)
    assert (assessment.certainty, assessment.top.id, assessment.must_pending, chosen) == (
        "open",
        "beta",
        1,
        "b",
    )
    certainty, top, *_ = evaluate(HAND, ratings, skipped=["b"])
    assert certainty != "open" and top == "beta"


def test_the_must_haves_of_the_top_role_are_asked_first(shipped_bank: Bank) -> None:
    """On the shipped bank, whoever answers: never "likely" while a must-have of the top role
    is pending, and once a role leads the next question is one of its pending must-haves (or a
    parent of one) while any is left."""
    quick = QuickMode(shipped_bank)
    rng = random.Random(14)
    for _ in range(5):
        progress = Progress()
        while True:
            pending = pending_of(shipped_bank, progress)
            assessment, chosen = quick.evaluate(progress.ratings, pending)
            top = assessment.top
            musts = {s for s in pending if s in top.skills and top.skills[s].must}
            if assessment.certainty == "likely":
                assert not musts
            if chosen is None or assessment.certainty != "open":
                break
            if assessment.evidence and musts:
                below = {s for s in musts if shipped_bank.skill_by_id[s].requires == chosen}
                assert chosen in musts or below
            level = rng.choice([None, 0, 1, 2, 3, 4])
            if level is None:
                progress.skip(chosen)
            else:
                progress.rate(chosen, level)
