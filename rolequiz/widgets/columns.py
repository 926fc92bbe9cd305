"""A row of text in columns drawn by one widget: fixed-width columns, then the row's content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.visual import VisualType
from textual.widgets import Static


@dataclass(frozen=True)
class Column:
    """Text in a column of fixed width, styled by a component class of the row (if any)."""

    text: Content
    width: int
    component: str | None = None


class ColumnRow(Static):
    """Fixed-width columns, each wrapped in its width, then the row's content (a Static's
    content, kept as given) wrapped in the width that is left.

    It looks like a Horizontal of a Label per column, but it is one widget: much less for
    Textual to mount, style, lay out and paint, which is most of the time a screen takes. The
    text of each part is styled by its component class; the blanks after it are left plain, as
    the unused width of a label is.
    """

    CONTENT_COMPONENT: ClassVar[str | None] = None

    def __init__(
        self,
        content: VisualType = "",
        *,
        columns: Sequence[Column] = (),
        markup: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(content, markup=markup, id=id, classes=classes)
        self._columns = tuple(columns)
        self._wrap_cache: tuple[object, tuple[list[list[Content]], list[Content]]] | None = None

    def columns(self) -> Sequence[Column]:
        return self._columns

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width)[1])

    def render(self) -> Content:
        column_lines, content_lines = self._wrapped(self.size.width)
        columns = self.columns()
        # Every part gets a style, the row's own if it has no component class, so that each is
        # drawn as a run of its own, apart from the blanks after it (as labels side by side are).
        styles = [self._style(column.component) for column in columns]
        content_style = self._style(self.CONTENT_COMPONENT)
        lines = _assemble(columns, column_lines, content_lines, styles, content_style)
        return Content("\n").join(lines)

    def _wrapped(self, width: int) -> tuple[list[list[Content]], list[Content]]:
        """Each column's lines, and the content's lines padded to the height of the row."""
        columns = tuple(self.columns())
        content = self.visual if isinstance(self.visual, Content) else Content("")
        key = (width, content, columns)
        if self._wrap_cache is not None and self._wrap_cache[0] == key:
            return self._wrap_cache[1]
        wrapped = _wrap(columns, content, width)
        self._wrap_cache = (key, wrapped)
        return wrapped

    def _style(self, component: str | None) -> Style:
        return self.get_visual_style(component) if component else self.get_visual_style()


class ColumnTable(Static):
    """Rows of columns drawn by one widget, each row as a ColumnRow draws it (in the widget's
    own style): a fixed table such as the rating scale is one widget to mount, not one a row."""

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
            lines += _assemble(columns, column_lines, content_lines, styles, style)
        return Content("\n").join(lines)

    def _wrapped(self, width: int) -> list[tuple[list[list[Content]], list[Content]]]:
        if self._wrap_cache is None or self._wrap_cache[0] != width:
            rows = [_wrap(columns, content, width) for columns, content in self._rows]
            self._wrap_cache = (width, rows)
        return self._wrap_cache[1]


def _wrap(
    columns: Sequence[Column], content: Content, width: int
) -> tuple[list[list[Content]], list[Content]]:
    """Each column's lines, and the content's lines padded to the height of the row."""
    content_lines = content.wrap(max(width - sum(column.width for column in columns), 1))
    column_lines = [column.text.wrap(column.width) for column in columns]
    height = max([len(content_lines), *(len(lines) for lines in column_lines)])
    content_lines += [Content("")] * (height - len(content_lines))
    return column_lines, content_lines


def _assemble(
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
