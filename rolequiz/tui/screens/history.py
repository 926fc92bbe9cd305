"""Earlier snapshots of the profile: each role's readiness then and now, and one role's trend."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from rolequiz.domain.compare import compare
from rolequiz.domain.content import Role
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import percent, points, rank_roles
from rolequiz.domain.session import QuizSession
from rolequiz.errors import RolequizError
from rolequiz.files.history import Snapshot, list_snapshots
from rolequiz.files.progress import load_progress
from rolequiz.text import printable
from rolequiz.tui.widgets.literal import literal, template

WHEN = "%Y-%m-%d %H:%M UTC"


class HistoryScreen(Screen[None]):
    """Up/down picks a snapshot (newest first); the table shows every role then and now."""

    DEFAULT_CSS = """
    HistoryScreen {
        #history-title, #history-trend-title, #history-skipped, #history-then {
            padding: 0 1;
        }
        #history-skipped {
            color: $text-warning;
        }
        #history-snapshots {
            height: auto;
            max-height: 6;
            margin: 0 1;
        }
        #history-trend {
            height: 2;
            margin: 0 1;
        }
        #history-body {
            height: 1fr;
        }
        #history-roles {
            height: auto;
            margin: 0 1;
        }
    }
    """

    AUTO_FOCUS = "#history-snapshots"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "close", "Back", key_display="esc", tooltip="Back to the results"),
    ]

    def __init__(self, session: QuizSession, role: Role) -> None:
        super().__init__()
        self.session = session
        self.role = role
        self.snapshots: list[tuple[Snapshot, Progress]] = []
        self.unreadable = 0
        for snapshot in reversed(list_snapshots(session.path)):
            try:
                self.snapshots.append((snapshot, load_progress(snapshot.path)))
            except RolequizError:
                self.unreadable += 1

    def compose(self) -> ComposeResult:
        count = len(self.snapshots)
        yield Static(
            template(
                "[b]History of $name[/b]: $count",
                name=self.session.path.name,
                count=f"{count} snapshot{'' if count == 1 else 's'}",
            ),
            id="history-title",
        )
        if self.unreadable:
            yield Static(
                literal(f"{self.unreadable} snapshot(s) could not be read and are left out."),
                id="history-skipped",
            )
        if not self.snapshots:
            yield Static(
                literal("No snapshots yet: an export or a start-over keeps one."),
                id="history-empty",
            )
            yield Footer()
            return
        yield Static(self._trend_title(), id="history-trend-title")
        yield Sparkline(self._trend(), summary_function=max, id="history-trend")
        with VerticalScroll(id="history-body"):
            yield OptionList(
                *(
                    Option(snapshot.when.strftime(WHEN), id=str(index))
                    for index, (snapshot, _) in enumerate(self.snapshots)
                ),
                id="history-snapshots",
            )
            yield Static(id="history-then")
            yield DataTable[Text](id="history-roles", cursor_type="none", zebra_stripes=False)
        yield Footer()

    def _readiness(self, progress: Progress) -> float:
        ranked = rank_roles(self.session.bank, progress.ratings)
        return next(fit.readiness for fit in ranked if fit.role.id == self.role.id)

    def _trend(self) -> list[float]:
        """Readiness for the role in each snapshot, oldest first, then now."""
        past = [self._readiness(progress) for _, progress in reversed(self.snapshots)]
        return [*past, self._readiness(self.session.progress)]

    def _trend_title(self) -> Content:
        trend = self._trend()
        return literal(
            f"Ready for {self.role.name} over {len(trend) - 1} snapshot"
            f"{'' if len(trend) == 2 else 's'} and now: "
            f"{percent(trend[0])} → {percent(trend[-1])}"
        )

    def on_mount(self) -> None:
        if self.snapshots:
            table: DataTable[Text] = self.query_one("#history-roles", DataTable)
            table.add_columns(Text("Role"), Text("Then"), Text("Now"), Text("Change"))
            self._show(0)

    @on(OptionList.OptionHighlighted, "#history-snapshots")
    def picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(int(event.option.id))

    def _show(self, index: int) -> None:
        snapshot, old = self.snapshots[index]
        result = compare(self.session.bank, old, self.session.progress, self.role)
        self.query_one("#history-then", Static).update(
            literal(f"Ready then ({snapshot.when.strftime(WHEN)}) and now:")
        )
        table: DataTable[Text] = self.query_one("#history-roles", DataTable)
        table.clear()
        for change in result.roles:
            before, after = change.before.readiness, change.after.readiness
            delta = points(after) - points(before)
            table.add_row(
                Text(printable(change.role.name)),
                Text(percent(before), justify="right"),
                Text(percent(after), justify="right"),
                Text(f"{delta:+d} pts" if delta else "same", justify="right"),
            )

    def action_close(self) -> None:
        self.dismiss(None)
