"""Rows of text in columns: fixed-width columns, then the row's content wrapped in the width
left. `wrap` and `assemble` lay out one row (the rating picker draws its rows with them);
ColumnTable draws a fixed table of such rows as one widget."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widgets import Static


@dataclass(frozen=True)
class Column:
    """Text in a column of fixed width."""

    text: Content
    width: int


class ColumnTable(Static):
    """Rows of columns drawn by one widget in its own style: a fixed table such as the rating
    scale is one widget to mount and lay out, not a widget a cell."""

    def __init__(
        self,
        rows: Sequence[tuple[Sequence[Column], Content]],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._rows = [(tuple(columns), content) for columns, content in rows]
        self._wrap_cache: tuple[int, list[tuple[list[list[Content]], list[Content]]]] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(len(content_lines) for _, content_lines in self._wrapped(width))

    def render(self) -> Content:
        style = self.get_visual_style()
        lines: list[Content] = []
        for (columns, _), (column_lines, content_lines) in zip(
            self._rows, self._wrapped(self.size.width), strict=True
        ):
            styles = [style] * len(columns)
            lines += assemble(columns, column_lines, content_lines, styles, style)
        return Content("\n").join(lines)

    def _wrapped(self, width: int) -> list[tuple[list[list[Content]], list[Content]]]:
        if self._wrap_cache is None or self._wrap_cache[0] != width:
            rows = [wrap(columns, content, width) for columns, content in self._rows]
            self._wrap_cache = (width, rows)
        return self._wrap_cache[1]


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
