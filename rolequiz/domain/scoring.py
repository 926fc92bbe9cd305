"""The scoring rule: how close a person's ratings are to each role, and how ready they are.

For a role with skills s (weight w, target t) and the skills the person has rated (level x):

    met(s)     = min(x, t) / t                       no bonus above target
    readiness  = sum(w * met over rated) / sum(w over all the role's skills)
    coverage   = sum(w over rated) / sum(w over all the role's skills)
    fit        = sum(w * met over rated) / sum(w over rated)     (0 when nothing is rated)

Skipped and unanswered skills are unknown: they add nothing to readiness or coverage and are
left out of fit, so "not sure" never counts as 0. A 0 rating is known: it counts in coverage
and pulls fit down.

Closeness ranks the roles. Fit alone only asks "of what the role needs, how much do you
have?", so a less demanding role always looks closer: an ML expert who also builds dashboards
meets every analyst target. Closeness also asks the other way round, "of what you bring, how
much does this role use?", and it will not call a role close on must-haves never answered.
It counts the role's rated skills as fit does, except a nice to have (weight 1, see
docs/content-format.md) rated below its target: lacking a nice to have does not make a person
less close to the role, having one does make them closer.

    counted    = the role's rated skills, less its nice-to-haves rated below target
    rated      = sum(w over counted)
    fit'       = sum(w * met over counted) / rated               (fit without missed extras)
    unknown    = sum(w over the role's must-have skills that are not rated)
    elsewhere  = sum over rated skills the role does not list of max(0, x - 1) / 3
                 (Aware 0, Guided 1/3, Independent 2/3, Expert 1: each such skill counts as a
                 weight-1 skill, the lowest weight a profile gives, that the role does not use)
    focus      = (rated + unknown / 2) / (rated + unknown + elsewhere)
    closeness  = fit' * focus + offset, kept within 0 and 1      (fit' * focus is 0 when rated is 0)

An unrated must-have is neither met nor missed: half its weight counts as met at the person's
fit', so it holds back a role judged on little evidence without counting "not sure" as 0. With
every must-have rated, closeness is sum(w * met over counted) / (rated + elsewhere). Worked
example (see docs/scoring.md): a role with sql (w5 t3 must), dashboards (w5 t3 must), python
(w3 t2), tableau (w2 t2) and looker (w1 t1); ratings sql 3, python 2, tableau 1, looker 0,
scikit_learn 4, pandas 3, dashboards not rated. Looker is a nice to have not reached: left out
(fit counts it: 9/11). Met 5 + 3 + 1 = 9 over rated 10: fit' 0.9. Unknown 5; elsewhere
1 + 2/3 = 5/3. Focus 12.5 / (50/3) = 0.75, closeness 0.9 * 0.75 = 0.675.

Ties are broken by readiness, then by role id, so the same ratings always give the same ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rolequiz.domain.content import Bank, Role

# The weight of a rated skill the role does not list: the lowest a profile can give.
ELSEWHERE_WEIGHT = 1.0
# Weight 1 means "nice to have" (docs/content-format.md): closeness leaves such a skill out until
# its target is met, so missing one never counts against a role.
NICE_TO_HAVE = 1.0


@dataclass(frozen=True, slots=True)
class RoleFit:
    role: Role
    closeness: float
    readiness: float
    coverage: float
    fit: float
    rated: int
    total: int


def score_role(
    role: Role, ratings: Mapping[str, int], above_aware_total: int | None = None
) -> RoleFit:
    """Scores of one role. `ratings` should hold skills of the bank only (rank_roles sees to it):
    every rated skill the role does not list counts in closeness as a skill used elsewhere.
    `above_aware_total` is the sum of max(0, level - 1) over all ratings, if already known: the
    role's own skills are taken out of it, so scoring costs the role's size, not the bank's."""
    if above_aware_total is None:
        above_aware_total = sum(level - 1 for level in ratings.values() if level > 1)
    above_aware_here = 0
    met_weight = rated_weight = unknown_weight = 0.0
    counted_weight = counted_met = 0.0
    rated = 0
    get = ratings.get
    for skill_id, weight, target, must in role.rows:  # role.skills, unpacked once (content.py)
        level = get(skill_id)
        if level is None:
            if must:
                unknown_weight += weight
            continue
        rated += 1
        if level > 1:
            above_aware_here += level - 1
        rated_weight += weight
        met = weight * (level if level < target else target) / target
        met_weight += met
        if weight > NICE_TO_HAVE or level >= target:
            counted_weight += weight
            counted_met += met
    # Integer sums until here, so the result does not depend on the order of the ratings.
    above_elsewhere = above_aware_total - above_aware_here
    total_weight = role.total_weight
    readiness = met_weight / total_weight
    coverage = rated_weight / total_weight
    fit = met_weight / rated_weight if rated_weight else 0.0
    return RoleFit(
        role=role,
        closeness=closeness_from_sums(
            counted_met, counted_weight, unknown_weight, above_elsewhere, role.offset
        ),
        readiness=readiness,
        coverage=coverage,
        fit=fit,
        rated=rated,
        total=len(role.skills),
    )


