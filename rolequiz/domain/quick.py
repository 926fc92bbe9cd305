"""Quick mode: which question to ask next, and when the top role is likely or settled.

Everything is computed with the scoring rule of `rolequiz.domain.scoring` (its one-skill-at-a-time
functions: `rated_terms`, `above_aware`, `closeness_from_sums`); docs/scoring.md ("Quick mode")
states the rules and proves the settled bound. Per role the answers so far are kept as the sums
closeness is made of, so the effect of one more answer costs O(1):

    met       sum(w * met) over the counted skills       (scoring: counted_met)
    rated     sum(w) over the counted skills             (scoring: counted_weight)
    unknown   sum(w) over the must-haves not rated
    above     sum(max(0, x - 1)) over rated skills the role does not list  (elsewhere = above/3)

Pending questions are the unanswered skills not below a parent rated 0 (`quiz.pending_ids`).

- **Margin moves**: for the top role X, another role Y and a pending skill s, the change of
  closeness(X) - closeness(Y) if s alone were answered 0, 1, 2, 3 or 4 now (a skip: no change).
- **Evidence**: X, the top role now, leads once a skill it lists is rated above 0 and counted
  (met > 0); before that only its offset puts it first.
- **Likely**: X leads, none of its must-haves is pending (a skip counts as answered), and for
  every other role Y, X is still ahead after the LIKELY_ANSWERS (3.75) answers that would
  lower its margin over Y most: margin + the 3 most negative worst moves of distinct skills +
  3/4 of the fourth > 0. Each move is counted from the sums now, so the bound shrinks as
  evidence builds up (one answer moves a well-answered role less) and as the telling skills
  get answered. It is a model of "the rest of the answers", not a proof; bench/adaptive.py
  measures how often it is right.
- **Settled**: for every other role Y, the lowest closeness X can reach, over every way to
  answer (0-4) or skip the pending questions, beats the highest Y can reach.
- **Next question**: the nearest challenger is the role with the least slack (the margin left
  after the worst answers). The pending skill whose worst answer would lower the margin over it
  most is asked: the question that can tell the top two apart, confirming or overturning the
  lead. Once X leads, its pending must-haves are asked first. A skill below a pending parent
  is asked after the parent.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.progress import Certainty, Progress
from rolequiz.domain.quiz import pending_ids, requirement_where
from rolequiz.domain.scoring import (
    above_aware,
    closeness_from_sums,
    is_nice_to_have,
    order_key,
    rated_terms,
    readiness_from_sums,
)

# The settled test compares bounds to 9 decimals as the ranking does (scoring.rank_key), with
# room for the last bits of floating-point sums taken in another order.
SETTLED_MARGIN = 2e-9
# The most "above" one answer can add to a role that does not list the skill: Expert's.
MAX_ABOVE = above_aware(4)
# "Likely": the lead must survive this many more answers, each the one that lowers it most, a
# fraction counting that share of the next worst (module docstring). The rule's one number: in
# bench/adaptive.py 3 was too eager on near-ties (94-95% agreement), 4 took one answer more
# than a quarter of the bank on the postings; 3.75 meets both (docs/scoring.md, "Likely").
LIKELY_ANSWERS = 3.75
# The levels an answer can give (a skip changes no sums).
LEVELS = range(5)


@dataclass(frozen=True, slots=True)
class Spec:
    """One role's entry for one skill, as the quick-mode sums need it."""

    weight: float
    target: int
    must: bool
    nice: bool  # counts in closeness only at or above its target (scoring.NICE_TO_HAVE)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Where quick mode stands: the top role, how sure that is, and who could still overtake."""

    certainty: Certainty
    top: Role
    pending: int
    # Whether the top role's lead rests on an answer: a skill it lists rated above 0 and
    # counted (before that, its offset alone puts it first). The screens name no role until then.
    evidence: bool
    # The top role's must-haves still unanswered (a skip counts as answered: asked, not known).
    must_pending: int
    # Open: the roles the top one's margin over does not survive the worst answers. Likely: the
    # roles the settled bound has not ruled out yet. Settled: none.
    challengers: tuple[Role, ...]


