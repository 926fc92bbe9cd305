"""Derive the role profiles' weights and offsets from the 2023 job postings and the Kaggle 2022
survey together, and write profiles/*.toml for a person to review.

Usage: python bench/fit_profiles.py [--content DIR] [--check] [--folds N]

The scoring rule is rolequiz/domain/scoring.py's fit' plus the role's offset: per role, the
weighted mean of met skills over the rated ones (focus left out: it needs the profiles). This
script finds, for the skills the data sees, the weights and offsets under which that rule best
names the role of the people and postings (softmax
cross-entropy over the roles, each file counted equally and, within a file, each role counted
equally), with weights bounded to 0-20 (L-BFGS-B) and pulled towards 0 by an L2 penalty, its
strength chosen by cross-validation over both files. The weights are then scaled to whole
numbers 1-20 (20 for the role's strongest skill; one rounding to 0 is left out).

- Data Engineer, Data Analyst, Data Scientist, ML Engineer and MLOps Engineer are fitted. The
  survey merges ML Engineer and MLOps, so a surveyed ML engineer counts as a hit for either;
  MLOps postings (73 of them) are the MLOps profile's own evidence.
- The hybrids are written from their halves (bench/write_profiles.py, HYBRIDS): a skill
  weighs for the Data Science Engineer (no file names it) the lower of its Data Scientist and
  Data Engineer weights, for MLOps the lower of its ML Engineer and Data Engineer weights, except
  the infrastructure tools MLOps postings name far more than any other role's; their offsets
  are judgement, below both halves'.
- Skills neither file asks about are judgement: the writer keeps their entries as the profiles
  hold them (bench/write_profiles.py), so running this twice writes the same files.

--check prints the cross-validated figures only (no files written). Needs numpy and scipy
(`pip install -e '.[bench]'`); deterministic. Slow: folds x penalties + 1 fits (16 by default),
each about 7 minutes on 2 busy cores; `--folds 3 --penalties 0.001` is the quick
check (4), `--folds 0 --penalties 0.001` rewrites the profiles from one fit.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kaggle import read_respondents
from postings import read_postings

from rolequiz.domain.content import Bank, content_dir, load_bank

FITTED = ["data_engineer", "data_analyst", "data_scientist", "ml_engineer", "mlops_engineer"]
CLASSES = FITTED[:4]  # the four roles a recommendation is checked against
AS_CLASS = [0, 1, 2, 3, 3]  # MLOps counts as ML Engineer
LAMBDAS = (0.0003, 0.001, 0.003)
SCALE = 20  # the strongest fitted skill of a role weighs this much
NAMES = {
    "data_engineer": "Data Engineer",
    "data_analyst": "Data Analyst",
    "data_scientist": "Data Scientist",
    "ml_engineer": "ML Engineer",
    "mlops_engineer": "MLOps Engineer",
}
PLURAL = {
    "data_engineer": "data engineers",
    "data_analyst": "data analysts",
    "data_scientist": "data scientists",
    "ml_engineer": "ML and MLOps engineers",
}


@dataclass
class Data:
    """Ratings as matrices over the skills the data sees: met (0/1) and rated (0/1)."""

    met: np.ndarray  # n x skills
    rated: np.ndarray  # n x skills
    labels: np.ndarray  # n x roles, 1 where the role counts as right
    truth: np.ndarray  # n: index into CLASSES
    weight: np.ndarray  # n: each file sums to 1, each class within it equally


def build(skills: Sequence[str], people: Sequence[tuple[list[int], dict[str, int]]]) -> Data:
    index = {s: i for i, s in enumerate(skills)}
    n = len(people)
    met = np.zeros((n, len(skills)))
    rated = np.zeros((n, len(skills)))
    labels = np.zeros((n, len(FITTED)))
    for row, (hits, ratings) in enumerate(people):
        labels[row, hits] = 1
        for skill, level in ratings.items():
            if skill in index:
                rated[row, index[skill]] = 1
                met[row, index[skill]] = 1.0 if level >= 3 else level / 3
    truth = np.array([AS_CLASS[hits[0]] for hits, _ in people])
    counts = np.bincount(truth, minlength=len(CLASSES))
    weight = 1.0 / (len(CLASSES) * counts[truth])
    return Data(met, rated, labels, truth, weight)


def people_of(bank: Bank) -> tuple[list[tuple[list[int], dict[str, int]]], ...]:
    role = {r: i for i, r in enumerate(FITTED)}
    postings = [
        ([role["mlops_engineer" if p.title == "MLOps Engineer" else p.role_id]], p.ratings)
        for p in read_postings(bank)
    ]
    survey = [
        (
            [role[r.role_id]] + ([role["mlops_engineer"]] if r.role_id == "ml_engineer" else []),
            r.ratings,
        )
        for r in read_respondents()
        if r.role_id is not None
    ]
    return postings, survey


def scores(w: np.ndarray, offset: np.ndarray, data: Data) -> np.ndarray:
    """The scoring rule: weighted mean of met over rated, plus the offset (0 where none rated)."""
    num = data.met @ w.T
    den = data.rated @ w.T
    return np.where(den > 0, num / np.maximum(den, 1e-12), 0.0) + offset


def fit(data: Data, lam: float, iterations: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    """Weights (roles x skills, each 0-20) and offsets minimising the weighted cross-entropy
    plus lam * sum((w / 20)^2)."""
    data = dedupe(data)
    k, m = len(FITTED), data.met.shape[1]

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w = params[: k * m].reshape(k, m)
        offset, log_tau = params[k * m : k * m + k], params[-1]
        tau = math.exp(log_tau)
        num, den = data.met @ w.T, data.rated @ w.T
        safe = np.maximum(den, 1e-9)
        mean = np.where(den > 1e-9, num / safe, 0.0)
        logits = tau * (mean + offset)
        logits -= logits.max(axis=1, keepdims=True)
        every = np.log(np.exp(logits).sum(axis=1))
        right_logits = np.where(data.labels > 0, logits, -np.inf)
        top = right_logits.max(axis=1, keepdims=True)
        right = np.log(np.exp(right_logits - top).sum(axis=1)) + top[:, 0]
        value = (data.weight * (every - right)).sum() + lam * ((w / SCALE) ** 2).sum()
        p = np.exp(logits - every[:, None])
        q = np.exp(right_logits - right[:, None])
        g_logit = data.weight[:, None] * (p - q)  # n x k
        g_mean = tau * g_logit
        g_den = np.where(den > 1e-9, g_mean / safe, 0.0)
        g_w = g_den.T @ data.met - (g_den * mean).T @ data.rated + 2 * lam * w / SCALE**2
        g_offset = g_mean.sum(axis=0)
        g_tau = (g_logit * (mean + offset)).sum() * tau
        return value, np.concatenate([g_w.ravel(), g_offset, [g_tau]])

    params = np.concatenate([np.full(k * m, SCALE / 2), np.zeros(k), [math.log(10)]])
    bounds = [(0.0, float(SCALE))] * (k * m) + [(None, None)] * (k + 1)
    result = minimize(
        loss,
        params,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": iterations},
    )
    w = result.x[: k * m].reshape(k, m)
    return w, result.x[k * m : k * m + k]


def dedupe(data: Data) -> Data:
    """Identical rows (many postings name the same keywords) as one row of their summed weight."""
    key = np.hstack([data.met, data.rated, data.labels, data.truth[:, None]])
    unique, inverse = np.unique(key, axis=0, return_inverse=True)
    weight = np.bincount(inverse.ravel(), weights=data.weight)
    m, k = data.met.shape[1], data.labels.shape[1]
    return Data(
        unique[:, :m],
        unique[:, m : 2 * m],
        unique[:, 2 * m : 2 * m + k],
        unique[:, -1].astype(int),
        weight,
    )


def whole(w: np.ndarray) -> np.ndarray:
    return np.round(SCALE * w / w.max(axis=1, keepdims=True))


def balanced(w: np.ndarray, offset: np.ndarray, data: Data) -> tuple[float, np.ndarray]:
    predicted = np.array(AS_CLASS)[scores(w, offset, data).argmax(axis=1)]
    recalls = np.array([(predicted[data.truth == c] == c).mean() for c in range(len(CLASSES))])
    return float(recalls.mean()), recalls


def subset(data: Data, rows: np.ndarray) -> Data:
    truth = data.truth[rows]
    counts = np.bincount(truth, minlength=len(CLASSES))
    weight = 1.0 / (len(CLASSES) * counts[truth])
    return Data(data.met[rows], data.rated[rows], data.labels[rows], truth, weight)


def both(a: Data, b: Data) -> Data:
    """The two files as one set, each summing to weight 1."""
    return Data(
        np.vstack([a.met, b.met]),
        np.vstack([a.rated, b.rated]),
        np.vstack([a.labels, b.labels]),
        np.concatenate([a.truth, b.truth]),
        np.concatenate([a.weight, b.weight]),
    )


def folds(data: Data, count: int, seed: int) -> list[np.ndarray]:
    """Stratified folds: each role's rows dealt round-robin after a seeded shuffle."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(count)]
    for c in range(len(CLASSES)):
        rows = np.flatnonzero(data.truth == c)
        rng.shuffle(rows)
        for i, row in enumerate(rows):
            out[i % count].append(int(row))
    return [np.array(sorted(f)) for f in out]


