"""The roles ranked on the answers so far, why the top one leads, and the gap list for any role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from rolequiz.domain.content import Role
from rolequiz.domain.gaps import Contribution, Gap, Unrated, explain, gap_list, unrated_list
from rolequiz.domain.market import Market, market_note
from rolequiz.domain.scoring import FIGURES, RoleFit, percent
from rolequiz.domain.session import QuizSession
from rolequiz.text import printable
from rolequiz.tui.widgets.answer_counts import answer_counts
from rolequiz.tui.widgets.gap_card import GapCard, GapNote, gap_notes
from rolequiz.tui.widgets.literal import literal, template
from rolequiz.tui.widgets.match_bar import match_bar

EXPLAIN_SHOWN = 4
UNRATED_SHOWN = 8

# Under the ranking: what each figure means, one line at 80 columns.
RESULTS_LEGEND = " · ".join(f"[b]{name}[/b]: {meaning}" for name, meaning in FIGURES)

RESULTS_HELP = (
    "[b]Match[/b] (the bar) ranks the roles: how close your answers are to the role's profile, "
    "on the skills you have answered. It asks both ways: of what the role needs, how much you "
    "have, and of what you bring, how much the role uses. Must-haves you have not answered "
    "hold a role back a little until you do.\n\n"
    "[b]Ready[/b]: the share of the role's skill targets you already meet, every skill of the "
    "role counted, answered or not. It only grows as you answer, so it does not rank the roles: "
    "a role can match you well while you are not yet ready for it.\n\n"
    "[b]Rated[/b]: how many of the role's skills you have rated. Not sure (a skipped skill) and "
    "not applicable (below a skill you rated 0) count in neither figure: neither is taken as 0."
    "\n\nBelow the ranking: why the top role leads, then the gaps of the role under the "
    "cursor, most important first, each with its next step and where to learn (tab to a gap, "
    "c copies its link)."
)
"""The results screen's own help, shown above the keys when `?` is pressed there."""

# The role's skills with no level, by their state, in this order.
UNRATED_GROUPS = (
    ("skipped", "Not sure"),
    ("unanswered", "Still to answer"),
    ("not_applicable", "Not applicable"),
)

# Columns of the ranking, left to right; `_columns_for` drops those a width cannot hold.
COLUMNS = ("rank", "role", "match", "ready", "rated")
COLUMN_TITLES = {"rank": "#", "role": "Role", "match": "Match", "ready": "Ready", "rated": "Rated"}


def _columns_for(width: int) -> tuple[str, ...]:
    """The columns at a screen `width`: all where the table has the width to itself (80-99
    columns) or shares 120 and more with the gap list; without "rated" elsewhere."""
    if 80 <= width < 100 or width >= 120:
        return COLUMNS
    return COLUMNS[:-1]


_PICK_ROLE = Binding.Group("Role", compact=True)
# One footer entry ("pha Views") for plan, history and job ad, so the footer fits 60 columns.
_BEYOND = Binding.Group("Views", compact=True)


