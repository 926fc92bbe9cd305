"""Text from content files and profiles, made safe to show: never read as markup, no controls."""

from __future__ import annotations

from textual.content import Content

from rolequiz.text import printable


def literal(text: str) -> Content:
    """`text` exactly as written (`[SQL]` stays `[SQL]`), with control characters escaped."""
    return Content(printable(text))


def template(markup: str, **values: str) -> Content:
    """Our own markup with file text dropped in as `$name`: the values are never parsed."""
    return Content.from_markup(markup, **{key: printable(text) for key, text in values.items()})
