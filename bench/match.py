"""`rolequiz match` on the 2023 job postings: how fast, and how often an ad reads as its own role.

Speed: 1,000 ads of about 5 KB (a posting's skills among paragraphs of ordinary ad prose, with
"excel at", "spark curiosity", "go to market", "R&D"...), timed inside one process (the matcher
built once, then skills and gaps per ad) and as one `rolequiz match` command over the files.

Accuracy: each posting becomes an ad naming its own skill list ("Requirements: sql, python,
aws."); the role the ad reads as (rank_roles, every skill at 3) is checked against the
posting's role. MLOps postings count as ML Engineer and an ad read as ML Ops Engineer as ML
Engineer (the two titles are one family, as in bench/quality.py); Data Science Engineer has no
postings, so an ad read as it is a miss. Balanced accuracy is the mean recall over the four.
The extraction is also checked against bench/postings.py's keyword -> skill mapping.

    python bench/match.py [--ads N] [--csv PATH]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import postings  # bench/postings.py: the postings read as bank skills

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.job_ad import AD_LEVEL, Matcher, fit_ad
from rolequiz.domain.scoring import rank_roles

PROSE = [
    "You will excel at turning ambiguous questions into clear answers for the business.",
    "We want people who spark curiosity and go the extra mile for our customers.",
    "Our R&D group works with product, finance and the go to market team every week.",
    "The role reports to John R. Smith, head of analytics, and works across three offices.",
    "You are the glue between engineering and the business, and you keep the work flowing.",
    "We offer a hybrid schedule, a learning budget, health cover and a generous pension.",
    "Day to day you will build, test and document the things our colleagues depend on.",
    "We value clear writing, kind reviews and owning a problem from start to finish.",
    "The team ships small changes often and measures what each one does for our users.",
    "Applicants from every background are welcome; tell us about the work you are proud of.",
]
FAMILY = {"mlops_engineer": "ml_engineer"}  # an ad read as ML Ops counts as ML Engineer


def requirement_line(keywords: frozenset[str]) -> str:
    return "Requirements: " + ", ".join(sorted(keywords)) + "."


def long_ad(rng: random.Random, keywords: frozenset[str], size: int = 5000) -> str:
    parts = [rng.choice(PROSE) for _ in range(4)] + [requirement_line(keywords)]
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(rng.choice(PROSE))
    return " ".join(parts)[:size]


def speed(bank: Bank, rows: list[tuple[str, frozenset[str]]], count: int) -> None:
    rng = random.Random(2023)
    ads = [long_ad(rng, keywords) for _, keywords in rng.sample(rows, count)]
    start = time.perf_counter()
    matcher = Matcher(bank)
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = [matcher.skills(ad) for ad in ads]
    matched = time.perf_counter() - start
    start = time.perf_counter()
    for skill_ids in found:
        if skill_ids:
            fit_ad(bank, skill_ids, {"sql": 3, "python": 2})
    fitted = time.perf_counter() - start
    size = sum(len(ad.encode()) for ad in ads)
    print(f"{count:,} ads, {size / count / 1024:.1f} KB each ({size / 2**20:.1f} MiB):")
    print(f"  matcher built once:        {built * 1000:7.1f} ms")
    print(f"  skills found in every ad:  {matched * 1000:7.1f} ms")
    print(f"  role and gaps for every ad:{fitted * 1000:7.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, ad in enumerate(ads):
            path = Path(folder) / f"ad{index:05}.txt"
            path.write_text(ad, encoding="utf-8")
            paths.append(str(path))
        profile = Path(folder) / "me.toml"
        profile.write_text("schema_version = 1\n[ratings]\nsql = 3\npython = 2\n")
        command = [sys.executable, "-m", "rolequiz", "match", "--profile", str(profile)]
        for form in ("json", "text"):
            start = time.perf_counter()
            subprocess.run(
                [*command, "--format", form, *paths], check=True, stdout=subprocess.DEVNULL
            )
            print(
                f"  rolequiz match --format {form} over the {count:,} files (one process, "
                f"imports included): {time.perf_counter() - start:.2f} s"
            )


def accuracy(bank: Bank, rows: list[tuple[str, frozenset[str]]]) -> None:
    matcher = Matcher(bank)
    mapping = postings.keyword_skills(bank, {k for _, keywords in rows for k in keywords})
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    read_as: Counter[str] = Counter()
    none_found = expected_total = found_expected = found_extra = 0
    for title, keywords in rows:
        truth = postings.POSTING_ROLES[title]
        totals[truth] += 1
        skill_ids = matcher.skills(requirement_line(keywords))
        expected = {mapping[k] for k in keywords if k in mapping}
        expected_total += len(expected)
        found_expected += len(expected & set(skill_ids))
        found_extra += len(set(skill_ids) - expected)
        if not skill_ids:
            none_found += 1
            continue
        top = rank_roles(bank, dict.fromkeys(skill_ids, AD_LEVEL))[0].role.id
        read_as[top] += 1
        if FAMILY.get(top, top) == truth:
            hits[truth] += 1
    recalls = {role: hits[role] / totals[role] for role in sorted(totals)}
    print(f"\n{len(rows):,} postings, each an ad of its own skill list:")
    print(
        f"  skills found: {found_expected:,} of the {expected_total:,} that bench/postings.py maps "
        f"({found_expected / expected_total:.1%}); {found_extra:,} more; "
        f"{none_found:,} ads with no skill of the bank"
    )
    print(f"  balanced accuracy: {sum(recalls.values()) / len(recalls):.3f} (guessing: 0.25)")
    for role, recall in recalls.items():
        print(f"    {role:<16} recall {recall:.3f}  ({hits[role]:,} of {totals[role]:,})")
    shown = ", ".join(f"{role} {n:,}" for role, n in read_as.most_common())
    print(f"  read as: {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1000, help="ads for the speed figure")
    parser.add_argument("--csv", type=Path, help="postings CSV (default: the shared data)")
    args = parser.parse_args()
    bank = load_bank(shipped_content_dir())
    rows = postings.read_keywords(args.csv)
    speed(bank, rows, args.ads)
    accuracy(bank, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
