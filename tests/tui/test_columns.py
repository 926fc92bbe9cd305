"""ColumnTable: rows of fixed columns, each row's content wrapped beside them, one widget."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from rolequiz.tui.widgets.columns import Column, ColumnTable
from rolequiz.tui.widgets.literal import literal


class TableApp(App[None]):
    CSS = "ColumnTable { height: auto; }"

    def __init__(self, table: ColumnTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


def lines_of(table: ColumnTable) -> list[str]:
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def test_the_content_wraps_beside_the_columns() -> None:
    table = ColumnTable(
        [
            ([Column(Content("ab"), 3), Column(Content("key"), 5)], literal("one two three four")),
            ([Column(Content("c"), 3), Column(Content("k2"), 5)], literal("five")),
        ]
    )
    async with TableApp(table).run_test(size=(20, 6)):
        assert table.size.height == 3
        assert lines_of(table) == ["ab key  one two", "        three four", "c  k2   five"]


async def test_a_column_taller_than_the_content_sets_the_row_height() -> None:
    table = ColumnTable([([Column(Content("a long label"), 7)], literal("short"))])
    async with TableApp(table).run_test(size=(20, 6)):
        assert lines_of(table) == ["a long short", "label"]


async def test_text_from_files_is_shown_as_written() -> None:
    table = ColumnTable([([Column(Content("[SQL]"), 6)], literal("uses [/] and [b]x[/b]"))])
    async with TableApp(table).run_test(size=(40, 3)):
        assert lines_of(table) == ["[SQL] uses [/] and [b]x[/b]"]