def closeness(
    met: float, rated: float, unknown: float, elsewhere: float, offset: float = 0.0
) -> float:
    """Fit' times focus, plus the role's offset: the share of the evidence that speaks for the
    role (module docstring). `met` and `rated` are summed over the counted skills (nice-to-haves
    below target left out). The offset alone when nothing counted is rated. Kept within 0-1: a
    negative offset (a role named only on evidence) never shows as a negative share."""
    share = 0.0
    if rated > 0:
        share = met / rated * (rated + unknown / 2) / (rated + unknown + elsewhere)
    return min(1.0, max(0.0, share + offset))


# What each figure means, in the words every screen, command and report uses: the results
# screen's legend and the report's line under its table of roles.
FIGURES = (
    ("Match", "how close your answers are to the role"),
    ("Ready", "its targets you meet"),
)


# Decimals a share keeps in a report file (rolequiz.files.report): what percent() starts from.
SHARE_DIGITS = 3


def percent(share: float) -> str:
    """How every screen, command and report shows a match (closeness) or a readiness: whole
    percent, `68%`."""
    return f"{points(share)}%"


def points(share: float) -> int:
    """A share in whole percentage points as shown (`percent`), so a change shown as points is
    the difference of the two figures shown. From the share to SHARE_DIGITS decimals, as a
    report file holds it, so the Markdown and HTML reports (made from that file's figures) show
    what the quiz shows: 0.0549 is 0.055 in the file, and 6% everywhere."""
    return round(round(share, SHARE_DIGITS) * 100)


def rank_key(role_fit: RoleFit) -> tuple[float, float, str]:
    return order_key(role_fit.closeness, role_fit.readiness, role_fit.role.id)


def order_key(closeness: float, readiness: float, role_id: str) -> tuple[float, float, str]:
    """How roles are ranked: closeness, then readiness, then id (rounded to 9 places, so sums
    taken in another order rank alike)."""
    return (-round(closeness, 9), -round(readiness, 9), role_id)


# The rule one skill at a time, for code that keeps a role's sums and adds answers to them
# (quick mode, the explanation of the results) rather than scoring whole profiles.


def rated_terms(weight: float, target: int, level: int) -> tuple[float, bool]:
    """What a skill of a role rated `level` adds: weight * met, and whether it is counted in
    closeness (a nice to have below its target is not)."""
    met = weight * (level if level < target else target) / target
    return met, weight > NICE_TO_HAVE or level >= target


def is_nice_to_have(weight: float) -> bool:
    """Counted in closeness only at or above its target."""
    return weight <= NICE_TO_HAVE


def above_aware(level: int) -> int:
    """What a rated skill a role does not list adds to `above` (elsewhere = above / 3)."""
    return level - 1 if level > 1 else 0


def closeness_from_sums(
    met: float, rated: float, unknown: float, above: float, offset: float
) -> float:
    """Closeness from a role's sums: met and rated over the counted skills, the unrated
    must-have weight, `above` summed over rated skills the role does not list, and the role's
    offset."""
    return closeness(met, rated, unknown, ELSEWHERE_WEIGHT * above / 3, offset)


def readiness_from_sums(met_all: float, role: Role) -> float:
    """Readiness from weight * met summed over every rated skill of the role."""
    return met_all / role.total_weight


def rank_roles(bank: Bank, ratings: Mapping[str, int]) -> list[RoleFit]:
    """Every role of the bank scored and ranked, closest first. Ratings of skills the bank does
    not know (kept in a profile from another version) are left out."""
    if ratings.keys() <= bank.skill_by_id.keys():
        known = ratings  # the usual case: no copy to make
    else:
        known = {skill_id: x for skill_id, x in ratings.items() if skill_id in bank.skill_by_id}
    above_aware = sum(level - 1 for level in known.values() if level > 1)
    return sorted((score_role(role, known, above_aware) for role in bank.roles), key=rank_key)
