"""The market line under each gap of the results, read once per app from the content folder."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from rolequiz.domain.content import load_bank
from rolequiz.domain.gaps import gap_list
from rolequiz.domain.market import MARKET_FILE, market_note
from rolequiz.tui.screens.plan import PlanScreen
from rolequiz.tui.screens.results import ResultsScreen
from rolequiz.tui.widgets.gap_card import GapCard, GapNote

from .conftest import MakeApp, write_content

SIZE = (80, 24)
PROFILE = (
    "schema_version = 1\n[ratings]\npython = 2\nsql = 1\nstats = 3\naws = 3\nglue = 1\n"
    "athena = 2\ndocker = 1\nsklearn = 2\ndeep = 0\n"
)
MARKET = """schema_version = 1
source = "Test postings"
first_posted = 2023-01-01
last_posted = 2023-12-31
postings = 30
covered = ["python", "sql", "glue", "docker", "sklearn", "deep"]

[roles.data_engineer]
title = "Data Engineer"
postings = 10
share = { python = 0.47, sql = 0.8, glue = 0.2 }

[roles.data_scientist]
title = "Data Scientist"
postings = 10
share = { python = 0.9, sklearn = 0.3 }

[roles.analyst]
title = "Data Analyst"
postings = 10
share = { sql = 0.9 }
"""


def _notes(screen: ResultsScreen) -> list[str]:
    """Each gap card's skill, then its note's text, in the order shown."""
    shown = []
    for widget in screen.query_one("#gap-cards").children:
        if isinstance(widget, GapCard):
            shown.append(widget.gap.skill.id)
        else:
            assert isinstance(widget, GapNote)
            assert isinstance(widget.content, Content)
            shown.append(widget.content.plain)
    return shown


async def test_each_gap_of_the_results_has_its_market_line_and_the_figures_load_once(
    make_app: MakeApp, home: Path, tmp_path: Path
) -> None:
    root = write_content(tmp_path / "content")
    (root / MARKET_FILE).parent.mkdir()
    (root / MARKET_FILE).write_text(MARKET, encoding="utf-8")
    bank = load_bank(root)
    (home / "profile.toml").write_text(PROFILE, encoding="utf-8")
    app = make_app(bank=bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        market = results.market
        assert market is not None and market is app.market
        session = app.session
        assert session is not None
        for _ in results.ranked:
            role = results.selected
            expected: list[str] = []
            for gap in gap_list(bank, role, session.progress.ratings):
                expected.append(gap.skill.id)
                note = market_note(market, gap.skill.id, role.id)
                if note:
                    expected.append(f"market: {note}")
            assert _notes(results) == expected
            await pilot.press("down")
        await pilot.press(*["up"] * len(results.ranked))
        row = [fit.role.id for fit in results.ranked].index("data_engineer")
        await pilot.press(*["down"] * row)
        assert results.selected.id == "data_engineer"
        shown = _notes(results)
        assert "market: named in 47% of Data Engineer postings, 2023" in shown
        assert "market: no 2023 posting names it" in shown  # docker: no role names it
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.market is market  # the same figures, not read again


async def test_without_figures_the_results_show_no_market_line(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(PROFILE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.market is None
        assert results.query(GapCard) and not results.query(GapNote)
