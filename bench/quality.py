"""How often rolequiz recommends the role real people hold: the Kaggle 2022 survey as a check.

Usage: python bench/quality.py [--content DIR] [--csv PATH]

Scores every respondent of ../shared/data/kaggle-survey-2022/data_roles.csv (read as quiz
answers, see bench/kaggle.py) and prints the balanced accuracy (mean recall over Data Engineer,
Data Analyst, Data Scientist and ML Engineer, MLOps counted as ML Engineer), the top-2 accuracy
and the confusion table. A recommendation of a role outside those four (the Data Science
Engineer hybrid) counts as a miss. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kaggle import AS_SURVEY_ROLE, SURVEY_ROLES, read_respondents

from rolequiz.domain.content import content_dir, load_bank
from rolequiz.domain.scoring import rank_roles

CLASSES = list(SURVEY_ROLES.values())
SHORT = {"data_engineer": "DE", "data_analyst": "DA", "data_scientist": "DS", "ml_engineer": "MLE"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped one)")
    parser.add_argument("--csv", type=Path, help="survey extract (default: shared data)")
    args = parser.parse_args()
    bank = load_bank(content_dir(args.content))

    confusion: Counter[tuple[str, str]] = Counter()
    top2_hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    adjacent: Counter[tuple[str, str]] = Counter()
    for person in read_respondents(args.csv):
        ranked = [fit.role.id for fit in rank_roles(bank, person.ratings)]
        first = ranked[0]
        if person.role_id is None:
            adjacent[(person.title, first)] += 1
            continue
        predicted = AS_SURVEY_ROLE.get(first, first)
        totals[person.role_id] += 1
        confusion[(person.role_id, predicted)] += 1
        top2 = {AS_SURVEY_ROLE.get(role_id, role_id) for role_id in ranked[:2]}
        top2_hits[person.role_id] += person.role_id in top2

    recalls = {c: confusion[(c, c)] / totals[c] for c in CLASSES if totals[c]}
    balanced = sum(recalls.values()) / len(recalls)
    top2 = sum(top2_hits.values()) / sum(totals.values())
    top2_balanced = sum(top2_hits[c] / totals[c] for c in CLASSES if totals[c]) / len(recalls)
    print(f"respondents scored: {sum(totals.values())} (adjacent titles: {sum(adjacent.values())})")
    print(f"balanced accuracy:  {balanced:.3f}   (goal >= 0.50; guessing 0.25)")
    print(
        f"top-2 accuracy:     {top2:.3f}   (goal >= 0.80; balanced over roles: {top2_balanced:.3f})"
    )
    print("recall per role:    " + "  ".join(f"{SHORT[c]} {r:.2f}" for c, r in recalls.items()))
    predicted_ids = sorted({p for (_, p) in confusion}, key=lambda r: (r not in CLASSES, r))
    header = "true \\ recommended".ljust(20) + "".join(
        SHORT.get(p, p[:10]).rjust(11) for p in predicted_ids
    )
    print("\n" + header)
    for c in CLASSES:
        cells = "".join(str(confusion[(c, p)]).rjust(11) for p in predicted_ids)
        print(f"{SHORT[c]} ({totals[c]})".ljust(20) + cells)
    if adjacent:
        print("\nadjacent titles (not scored), most common recommendation:")
        for title in sorted({t for t, _ in adjacent}):
            counts = {role: n for (t, role), n in adjacent.items() if t == title}
            top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
            print(f"  {title}: " + ", ".join(f"{role} {n}" for role, n in top))


if __name__ == "__main__":
    main()
