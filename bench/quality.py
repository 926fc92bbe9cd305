"""How often rolequiz recommends the role real people hold: 2023 job postings and the Kaggle 2022
survey as checks.

Usage: python bench/quality.py [--content DIR] [--postings PATH] [--survey PATH]

Scores every posting of ../shared/data/job-postings-2023/postings.csv (read as quiz answers, see
bench/postings.py) and every respondent of ../shared/data/kaggle-survey-2022/data_roles.csv
(see bench/kaggle.py), and prints for each set the balanced accuracy (mean recall over Data
Engineer, Data Analyst, Data Scientist and ML Engineer; MLOps counts as ML Engineer and Data
Science Engineer as Data Scientist), the top-2 accuracy (the goal's: the first two of the six
roles as the quiz ranks them; also over the four checked roles, each ranked by its best profile),
every role's recall and the confusion table; then the posting keywords the bank does not know,
with how many postings name each. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kaggle import read_respondents
from postings import read_postings, unknown_keywords

from rolequiz.domain.content import Bank, content_dir, load_bank
from rolequiz.domain.scoring import rank_roles

CLASSES = ["data_engineer", "data_analyst", "data_scientist", "ml_engineer"]
SHORT = {"data_engineer": "DE", "data_analyst": "DA", "data_scientist": "DS", "ml_engineer": "MLE"}
# How a recommended role counts against the four checked roles.
AS_CLASS = {
    **{c: c for c in CLASSES},
    "mlops_engineer": "ml_engineer",
    "data_science_engineer": "data_scientist",
}
GOALS = {
    "postings": "goal: balanced >= 0.60, every recall >= 0.40, top-2 >= 0.85",
    "survey": "goal: balanced >= 0.50, every recall >= 0.35",
}


@dataclass
class Tally:
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    first: Counter[tuple[str, str]] = field(default_factory=Counter)  # (true, top role id)
    top2: Counter[str] = field(default_factory=Counter)
    top2_classes: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)

    def add(self, true: str, ranked: list[str]) -> None:
        self.totals[true] += 1
        self.confusion[(true, AS_CLASS.get(ranked[0], ranked[0]))] += 1
        self.first[(true, ranked[0])] += 1
        self.top2[true] += true in {AS_CLASS.get(r, r) for r in ranked[:2]}
        classes = list(dict.fromkeys(AS_CLASS.get(r, r) for r in ranked))
        self.top2_classes[true] += true in classes[:2]

    def recalls(self) -> dict[str, float]:
        return {c: self.confusion[(c, c)] / self.totals[c] for c in CLASSES if self.totals[c]}

    def balanced(self) -> float:
        recalls = self.recalls()
        return sum(recalls.values()) / len(recalls)

    def top2_accuracy(self) -> float:
        return sum(self.top2.values()) / sum(self.totals.values())


def tally(bank: Bank, people: Iterable[tuple[str, Mapping[str, int]]]) -> Tally:
    result = Tally()
    for true, ratings in people:
        result.add(true, [fit.role.id for fit in rank_roles(bank, ratings)])
    return result


def report(name: str, result: Tally) -> None:
    recalls = result.recalls()
    print(f"== {name}: {sum(result.totals.values())} scored ({GOALS[name]})")
    print(f"balanced accuracy:  {result.balanced():.3f}   (guessing 0.25)")
    top2_balanced = sum(result.top2[c] / result.totals[c] for c in recalls) / len(recalls)
    print(
        f"top-2 accuracy:     {result.top2_accuracy():.3f}   (balanced over roles: "
        f"{top2_balanced:.3f})"
    )
    classes = sum(result.top2_classes.values()) / sum(result.totals.values())
    print(f"  of the 4 roles:   {classes:.3f}   (each ranked by its best profile: a hybrid second")
    print("                            behind its own half does not take the second place)")
    print("recall per role:    " + "  ".join(f"{SHORT[c]} {r:.2f}" for c, r in recalls.items()))
    shown = sorted({p for (_, p) in result.first}, key=lambda r: (AS_CLASS.get(r, r) != r, r))
    label = {**SHORT, "mlops_engineer": "MLOps", "data_science_engineer": "DSE"}
    print("true \\ recommended".ljust(20) + "".join(label.get(p, p[:8]).rjust(8) for p in shown))
    for c in CLASSES:
        cells = "".join(str(result.first[(c, p)]).rjust(8) for p in shown)
        print(f"{SHORT[c]} ({result.totals[c]})".ljust(20) + cells)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped one)")
    parser.add_argument("--postings", type=Path, help="postings file (default: shared data)")
    parser.add_argument("--survey", type=Path, help="survey extract (default: shared data)")
    args = parser.parse_args()
    bank = load_bank(content_dir(args.content))

    postings = tally(bank, ((p.role_id, p.ratings) for p in read_postings(bank, args.postings)))
    report("postings", postings)
    survey = tally(
        bank,
        ((r.role_id, r.ratings) for r in read_respondents(args.survey) if r.role_id is not None),
    )
    report("survey", survey)

    unknown = unknown_keywords(bank, args.postings)
    print("posting keywords the bank does not know (postings naming each):")
    print("  " + ", ".join(f"{k} {n}" for k, n in unknown.most_common(40)))
    if len(unknown) > 40:
        print(
            f"  ... and {len(unknown) - 40} more, each named by {unknown.most_common(41)[-1][1]} "
            "postings or fewer"
        )


if __name__ == "__main__":
    main()