def cross_validate(
    postings: Data, survey: Data, count: int, lambdas: Sequence[float]
) -> dict[float, list[float]]:
    """Held-out balanced accuracy (postings, survey) per penalty, rounded weights, mean over
    `count` folds of each file."""
    p_folds, s_folds = folds(postings, count, 1), folds(survey, count, 2)
    figures: dict[float, list[float]] = {}
    for lam in lambdas:
        totals = np.zeros(2)
        for i in range(count):
            p_train = np.concatenate([f for j, f in enumerate(p_folds) if j != i])
            s_train = np.concatenate([f for j, f in enumerate(s_folds) if j != i])
            w, offset = fit(both(subset(postings, p_train), subset(survey, s_train)), lam)
            totals += [
                balanced(whole(w), offset, subset(postings, p_folds[i]))[0],
                balanced(whole(w), offset, subset(survey, s_folds[i]))[0],
            ]
        figures[lam] = list(totals / count)
        print(
            f"  penalty {lam:<6} held-out balanced accuracy: postings {figures[lam][0]:.3f}"
            f"  survey {figures[lam][1]:.3f}",
            flush=True,
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped one)")
    parser.add_argument("--check", action="store_true", help="print figures, write nothing")
    parser.add_argument(
        "--folds", type=int, default=5, help="0: no cross-validation, fit the first penalty"
    )
    parser.add_argument(
        "--penalties",
        help="comma-separated penalties to cross-validate (default: %(default)s)",
        default=",".join(map(str, LAMBDAS)),
    )
    args = parser.parse_args()
    root = content_dir(args.content)
    bank = load_bank(root)
    posting_people, survey_people = people_of(bank)
    seen = sorted({s for _, ratings in (*posting_people, *survey_people) for s in ratings})
    seen = [s.id for s in bank.skills if s.id in seen]  # quiz order
    postings, survey = build(seen, posting_people), build(seen, survey_people)

    lambdas = [float(x) for x in args.penalties.split(",")]
    if args.folds:
        print(f"{len(seen)} skills seen by the data; {args.folds}-fold cross-validation:")
        figures = cross_validate(postings, survey, args.folds, lambdas)
        lam = max(lambdas, key=lambda x: (sum(figures[x]), x))
        print(f"chosen penalty {lam}")
    else:
        lam = lambdas[0]
        print(f"{len(seen)} skills seen by the data; no cross-validation, penalty {lam}")
    w, offset = fit(both(postings, survey), lam)
    ints = whole(w)
    for name, data in (("postings", postings), ("survey", survey)):
        value, recalls = balanced(ints, offset, data)
        print(
            f"  all data, whole weights: {name} {value:.3f}  recalls "
            + " ".join(f"{r:.2f}" for r in recalls)
        )
    if args.check:
        return
    from write_profiles import write_profiles

    write_profiles(root, bank, seen, ints, offset, posting_people, survey_people)


if __name__ == "__main__":
    main()