class Tally:
    """Per role, the sums closeness and readiness are made of (module docstring)."""

    __slots__ = ("above", "met", "met_all", "offset", "rated", "unknown")

    def __init__(
        self,
        met: list[float],
        rated: list[float],
        unknown: list[float],
        above: list[float],
        met_all: list[float],
        offset: list[float],
    ) -> None:
        self.offset = offset  # each role's offset (scoring.closeness); never changes
        self.met = met
        self.rated = rated
        self.unknown = unknown
        self.above = above
        self.met_all = met_all

    def copy(self) -> Tally:
        return Tally(
            self.met.copy(),
            self.rated.copy(),
            self.unknown.copy(),
            self.above.copy(),
            self.met_all.copy(),
            self.offset,
        )

    def add(self, row: Sequence[Spec | None], level: int) -> None:
        """Count one more rating at `level` of the skill whose specs per role are `row`."""
        for role, vector in enumerate(_contribution(row, level)):
            self.met[role] += vector[0]
            self.rated[role] += vector[1]
            self.unknown[role] -= vector[2]
            self.above[role] += vector[3]
            self.met_all[role] += vector[4]

    def closeness(self, role: int) -> float:
        return closeness_from_sums(
            self.met[role],
            self.rated[role],
            self.unknown[role],
            self.above[role],
            self.offset[role],
        )


def _contribution(
    row: Sequence[Spec | None], level: int
) -> list[tuple[float, float, float, float, float]]:
    """Per role, what a rating at `level` adds to (met, rated, known must weight, above,
    met_all): the scoring rule of rolequiz.domain.scoring, one skill at a time."""
    above = float(above_aware(level))
    vectors: list[tuple[float, float, float, float, float]] = []
    for spec in row:
        if spec is None:
            vectors.append((0.0, 0.0, 0.0, above, 0.0))
            continue
        met, counted = rated_terms(spec.weight, spec.target, level)
        vectors.append(
            (
                met if counted else 0.0,
                spec.weight if counted else 0.0,
                spec.weight if spec.must else 0.0,
                0.0,
                met,
            )
        )
    return vectors


def after_answer(tally: Tally, role: int, spec: Spec | None, level: int) -> float:
    """The closeness of `role` if one more skill (`spec`: its entry for the role) were rated
    `level`."""
    met, rated, unknown = tally.met[role], tally.rated[role], tally.unknown[role]
    above = tally.above[role]
    if spec is None:
        above += above_aware(level)
    else:
        if spec.must:
            unknown -= spec.weight
        met_here, counted = rated_terms(spec.weight, spec.target, level)
        if counted:
            met += met_here
            rated += spec.weight
    return closeness_from_sums(met, rated, unknown, above, tally.offset[role])


