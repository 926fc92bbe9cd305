"""A resource's address on a line of its own: a terminal hyperlink, opened by a click or enter."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Link

from rolequiz.text import printable


class ResourceLink(Link, can_focus=False):
    """Textual's `Link` (a click opens the browser), drawn as an OSC 8 hyperlink too, so the
    terminal can open it, and never wrapped: a long address is cut with `…` on screen only,
    the link keeps all of it."""

    DEFAULT_CSS = """
    ResourceLink {
        max-width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, url: str) -> None:
        # Content files are checked to hold `https?://` and no spaces, but not no controls.
        safe = printable(url)
        super().__init__(safe, url=safe, tooltip=safe)

    def render(self) -> Content:
        return Content.styled(self.text, Style(link=self.url))
