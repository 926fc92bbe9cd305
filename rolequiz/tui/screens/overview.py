"""Every category with how many of its skills are done; open any skill, even a skipped-over one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree

from rolequiz.domain.session import QuizSession
from rolequiz.text import printable
from rolequiz.tui.widgets.cursor import move_cursor
from rolequiz.tui.widgets.literal import template

STATE_MARKS = {
    "rated": "✓",
    "skipped": "?",
    "not_applicable": "–",
    "unanswered": "·",
}


class OverviewScreen(Screen[str | None]):
    """A tree of categories (answered / total) and their skills; dismisses with a skill id."""

    AUTO_FOCUS = "Tree"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o", "close", "Back", key_display="esc", tooltip="Back to the question"),
        Binding(
            "enter",
            "open",
            "Open",
            tooltip="Open the skill under the cursor, or fold a category in or out",
            priority=True,
        ),
        Binding(
            "j,down", "move(1)", "Down", show=False, tooltip="Move down the categories and skills"
        ),
        Binding("k,up", "move(-1)", "Up", show=False, tooltip="Move up the categories and skills"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        counts = self.session.counts()
        yield Static(
            template(
                "[b]Overview[/b]: $done of $total done · ✓ answered  ? not sure  "
                "– not applicable  · to do",
                done=str(counts.done),
                total=str(counts.total),
            ),
            id="overview-title",
        )
        tree: Tree[str] = Tree("Skills", id="overview-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        tree = self.query_one(Tree)
        current = session.skill
        cursor_node = None
        nodes = {}
        for category in session.bank.categories:
            tally = session.category_count(category.id)
            label = Text(printable(category.name), style="bold")
            label.append(f"  {tally.done}/{tally.total}", style="dim")
            nodes[category.id] = tree.root.add(
                label, data=None, expand=category.id == current.category
            )
        for skill in session.bank.skills:
            parent = nodes.get(skill.category)
            if parent is None:
                continue
            node = parent.add_leaf(self._skill_label(skill.id, skill.name), data=skill.id)
            if skill.id == current.id:
                cursor_node = node
        if cursor_node is not None:
            # The tree knows its lines only after a refresh.
            self.call_after_refresh(tree.move_cursor, cursor_node, animate=False)

    def _skill_label(self, skill_id: str, name: str) -> Text:
        session = self.session
        state = session.state(skill_id)
        label = Text(f"{STATE_MARKS[state]} ")
        level = session.level(skill_id)
        label.append(f"{level} " if level is not None else "  ", style="bold")
        label.append(printable(name))
        if state == "not_applicable":
            label.append("  not applicable", style="dim")
        elif state == "skipped":
            label.append("  not sure", style="dim")
        return label

    def action_open(self) -> None:
        tree = self.query_one(Tree)
        node = tree.cursor_node
        if node is None:
            return
        if node.data is None:
            node.toggle()
        else:
            self.dismiss(node.data)

    def action_move(self, step: int) -> None:
        move_cursor(self.query_one(Tree), step)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        # A click on a skill opens it (enter is handled by `action_open`).
        event.stop()
        if event.node.data is not None:
            self.dismiss(event.node.data)

    def action_close(self) -> None:
        self.dismiss(None)
