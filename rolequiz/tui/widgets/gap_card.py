"""One skill to learn for a role: priority, current → target, the next step and where to learn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, Static

from rolequiz.domain.content import Level
from rolequiz.domain.gaps import Gap
from rolequiz.text import printable

PRIORITY_STYLE = {"high": "bold $text-error", "medium": "bold $text-warning", "low": "$text-muted"}


def gap_content(gap: Gap, levels: tuple[Level, ...]) -> Content:
    """The card's text: its heading line, the tip, then the resources, one per line."""
    skill = gap.skill
    parts: list[str | Content | tuple[str, str]] = [
        (printable(skill.name), "bold"),
        (
            f"  {gap.current} {levels[gap.current].label} → {gap.target} "
            f"{levels[gap.target].label}",
            "",
        ),
    ]
    if gap.must:
        parts.append(("  must-have", "italic"))
    parts.append(("\n" + printable(skill.tip), ""))
    for resource in skill.resources:
        parts.append(("\n• " + printable(resource.title) + ": ", "$text-muted"))
        parts.append((printable(resource.url), "underline"))
    return Content.assemble(*parts)


class GapCard(Horizontal):
    """A gap as a hanging block: the priority on the left, the rest beside it."""

    DEFAULT_CSS = """
    GapCard {
        height: auto;
        margin-top: 1;

        .gap-priority {
            width: 8;
        }
        .gap-body {
            width: 1fr;
        }
    }
    """

    def __init__(self, gap: Gap, levels: tuple[Level, ...]) -> None:
        super().__init__(classes=f"gap-card -{gap.priority}")
        self.gap = gap
        self.levels = levels

    def compose(self) -> ComposeResult:
        yield Label(
            Content.assemble((self.gap.priority.upper(), PRIORITY_STYLE[self.gap.priority])),
            classes="gap-priority",
        )
        yield Static(gap_content(self.gap, self.levels), classes="gap-body")
