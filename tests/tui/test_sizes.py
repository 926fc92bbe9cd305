"""The question and results screens at 60x20, 80x24 and 120x40: columns dropped when narrow,
side by side when wide (snapshots in __snapshots__; look at the report before updating)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.results import ResultsScreen

from .conftest import MakeApp, pressed
from .test_snapshots import SOME_ANSWERS, SnapCompare, profile

SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_question_at(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path, size: tuple[int, int]
) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_results_at(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path, size: tuple[int, int]
) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "r"), terminal_size=size)


@pytest.mark.parametrize(
    ("width", "columns", "beside"),
    [
        (60, ["#", "Role", "Match", "Ready"], False),
        (80, ["#", "Role", "Match", "Ready", "Rated"], False),
        (100, ["#", "Role", "Match", "Ready"], True),
        (120, ["#", "Role", "Match", "Ready", "Rated"], True),
    ],
)
async def test_results_fit_the_width(
    make_app: MakeApp, home: Path, width: int, columns: list[str], beside: bool
) -> None:
    profile(home, SOME_ANSWERS)
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("enter", "r", "down")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        table: DataTable[Text] = screen.query_one("#roles", DataTable)
        assert [column.label.plain for column in table.columns.values()] == columns
        assert table.outer_size.width <= width
        detail = screen.query_one("#results-detail")
        ranking = screen.query_one("#results-ranking")
        assert (detail.region.x > ranking.region.x) is beside
        # The role picked stays picked when the screen is resized and the table refilled.
        await pilot.resize_terminal(200 - width, 30)
        await pilot.pause()
        assert table.cursor_row == 1
        assert screen.selected.id == screen.ranked[1].role.id


async def test_the_ranking_stands_beside_the_question_when_wide(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        ranking = screen.query_one("#question-ranking", Static)
        assert not ranking.display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert ranking.display
        shown = ranking.render().plain  # type: ignore[union-attr]
        first = session_of_ranked_name(screen)
        assert shown.splitlines()[1].startswith(f"1 {first}")
        await pilot.press("0", "0")  # the ranking follows the answers
        assert (
            ranking.render()
            .plain.splitlines()[1]
            .startswith(  # type: ignore[union-attr]
                f"1 {session_of_ranked_name(screen)}"
            )
        )


async def test_the_first_question_of_a_wide_terminal_shows_the_ranking(make_app: MakeApp) -> None:
    """Bug: started in a 120-column terminal, the first question showed an empty ranking panel
    until an answer (the resize handler ran before the screen set its "-wide" class)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.has_class("-wide")
        shown = screen.query_one("#question-ranking", Static).render().plain  # type: ignore[union-attr]
        assert shown.startswith("Closest roles so far\n1 ")


def session_of_ranked_name(screen: QuestionScreen) -> str:
    return screen.session.ranked()[0].role.name
