"""The export dialog never writes onto the open profile and asks before making a folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from rolequiz.tui.screens.export import ExportModal, check_target

from .conftest import MakeApp

SIZE = (80, 24)


async def _retype(app_screen: object, text: str) -> None:
    assert isinstance(app_screen, ExportModal)
    app_screen.query_one(Input).value = text


def _message(modal: object) -> str:
    assert isinstance(modal, ExportModal)
    return str(modal.query_one("#export-message", Static).content)


async def test_the_open_profile_is_refused_in_one_line(make_app: MakeApp, home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "e")
        await pilot.pause()
        before = (home / "profile.toml").read_bytes()
        await _retype(app.screen, "./profile.toml")  # the same file, named from the current folder
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal) and app.screen.stage == "edit"
        assert _message(app.screen) == (
            "~/profile.toml is the open profile; a report there would replace your answers."
        )
        await pilot.press("y")  # no question was asked: y does nothing
        await pilot.pause()
    assert (home / "profile.toml").read_bytes() == before


async def test_a_missing_folder_is_made_only_after_a_yes(make_app: MakeApp, home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "e")
        await pilot.pause()
        await _retype(app.screen, "~/reports/mine.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal) and app.screen.stage == "confirm"
        assert _message(app.screen).startswith("~/reports does not exist. Create it?")
        await pilot.press("n")
        await pilot.pause()
        assert not (home / "reports").exists()
        await pilot.press("enter", "y")
        await pilot.pause()
    assert (home / "reports" / "mine.toml").is_file()


def test_the_check_is_one_call(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text("schema_version = 1\n", encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(profile)
    same = check_target(tmp_path / "link.toml", profile)
    assert same is not None and same.refuse
    assert check_target(tmp_path / "new.toml", profile) is None
    missing = check_target(tmp_path / "no" / "new.toml", profile)
    assert missing is not None and not missing.refuse and missing.button == "Create"
    (tmp_path / "old.toml").write_text("x", encoding="utf-8")
    existing = check_target(tmp_path / "old.toml", profile)
    assert existing is not None and not existing.refuse and "already exists" in existing.reason


async def test_the_name_ending_picks_markdown_or_html(make_app: MakeApp, home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "e")
        await pilot.pause()
        format_line = app.screen.query_one("#export-format", Static)
        assert str(format_line.content) == "Format: TOML"
        await _retype(app.screen, "~/gaps.md")
        await pilot.pause()
        assert str(format_line.content) == "Format: Markdown"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape", "e")
        await pilot.pause()
        await _retype(app.screen, "~/gaps.html")
        await pilot.press("enter")
        await pilot.pause()
    markdown = (home / "gaps.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and "schema_version" not in markdown
    page = (home / "gaps.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
