"""One skill to learn for a role: priority, current → target, the next step and where to learn;
the muted line that may follow it (the skill to learn first, the market figure)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from rolequiz.domain.content import Level
from rolequiz.domain.gaps import Gap
from rolequiz.text import printable
from rolequiz.tui.widgets.literal import literal
from rolequiz.tui.widgets.resource_link import ResourceLink

PRIORITY_STYLE = {"high": "bold $text-error", "medium": "bold $text-warning", "low": "$text-muted"}


def gap_content(gap: Gap, levels: tuple[Level, ...]) -> Content:
    """The card's text: its heading line and the tip (the resources follow as links)."""
    skill = gap.skill
    parts: list[str | Content | tuple[str, str]] = [
        (printable(skill.name), "bold"),
        (
            f"  {gap.current} {printable(levels[gap.current].label)} → {gap.target} "
            f"{printable(levels[gap.target].label)}",
            "",
        ),
    ]
    if gap.must:
        parts.append(("  must-have", "italic"))
    parts.append(("\n" + printable(skill.tip), ""))
    return Content.assemble(*parts)


class GapCard(Horizontal, can_focus=True):
    """A gap as a hanging block: the priority on the left, the rest beside it, each resource's
    title then its address on a line of its own. Focusable (tab, a click), so `c` on the
    results copies the link of the gap in focus."""

    DEFAULT_CSS = """
    GapCard {
        height: auto;
        margin-top: 1;

        &:focus {
            background: $boost;
            .gap-priority {
                text-style: reverse;
            }
        }
        .gap-priority {
            width: 8;
        }
        .gap-body {
            width: 1fr;
            height: auto;
        }
        .gap-resource {
            color: $text-muted;
        }
    }
    """

    def __init__(self, gap: Gap, levels: tuple[Level, ...]) -> None:
        super().__init__(classes=f"gap-card -{gap.priority}")
        self.gap = gap
        self.levels = levels

    @property
    def link(self) -> str | None:
        """The address of the gap's first resource, if it has one."""
        resources = self.gap.skill.resources
        return printable(resources[0].url) if resources else None

    def compose(self) -> ComposeResult:
        yield Label(
            Content.assemble((self.gap.priority.upper(), PRIORITY_STYLE[self.gap.priority])),
            classes="gap-priority",
        )
        with Vertical(classes="gap-body"):
            yield Static(gap_content(self.gap, self.levels), classes="gap-text")
            for resource in self.gap.skill.resources:
                yield Static(Content("• " + printable(resource.title)), classes="gap-resource")
                yield ResourceLink(resource.url)


def gap_notes(item_after: str | None, note: str) -> str:
    """The line under a gap card: the skill to learn first, the market figure; "" for none."""
    parts = []
    if item_after:
        parts.append(f"after {item_after}")
    if note:
        parts.append(f"market: {note}")
    return " · ".join(parts)


class GapNote(Static):
    """The muted line under a gap card (`gap_notes`), shown as typed, lined up with its text."""

    DEFAULT_CSS = """
    GapNote {
        padding-left: 8;
        color: $text-muted;
    }
    """

    def __init__(self, notes: str) -> None:
        super().__init__(literal(notes), classes="gap-note")
