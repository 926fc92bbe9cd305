"""Write profiles/*.toml from fitted weights (bench/fit_profiles.py), with a `why` per weight
that quotes the data, grouped by category, for a person to review and edit.

Idempotent: the profiles on disk are the one place for what the data cannot tell. An entry whose
`why` starts with JUDGEMENT (a skill neither file asks about) is written back as it stands,
weight, target, must-have flag and why; a person edits it there. Every other entry, and the
offsets, come from the fit, so fitting twice writes the same bytes."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from pathlib import Path

import kaggle
import numpy as np
import postings as postings_module

from rolequiz.domain.content import Bank

FITTED = ["data_engineer", "data_analyst", "data_scientist", "ml_engineer", "mlops_engineer"]
# The hybrids of the seeds and their halves. A hybrid needs what both of its halves need: a skill
# weighs for it what it weighs for the half that needs it less (with the mean, a posting of
# either half alone named the hybrid). No title is a Data Science Engineer; MLOps has 73
# postings, too few to weigh it alone, so of its own fit it keeps only the infrastructure tools
# its postings name far more often than any other role's (Docker 40% vs 5%, Kubernetes 36% vs 4%,
# Terraform 15% vs 2%, CI/CD 14% vs 3%).
HYBRIDS = {
    "data_science_engineer": ("data_scientist", "data_engineer"),
    "mlops_engineer": ("ml_engineer", "data_engineer"),
}
OWN_FIT = {"mlops_engineer": ("docker", "kubernetes", "terraform", "ci_cd")}
# The most common skill of a role needs this much (the need orders the gap list).
NEED_SCALE = 20
# Marks a weight the writer keeps as it stands: a skill neither file asks about.
JUDGEMENT = "Judgement (neither file asks): "
# Judgement: offsets of the hybrids, below both halves' (a hybrid is named for what a person does
# across both halves, never on a prior) and as low as leaves a person strong on both halves
# (tests/personas) a clear lead: Data Science Engineer 0.007, MLOps 0.012.
HYBRID_OFFSETS = {"data_science_engineer": -0.005, "mlops_engineer": -0.02}
POSTING_NAME = {
    "data_engineer": "Data Engineer",
    "data_analyst": "Data Analyst",
    "data_scientist": "Data Scientist",
    "ml_engineer": "ML Engineer",
    "mlops_engineer": "MLOps",
}
SURVEY_NAME = {
    "data_engineer": "data engineers",
    "data_analyst": "data analysts",
    "data_scientist": "data scientists",
    "ml_engineer": "ML/MLOps engineers",
    "mlops_engineer": "ML/MLOps engineers",
}
HEADER = """\
[skills]
# weight: how much the skill counts for this role, 1 (a little) to 20 (the most telling skill)
# target: the level (1-4) the role expects; exceeding it earns no bonus
# must: a must-have skill (shown first in gap lists, always high priority when short)
# need: how much a learner of the role needs it, for the gap list: how common it is in the
#       role, 20 for the most common (the weight when absent)
# why: one line of evidence. Weights of skills the 2023 postings or the Kaggle 2022 survey see
#      were derived from both (bench/fit_profiles.py) and quote them; the others are judgement.
"""

People = Sequence[tuple[list[int], dict[str, int]]]


def shares(
    skill: str, people: People, role: int, others: list[int], positive_only: bool
) -> tuple[float, float, bool]:
    """Share of `role`'s people who have the skill (level 3), the mean share over `others`
    (each role counted equally), and whether the skill is read at all in this file. Among
    those the file asks; all of them for a skill read from ticks only."""

    def share(r: int) -> float:
        rated = [
            x.get(skill, 0) for hits, x in people if hits[0] == r and (positive_only or skill in x)
        ]
        return sum(level >= 3 for level in rated) / len(rated) if rated else 0.0

    seen = any(skill in x for _, x in people)
    return share(role), float(np.mean([share(r) for r in others])), seen


def needs_of(
    role_id: str, skills: Sequence[str], postings: People, survey: People
) -> dict[str, int]:
    """A whole need 1-20 per skill the data sees: how common the skill is in the role, as a
    share of the role's most common skill in each file (the two files are not on one scale: a
    posting names a few keywords, the survey asks about each), the mean of the files that ask,
    times NEED_SCALE."""
    role = FITTED.index(role_id)
    per_file: list[dict[str, float]] = []
    for people, module, file_role in (
        (postings, postings_module, role),
        (survey, kaggle, min(role, 3)),  # the survey merges ML and MLOps engineers
    ):
        found: dict[str, float] = {}
        for skill in skills:
            only = skill in module.POSITIVE_ONLY
            mine, _, seen = shares(skill, people, file_role, [file_role], only)
            if seen:
                found[skill] = mine
        top = max(found.values(), default=0.0) or 1.0
        per_file.append({skill: share / top for skill, share in found.items()})
    needs: dict[str, int] = {}
    for skill in skills:
        values = [shares_of[skill] for shares_of in per_file if skill in shares_of]
        if values:
            needs[skill] = max(1, round(NEED_SCALE * sum(values) / len(values)))
    return needs


def why_fitted(skill: str, role_id: str, postings: People, survey: People) -> str:
    role = FITTED.index(role_id)
    parts = []
    p_others = [r for r in range(4) if r != min(role, 3)]
    only = skill in postings_module.POSITIVE_ONLY
    mine, rest, seen = shares(skill, postings, role, p_others, only)
    if seen:
        parts.append(
            f"named in {mine:.0%} of {POSTING_NAME[role_id]} postings, {rest:.0%} of other roles'"
        )
    s_role = min(role, 3)  # the survey merges ML and MLOps engineers
    others = [r for r in range(4) if r != s_role]
    mine, rest, seen = shares(skill, survey, s_role, others, skill in kaggle.POSITIVE_ONLY)
    if seen:
        parts.append(f"used by {mine:.0%} of surveyed {SURVEY_NAME[role_id]}, {rest:.0%} of others")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def write_profiles(
    root: Path,
    bank: Bank,
    seen: Sequence[str],
    weights: np.ndarray,
    offsets: np.ndarray,
    postings: People,
    survey: People,
) -> None:
    index = {s: i for i, s in enumerate(seen)}
    rows = {role_id: weights[i] for i, role_id in enumerate(FITTED)}
    fitted_offsets = {role_id: float(offsets[i]) for i, role_id in enumerate(FITTED)}
    for hybrid, (one, other) in HYBRIDS.items():
        row = np.minimum(rows[one], rows[other])
        for skill in OWN_FIT.get(hybrid, ()):
            row[index[skill]] = rows[hybrid][index[skill]]
        rows[hybrid] = row
        fitted_offsets[hybrid] = HYBRID_OFFSETS[hybrid]
    needs = {role_id: needs_of(role_id, seen, postings, survey) for role_id in FITTED}
    for hybrid, halves in HYBRIDS.items():
        if hybrid not in needs:  # a learner of a hybrid needs what either half needs
            needs[hybrid] = {
                s: max(needs[h].get(s, 1) for h in halves)
                for s in seen
                if any(s in needs[h] for h in halves)
            }
    for role_id, row in rows.items():
        offset = fitted_offsets[role_id]
        path = root / "profiles" / f"{role_id}.toml"
        old = tomllib.loads(path.read_text(encoding="utf-8"))
        entries: dict[str, str] = {}
        for skill in bank.skills:
            before = old["skills"].get(skill.id)
            target = min(3, before["target"]) if before else 2
            must = bool(before and before.get("must"))
            need = before.get("need") if before else None
            if skill.id in index:
                weight = int(row[index[skill.id]])
                if weight <= 0:
                    continue
                need = needs[role_id].get(skill.id)
                if role_id in HYBRIDS and skill.id not in OWN_FIT.get(role_id, ()):
                    halves = " and ".join(bank.role_by_id[r].name for r in HYBRIDS[role_id])
                    evidence = (
                        why_fitted(skill.id, role_id, postings, survey)
                        if role_id in FITTED
                        else "No posting or survey title is this hybrid."
                    )
                    why = f"Judgement: the lower of the {halves} weights. {evidence}"
                else:
                    why = why_fitted(skill.id, role_id, postings, survey)
            elif before:
                # Kept as it stands; an entry a person added without the marker gets it.
                target, weight = int(before["target"]), int(before["weight"])
                why = before["why"]
                if not why.startswith(JUDGEMENT):
                    why = JUDGEMENT + why
            else:
                continue
            must_text = "must = true, " if must else ""
            need_text = "" if need is None else f"need = {need}, "
            entries[skill.id] = (
                f"{skill.id} = {{ weight = {weight}, target = {target}, {must_text}{need_text}"
                f"why = {_string(why)} }}"
            )
        lines = [
            "schema_version = 1",
            f"id = {_string(old['id'])}",
            f"name = {_string(old['name'])}",
            f"summary = {_string(old['summary'])}",
            "# Added to closeness (docs/scoring.md): fitted by bench/fit_profiles.py,",
            "# or judgement for the hybrids (bench/write_profiles.py says why).",
            f"offset = {offset:.3f}",
            "",
            HEADER.rstrip("\n"),
        ]
        for category in bank.categories:
            ids = [s.id for s in bank.skills if s.category == category.id and s.id in entries]
            if not ids:
                continue
            lines += ["", f"# --- {category.name} ---"]
            lines += [entries[i] for i in ids]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(entries)} skills, offset {offset:.3f})")


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are a subset of TOML's."""
    return json.dumps(text, ensure_ascii=False)
