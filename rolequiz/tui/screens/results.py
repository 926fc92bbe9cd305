"""The roles ranked on the answers so far, why the top one leads, and the gap list for any role."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from rolequiz.domain.content import Role
from rolequiz.domain.gaps import Contribution, explain, gap_list, unrated_list
from rolequiz.domain.scoring import RoleFit
from rolequiz.domain.session import QuizSession
from rolequiz.text import printable
from rolequiz.tui.widgets.gap_card import GapCard
from rolequiz.tui.widgets.literal import literal, template

BAR_WIDTH = 10
EXPLAIN_SHOWN = 4
UNRATED_SHOWN = 8


EIGHTHS = " ▏▎▍▌▋▊▉"


def readiness_bar(readiness: float, width: int = BAR_WIDTH) -> str:
    """`██████▊░░░  68%`: the share of the role's targets already met, in eighths of a cell."""
    share = max(0.0, min(readiness, 1.0))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[part] if part else "")
    return bar + "░" * (width - len(bar)) + f" {round(share * 100):>3}%"


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


_PICK_ROLE = Binding.Group("Role", compact=True)


class ResultsScreen(Screen[None]):
    """Up/down (or a click) picks a role and shows its gap list; `e` exports its report."""

    AUTO_FOCUS = "#roles"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,r", "close", "Back", key_display="esc", tooltip="Back to the questions"),
        # Ahead of the focused widget, so the keys pick a role wherever the focus is (a click
        # on the gap list), and the footer shows them.
        Binding(
            "up",
            "pick_role(-1)",
            "Previous role",
            key_display="↑",
            priority=True,
            group=_PICK_ROLE,
            tooltip="Show the gaps of the role above",
        ),
        Binding(
            "down",
            "pick_role(1)",
            "Next role",
            key_display="↓",
            priority=True,
            group=_PICK_ROLE,
            tooltip="Show the gaps of the role below",
        ),
        Binding("e", "export", "Export", tooltip="Write the gap report for the highlighted role"),
        Binding(
            "f",
            "app.full_quiz",
            "Full quiz",
            tooltip="Leave quick mode: the questions left, in quiz order; answers are kept",
        ),
        Binding(
            "pagedown,space",
            "scroll_gaps(1)",
            "Scroll down",
            show=False,
            priority=True,
            tooltip="Scroll the gap list down a page",
        ),
        Binding(
            "pageup",
            "scroll_gaps(-1)",
            "Scroll up",
            show=False,
            priority=True,
            tooltip="Scroll the gap list up a page",
        ),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.ranked = session.ranked()
        self.selected: Role = self.ranked[0].role

    def compose(self) -> ComposeResult:
        session = self.session
        counts = session.counts()
        top = self.ranked[0].role
        provisional = counts.pending > 0
        yield Static(
            template(
                "[b]Closest role$so_far: $role[/b]",
                so_far=" so far" if provisional else "",
                role=top.name,
            ),
            id="results-title",
        )
        if provisional:
            basis = template(
                "[b $text-warning]Provisional[/]: based on $rated of $total answers; "
                "$pending still to answer. Esc goes back to the questions.",
                rated=str(counts.rated),
                total=str(counts.total),
                pending=str(counts.pending),
            )
        else:
            basis = template(
                "Based on $rated of $total answers ($skipped not sure, $na not applicable).",
                rated=str(counts.rated),
                total=str(counts.total),
                skipped=str(counts.skipped),
                na=str(counts.not_applicable),
            )
        yield Static(basis, id="results-basis")
        quick = self._quick_line()
        if quick is not None:
            yield Static(quick, id="results-quick")
        table: DataTable[Text] = DataTable(
            id="roles", cursor_type="row", zebra_stripes=False, show_cursor=True
        )
        yield table
        with VerticalScroll(id="results-detail"):
            yield Static(id="why")
            yield Static(id="gaps-title")
            yield Static(id="gaps-empty")
            yield Vertical(id="gap-cards")
            yield Static(id="unrated")
        yield Footer()

    def _quick_line(self) -> Content | None:
        """Which quick-mode level the answers reached, and after how many questions."""
        session = self.session
        assessment = session.assessment()
        if assessment is None:
            return None
        counts = session.counts()
        answered = counts.rated + counts.skipped
        if assessment.certainty == "open":
            return template(
                "[b]Quick mode[/b]: not likely yet after $count. Esc asks more, f takes the "
                "full quiz.",
                count=_questions(answered),
            )
        after = _questions(session.reached_after(assessment.certainty) or answered)
        if assessment.certainty == "likely":
            return template(
                "[b $text-success]Quick mode: likely[/] after $count. Esc asks more, f takes "
                "the full quiz.",
                count=after,
            )
        return template(
            "[b $text-success]Quick mode: settled[/] after $count: no answer to the $left "
            "left can change the top role. F takes the full quiz.",
            count=after,
            left=str(assessment.pending),
        )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("#"), key="rank")
        table.add_column(Text("Role"), key="role")
        table.add_column(Text("Readiness"), key="readiness")
        table.add_column(Text("Closeness"), key="closeness")
        table.add_column(Text("Based on"), key="based")
        for rank, fit in enumerate(self.ranked, start=1):
            table.add_row(*self._row(rank, fit), key=fit.role.id)
        self.query_one("#why", Static).update(self._why())
        self._show_role(self.selected)

    def _row(self, rank: int, fit: RoleFit) -> list[Text]:
        return [
            Text(str(rank), style="bold" if rank == 1 else ""),
            Text(printable(fit.role.name), style="bold" if rank == 1 else ""),
            Text(readiness_bar(fit.readiness)),
            Text(_percent(fit.closeness), justify="right"),
            Text(f"{fit.rated} of {fit.total} skills"),
        ]

    def _why(self) -> Content:
        session = self.session
        if session.counts().rated == 0:
            return literal("Answer a few questions to see what carries each role.")
        why = explain(session.bank, self.ranked, session.progress.ratings)
        lines = [
            Content.assemble(
                ("Why ", "bold"), (printable(why.top_role.name), "bold"), (" leads: ", "bold")
            )
            + _contributions(why.strengths, "no skill rated above 0 yet")
        ]
        if why.runner_up is not None:
            lines.append(
                Content.assemble(
                    ("What holds back ", "bold"),
                    (printable(why.runner_up.name), "bold"),
                    (": ", "bold"),
                )
                + _contributions(why.holdbacks, "nothing answered is below its target")
            )
        return Content("\n").join(lines)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        role_id = event.row_key.value
        if role_id is None:
            return
        role = self.session.bank.role_by_id[role_id]
        if role is not self.selected:
            self._show_role(role)

    def _show_role(self, role: Role) -> None:
        self.selected = role
        session = self.session
        bank = session.bank
        gaps = gap_list(bank, role, session.progress.ratings)
        recommended = role is self.ranked[0].role
        self.query_one("#gaps-title", Static).update(
            template(
                "[b]Gaps for $role[/b]$tag: $count skill$s below target$order",
                role=role.name,
                tag=" (recommended)" if recommended else "",
                count=str(len(gaps)),
                s="" if len(gaps) == 1 else "s",
                order=", most important first" if len(gaps) > 1 else "",
            )
        )
        empty = self.query_one("#gaps-empty", Static)
        empty.update(
            literal(
                "No gaps among your answers: every skill you rated meets this role's target."
                if session.counts().rated
                else "No answers yet: rate some skills to see what to learn."
            )
        )
        empty.display = not gaps
        cards = self.query_one("#gap-cards", Vertical)
        with self.app.batch_update():
            cards.remove_children()
            cards.mount_all(GapCard(gap, bank.levels) for gap in gaps)
        unrated = unrated_list(bank, role, session.progress)
        unrated_text = self.query_one("#unrated", Static)
        if unrated:
            names = ", ".join(printable(item.skill.name) for item in unrated[:UNRATED_SHOWN])
            more = len(unrated) - UNRATED_SHOWN
            unrated_text.update(
                template(
                    "[b]Not answered yet for this role ($count)[/b]: $names$more",
                    count=str(len(unrated)),
                    names=names,
                    more=f" and {more} more" if more > 0 else "",
                )
            )
        unrated_text.display = bool(unrated)
        self.query_one("#results-detail", VerticalScroll).scroll_home(animate=False)

    def action_pick_role(self, step: int) -> None:
        table = self.query_one("#roles", DataTable)
        row = min(max(table.cursor_row + step, 0), table.row_count - 1)
        table.move_cursor(row=row)

    def action_scroll_gaps(self, pages: int) -> None:
        detail = self.query_one("#results-detail", VerticalScroll)
        if pages > 0:
            detail.scroll_page_down(animate=False)
        else:
            detail.scroll_page_up(animate=False)

    async def action_export(self) -> None:
        await self.run_action(f"app.export_report('{self.selected.id}')")

    def action_close(self) -> None:
        self.dismiss(None)


def _questions(count: int) -> str:
    return f"{count} question" if count == 1 else f"{count} questions"


def _contributions(items: tuple[Contribution, ...], nothing: str) -> Content:
    if not items:
        return Content(nothing)
    parts = [
        f"{printable(item.skill.name)} {item.level} (target {item.target})"
        for item in items[:EXPLAIN_SHOWN]
    ]
    return Content(" · ".join(parts))
