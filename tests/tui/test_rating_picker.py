"""The rating picker: rows drawn by one widget, picked by keys or mouse, height that only grows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from rolequiz.domain.content import Level
from rolequiz.tui.widgets.rating_picker import RatingPicker

LEVELS = [Level(value, label, f"anchor {value}") for value, label in enumerate("ABCDE")]
LONG = "a long anchor that wraps onto a second line at this width of forty"


class PickerApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.rated: list[int] = []

    def compose(self) -> ComposeResult:
        yield RatingPicker(LEVELS)
        yield Static("one line", id="text")
        yield Static("below", id="below")

    def on_rating_picker_rated(self, message: RatingPicker.Rated) -> None:
        self.rated.append(message.level)


def lines_of(picker: RatingPicker) -> list[str]:
    return [picker.render_line(y).text.rstrip() for y in range(picker.size.height)]


async def test_a_click_picks_the_level_of_any_line_of_its_row() -> None:
    app = PickerApp()
    async with app.run_test(size=(40, 16)) as pilot:
        picker = app.query_one(RatingPicker)
        picker.show(["a", "b", LONG, "d", "e"], current=None)
        await pilot.pause()
        assert [line[19:] for line in lines_of(picker)[2:7]] == [
            "a long anchor that",
            "wraps onto a second",
            "line at this width of",
            "forty",
            "d",
        ]
        assert [picker.level_at(y) for y in range(8)] == [0, 1, 2, 2, 2, 2, 3, 4]
        await pilot.click(RatingPicker, offset=(30, 5))  # the last line of level 2's row
        await pilot.click(RatingPicker, offset=(2, 7))
        assert app.rated == [2, 4]
        assert picker.highlighted == 4


async def test_keys_move_the_cursor_and_enter_picks() -> None:
    app = PickerApp()
    async with app.run_test(size=(40, 16)) as pilot:
        picker = app.query_one(RatingPicker)
        picker.focus()
        picker.show([level.anchor for level in LEVELS], current=3)
        await pilot.pause()
        assert lines_of(picker)[3].startswith("▶● 3  D")
        await pilot.press("up", "enter")
        assert app.rated == [2]
        assert lines_of(picker)[2].startswith("▶  2  C") and lines_of(picker)[3].startswith(" ● 3")


async def test_the_height_grows_for_longer_anchors_and_never_shrinks_at_one_width() -> None:
    app = PickerApp()
    async with app.run_test(size=(40, 16)) as pilot:
        picker = app.query_one(RatingPicker)
        below = app.query_one("#text")
        await pilot.pause()
        assert picker.size.height == 5 and below.region.y == 5
        picker.show(["a", "b", LONG, "d", "e"], current=None)
        await pilot.pause()
        grown = picker.size.height
        assert grown > 5 and below.region.y == grown
        picker.show(["a", "b", "c", "d", "e"], current=None)
        await pilot.pause()
        assert picker.size.height == grown  # blank lines below rather than a layout
        assert lines_of(picker)[5:] == [""] * (grown - 5)
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        assert picker.size.height == 5  # a new width starts again
