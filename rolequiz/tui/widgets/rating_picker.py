"""The five levels of the scale for one skill, with their anchors; picks one with keys or mouse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from rolequiz.domain.content import Level
from rolequiz.tui.widgets.literal import literal, template

CURSOR = "▶"
CURRENT = "●"
MARK_WIDTH = 3
NAME_WIDTH = 16

# Component classes: a row's parts, and the row as a whole when the cursor is on it.
MARK = "rating-picker--mark"
NAME = "rating-picker--name"
ANCHOR = "rating-picker--anchor"
CURRENT_NAME = "rating-picker--current-name"
CURRENT_ANCHOR = "rating-picker--current-anchor"
HIGHLIGHTED = "rating-picker--highlighted"

Wrapped = list[tuple[list[list[Content]], list[Content]]]


@dataclass(frozen=True)
class Column:
    """Text in a column of fixed width."""

    text: Content
    width: int


class RatingPicker(Widget, can_focus=True):
    """One row per level: a cursor mark, the saved-answer mark, the key and label, then the
    level's anchor wrapped in the width left. Up and down move the cursor, enter picks; 0-4
    are handled by the screen.

    The rows are drawn by this one widget, and its height only grows (at one width): the
    next skill's anchors are a repaint, not a layout, unless they need more lines than any
    skill before (blank lines are left below shorter ones). A layout makes Textual place and
    draw the whole screen again, which took half the time from an answer to the next question:
    with a widget per row, answer p95 was 27.7 ms against 18.3 ms drawn here
    (bench/tui_speed.py, docs/performance.md). Textual's OptionList in its place is not
    measured yet.
    """

    DEFAULT_CSS = """
    RatingPicker {
        height: auto;

        & > .rating-picker--mark {
            color: $text-accent;
        }
        & > .rating-picker--anchor {
            color: $text-muted;
        }
        & > .rating-picker--current-name {
            color: $text-success;
            text-style: bold;
        }
        & > .rating-picker--current-anchor {
            color: $text;
        }
        & > .rating-picker--highlighted {
            background: $boost;
        }
        &:focus > .rating-picker--highlighted {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        MARK,
        NAME,
        ANCHOR,
        CURRENT_NAME,
        CURRENT_ANCHOR,
        HIGHLIGHTED,
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, tooltip="Move the cursor up a level"),
        Binding("down,j", "cursor(1)", "Down", show=False, tooltip="Move the cursor down a level"),
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
        self._names = tuple(
            template("[b]$value[/b]  $label", value=str(level.value), label=level.label)
            for level in self.levels
        )
        self._anchors = tuple(literal(level.anchor) for level in self.levels)
        self._current: int | None = None
        self._wrap_cache: tuple[tuple[int, tuple[Content, ...]], Wrapped] | None = None
        self._tallest = (0, 0)  # (width, the most lines the rows have needed at that width)

    def show(self, anchors: Sequence[str], current: int | None) -> None:
        """Show a skill's anchors; the cursor starts on the saved answer, if there is one."""
        self._anchors = tuple(literal(anchor) for anchor in anchors)
        self._current = current
        self.set_reactive(RatingPicker.highlighted, current)
        width = self.content_size.width
        self.refresh(layout=width <= 0 or self._lines(width) > self.content_size.height)

    def watch_highlighted(self, highlighted: int | None) -> None:
        self.refresh()
        if highlighted is not None and self.is_mounted and isinstance(self.parent, Widget):
            # In a short terminal the cursor row may be below the fold: bring it into view.
            index = next(i for i, level in enumerate(self.levels) if level.value == highlighted)
            top, height = self._row_span(index)
            region = self.virtual_region
            self.parent.scroll_to_region(
                Region(region.x, region.y + top, region.width, height), animate=False
            )

    def on_focus(self) -> None:
        self.refresh()  # the cursor row is a block cursor only while the picker has focus

    def on_blur(self) -> None:
        self.refresh()

    # Size ----------------------------------------------------------------------------------------

    def _wrapped(self, width: int) -> Wrapped:
        """Each row's column lines and anchor lines, padded to the row's height."""
        key = (width, self._anchors)
        if self._wrap_cache is not None and self._wrap_cache[0] == key:
            return self._wrap_cache[1]
        rows = [
            wrap((Column(Content("  "), MARK_WIDTH), Column(name, NAME_WIDTH)), anchor, width)
            for name, anchor in zip(self._names, self._anchors, strict=True)
        ]
        self._wrap_cache = (key, rows)
        return rows

    def _lines(self, width: int) -> int:
        """The lines the rows of this skill need at `width`."""
        return sum(len(content) for _, content in self._wrapped(width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        tallest_width, tallest = self._tallest
        lines = self._lines(width)
        if width != tallest_width or lines > tallest:
            self._tallest = (width, lines)
            return lines
        return tallest

    def _row_span(self, index: int) -> tuple[int, int]:
        """The first line of a level's row in the picker, and its height."""
        heights = [len(content) for _, content in self._wrapped(self.content_size.width)]
        return sum(heights[:index]), heights[index]

    def level_at(self, y: int) -> int | None:
        """The level whose row is at line `y` of the picker, if any."""
        for index, level in enumerate(self.levels):
            top, height = self._row_span(index)
            if top <= y < top + height:
                return level.value
        return None

    # Drawing -------------------------------------------------------------------------------------

    def render(self) -> Content:
        width = self.size.width
        style = self.get_visual_style
        lines: list[Content] = []
        for index, (column_lines, content_lines) in enumerate(self._wrapped(width)):
            value = self.levels[index].value
            highlighted, current = value == self.highlighted, value == self._current
            mark = Content((CURSOR if highlighted else " ") + (CURRENT if current else " "))
            columns = (Column(mark, MARK_WIDTH), Column(self._names[index], NAME_WIDTH))
            row = style(HIGHLIGHTED) if highlighted else None
            if row is not None and self.has_focus:  # a block cursor: the row in its colours
                styles, content_style = [row, row], row
            else:
                under = (HIGHLIGHTED,) if highlighted else ()
                name, anchor = (CURRENT_NAME, CURRENT_ANCHOR) if current else (NAME, ANCHOR)
                styles = [style(*under, MARK), style(*under, name)]
                content_style = style(*under, anchor)
            for line in assemble(
                columns, [[mark], column_lines[1]], content_lines, styles, content_style
            ):
                if row is not None:  # the row's background runs to the right edge
                    line = line.pad_right(max(width - line.cell_length, 0)).stylize_before(row)
                lines.append(line)
        return Content("\n").join(lines)

    # Keys and mouse ------------------------------------------------------------------------------

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
        offset = event.get_content_offset(self)
        value = self.level_at(offset.y) if offset is not None else None
        if value is not None:
            self.highlighted = value
            self.post_message(self.Rated(self, value))


def wrap(
    columns: Sequence[Column], content: Content, width: int
) -> tuple[list[list[Content]], list[Content]]:
    """Each column's lines, and the content's lines padded to the height of the row."""
    content_lines = content.wrap(max(width - sum(column.width for column in columns), 1))
    column_lines = [column.text.wrap(column.width) for column in columns]
    height = max([len(content_lines), *(len(lines) for lines in column_lines)])
    content_lines += [Content("")] * (height - len(content_lines))
    return column_lines, content_lines


def assemble(
    columns: Sequence[Column],
    column_lines: Sequence[Sequence[Content]],
    content_lines: Sequence[Content],
    styles: Sequence[Style],
    content_style: Style,
) -> list[Content]:
    """The row's lines: each column's text, then its blanks, then the content."""
    blank = Content("")
    rows: list[Content] = []
    for y in range(len(content_lines)):
        parts: list[Content | str] = []
        for column, lines, style in zip(columns, column_lines, styles, strict=True):
            text = lines[y] if y < len(lines) else blank
            parts.append(text.stylize_before(style))
            parts.append(" " * (column.width - text.cell_length))
        parts.append(content_lines[y].stylize_before(content_style))
        rows.append(Content.assemble(*parts))
    return rows
