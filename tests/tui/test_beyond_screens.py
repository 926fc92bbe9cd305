"""The plan, history and job-ad screens opened from the results, pressing real keys at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import DataTable, Input, Sparkline, Static, TextArea

from rolequiz.domain.plan import learning_plan
from rolequiz.domain.scoring import rank_roles
from rolequiz.files.history import snapshot_path
from rolequiz.tui.app import RolequizApp
from rolequiz.tui.screens.history import HistoryScreen
from rolequiz.tui.screens.job_ad import JobAdScreen
from rolequiz.tui.screens.plan import PlanScreen
from rolequiz.tui.screens.results import ResultsScreen
from rolequiz.tui.widgets.gap_card import GapCard

from .conftest import FIXED_TIME, MakeApp, read_toml_when

SIZE = (80, 24)
ALL_ANSWERED = (
    "schema_version = 1\n[ratings]\npython = 2\nsql = 1\nstats = 3\naws = 3\nglue = 1\n"
    "athena = 2\ndocker = 1\nsklearn = 2\ndeep = 0\n"
)
EARLIER = "schema_version = 1\n[ratings]\npython = 1\nsql = 0\n"
AD = "Data engineer: Python, Structured Query Language, AWS Glue and Docker.\n"


def text_of(app: RolequizApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Content)
    return content.plain


def answered(home: Path) -> Path:
    path = home / "profile.toml"
    path.write_text(ALL_ANSWERED, encoding="utf-8")
    return path


async def test_plan_opens_for_the_highlighted_role_and_keeps_it_as_target(
    make_app: MakeApp, home: Path
) -> None:
    path = answered(home)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert not results.query_one("#results-target").display  # no target kept yet
        await pilot.press("down", "p")
        role = results.selected
        assert role is not results.ranked[0].role
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.plan.role is role
        assert role.name in text_of(app, "#plan-title")
        session = app.session
        assert session is not None
        expected = learning_plan(session.bank, role, session.progress)
        shown = [card.gap.skill.id for card in screen.query(GapCard)]
        assert shown == [item.gap.skill.id for item in expected.items]
        assert len(screen.query(".plan-step")) == len(expected.steps)
        data = read_toml_when(path, lambda d: "target_role" in d)
        assert data["target_role"] == role.id
        await pilot.press("escape")
        assert app.screen is results
        ready = next(fit.readiness for fit in results.ranked if fit.role is role)
        assert results.query_one("#results-target").display
        assert text_of(app, "#results-target") == (
            f"Target: {role.name} · ready {round(ready * 100)}%"
        )


async def test_a_kept_target_role_shows_on_the_results(make_app: MakeApp, home: Path) -> None:
    answered(home)
    (home / "profile.toml").write_text(
        'schema_version = 1\ntarget_role = "analyst"\n[ratings]\nsql = 2\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "r")
        assert text_of(app, "#results-target").startswith("Target: Data Analyst · ready ")


async def test_history_compares_each_snapshot_with_now(
    make_app: MakeApp, home: Path, small_bank: object
) -> None:
    path = answered(home)
    older = snapshot_path(path, FIXED_TIME.replace(month=1))
    newer = snapshot_path(path, FIXED_TIME.replace(month=2))
    older.parent.mkdir()
    older.write_text(EARLIER, encoding="utf-8")
    newer.write_text(ALL_ANSWERED.replace("python = 2", "python = 1"), encoding="utf-8")
    (older.parent / "2025-03-01-0000Z.toml").write_text("not [toml", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "2 snapshots" in text_of(app, "#history-title")
        assert text_of(app, "#history-skipped").startswith("1 snapshot(s) could not be read")
        trend = list(screen.query_one(Sparkline).data or [])
        assert len(trend) == 3  # two snapshots, oldest first, then now
        assert trend[0] < trend[-1]
        table = screen.query_one("#history-roles", DataTable)
        assert table.row_count == 3
        assert "2025-02-04" in text_of(app, "#history-then")  # the newest first
        await pilot.press("down")
        assert "2025-01-04" in text_of(app, "#history-then")
        session = app.session
        assert session is not None
        then = rank_roles(session.bank, {"python": 1, "sql": 0})
        first = [cell.plain for cell in table.get_row_at(0)]
        now_top = session.ranked()[0]
        assert first[0] == now_top.role.name
        before = next(fit for fit in then if fit.role is now_top.role)
        assert first[1] == f"{round(before.readiness * 100)}%"
        # A change in points is the difference of the two figures shown, "same" when none.
        for row in range(table.row_count):
            _, then_shown, now_shown, change = (cell.plain for cell in table.get_row_at(row))
            moved = int(now_shown.rstrip("%")) - int(then_shown.rstrip("%"))
            assert change == (f"{moved:+d} pts" if moved else "same")
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_history_without_snapshots_says_so(make_app: MakeApp, home: Path) -> None:
    answered(home)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "h")
        assert text_of(app, "#history-empty").startswith("No snapshots yet")


async def test_job_ad_from_a_file_and_pasted(make_app: MakeApp, home: Path) -> None:
    answered(home)
    (home / "ad").write_text(AD, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        screen = app.screen
        assert isinstance(screen, JobAdScreen)
        await pilot.press("a", "d", "enter")
        assert not screen.query_one("#ad-error").display
        assert text_of(app, "#ad-role").startswith("ad reads as Data Engineer")
        table = screen.query_one("#ad-skills", DataTable)
        skills = [table.get_row_at(row)[0].plain for row in range(table.row_count)]
        assert skills == ["Python", "[SQL]", "AWS Glue", "Docker"]
        gaps = [card.gap.skill.id for card in screen.query(GapCard)]
        assert gaps and set(gaps) <= {"python", "sql", "glue", "docker"}
        assert text_of(app, "#ad-summary").startswith(f"{4 - len(gaps)} of 4 skills")
        screen.query_one("#ad-text", TextArea).load_text("Deep learning and sklearn, daily.")
        await pilot.press("ctrl+r")
        assert text_of(app, "#ad-role").startswith("the pasted ad reads as Data Scientist")
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_a_bad_ad_is_one_line(make_app: MakeApp, home: Path) -> None:
    answered(home)
    (home / "binary").write_bytes(b"Python\x00SQL")
    (home / "empty").write_text("  \n", encoding="utf-8")
    (home / "none").write_text("We sell shoes.", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        screen = app.screen
        field = screen.query_one("#ad-path", Input)
        expected = {
            "binary": "binary: a binary file, not a text ad",
            "empty": "empty: empty ad (no text)",
            "none": "no skill from the bank found in none",
            "missing": "missing",
            "": "give the path of an ad",
        }
        for name, message in expected.items():
            field.value = name
            await pilot.press("enter")
            assert screen.query_one("#ad-error").display
            assert message in text_of(app, "#ad-error")
            assert not screen.query_one("#ad-result").display
        await pilot.press("ctrl+r")  # nothing pasted
        assert "the pasted ad: empty ad" in text_of(app, "#ad-error")
