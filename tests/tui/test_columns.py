"""ColumnRow: fixed columns, then its content wrapped beside them, all drawn by one widget."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from rolequiz.widgets.columns import Column, ColumnRow
from rolequiz.widgets.literal import literal


class RowApp(App[None]):
    def __init__(self, row: ColumnRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        yield self.row


def lines_of(row: ColumnRow) -> list[str]:
    return [row.render_line(y).text.rstrip() for y in range(row.size.height)]


async def test_the_content_wraps_beside_the_columns() -> None:
    row = ColumnRow(
        literal("one two three four five six"),
        columns=[Column(Content("ab"), 3), Column(Content("key"), 5)],
    )
    async with RowApp(row).run_test(size=(20, 6)):
        assert row.size.height == 3
        assert lines_of(row) == ["ab key  one two", "        three four", "        five six"]


async def test_a_column_taller_than_the_content_sets_the_height() -> None:
    row = ColumnRow(literal("short"), columns=[Column(Content("a long label"), 7)])
    async with RowApp(row).run_test(size=(20, 6)):
        assert lines_of(row) == ["a long short", "label"]


async def test_text_from_files_is_shown_as_written() -> None:
    row = ColumnRow(literal("uses [/] and [b]x[/b]"), columns=[Column(Content("[SQL]"), 6)])
    async with RowApp(row).run_test(size=(40, 3)):
        assert lines_of(row) == ["[SQL] uses [/] and [b]x[/b]"]
