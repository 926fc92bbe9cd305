"""The answer counts in words, the same on every screen: each counted once, so they add up."""

from __future__ import annotations

from rolequiz.domain.quiz import Counts


def answer_counts(counts: Counts) -> str:
    """`46 rated, 1 not sure, 69 still to answer, of 116`: rated, skipped ("not sure"), not
    applicable and still to answer add up to the total; a part that is 0 is left out, but rated."""
    parts = [f"{counts.rated} rated"]
    if counts.skipped:
        parts.append(f"{counts.skipped} not sure")
    if counts.not_applicable:
        parts.append(f"{counts.not_applicable} not applicable")
    if counts.pending:
        parts.append(f"{counts.pending} still to answer")
    return ", ".join(parts) + f", of {counts.total}"
