"""Answers so far: Textual's ProgressBar, and the count beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar


class QuizProgress(Horizontal):
    """A bar of `done` of `total`, filling the width the count text leaves."""

    DEFAULT_CSS = """
    QuizProgress {
        height: 1;

        ProgressBar {
            width: 1fr;
        }
        Bar {
            width: 1fr;
        }
        Label {
            width: auto;
        }
    }
    """

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    count: reactive[Content] = reactive(Content(""), init=False)

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False, show_percentage=False).data_bind(
            progress=QuizProgress.done, total=QuizProgress.total
        )
        yield Label()

    def watch_count(self, old: Content, count: Content) -> None:
        # The label is as wide as its text: laid out again only when that width changes.
        self.query_one(Label).update(count, layout=count.cell_length != old.cell_length)
