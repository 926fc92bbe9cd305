"""Read the 2023 job postings as quiz answers, for the quality bench and the profile fit.

How a posting becomes answers (the data's README):
- a skill the posting names is one the job needs in real work: level 3 (Independent);
- a skill some posting keyword maps to, which this posting does not name: level 0 (the job
  does not ask for it);
- for the few skills in POSITIVE_ONLY a named keyword still means 3, but not naming one leaves
  the skill unanswered (the reason is written next to each);
- a skill no posting keyword maps to (statistics, ETL, dashboards, AWS Glue ...) is unanswered:
  the keyword list holds tools, not concepts, so a posting says nothing about those.

A keyword maps to the bank skill whose id, name or alias it equals (case-insensitive), or
through EXTRA_KEYWORDS, a short table written by reading the words, not fitted to the labels.
The keywords the README calls frequent false hits are never read (FALSE_HITS).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rolequiz.domain.content import Bank

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/data/job-postings-2023/postings.csv"
CSV_ENV = "ROLEQUIZ_POSTINGS_CSV"

# Posting roles -> the role a recommendation is checked against. MLOps postings count as ML
# Engineer, as in the survey (which merged the two titles).
POSTING_ROLES = {
    "Data Engineer": "data_engineer",
    "Data Analyst": "data_analyst",
    "Data Scientist": "data_scientist",
    "ML Engineer": "ml_engineer",
    "MLOps Engineer": "ml_engineer",
}

# Keywords whose words name a bank skill under another spelling.
EXTRA_KEYWORDS = {
    "spreadsheet": "excel",  # the skill is "Excel and spreadsheets"
    "sheets": "excel",  # Google Sheets
    "unix": "bash_linux",  # the Unix command line is the same skill as Linux and Bash
    "bitbucket": "git",  # a Git host, like the GitHub and GitLab aliases
    "dplyr": "r",  # tidyverse packages, like the tidyverse alias
    "ggplot2": "r",
    "rshiny": "r",  # Shiny apps are written in R
    "no-sql": "mongodb",  # the bank's NoSQL alias belongs to MongoDB
}
# The README: "a few short keywords are often false hits ("go", "flow", "word", "express", "c",
# "shell")". Reading them would put a 3 where the job asks nothing.
FALSE_HITS = frozenset({"go", "flow", "word", "express", "c", "shell"})
# Skills read from a named keyword only: their keywords are one narrow slice of the skill, so a
# posting that does not name one says nothing about whether the job needs it (as in kaggle.py).
POSITIVE_ONLY = frozenset(
    {
        "compliance",  # its only keyword is "gdpr", one regulation among many
        "ci_cd",  # its only keyword is "jenkins", one CI server among many
    }
)


@dataclass(frozen=True, slots=True)
class Posting:
    title: str  # the posting's normalised role ("Data Engineer", "MLOps Engineer" ...)
    role_id: str  # the role it is checked against (MLOps counts as ML Engineer)
    keywords: frozenset[str]
    ratings: dict[str, int]


def csv_path() -> Path:
    return Path(os.environ.get(CSV_ENV, DEFAULT_CSV))


def keyword_skills(bank: Bank, keywords: set[str]) -> dict[str, str]:
    """Each keyword that maps to a bank skill -> that skill's id."""
    names: dict[str, str] = {}
    for skill in bank.skills:
        for name in (skill.id, skill.id.replace("_", " "), skill.name, *skill.aliases):
            names.setdefault(name.casefold(), skill.id)
    found = {k: names[k] for k in keywords if k in names and k not in FALSE_HITS}
    found.update({k: v for k, v in EXTRA_KEYWORDS.items() if k in keywords})
    return found


def read_keywords(path: Path | None = None) -> list[tuple[str, frozenset[str]]]:
    """(role, keywords named) per posting, postings of other roles left out."""
    path = path or csv_path()
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            (row["role"], frozenset(k.strip() for k in row["skills"].split(";") if k.strip()))
            for row in csv.DictReader(handle)
            if row["role"] in POSTING_ROLES
        ]


def read_postings(bank: Bank, path: Path | None = None) -> Iterator[Posting]:
    rows = read_keywords(path)
    mapping = keyword_skills(bank, {k for _, keywords in rows for k in keywords})
    answered = sorted(set(mapping.values()))
    for role, keywords in rows:
        named = {mapping[k] for k in keywords if k in mapping}
        ratings = {
            skill_id: 3 if skill_id in named else 0
            for skill_id in answered
            if skill_id in named or skill_id not in POSITIVE_ONLY
        }
        yield Posting(role, POSTING_ROLES[role], keywords, ratings)


def unknown_keywords(bank: Bank, path: Path | None = None) -> Counter[str]:
    """Keywords the postings name that map to no bank skill, with how many postings name them."""
    rows = read_keywords(path)
    mapping = keyword_skills(bank, {k for _, keywords in rows for k in keywords})
    return Counter(k for _, keywords in rows for k in keywords if k not in mapping)
