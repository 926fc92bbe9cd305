"""The theme chosen in the command palette is there again on the next start."""

from __future__ import annotations

from pathlib import Path

from textual.notifications import Notify

from rolequiz.domain.content import Bank
from rolequiz.tui.app import RolequizApp

from .conftest import FIXED_TIME


def _app(bank: Bank, home: Path, settings: Path) -> RolequizApp:
    return RolequizApp(
        bank=bank,
        profile_path=home / "profile.toml",
        export_dir=home,
        now=lambda: FIXED_TIME,
        settings_path=settings,
    )


async def test_theme_from_the_palette_is_remembered(small_bank: Bank, home: Path) -> None:
    settings = home / "config" / "settings.toml"
    app = _app(small_bank, home, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        default = app.theme
        await pilot.press("ctrl+p", *"theme", "enter")
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord" != default
    assert 'theme = "nord"' in settings.read_text(encoding="utf-8")

    again = _app(small_bank, home, settings)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_broken_settings_say_one_line_and_use_the_defaults(
    small_bank: Bank, home: Path
) -> None:
    settings = home / "settings.toml"
    settings.write_text('theme = "\\u001b]0;pwn\\u0007\n', encoding="utf-8")  # unterminated
    said: list[Notify] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            said.append(message)

    app = _app(small_bank, home, settings)
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert app.screen.name != "broken"  # the quiz starts as usual
    assert len(said) == 1
    text = said[0].notification.message
    assert "settings.toml" in text and "using the default settings" in text
    assert "\n" not in text and "\x1b" not in text


async def test_an_unknown_theme_is_named_and_left(small_bank: Bank, home: Path) -> None:
    settings = home / "settings.toml"
    settings.write_text('schema_version = 1\ntheme = "gone"\n', encoding="utf-8")
    app = _app(small_bank, home, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
    assert 'theme = "gone"' in settings.read_text(encoding="utf-8")  # not rewritten
