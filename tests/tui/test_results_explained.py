"""Results that explain themselves: the figure that ranks drawn as the bar, counts that add up,
links whole and clickable, and roles passed over by a 0 said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable

from rolequiz.domain.quiz import Counts
from rolequiz.tui.screens.help import HelpScreen
from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.results import RESULTS_HELP, ResultsScreen
from rolequiz.tui.widgets.answer_counts import answer_counts
from rolequiz.tui.widgets.gap_card import GapCard
from rolequiz.tui.widgets.resource_link import ResourceLink

from .conftest import MakeApp
from .test_journeys import session_of, text_of
from .test_snapshots import ALL_ANSWERED, SOME_ANSWERS, profile


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        (Counts(116, 46, 1, 0), "46 rated, 1 not sure, 69 still to answer, of 116"),
        (Counts(9, 4, 1, 2), "4 rated, 1 not sure, 2 not applicable, 2 still to answer, of 9"),
        (Counts(9, 9, 0, 0), "9 rated, of 9"),
        (Counts(9, 0, 0, 0), "0 rated, 9 still to answer, of 9"),
    ],
)
def test_answer_counts_name_every_answer_once(counts: Counts, words: str) -> None:
    assert answer_counts(counts) == words


def column(table: DataTable[Text], key: str) -> list[str]:
    return [cell.plain for cell in table.get_column(key)]


async def test_the_bar_is_the_match_that_ranks_the_roles(make_app: MakeApp, home: Path) -> None:
    profile(home, ALL_ANSWERED)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        table: DataTable[Text] = screen.query_one("#roles", DataTable)
        titles = [col.label.plain for col in table.columns.values()]
        assert titles == ["#", "Role", "Match", "Ready", "Rated"]
        matches = [int(cell.split()[-1].rstrip("%")) for cell in column(table, "match")]
        assert matches == sorted(matches, reverse=True)
        assert all("█" in cell for cell in column(table, "match"))
        ready = column(table, "ready")
        assert ready == [f"{round(fit.readiness * 100)}%" for fit in screen.ranked]
        assert "█" not in "".join(ready)
        legend = text_of(app, "#results-legend")
        assert "Match: how close" in legend and "Ready: its targets" in legend


async def test_question_mark_on_the_results_explains_both_figures(
    make_app: MakeApp, home: Path
) -> None:
    profile(home, ALL_ANSWERED)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.intro == RESULTS_HELP
        assert "[b]Match[/b]" in RESULTS_HELP and "[b]Ready[/b]" in RESULTS_HELP


async def test_counts_add_up_and_not_sure_is_called_not_sure(make_app: MakeApp, home: Path) -> None:
    # python 3, sql 2, aws 0 (glue and athena not applicable), docker 1; stats skipped.
    profile(home, SOME_ANSWERS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r", "down")
        assert text_of(app, "#results-basis").startswith(
            "Provisional: 4 rated, 1 not sure, 2 not applicable, 2 still to answer, of 9."
        )
        # Data Analyst: sql 2 rated, stats skipped, python rated.
        assert text_of(app, "#unrated") == "Not sure (1): Statistics"
        await pilot.press("down")  # Data Engineer: glue is below aws, rated 0
        assert text_of(app, "#unrated") == "Not applicable (1): AWS Glue"


async def test_links_are_whole_lines_that_open_and_copy(make_app: MakeApp, home: Path) -> None:
    profile(home, ALL_ANSWERED)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        cards = list(screen.query(GapCard))
        assert len(cards) >= 2
        link = cards[1].query_one(ResourceLink)
        url = f"https://example.com/{cards[1].gap.skill.id}"
        assert link.url == url
        # One line, drawn as a terminal hyperlink to the whole address.
        assert link.render().plain == url
        assert {span.style.link for span in link.render().spans} == {url}  # type: ignore[union-attr]
        assert link.outer_size.height == 1
        await pilot.press("c")
        assert app.clipboard == cards[0].link
        cards[1].focus()
        await pilot.press("c")
        assert app.clipboard == url


async def test_a_zero_says_once_how_many_skills_it_passed_over(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "2", "2", "2")
        assert session_of(app).skill.id == "aws"
        assert text_of(app, "#where") == "Cloud · skill 1 of 4"
        await pilot.press("0")
        assert session_of(app).skill.id == "docker"
        assert text_of(app, "#where") == "2 AWS skills marked not applicable · o to answer them"
        await pilot.press("2")
        assert text_of(app, "#where") == "Machine learning · skill 1 of 2"
        await pilot.press("left", "left")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).skill.id == "aws"
        await pilot.press("0")  # the same answer again passes over nothing new
        assert text_of(app, "#where") == "Machine learning · skill 1 of 2"
