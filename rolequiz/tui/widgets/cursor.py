"""One step of a list's or a tree's cursor: what `j`/`k` and the arrows do on every screen."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList, Tree


def move_cursor(widget: OptionList | Tree[Any], step: int) -> None:
    """Move the highlight one row down (`step` > 0) or up."""
    if step > 0:
        widget.action_cursor_down()
    else:
        widget.action_cursor_up()
