"""A role's match as a bar of eighths of a cell and a percentage: `██████▊░░░  68%`."""

from __future__ import annotations

from rolequiz.domain.scoring import percent

BAR_WIDTH = 10
EIGHTHS = " ▏▎▍▌▋▊▉"


def match_bar(share: float, width: int = BAR_WIDTH) -> str:
    """`██████▊░░░  68%`: a share (a role's match) in eighths of a cell, then in percent."""
    share = max(0.0, min(share, 1.0))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[part] if part else "")
    return bar + "░" * (width - len(bar)) + f" {percent(share):>4}"
