"""The scoring rule: how close a person's ratings are to each role, and how ready they are.

For a role with skills s (weight w, target t) and the skills the person has rated (level x):

    met(s)     = min(x, t) / t                       no bonus above target
    readiness  = sum(w * met over rated) / sum(w over all the role's skills)
    coverage   = sum(w over rated) / sum(w over all the role's skills)
    fit        = sum(w * met over rated) / sum(w over rated)     (0 when nothing is rated)

Skipped and unanswered skills are unknown: they add nothing to readiness or coverage and are
left out of fit, so "not sure" never counts as 0. A 0 rating is known: it counts in coverage
and pulls fit down.

Closeness ranks the roles; see `closeness` and docs/scoring.md. Ties are broken by readiness,
then by role id, so the same ratings always give the same ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rolequiz.content import Bank, Role


@dataclass(frozen=True, slots=True)
class RoleFit:
    role: Role
    closeness: float
    readiness: float
    coverage: float
    fit: float
    rated: int
    total: int


def score_role(role: Role, ratings: Mapping[str, int]) -> RoleFit:
    total_weight = met_weight = rated_weight = 0.0
    rated = 0
    for skill_id, spec in role.skills.items():
        total_weight += spec.weight
        level = ratings.get(skill_id)
        if level is None:
            continue
        rated += 1
        rated_weight += spec.weight
        met_weight += spec.weight * min(level, spec.target) / spec.target
    readiness = met_weight / total_weight
    coverage = rated_weight / total_weight
    fit = met_weight / rated_weight if rated_weight else 0.0
    return RoleFit(
        role=role,
        closeness=closeness(fit, coverage),
        readiness=readiness,
        coverage=coverage,
        fit=fit,
        rated=rated,
        total=len(role.skills),
    )


def closeness(fit: float, coverage: float) -> float:
    """How close the person is to the role, judged on what they have answered."""
    return fit


def rank_key(role_fit: RoleFit) -> tuple[float, float, str]:
    return (-round(role_fit.closeness, 9), -round(role_fit.readiness, 9), role_fit.role.id)


def rank_roles(bank: Bank, ratings: Mapping[str, int]) -> list[RoleFit]:
    """Every role of the bank scored and ranked, closest first."""
    return sorted((score_role(role, ratings) for role in bank.roles), key=rank_key)
