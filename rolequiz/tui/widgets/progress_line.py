"""A progress bar and its count in one line, drawn by one widget of a fixed size.

It looks like Textual's `ProgressBar` (the same bar characters and colours) beside a
label, but it is one widget whose size never changes: an answer repaints it without a layout
of the screen, where a ProgressBar (three widgets and a clock) and a label of the text's width
took a layout and a few milliseconds on every answer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

BAR = "━"
HALF_BAR_LEFT = "╺"
HALF_BAR_RIGHT = "╸"


class ProgressLine(Widget):
    """`done` of `total` as a bar filling the width the count text leaves."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"progress-line--bar", "progress-line--complete"}

    DEFAULT_CSS = """
    ProgressLine {
        width: 1fr;
        height: 1;

        &> .progress-line--bar {
            color: $primary;
            background: $surface;
        }
        &> .progress-line--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._done = 0
        self._total = 0
        self._count = Content("")

    @property
    def count_text(self) -> str:
        """The count beside the bar, as shown."""
        return self._count.plain

    def show(self, done: int, total: int, count: Content) -> None:
        """Show `done` of `total` and the count text; a repaint, never a layout."""
        if (done, total, count) == (self._done, self._total, self._count):
            return
        self._done, self._total, self._count = done, total, count
        self.refresh()

    def render(self) -> Content:
        count = self._count
        width = max(self.size.width - count.cell_length, 0)
        complete = self._total > 0 and self._done >= self._total
        colours = self.get_visual_style(
            "progress-line--complete" if complete else "progress-line--bar"
        )
        bar = Style(foreground=colours.foreground)
        rest = Style(foreground=colours.background)
        return Content.assemble(*_bar(width, self._done, self._total, bar, rest), count)


def _bar(width: int, done: int, total: int, bar: Style, rest: Style) -> list[tuple[str, Style]]:
    """The parts of the bar as Textual's Bar draws it from 0 to `done / total` of `width`."""
    if width <= 0:
        return []
    percentage = min(done / total, 1.0) if total > 0 else 0.0
    end = round(width * percentage * 2) / 2  # to the nearest half cell
    if end <= 0:
        return [(BAR * width, rest)]
    half_end = end - int(end) > 0
    parts = [(BAR * int(end) + (HALF_BAR_RIGHT if half_end else ""), bar)]
    tail = ("" if half_end or end == width else HALF_BAR_LEFT) + BAR * (width - int(end) - 1)
    if tail:
        parts.append((tail, rest))
    return parts
