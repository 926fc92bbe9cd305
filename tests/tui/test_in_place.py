"""update_in_place: new text in a Static, laid out again only when its height changes."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Label, Static

from rolequiz.tui.widgets.in_place import update_in_place
from rolequiz.tui.widgets.literal import literal


class TextApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("one line", id="text")
        yield Static("below", id="below")
        yield Label("auto width", id="label")


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per layout of a screen from now on."""
    seen: list[int] = []
    original = Screen._refresh_layout

    def counted(self: Screen[object], *args: object, **kwargs: object) -> None:
        seen.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return seen


async def test_text_of_the_same_height_is_repainted_without_a_layout(layouts: list[int]) -> None:
    app = TextApp()
    async with app.run_test(size=(20, 8)) as pilot:
        text = app.query_one("#text", Static)
        await pilot.pause()
        layouts.clear()
        update_in_place(text, literal("other line"))
        await pilot.pause()
        assert layouts == []
        assert text.render_line(0).text.rstrip() == "other line"


async def test_taller_text_is_laid_out_and_moves_what_is_below(layouts: list[int]) -> None:
    app = TextApp()
    async with app.run_test(size=(20, 8)) as pilot:
        text = app.query_one("#text", Static)
        await pilot.pause()
        layouts.clear()
        update_in_place(text, literal("a text too long for one line of twenty"))
        await pilot.pause()
        assert layouts
        assert text.size.height == 2
        assert app.query_one("#below").region.y == 2
        update_in_place(text, literal("short again"))
        await pilot.pause()
        assert text.size.height == 1 and app.query_one("#below").region.y == 1


async def test_a_widget_as_wide_as_its_text_is_always_laid_out(layouts: list[int]) -> None:
    app = TextApp()
    async with app.run_test(size=(20, 8)) as pilot:
        label = app.query_one("#label", Label)
        await pilot.pause()
        layouts.clear()
        update_in_place(label, literal("a wider text"))
        await pilot.pause()
        assert layouts
        assert label.size.width == len("a wider text")