class ResultsScreen(Screen[None]):
    """Up/down (or a click) picks a role and shows its gap list; `e` exports its report.

    Below 100 columns the ranking sits above the gap list; from 100 they sit side by side, the
    ranking in a column as wide as its table (`_columns_for`: "rated" from 120 columns)."""

    AUTO_FOCUS = "#roles"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (the base class types it as an instance variable)
        (0, "-narrow"),
        (80, "-normal"),
        (100, "-wide"),
        (120, "-wider"),
    ]

    DEFAULT_CSS = """
    ResultsScreen {
        #results-main {
            height: 1fr;
        }
        #results-ranking {
            height: auto;
        }
        #results-target {
            padding: 0 1;
        }
        #results-legend {
            padding: 0 1;
            color: $text-muted;
        }
        #why-beside {
            display: none;
            padding: 0 1;
            margin-top: 1;
        }
        &.-wide, &.-wider {
            #results-main {
                layout: horizontal;
            }
            #results-ranking {
                width: 55;
                height: 1fr;
            }
            #why-beside {
                display: block;
            }
            #why {
                display: none;
            }
        }
        &.-wider #results-ranking {
            width: 64;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,r", "close", "Back", key_display="esc", tooltip="Back to the questions"),
        # Ahead of the focused widget, so the keys pick a role wherever the focus is (a click
        # on the gap list), and the footer shows them.
        Binding(
            "up,k",
            "pick_role(-1)",
            "Previous role",
            key_display="↑",
            priority=True,
            group=_PICK_ROLE,
            tooltip="Show the gaps of the role above",
        ),
        Binding(
            "down,j",
            "pick_role(1)",
            "Next role",
            key_display="↓",
            priority=True,
            group=_PICK_ROLE,
            tooltip="Show the gaps of the role below",
        ),
        Binding("e", "export", "Export", tooltip="Write the gap report for the highlighted role"),
        # Not `f`: on the question screen next to this one, `f` goes forward.
        Binding(
            "F",
            "app.full_quiz",
            "Full quiz",
            tooltip="Leave quick mode: the questions left, in quiz order; answers are kept",
        ),
        Binding(
            "c",
            "copy_link",
            "Copy link",
            show=False,
            tooltip="Copy the link of the gap in focus (tab to a gap), or of the first gap",
        ),
        Binding(
            "p",
            "plan",
            "Plan",
            group=_BEYOND,
            tooltip="The learning plan for the highlighted role, kept as your target role",
        ),
        Binding(
            "h",
            "history",
            "History",
            group=_BEYOND,
            tooltip="Each role's readiness in an earlier snapshot and now, and its trend",
        ),
        Binding(
            "a",
            "job_ad",
            "Job ad",
            group=_BEYOND,
            tooltip="Read a job ad: its skills, the role it reads as, your gaps for it",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            tooltip="What match and ready mean, and every key",
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

    def __init__(self, session: QuizSession, market: Market | None = None) -> None:
        """`market`: the content's market figures (loaded once by the app), shown under each
        gap; None shows none."""
        super().__init__()
        self.session = session
        self.market = market
        self.ranked = session.ranked()
        self.selected: Role = self.ranked[0].role
        self._columns: tuple[str, ...] = ()

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
                "[b $text-warning]Provisional[/]: $counts. Esc goes back to the questions.",
                counts=answer_counts(counts),
            )
        else:
            basis = template("Every skill answered: $counts.", counts=answer_counts(counts))
        yield Static(basis, id="results-basis")
        quick = self._quick_line()
        if quick is not None:
            yield Static(quick, id="results-quick")
        yield Static(self._target_line(), id="results-target")
        with Vertical(id="results-main"):
            with Vertical(id="results-ranking"):
                table: DataTable[Text] = DataTable(
                    id="roles", cursor_type="row", zebra_stripes=False, show_cursor=True
                )
                yield table
                yield Static(Content.from_markup(RESULTS_LEGEND), id="results-legend")
                yield Static(id="why-beside")
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
                "[b]Quick mode[/b]: not likely yet after $count. Esc asks more, F takes the "
                "full quiz.",
                count=_questions(answered),
            )
        after = _questions(session.reached_after(assessment.certainty) or answered)
        if assessment.certainty == "likely":
            return template(
                "[b $text-success]Quick mode: likely[/] after $count. Esc asks more, F takes "
                "the full quiz.",
                count=after,
            )
        return template(
            "[b $text-success]Quick mode: settled[/] after $count: no answer to the $left "
            "left can change the top role. F takes the full quiz.",
            count=after,
            left=str(assessment.pending),
        )

    def _target_line(self) -> Content:
        """How ready the person is for the target role they keep, or nothing without one."""
        kept = self.session.progress.target_role
        fit = next((fit for fit in self.ranked if fit.role.id == kept), None)
        if fit is None:
            return Content()
        return template(
            "[b]Target: $role[/b] · ready $ready",
            role=fit.role.name,
            ready=percent(fit.readiness),
        )

    def on_mount(self) -> None:
        self.query_one("#results-target", Static).display = bool(self._target_line())
        why = self._why()
        self.query_one("#why", Static).update(why)
        self.query_one("#why-beside", Static).update(why)
        self._show_role(self.selected)

    def on_resize(self, event: events.Resize) -> None:
        # From the event's width: Textual calls this before Screen's own handler sets the
        # breakpoint class for the new size.
        columns = _columns_for(event.size.width)
        if columns != self._columns:
            self._fill_table(columns)

    def _fill_table(self, columns: tuple[str, ...]) -> None:
        """The ranking with `columns`, the cursor kept on the role it was on."""
        self._columns = columns
        table = self.query_one("#roles", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for key in columns:
            table.add_column(Text(COLUMN_TITLES[key]), key=key)
        for rank, fit in enumerate(self.ranked, start=1):
            cells = self._cells(rank, fit)
            table.add_row(*(cells[key] for key in columns), key=fit.role.id)
        table.move_cursor(row=row, animate=False)

    def _cells(self, rank: int, fit: RoleFit) -> dict[str, Text]:
        top = "bold" if rank == 1 else ""
        return {
            "rank": Text(str(rank), style=top),
            "role": Text(printable(fit.role.name), style=top),
            "match": Text(match_bar(fit.closeness)),
            "ready": Text(percent(fit.readiness), justify="right"),
            "rated": Text(f"{fit.rated} of {fit.total}"),
        }

    def _why(self) -> Content:
        session = self.session
        if session.counts().rated == 0:
            return literal("Answer a few questions to see what carries each role.")
        why = explain(session.bank, self.ranked, session.progress.ratings)
        lines = [
            Content.assemble(
                ("Why ", "bold"), (printable(why.top_role.name), "bold"), (" leads: ", "bold")
            )
            + _contributions(why.strengths, "no rated skill sets it apart yet")
        ]
        if why.runner_up is not None:
            lines.append(
                Content.assemble(
                    ("What holds back ", "bold"),
                    (printable(why.runner_up.name), "bold"),
                    (": ", "bold"),
                )
                + _contributions(why.holdbacks, "nothing it needs more is rated below target")
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
            cards.mount_all(self._gap_widgets(gaps, role))
        unrated = unrated_list(bank, role, session.progress)
        unrated_text = self.query_one("#unrated", Static)
        unrated_text.update(self._unrated(unrated))
        unrated_text.display = bool(unrated)
        self.query_one("#results-detail", VerticalScroll).scroll_home(animate=False)

    def _gap_widgets(self, gaps: list[Gap], role: Role) -> Iterator[GapCard | GapNote]:
        """Each gap's card, then its market line when there is something honest to say."""
        levels = self.session.bank.levels
        for gap in gaps:
            yield GapCard(gap, levels)
            notes = gap_notes(None, market_note(self.market, gap.skill.id, role.id))
            if notes:
                yield GapNote(notes)

    def _unrated(self, unrated: list[Unrated]) -> Content:
        """The role's skills with no level, by why: not sure, still to answer, not applicable."""
        groups: dict[str, list[str]] = {"skipped": [], "unanswered": [], "not_applicable": []}
        for item in unrated:
            state = self.session.state(item.skill.id)
            if state in groups:
                groups[state].append(printable(item.skill.name))
        lines = [
            template(
                "[b]$what ($count)[/b]: $names$more",
                what=what,
                count=str(len(groups[state])),
                names=", ".join(groups[state][:UNRATED_SHOWN]),
                more=f" and {len(groups[state]) - UNRATED_SHOWN} more"
                if len(groups[state]) > UNRATED_SHOWN
                else "",
            )
            for state, what in UNRATED_GROUPS
            if groups[state]
        ]
        return Content("\n").join(lines)

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

    def action_copy_link(self) -> None:
        focused = self.focused
        cards = list(self.query(GapCard))
        card = focused if isinstance(focused, GapCard) else next(iter(cards), None)
        link = card.link if card is not None else None
        if link is None:
            self.notify("No link to copy: this role has no gaps.", timeout=3)
            return
        self.app.copy_to_clipboard(link)
        self.notify(f"Copied {link}", markup=False, timeout=3)

    def action_plan(self) -> None:
        from rolequiz.domain.plan import learning_plan
        from rolequiz.tui.screens.plan import PlanScreen

        session = self.session
        session.set_target_role(self.selected.id)
        target = self.query_one("#results-target", Static)
        target.update(self._target_line())
        target.display = True
        plan = learning_plan(session.bank, self.selected, session.progress)
        self.app.push_screen(PlanScreen(plan, session.bank.levels, self.market))

    def action_history(self) -> None:
        from rolequiz.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.session, self.selected))

    def action_job_ad(self) -> None:
        from rolequiz.tui.screens.job_ad import JobAdScreen

        session = self.session
        self.app.push_screen(JobAdScreen(session.bank, session.progress.ratings, self.market))

    def action_help(self) -> None:
        # Imported here: the app imports this screen.
        from rolequiz.tui.app import RolequizApp
        from rolequiz.tui.screens.help import HelpScreen

        app = self.app
        sections = app.help_sections() if isinstance(app, RolequizApp) else []
        self.app.push_screen(HelpScreen(sections, intro=RESULTS_HELP))

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
