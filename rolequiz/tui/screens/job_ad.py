"""A job ad read as `rolequiz match` reads it: its skills with your level, its role, your gaps."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, TextArea

from rolequiz.domain.content import Bank
from rolequiz.domain.job_ad import MAX_AD_BYTES, AdError, AdFit, Matcher, read_ad
from rolequiz.domain.job_ad import summary_line as ad_summary
from rolequiz.domain.market import Market, market_note
from rolequiz.domain.scoring import percent
from rolequiz.errors import RolequizError
from rolequiz.text import printable
from rolequiz.tomlio import read_limited
from rolequiz.tui.widgets.gap_card import GapCard, GapNote, gap_notes
from rolequiz.tui.widgets.literal import literal, template

PASTED = "the pasted ad"


class JobAdScreen(Screen[None]):
    """A path (enter reads the file) or a pasted ad (ctrl+r reads it); the view below it.
    An ad that cannot be read is one line in place of the view."""

    DEFAULT_CSS = """
    JobAdScreen {
        #ad-path {
            margin: 0 1;
        }
        #ad-text {
            height: 4;
            margin: 0 1;
        }
        #ad-view {
            height: 1fr;
            padding: 0 1;
        }
        #ad-result, #ad-gaps {
            height: auto;
        }
        #ad-intro {
            padding: 0 1;
        }
        #ad-error {
            color: $text-error;
        }
        #ad-skills {
            height: auto;
            margin-top: 1;
        }
        #ad-gaps-title {
            margin-top: 1;
        }
    }
    """

    AUTO_FOCUS = "#ad-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="esc", tooltip="Back to the results"),
        Binding(
            "ctrl+r",
            "read_pasted",
            "Read pasted",
            priority=True,
            tooltip="Read the ad pasted in the text box",
        ),
        Binding(
            "pagedown",
            "scroll_view(1)",
            "Scroll down",
            show=False,
            priority=True,
            tooltip="Scroll the ad's view down a page",
        ),
        Binding(
            "pageup",
            "scroll_view(-1)",
            "Scroll up",
            show=False,
            priority=True,
            tooltip="Scroll the ad's view up a page",
        ),
    ]

    def __init__(
        self, bank: Bank, ratings: Mapping[str, int], market: Market | None = None
    ) -> None:
        super().__init__()
        self.bank = bank
        self.ratings = ratings
        self.market = market
        self._matcher: Matcher | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            literal("Job ad: a file path (enter), or paste the ad in the box below (ctrl+r)."),
            id="ad-intro",
        )
        yield Input(placeholder="path to the ad, a UTF-8 text file", id="ad-path")
        yield TextArea(id="ad-text", soft_wrap=True, show_line_numbers=False)
        with VerticalScroll(id="ad-view"):
            yield Static(id="ad-error")
            with Vertical(id="ad-result"):
                yield Static(id="ad-role")
                yield DataTable[Text](id="ad-skills", cursor_type="none", zebra_stripes=False)
                yield Static(id="ad-gaps-title")
                yield Vertical(id="ad-gaps")
                yield Static(id="ad-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ad-error").display = False
        self.query_one("#ad-result").display = False

    @on(Input.Submitted, "#ad-path")
    def read_path(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        shown = printable(name) or "(no path)"
        try:
            if not name:
                raise AdError("give the path of an ad, or paste one in the box (ctrl+r)")
            raw = read_limited(Path(name).expanduser(), MAX_AD_BYTES)
        except RolequizError as exc:
            self._show_error(str(exc))
            return
        self._read(raw, shown)

    def action_read_pasted(self) -> None:
        raw = self.query_one("#ad-text", TextArea).text.encode("utf-8", "surrogatepass")
        self._read(raw, PASTED)

    def _read(self, raw: bytes, shown: str) -> None:
        if self._matcher is None:
            self._matcher = Matcher(self.bank)
        try:
            fit = read_ad(self._matcher, raw, shown, self.ratings)
        except RolequizError as exc:
            self._show_error(str(exc))
            return
        self._show(shown, fit)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#ad-error", Static)
        error.update(literal(message))
        error.display = True
        self.query_one("#ad-result").display = False

    def _show(self, shown: str, fit: AdFit) -> None:
        self.query_one("#ad-error").display = False
        role = fit.ranked[0]
        self.query_one("#ad-role", Static).update(
            template(
                "[b]$name[/b] reads as [b]$role[/b] (match $match)",
                name=shown,
                role=role.role.name,
                match=percent(role.closeness),
            )
        )
        table: DataTable[Text] = self.query_one("#ad-skills", DataTable)
        table.clear(columns=True)
        table.add_columns(Text("Skill the ad names"), Text("You"), Text("Asked"))
        for skill in fit.skills:
            level = fit.levels[skill.id]
            table.add_row(
                Text(printable(skill.name)),
                Text("not rated" if level is None else str(level)),
                Text(str(fit.targets[skill.id]), justify="right"),
            )
        count = len(fit.gaps)
        self.query_one("#ad-gaps-title", Static).update(
            template(
                "[b]Gaps for this ad, most important first: $count[/b]",
                count=str(count) if count else "none",
            )
        )
        market = self.market
        gaps = self.query_one("#ad-gaps", Vertical)
        widgets: list[GapCard | GapNote] = []
        for gap in fit.gaps:
            widgets.append(GapCard(gap, self.bank.levels))
            notes = gap_notes(None, market_note(market, gap.skill.id, fit.role.id))
            if notes:
                widgets.append(GapNote(notes))
        with self.app.batch_update():
            gaps.remove_children()
            gaps.mount_all(widgets)
        self.query_one("#ad-summary", Static).update(literal(ad_summary(fit)))
        self.query_one("#ad-result").display = True
        self.query_one("#ad-view", VerticalScroll).scroll_home(animate=False)

    def action_scroll_view(self, pages: int) -> None:
        view = self.query_one("#ad-view", VerticalScroll)
        if pages > 0:
            view.scroll_page_down(animate=False)
        else:
            view.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
