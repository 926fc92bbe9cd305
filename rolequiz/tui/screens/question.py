"""One skill at a time: its category, name, question and the five levels, with progress below."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from rolequiz.domain.content import Skill
from rolequiz.domain.scoring import RoleFit
from rolequiz.domain.session import QuizSession
from rolequiz.text import printable
from rolequiz.tui.widgets.literal import literal, template
from rolequiz.tui.widgets.match_bar import match_bar
from rolequiz.tui.widgets.quiz_progress import QuizProgress
from rolequiz.tui.widgets.rating_picker import RatingPicker

if TYPE_CHECKING:
    from rolequiz.domain.progress import Certainty

QUICK_WORDS: dict[Certainty, tuple[str, str]] = {
    "open": ("leading", "Quick mode: the closest role so far; another could still overtake it"),
    "likely": ("likely", "Quick mode: stays top whichever role's profile the other answers follow"),
    "settled": ("settled", "Quick mode: no answer to the questions left can change the top role"),
}
# Before any answer counts for the top role, only its offset puts it first: no role is named.
NO_LEAD = (
    "quick mode · no leading role yet",
    "Quick mode: a role leads once you rate a skill it lists above 0",
)


def _answer_binding(level: int) -> Binding:
    return Binding(
        str(level),
        f"answer({level})",
        f"Answer {level}",
        show=False,
        tooltip=f"Rate this skill {level} and move to the next question",
    )


class SessionMoved(Message):
    """The session went to another skill or mode from outside this screen: show it."""


class QuestionScreen(Screen[None]):
    """Answer with 0-4 (or the arrows and enter); every answer is saved at once.

    From 100 columns the roles ranked on the answers so far stand beside the question."""

    # Focused by hand in on_mount, without scrolling the skill's name out of a short terminal.
    AUTO_FOCUS = ""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (typed so by Screen)

    DEFAULT_CSS = """
    QuestionScreen {
        #question-main {
            height: 1fr;
        }
        #question-ranking {
            display: none;
            width: 44;
            height: 1fr;
            padding: 1 1 0 2;
        }
        &.-wide #question-ranking {
            display: block;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "skip", "Skip", tooltip="Not sure: skip this skill; it is left out of scores"),
        Binding("left,b", "back", "Back", key_display="←", tooltip="Go to the previous skill"),
        Binding("slash", "app.find", "Find", tooltip="Find a skill by name or alias"),
        Binding("o", "app.overview", "Overview", tooltip="All categories: open any skill"),
        Binding("r", "app.results", "Results", tooltip="The roles ranked on your answers so far"),
        *(_answer_binding(level) for level in range(5)),
        Binding("right,f", "forward", "Forward", show=False, tooltip="Go to the next skill"),
        Binding(
            "n",
            "next_unanswered",
            "Next unanswered",
            show=False,
            tooltip="Jump to the next skill you have not answered",
        ),
        Binding(
            "x", "clear", "Clear answer", show=False, tooltip="Forget the answer to this skill"
        ),
        Binding(
            "e",
            "app.export_report",
            "Export",
            show=False,
            tooltip="Write the gap report for your closest role",
        ),
        Binding(
            "w",
            "app.save_elsewhere",
            "Save elsewhere",
            show=False,
            tooltip="Save your answers to another file, and every later answer there too",
        ),
    ]

    def __init__(self, session: QuizSession, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.session = session
        # The ranking drawn beside the question: drawn again only when the session ranks anew.
        self._ranking_shown: list[RoleFit] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-top"):
            yield Label(id="where")
            yield Label(id="quick-state")
            yield Label(id="save-state")
        with Horizontal(id="question-main"):
            with VerticalScroll(id="question-body", can_focus=False):
                yield Static(id="skill-name", markup=False)
                yield Static(id="prompt", markup=False)
                yield RatingPicker(self.session.bank.levels)
                yield Static(id="note", markup=False)
            yield Static(id="question-ranking")
        yield QuizProgress(id="progress-row")
        yield Static(
            "[b]0[/b]-[b]4[/b] or ↑↓ [b]enter[/b] answer · [b]s[/b] not sure · "
            "[b]←[/b] [b]→[/b] move · [b]?[/b] every key",
            id="hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RatingPicker).focus(scroll_visible=False)
        self.show_skill()
        # The app holds whether answers reach the disk; the top line follows it.
        self.watch(self.app, "save_error", self.show_save_error)

    def on_session_moved(self, message: SessionMoved) -> None:
        self.show_skill()

    def on_resize(self) -> None:
        # Textual calls this before Screen's own handler, which sets the breakpoint class for
        # the new size: draw once that is done (else the first wide screen shows no ranking).
        self.call_after_refresh(self._show_ranking)

    def show_skill(self, passed_over: tuple[Skill, int] | None = None) -> None:
        """Show the session's current skill (called after every move); `passed_over`: the skill
        just rated 0 and how many skills that made not applicable, said once in the top line."""
        session = self.session
        skill = session.skill
        bank = session.bank
        category = bank.category_by_id.get(skill.category)
        position, size = session.category_position(skill)
        # Quick mode jumps between categories, so a place in the category means little there,
        # and the line needs the room for the leading role at 80 columns. Its width is what the
        # labels beside it leave and the line is one row high: a repaint, no layout.
        if passed_over is not None:
            parent, count = passed_over
            where = template(
                "[b $text-warning]$count $parent skill$s marked not applicable[/] · "
                "[b]o[/b] to answer them",
                count=str(count),
                parent=parent.name,
                s="" if count == 1 else "s",
            )
        else:
            where = template(
                "$category" if session.is_quick else "$category · skill $position of $size",
                category=category.name if category else skill.category,
                position=str(position),
                size=str(size),
            )
        self.query_one("#where", Label).update(where, layout=False)
        _update(self.query_one("#skill-name", Static), literal(skill.name))
        _update(self.query_one("#prompt", Static), literal(skill.prompt))
        current = session.level(skill.id)
        anchors = [bank.anchor(skill, level.value) for level in bank.levels]
        self.query_one(RatingPicker).show(anchors, current)
        self._show_note(current)
        self._show_progress()
        self._show_quick()
        self._show_ranking()
        # After the refresh, so focusing the picker cannot leave the skill's name scrolled away.
        body = self.query_one("#question-body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False, immediate=True)

    def _show_note(self, current: int | None) -> None:
        session = self.session
        skill = session.skill
        note = self.query_one("#note", Static)
        state = session.state(skill.id)
        if state == "not_applicable":
            parent = session.blocking_parent(skill)
            text = template(
                "Not asked: you rated [b]$parent[/b] 0. Answer it anyway if you like, or "
                "press [b]n[/b] for the next question.",
                parent=parent.name if parent else "its parent",
            )
        elif state == "skipped":
            text = template("You skipped this one (not sure). Pick a level to answer it.")
        elif current is not None:
            label = session.bank.levels[current].label
            text = template(
                "Your answer: [b]$level $label[/b]. Pick another level to change it.",
                level=str(current),
                label=label,
            )
        else:
            text = literal("")
        saved_note = session.progress.notes.get(skill.id)
        if saved_note:
            mine = template("Your note: $note", note=" ".join(saved_note.split()))
            text = Content("\n").join([text, mine]) if text.plain else mine
        note.display = bool(text.plain)
        _update(note, text)

    def _show_progress(self) -> None:
        session = self.session
        counts = session.counts()
        skill = session.skill
        category = session.bank.category_by_id.get(skill.category)
        in_category = session.category_count(skill.category)
        progress = self.query_one(QuizProgress)
        progress.total = counts.total
        progress.done = counts.done
        progress.count = template(
            " $done of $total · $category $category_done of $category_total",
            done=str(counts.done),
            total=str(counts.total),
            category=_short(category.name if category else skill.category),
            category_done=str(in_category.done),
            category_total=str(in_category.total),
        )

    def _show_quick(self) -> None:
        label = self.query_one("#quick-state", Label)
        assessment = self.session.assessment()
        label.display = assessment is not None
        if assessment is None:
            return
        if assessment.evidence or assessment.certainty == "settled":
            word, meaning = QUICK_WORDS[assessment.certainty]
            label.update(template("quick mode · $word: $role", word=word, role=assessment.top.name))
        else:
            text, meaning = NO_LEAD
            label.update(Content(text))
        label.tooltip = meaning
        label.set_class(assessment.certainty != "open", "-sure")

    def _show_ranking(self) -> None:
        """The roles ranked on the answers so far, beside the question when the screen is wide;
        ranked and drawn again only after an answer changed (the session keeps its ranking)."""
        if not self.has_class("-wide"):
            return
        ranked = self.session.ranked()
        if ranked is self._ranking_shown:
            return
        self._ranking_shown = ranked
        lines = [Content.from_markup("[b]Closest roles so far[/b]")]
        for rank, fit in enumerate(ranked, start=1):
            lines.append(
                Content.assemble(
                    (f"{rank} ", "bold" if rank == 1 else ""),
                    (_short(printable(fit.role.name), 22).ljust(22), "bold" if rank == 1 else ""),
                    f" {match_bar(fit.closeness, 8)}",
                )
            )
        lines.append(Content.styled("\nMatch: how close your answers are to each", "dim"))
        self.query_one("#question-ranking", Static).update(Content("\n").join(lines))

    def show_save_error(self, error: str | None) -> None:
        """Say in the top line, until it changes, that answers are not reaching the disk."""
        label = self.query_one("#save-state", Label)
        if self.session.read_only:
            label.update(literal("⚠ read-only · w saves elsewhere"))
            label.tooltip = "Another rolequiz saves this profile: answers here are not saved"
        else:
            label.update(literal("⚠ not saved · w saves elsewhere" if error else ""))
            label.tooltip = literal(error) if error else None

    # Actions -----------------------------------------------------------------------------------

    async def action_answer(self, level: int) -> None:
        session = self.session
        rated = session.skill
        # The counts are kept by the session until an answer: reading them twice costs nothing.
        before = session.counts().not_applicable
        more = session.answer(level)
        passed = session.counts().not_applicable - before
        self.show_skill(passed_over=(rated, passed) if passed > 0 else None)
        await self._after_answer(more)

    async def on_rating_picker_rated(self, message: RatingPicker.Rated) -> None:
        await self.action_answer(message.level)

    async def action_skip(self) -> None:
        more = self.session.skip()
        self.show_skill()
        await self._after_answer(more)

    async def _after_answer(self, more: bool) -> None:
        reached = self.session.take_quick_news()
        if reached is not None:
            # Quick mode just became likely or settled: show the result; esc carries on.
            top = self.session.ranked()[0].role.name
            self.notify(
                f"{reached.capitalize()}: {top}. Stop here, or press esc to answer more.",
                markup=False,
                timeout=6,
            )
            await self.run_action("app.results")
        elif not more:
            await self._finished()

    def action_back(self) -> None:
        if self.session.back():
            self.show_skill()
        else:
            self.notify("This is the first question.", timeout=2)

    def action_forward(self) -> None:
        if self.session.forward():
            self.show_skill()
        else:
            self.notify("This is the last question.", timeout=2)

    def action_next_unanswered(self) -> None:
        if self.session.next_unanswered():
            self.show_skill()
        else:
            self.notify("Every skill is answered: press r for your results.", timeout=4)

    def action_clear(self) -> None:
        self.session.clear()
        self.show_skill()

    async def _finished(self) -> None:
        self.notify("Every skill is answered. Here is your result.", timeout=4)
        await self.run_action("app.results")


def _update(widget: Static, text: Content) -> None:
    """`Static.update`, with a layout of the screen only when the text needs other lines than
    the widget has: the next skill's name, prompt and note mostly take the lines the last
    one's took, and a layout places and draws every widget of the screen again (bench figure
    in docs/performance.md, "Speed")."""
    size = widget.content_size
    widget.update(text, layout=False)
    if not widget.display:
        return  # it takes no room; showing it again (`display = True`) lays the screen out
    if size.width <= 0 or widget.get_content_height(size, size, size.width) != size.height:
        widget.refresh(layout=True)


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
