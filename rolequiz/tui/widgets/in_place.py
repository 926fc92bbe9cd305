"""Changing a Static's text without a layout pass when the text takes the lines the old took.

`Static.update` asks for a layout of the whole screen on every change, because new text may
need more or fewer lines. On the question screen most changes do not (the next skill's name,
prompt and anchors take as many lines as the last one's), and a layout makes Textual place
every widget of the screen again and draw them all, where a repaint draws only what changed.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


def update_in_place(widget: Static, content: VisualType) -> None:
    """`widget.update(content)`, with a layout only if the content's height changes.

    The width of a widget whose width comes from its content (`width: auto`) may change with
    the text, so such a widget is always laid out again.
    """
    size = widget.content_size
    widget.update(content, layout=False)
    if not widget.display:
        return  # it takes no room; showing it again (`display = True`) lays the screen out
    width = widget.styles.width
    if (
        not widget.is_mounted
        or size.width <= 0
        or (width is not None and width.is_auto)
        or widget.get_content_height(size, size, size.width) != size.height
    ):
        widget.refresh(layout=True)


class GrowingStatic(Static):
    """A Static whose height only grows at one width: shorter text leaves blank lines below it
    rather than moving what comes after, so `update_in_place` can repaint it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tallest = (0, 0)  # (width, the most lines its text has needed at that width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = super().get_content_height(container, viewport, width)
        tallest_width, tallest = self._tallest
        if width != tallest_width or lines > tallest:
            self._tallest = (width, lines)
            return lines
        return tallest
