"""The five levels of the scale for one skill, with their anchors; picks one with keys or mouse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from rolequiz.content import Level
from rolequiz.widgets.columns import Column, ColumnRow
from rolequiz.widgets.in_place import update_in_place
from rolequiz.widgets.literal import literal, template

CURSOR = "▶"
CURRENT = "●"
MARK_WIDTH = 3
NAME_WIDTH = 16


class LevelRow(ColumnRow):
    """One level: a cursor mark, the saved-answer mark, the key and label, then the anchor.

    The anchor is the row's content, wrapped beside the other columns. One widget per level
    rather than a row of three keeps the layout done on every answer small (layout and paint
    are most of the time from a key to the next question).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "level-row--mark",
        "level-row--name",
        "level-row--anchor",
    }
    CONTENT_COMPONENT = "level-row--anchor"

    def __init__(self, level: Level) -> None:
        super().__init__(id=f"level-{level.value}", classes="level-row level-anchor")
        self.level = level
        self._mark = "  "
        self._anchor: str | None = None
        self._key_and_label = template(
            "[b]$value[/b]  $label", value=str(level.value), label=level.label
        )

    def columns(self) -> Sequence[Column]:
        return (
            Column(Content(self._mark), MARK_WIDTH, "level-row--mark"),
            Column(self._key_and_label, NAME_WIDTH, "level-row--name"),
        )

    def show(self, anchor: str, *, highlighted: bool, current: bool) -> None:
        mark = (CURSOR if highlighted else " ") + (CURRENT if current else " ")
        if anchor != self._anchor:
            self._anchor = anchor
            self._mark = mark
            update_in_place(self, literal(anchor))
        elif mark != self._mark:
            self._mark = mark
            self.refresh()  # the same size: a repaint, no layout
        self.set_class(highlighted, "-highlighted")
        self.set_class(current, "-current")


class RatingPicker(Widget, can_focus=True):
    """Up and down move the cursor, enter picks; 0-4 are handled by the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False, tooltip="Move the cursor up a level"),
        Binding("down", "cursor(1)", "Down", show=False, tooltip="Move the cursor down a level"),
        Binding(
            "enter", "pick", "Pick", show=False, tooltip="Answer with the level under the cursor"
        ),
    ]

    highlighted: reactive[int | None] = reactive(None, init=False)

    @dataclass
    class Rated(Message):
        """The person picked `level` with enter or a click."""

        picker: RatingPicker
        level: int

    def __init__(self, levels: Sequence[Level], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.levels = tuple(levels)
        self._anchors = [level.anchor for level in self.levels]
        self._current: int | None = None

    def compose(self) -> ComposeResult:
        for level in self.levels:
            yield LevelRow(level)

    def show(self, anchors: Sequence[str], current: int | None) -> None:
        """Show a skill's anchors; the cursor starts on the saved answer, if there is one."""
        self._anchors = list(anchors)
        self._current = current
        self.set_reactive(RatingPicker.highlighted, current)
        self._refresh_rows()

    def watch_highlighted(self, highlighted: int | None) -> None:
        self._refresh_rows()
        if highlighted is not None and self.is_mounted:
            # In a short terminal the cursor row may be below the fold: bring it into view.
            self.query_one(f"#level-{highlighted}").scroll_visible(animate=False)

    def _refresh_rows(self) -> None:
        if not self.is_mounted:
            return
        for row, anchor in zip(self.query(LevelRow), self._anchors, strict=True):
            value = row.level.value
            row.show(anchor, highlighted=value == self.highlighted, current=value == self._current)

    def on_mount(self) -> None:
        self._refresh_rows()

    def action_cursor(self, step: int) -> None:
        last = len(self.levels) - 1
        if self.highlighted is None:
            self.highlighted = 0 if step > 0 else last
        else:
            self.highlighted = min(max(self.highlighted + step, 0), last)

    def action_pick(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Rated(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        row = event.widget
        while row is not None and not isinstance(row, LevelRow):
            row = row.parent if isinstance(row.parent, Widget) else None
        if isinstance(row, LevelRow):
            self.highlighted = row.level.value
            self.post_message(self.Rated(self, row.level.value))
