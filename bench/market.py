"""Make `market/postings-2023.toml`: per role, the share of the 2023 job postings naming each skill.

The postings are read as bank skills by `bench/postings.py` (its keyword -> skill mapping, the
frequent false hits left out); each posting counts once for its role, a skill once per posting.
A posting's normalised title is the role of the same name (MLOps Engineer: ML Ops Engineer).
Deterministic: the same CSV and bank always give the same file, byte for byte.

    python bench/market.py [--content DIR] [--csv PATH] [-o FILE]

Source: Luke Barousse, "data_jobs" (2023 postings); see the data's README.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import postings  # bench/postings.py: the postings read as bank skills

from rolequiz.domain.content import Bank, content_dir, load_bank
from rolequiz.domain.market import MARKET_FILE, load_market
from rolequiz.errors import RolequizError
from rolequiz.tomlio import dumps_toml, write_atomic

SOURCE = (
    'Luke Barousse, "data_jobs" (2023 postings): job postings with a salary and the skills '
    "parsed from each (data_jobs_salary_all.xlsx)"
)
# Posting titles that are not a bank role's name, and the role they are.
TITLE_ROLES = {"MLOps Engineer": "mlops_engineer"}


def role_of(bank: Bank, title: str) -> str | None:
    if title in TITLE_ROLES:
        return TITLE_ROLES[title] if TITLE_ROLES[title] in bank.role_by_id else None
    try:
        return bank.find_role(title).id
    except RolequizError:
        return None


def posted_range(path: Path) -> tuple[str, str]:
    """The first and last `posted` date of the postings that `postings.read_keywords` keeps."""
    with path.open(newline="", encoding="utf-8") as handle:
        dates = [
            row["posted"] for row in csv.DictReader(handle) if row["role"] in postings.POSTING_ROLES
        ]
    return min(dates), max(dates)


def market_data(bank: Bank, path: Path) -> dict[str, Any]:
    from datetime import date

    rows = postings.read_keywords(path)
    mapping = postings.keyword_skills(bank, {k for _, keywords in rows for k in keywords})
    per_title: Counter[str] = Counter()
    named: dict[str, Counter[str]] = {}
    for title, keywords in rows:
        per_title[title] += 1
        skills = {mapping[k] for k in keywords if k in mapping}
        named.setdefault(title, Counter()).update(skills)
    roles: dict[str, Any] = {}
    for title in sorted(per_title):
        role_id = role_of(bank, title)
        if role_id is None:
            print(f"left out: {per_title[title]} {title} postings (no such role)", file=sys.stderr)
            continue
        count = per_title[title]
        shares = sorted(named[title].items(), key=lambda item: (-item[1], item[0]))
        roles[role_id] = {
            "title": title,
            "postings": count,
            # 4 places: a skill one posting in 10,000 names is still above 0.
            "share": {skill_id: max(round(n / count, 4), 0.0001) for skill_id, n in shares},
        }
    first, last = posted_range(path)
    return {
        "schema_version": 1,
        "source": SOURCE,
        "first_posted": date.fromisoformat(first),
        "last_posted": date.fromisoformat(last),
        "postings": sum(per_title.values()),
        "covered": sorted(set(mapping.values())),
        "roles": dict(sorted(roles.items())),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped one)")
    parser.add_argument("--csv", type=Path, help="postings CSV (default: the shared data)")
    parser.add_argument("-o", "--output", type=Path, help=f"default: <content>/{MARKET_FILE}")
    args = parser.parse_args()
    root = content_dir(args.content)
    bank = load_bank(root)
    data = market_data(bank, args.csv or postings.csv_path())
    output = args.output or root / MARKET_FILE
    header = (
        "# What the market asks for: per role, the share of the 2023 job postings that name each\n"
        "# skill. Made by `python bench/market.py`; do not edit by hand (docs/content-format.md).\n"
    )
    write_atomic(output, header + dumps_toml(data))
    market = load_market(output.parents[1]) if output.name == MARKET_FILE.name else None
    first, last = data["first_posted"], data["last_posted"]
    print(f"{output}: {data['postings']:,} postings, {first} to {last}")
    for role_id, role in data["roles"].items():
        top = ", ".join(f"{s} {v:.0%}" for s, v in list(role["share"].items())[:6])
        print(f"  {role_id:<16} {role['postings']:>6,} postings  {top}")
    print(f"  {len(data['covered'])} skills a posting can name; checked: {market is not None}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
