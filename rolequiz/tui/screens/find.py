"""`/`: find a skill by typing part of its name or one of its aliases (fuzzy), then open it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from rolequiz.domain.content import Bank, Skill
from rolequiz.domain.session import QuizSession
from rolequiz.text import printable
from rolequiz.tui.widgets.cursor import move_cursor
from rolequiz.tui.widgets.literal import literal

MAX_SHOWN = 40
STATE_WORDS = {
    "rated": "answered {level}",
    "skipped": "not sure",
    "not_applicable": "not applicable",
    "unanswered": "to do",
}


@dataclass(frozen=True, slots=True)
class Match:
    skill: Skill
    score: float
    text: str  # the name or alias that matched best
    offsets: Sequence[int]


def find_skills(bank: Bank, query: str, search: FuzzySearch | None = None) -> list[Match]:
    """Skills whose name, alias or id matches `query`, best first; all skills for no query."""
    query = query.strip()
    if not query:
        return [Match(skill, 0.0, skill.name, ()) for skill in bank.skills]
    search = search or FuzzySearch()
    needle = query.casefold()
    found: list[tuple[float, int, Match]] = []
    for order, skill in enumerate(bank.skills):
        best: Match | None = None
        for text in (skill.name, *skill.aliases, skill.id):
            score, offsets = search.match(query, text)
            if not score:
                continue
            score += _bonus(needle, text, is_name=text == skill.name)
            if best is None or score > best.score:
                best = Match(skill, score, text, offsets)
        if best is not None:
            found.append((-best.score, order, best))
    found.sort(key=lambda item: (item[0], item[1]))
    return [match for _, _, match in found]


def _bonus(needle: str, text: str, *, is_name: bool) -> float:
    """Rank what people mean first: an exact name, then a word that starts with the query,
    then any substring, before scattered letters; the skill's own name before an alias."""
    folded = text.casefold()
    bonus = 3.0 if is_name else 0.0
    if folded == needle:
        return bonus + 100
    if needle in folded:
        bonus += 10
        words = re.split(r"[\W_]+", folded)
        if any(word.startswith(needle) for word in words):
            bonus += 5
    return bonus


class FindModal(ModalScreen[str | None]):
    """Type to filter, up/down to choose, enter to open; dismisses with the skill id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="esc", tooltip="Close without moving"),
        Binding("enter", "open", "Open", tooltip="Open the highlighted skill", priority=True),
        Binding("down", "move(1)", "Down", show=False, tooltip="Highlight the next match"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Highlight the previous match"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self._search = FuzzySearch()

    def compose(self) -> ComposeResult:
        with Vertical(id="find-dialog", classes="dialog"):
            yield Label("[b]Find a skill[/b]: type part of a name or alias", id="find-title")
            yield Input(placeholder="e.g. glue, sql, pandas", id="find-input")
            yield OptionList(id="find-results")
        yield Footer()

    def on_mount(self) -> None:
        self._show("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        results = self.query_one(OptionList)
        matches = find_skills(self.session.bank, query, self._search)
        results.set_options(self._option(match) for match in matches[:MAX_SHOWN])
        if matches:
            results.highlighted = 0

    def _option(self, match: Match) -> Option:
        skill = match.skill
        name = literal(skill.name)
        if match.text == skill.name:
            name = _highlight(name, match.offsets)
        category = self.session.bank.category_by_id.get(skill.category)
        state = self.session.state(skill.id)
        level = self.session.level(skill.id)
        words = STATE_WORDS[state].format(level=level)
        detail = f"  {category.name if category else skill.category} · {words}"
        if match.text not in (skill.name, skill.id):
            detail = f"  ({match.text}){detail}"
        prompt = Content.assemble(name, (printable(detail), "$text-muted"))
        return Option(prompt, id=skill.id)

    def action_move(self, step: int) -> None:
        move_cursor(self.query_one(OptionList), step)

    def action_open(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is None:
            self.notify("No skill matches that.", timeout=2)
            return
        self.dismiss(results.get_option_at_index(results.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


def _highlight(content: Content, offsets: Sequence[int]) -> Content:
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content
