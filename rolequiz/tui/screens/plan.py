"""The learning plan for one role: its gaps in steps, each with tip, resources, market note."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from rolequiz.domain.content import Level
from rolequiz.domain.market import Market, market_note
from rolequiz.domain.plan import Plan, PlanItem
from rolequiz.tui.widgets.gap_card import GapCard, GapNote, gap_notes
from rolequiz.tui.widgets.literal import literal, template


class PlanScreen(Screen[None]):
    """The plan's steps, scrolled with the arrows or page keys; esc goes back to the results."""

    DEFAULT_CSS = """
    PlanScreen {
        #plan-title {
            padding: 0 1;
        }
        #plan-body {
            height: 1fr;
            padding: 0 1;
        }
        .plan-step {
            margin-top: 1;
            text-style: bold;
            color: $text-accent;
        }
        #plan-unrated {
            margin-top: 1;
        }
    }
    """

    AUTO_FOCUS = "#plan-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "close", "Back", key_display="esc", tooltip="Back to the results"),
    ]

    def __init__(self, plan: Plan, levels: tuple[Level, ...], market: Market | None) -> None:
        super().__init__()
        self.plan = plan
        self.levels = levels
        self.market = market

    def compose(self) -> ComposeResult:
        plan = self.plan
        count = len(plan.items)
        yield Static(
            template(
                "[b]Learning plan for $role[/b] (your target role): $gaps in $steps",
                role=plan.role.name,
                gaps=f"{count} gap{_s(count)}",
                steps=f"{len(plan.steps)} step{_s(len(plan.steps))}",
            ),
            id="plan-title",
        )
        with VerticalScroll(id="plan-body"):
            if not count:
                yield Static(
                    literal("Every skill of this role you rated is at its target."),
                    id="plan-empty",
                )
            names = {item.gap.skill.id: item.gap.skill.name for item in plan.items}
            for index, step in enumerate(plan.steps, 1):
                yield Static(f"Step {index}", classes="plan-step")
                for item in step:
                    yield from self._item(item, names)
            if plan.unrated:
                shown = ", ".join(item.skill.name for item in plan.unrated)
                yield Static(
                    template(
                        "[b]Not rated yet[/b] (answer them in the quiz to plan them): $names",
                        names=shown,
                    ),
                    id="plan-unrated",
                )
        yield Footer()

    def _item(self, item: PlanItem, names: dict[str, str]) -> ComposeResult:
        yield GapCard(item.gap, self.levels)
        after = names[item.after] if item.after else None
        notes = gap_notes(after, market_note(self.market, item.gap.skill.id, self.plan.role.id))
        if notes:
            yield GapNote(notes)

    def action_close(self) -> None:
        self.dismiss(None)


def _s(count: int) -> str:
    return "" if count == 1 else "s"
