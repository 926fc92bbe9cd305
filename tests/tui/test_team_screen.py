"""`rolequiz team DIR --tui`: the heat map, the drill-down into a skill, hostile names, 80x24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable

from rolequiz.cli.beyond_commands import load_team
from rolequiz.domain.content import Bank
from rolequiz.tui.screens.team import SkillHoldersModal, TeamScreen
from rolequiz.tui.team_app import TeamApp

SnapCompare = Callable[..., bool]
SIZE = (80, 24)

PROFILES = {
    "ana.toml": 'schema_version = 1\nname = "Ana"\n[ratings]\npython = 4\nsql = 3\naws = 1\n',
    "bo.toml": "schema_version = 1\n[ratings]\npython = 2\nsql = 3\nstats = 0\ndocker = 3\n",
    "cy.toml": 'schema_version = 1\nname = "Cy"\n[ratings]\npython = 3\nsklearn = 2\n',
}


def team_dir(root: Path, profiles: dict[str, str] = PROFILES) -> Path:
    folder = root / "team"
    folder.mkdir()
    for name, text in profiles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def team_app(bank: Bank, folder: Path) -> TeamApp:
    members, failed = load_team([folder])
    assert not failed
    return TeamApp(bank, members)


def holder_rows(app: TeamApp) -> list[list[str]]:
    table: DataTable[object] = app.screen.query_one("#holders-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_keys_open_a_skill_and_come_back(small_bank: Bank, tmp_path: Path) -> None:
    app = team_app(small_bank, team_dir(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TeamScreen)
        table: DataTable[object] = app.screen.query_one("#team-map", DataTable)
        # Row 0 is the "Basics" heading; the cursor starts on Python, the first skill.
        python = [str(cell).strip() for cell in table.get_row_at(1)]
        assert python == ["Python", "·", "·", "1", "1", "1", "·"]
        await pilot.press("down", "enter")  # [SQL]: Ana and bo at 3, Cy has not rated it
        assert isinstance(app.screen, SkillHoldersModal)
        assert app.screen.skill.id == "sql"
        assert holder_rows(app) == [["Ana", "3 Independent"], ["bo", "3 Independent"]]
        assert "Not rated by 1 person." in str(app.screen.query_one("#holders-unrated").render())
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("up", "enter")  # Python: sorted by level, highest first
        assert holder_rows(app) == [
            ["Ana", "4 Expert"],
            ["Cy", "3 Independent"],
            ["bo", "2 Guided"],
        ]
        await pilot.press("escape", "ctrl+q")
    assert app.return_code == 0


def test_heat_map_at_80x24(snap_compare: SnapCompare, small_bank: Bank, tmp_path: Path) -> None:
    assert snap_compare(team_app(small_bank, team_dir(tmp_path)), terminal_size=SIZE)


def test_drill_down_at_80x24(snap_compare: SnapCompare, small_bank: Bank, tmp_path: Path) -> None:
    app = team_app(small_bank, team_dir(tmp_path))
    assert snap_compare(app, terminal_size=SIZE, press=["down", "enter"])


async def test_hostile_name_shows_literally(small_bank: Bank, tmp_path: Path) -> None:
    hostile = {
        "[b]x.toml": 'schema_version = 1\nname = "[b]x\\u001b]0;t\\u0007"\n[ratings]\npython = 4\n',
        **PROFILES,
    }
    app = team_app(small_bank, team_dir(tmp_path, hostile))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert ["[b]x\\x1b]0;t\\x07", "4 Expert"] in holder_rows(app)
        screenshot = app.export_screenshot()
    assert "\x1b" not in screenshot and "\x07" not in screenshot
    assert "[b]x" in screenshot


def test_without_a_terminal_one_line(
    small_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolequiz.cli import beyond_commands, main
    from rolequiz.errors import RolequizError

    monkeypatch.setattr(main, "has_terminal", lambda: False)
    with pytest.raises(RolequizError, match="needs a terminal"):
        beyond_commands.team_screen(small_bank, [team_dir(tmp_path)], None)


async def test_cells_follow_the_theme(small_bank: Bank, tmp_path: Path) -> None:
    app = team_app(small_bank, team_dir(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table: DataTable[Text] = app.screen.query_one("#team-map", DataTable)
        dark = table.get_row_at(2)[4]  # [SQL] at level 3: two of three people
        app.theme = "textual-light"
        await pilot.pause()
        light = table.get_row_at(2)[4]
        assert isinstance(dark, Text) and isinstance(light, Text)
        assert str(dark) == str(light) == " 2 " and dark.style != light.style


async def test_p_shows_each_person_with_gaps_and_mentors(small_bank: Bank, tmp_path: Path) -> None:
    from rolequiz.domain.team import team_view
    from rolequiz.tui.screens.team import PeopleModal

    app = team_app(small_bank, team_dir(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PeopleModal)
        table: DataTable[object] = app.screen.query_one("#people-table", DataTable)
        names = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        view = team_view(small_bank, app.members)
        assert [name for name in names if name] == [person.name for person in view.mentors]
        mentors = [str(table.get_row_at(row)[3]) for row in range(table.row_count)]
        expected = [
            f"{item.mentor} ({item.mentor_level})" if item.mentor else "-"
            for person in view.mentors
            for item in person.gaps
        ]
        assert [m for m in mentors if m] == [m for m in expected if m]
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)