class QuickMode:
    """Quick mode over one bank. The tables are built once; one choice costs O(skills x roles)."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.roles = bank.roles
        self._index_of = {skill.id: index for index, skill in enumerate(bank.skills)}
        # rows[i][r]: role r's entry for skill i, None when the role does not list it.
        self.rows: tuple[tuple[Spec | None, ...], ...] = tuple(
            tuple(_spec(role, skill.id) for role in bank.roles) for skill in bank.skills
        )
        self._must = [
            sum(spec.weight for spec in role.skills.values() if spec.must) for role in bank.roles
        ]
        self._must_of = tuple(
            frozenset(index for index, skill in enumerate(bank.skills) if _is_must(role, skill.id))
            for role in bank.roles
        )
        self._memo: tuple[tuple[object, ...], tuple[Assessment, str | None]] | None = None
        self._last_tally: tuple[list[tuple[str, int]], Tally] | None = None

    # The sums and the ranking ------------------------------------------------------------------

    def tally(self, ratings: Mapping[str, int]) -> Tally:
        """The sums of `ratings`, added in their order. Answers only added since the last call
        are added to its sums (the same additions in the same order, so the same floats)."""
        items = list(ratings.items())
        last = self._last_tally
        if last is not None and items[: len(last[0])] == last[0]:
            tally, start = last[1].copy(), len(last[0])
        else:
            count = len(self.roles)
            tally = Tally(
                [0.0] * count,
                [0.0] * count,
                list(self._must),
                [0.0] * count,
                [0.0] * count,
                [role.offset for role in self.roles],
            )
            start = 0
        for skill_id, level in items[start:]:
            index = self._index_of.get(skill_id)
            if index is not None:
                tally.add(self.rows[index], level)
        self._last_tally = (items, tally.copy())
        return tally

    def ranking(self, tally: Tally) -> list[int]:
        """Role indices ranked as scoring.rank_roles ranks them: closeness, readiness, id."""
        keys = [
            order_key(
                tally.closeness(role),
                readiness_from_sums(tally.met_all[role], self.roles[role]),
                self.roles[role].id,
            )
            for role in range(len(self.roles))
        ]
        return sorted(range(len(self.roles)), key=keys.__getitem__)

    def pending_indices(self, pending: Collection[str]) -> list[int]:
        """Bank indices of the pending skill ids, in quiz order."""
        return sorted(self._index_of[skill_id] for skill_id in pending)

    # Settled -------------------------------------------------------------------------------------

    def closeness_bounds(self, tally: Tally, pending: Sequence[int]) -> list[tuple[float, float]]:
        """Per role, the lowest and the highest closeness over every answer (0-4 or skip) to
        every pending question: exact for each role on its own (docs/scoring.md, "Quick mode")."""
        bounds: list[tuple[float, float]] = []
        for role in range(len(self.roles)):
            met, rated, unknown = tally.met[role], tally.rated[role], tally.unknown[role]
            above = tally.above[role]
            listed = listed_must = 0.0  # highest: every listed skill at its target
            counted = counted_must = nice_must = 0.0  # lowest: every listed skill at 0
            unlisted = 0  # lowest: every skill the role does not list at Expert
            for index in pending:
                spec = self.rows[index][role]
                if spec is None:
                    unlisted += 1
                    continue
                listed += spec.weight
                if spec.must:
                    listed_must += spec.weight
                if not spec.nice:
                    counted += spec.weight
                    if spec.must:
                        counted_must += spec.weight
                elif spec.must:
                    nice_must += spec.weight
            offset = tally.offset[role]
            high = closeness_from_sums(
                met + listed, rated + listed, unknown - listed_must, above, offset
            )
            low_above = above + MAX_ABOVE * unlisted
            low_unknown = unknown - counted_must
            # A nice-to-have must-have rated below target only leaves `unknown`; closeness is a
            # ratio of terms linear in how much leaves, so its lowest is at none or all of them.
            low = min(
                closeness_from_sums(met, rated + counted, low_unknown, low_above, offset),
                closeness_from_sums(
                    met, rated + counted, low_unknown - nice_must, low_above, offset
                ),
            )
            bounds.append((low, high))
        return bounds

    def not_ruled_out(self, tally: Tally, pending: Sequence[int], top: int) -> list[int]:
        """The other roles whose highest reachable closeness is not below `top`'s lowest."""
        if not pending:
            return []
        bounds = self.closeness_bounds(tally, pending)
        lowest_top = bounds[top][0]
        return [
            role
            for role, (_, high) in enumerate(bounds)
            if role != top and lowest_top - high <= SETTLED_MARGIN
        ]

    # Likely, and the next question -------------------------------------------------------------

    def margin_moves(
        self, tally: Tally, pending: Sequence[int], top: int
    ) -> dict[int, list[tuple[float, ...]]]:
        """Per other role Y, per pending skill: how much closeness(top) - closeness(Y) changes
        if that skill alone were answered 0, 1, 2, 3 or 4 now (a skip changes nothing)."""
        now = [tally.closeness(role) for role in range(len(self.roles))]
        # One role's move depends on the skill only through its entry (None: not listed).
        kept: list[dict[Spec | None, tuple[float, ...]]] = [{} for _ in self.roles]

        def moves(role: int, index: int) -> tuple[float, ...]:
            spec = self.rows[index][role]
            found = kept[role].get(spec)
            if found is None:
                found = kept[role][spec] = tuple(
                    after_answer(tally, role, spec, level) - now[role] for level in LEVELS
                )
            return found

        table: dict[int, list[tuple[float, ...]]] = {}
        for other in range(len(self.roles)):
            if other == top:
                continue
            table[other] = [
                tuple(map(operator.sub, moves(top, index), moves(other, index)))
                for index in pending
            ]
        return table

    def slack(
        self, tally: Tally, moves: Mapping[int, Sequence[tuple[float, ...]]], top: int
    ) -> dict[int, float]:
        """Per other role Y: closeness(top) - closeness(Y) once the LIKELY_ANSWERS pending
        answers that lower it most are given, each counted from the sums now (a fraction of an
        answer: that share of the next worst move)."""
        whole = int(LIKELY_ANSWERS)
        part = LIKELY_ANSWERS - whole
        slack: dict[int, float] = {}
        for other, rows in moves.items():
            worst = sorted(min(0.0, *row) for row in rows)
            margin = tally.closeness(top) - tally.closeness(other)
            slack[other] = margin + sum(worst[:whole]) + part * sum(worst[whole : whole + 1])
        return slack

    # What the session and the bench call -------------------------------------------------------

    def evaluate(
        self,
        ratings: Mapping[str, int],
        pending: Collection[str],
    ) -> tuple[Assessment, str | None]:
        """The assessment now, and the skill id to ask next (None when nothing is pending).
        `pending` as `pending_ids` gives it: skipped skills are answered, and left out."""
        key = (tuple(ratings.items()), tuple(pending))
        if self._memo is not None and self._memo[0] == key:
            return self._memo[1]
        result = self._evaluate(ratings, pending)
        self._memo = (key, result)
        return result

    def _evaluate(
        self, ratings: Mapping[str, int], pending_skill_ids: Collection[str]
    ) -> tuple[Assessment, str | None]:
        tally = self.tally(ratings)
        pending = self.pending_indices(pending_skill_ids)
        top = self.ranking(tally)[0]
        evidence = tally.met[top] > 0
        must_pending = [index for index in pending if index in self._must_of[top]]
        moves = self.margin_moves(tally, pending, top)
        slack = self.slack(tally, moves, top)
        # Nothing pending: the ranking is final (settled below).
        challengers = [other for other, left in slack.items() if left <= 0 and pending]
        certainty: Certainty = "open"
        if not challengers:
            challengers = self.not_ruled_out(tally, pending, top)
            if not challengers:
                certainty = "settled"  # a proof: it needs no evidence nor must-haves
            elif evidence and not must_pending:
                certainty = "likely"
        assessment = Assessment(
            certainty=certainty,
            top=self.roles[top],
            pending=len(pending),
            evidence=evidence,
            must_pending=len(must_pending),
            challengers=tuple(self.roles[role] for role in challengers),
        )
        if not pending:
            return assessment, None
        # A skill below a pending parent is reached through it, as in the quiz: the parent is
        # asked first (a 0 there makes the skill not applicable) and carries its best score.
        pending_set = set(pending_skill_ids)
        farthest = requirement_where(
            self.bank, lambda skill: skill.id in pending_set, farthest=True
        )
        gate = {
            index: self._index_of[farthest[skill_id].id] if skill_id in farthest else index
            for index, skill_id in ((index, self.bank.skills[index].id) for index in pending)
        }
        # Once a role leads, its must-haves come first ("likely" waits for them), the most
        # telling of them first; then the most telling of all. Before that, the top role is
        # the offset's pick, and its must-haves no more telling than any other skill.
        candidates = sorted({gate[index] for index in must_pending} if evidence else ()) or [
            index for index in pending if gate[index] == index
        ]
        # The role nearest to overtaking: the least slack. The question asked is the one whose
        # worst answer would cut the lead over it most: it confirms or overturns the lead.
        nearest = min(slack, key=slack.__getitem__) if slack else None
        best_of = dict.fromkeys(candidates, 0.0)
        for position, index in enumerate(pending):
            if gate[index] in best_of and nearest is not None:
                score = -min(0.0, *moves[nearest][position])
                best_of[gate[index]] = max(best_of[gate[index]], score)
        best = max(best_of.values())
        chosen = next(index for index in candidates if best_of[index] == best)
        return assessment, self.bank.skills[chosen].id

    def assess(self, ratings: Mapping[str, int], pending: Collection[str]) -> Assessment:
        return self.evaluate(ratings, pending)[0]

    def choose(self, ratings: Mapping[str, int], pending: Collection[str]) -> str | None:
        return self.evaluate(ratings, pending)[1]

    def next_question(
        self, bank: Bank, progress: Progress, after: int, not_applicable: frozenset[str]
    ) -> int | None:
        """The session's strategy (rolequiz.domain.session.NextQuestion); `after` plays no
        part in quick mode."""
        pending = pending_ids(bank, progress, not_applicable)
        chosen = self.choose(progress.ratings, pending)
        return None if chosen is None else self._index_of[chosen]


def _is_must(role: Role, skill_id: str) -> bool:
    spec = role.skills.get(skill_id)
    return spec is not None and spec.must


def _spec(role: Role, skill_id: str) -> Spec | None:
    spec = role.skills.get(skill_id)
    if spec is None:
        return None
    return Spec(spec.weight, spec.target, spec.must, is_nice_to_have(spec.weight))
