"""A team as a heat map: people at each level per skill; enter on a skill shows who holds it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.team import LEVELS, Member, TeamView, people_count, rated_by
from rolequiz.text import printable
from rolequiz.tui.widgets.literal import literal, template

LEVEL_HEADS = (*(str(level) for level in range(LEVELS)), "not rated")


SKILL_WIDTH = 34


class TeamScreen(Screen[None]):
    """Rows: skills in bank order under their category; columns: people at each level."""

    DEFAULT_CSS = """
    TeamScreen {
        #team-title {
            padding: 0 1;
        }
        #team-map {
            height: 1fr;
            margin: 0 1;
        }
    }
    """

    AUTO_FOCUS = "#team-map"

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: before the table's own enter (select the row), which would do nothing here
        Binding(
            "enter",
            "drill",
            "Who holds it",
            tooltip="The people on this skill, by level",
            priority=True,
        ),
        Binding(
            "p", "people", "People", tooltip="Each person's top gaps and who could mentor them"
        ),
    ]

    def __init__(
        self, bank: Bank, members: Sequence[Member], view: TeamView, role: Role | None
    ) -> None:
        super().__init__()
        self.bank = bank
        self.members = members
        self.view = view
        self.role = role

    def compose(self) -> ComposeResult:
        role = "every role" if self.role is None else self.role.name
        yield Static(
            template(
                "[b]Team of $people[/b], checked against $role",
                people=people_count(self.view.people),
                role=role,
            ),
            id="team-title",
        )
        yield DataTable[Text](id="team-map", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#team-map", DataTable)
        # A fixed width, so every level column and "not rated" fit at 80 columns; a longer
        # skill name is cut with an ellipsis (the drill-down shows it whole).
        table.add_column(Text("Skill"), key="skill", width=SKILL_WIDTH)
        for index, head in enumerate(LEVEL_HEADS):
            table.add_column(Text(head, justify="right"), key=str(index))
        self._fill()
        # The signal comes once the new theme's colours are in theme_variables.
        self.app.theme_changed_signal.subscribe(self, lambda _: self._fill())

    def _heat(self, count: int) -> Text:
        """The count on a background the more filled in the more people are at that level."""
        if not count:
            return Text("·", style="dim", justify="right")
        colours = self.app.theme_variables
        base = Color.parse(colours["background"])
        fill = base.blend(Color.parse(colours["primary"]), 0.25 + 0.75 * count / self.view.people)
        ink = fill.get_contrast_text(1.0)
        return Text(f" {count} ", style=f"{ink.hex} on {fill.hex}", justify="right")

    def _fill(self) -> None:
        table: DataTable[Text] = self.query_one("#team-map", DataTable)
        row = table.cursor_row
        table.clear()
        category = None
        for spread in self.view.spread:
            if spread.skill.category != category:
                category = spread.skill.category
                name = self.bank.category_by_id[category].name
                table.add_row(Text(printable(name), style="bold"), *(Text("") for _ in LEVEL_HEADS))
            table.add_row(
                Text("  " + printable(spread.skill.name), no_wrap=True, overflow="ellipsis"),
                *(self._heat(count) for count in (*spread.at_level, spread.unrated)),
                key=spread.skill.id,
            )
        table.move_cursor(row=max(row, 1))

    def _skill_at_cursor(self) -> Skill | None:
        table: DataTable[Text] = self.query_one("#team-map", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else self.bank.skill_by_id[key]

    def action_drill(self) -> None:
        skill = self._skill_at_cursor()
        if skill is not None:
            self.app.push_screen(SkillHoldersModal(self.bank, skill, self.members))

    def action_people(self) -> None:
        self.app.push_screen(PeopleModal(self.bank, self.view))


class TeamModal(ModalScreen[None]):
    """A box over the heat map holding a title and a table; esc goes back."""

    DEFAULT_CSS = """
    TeamModal {
        align: center middle;
        .team-box {
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        .team-table {
            height: auto;
            max-height: 16;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="esc", tooltip="Back to the heat map"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)


class SkillHoldersModal(TeamModal):
    """Who rated one skill, the highest level first, and who has not rated it."""

    DEFAULT_CSS = """
    SkillHoldersModal #holders-box {
        width: 60;
    }
    """

    AUTO_FOCUS = "#holders-table"

    def __init__(self, bank: Bank, skill: Skill, members: Sequence[Member]) -> None:
        super().__init__()
        self.bank = bank
        self.skill = skill
        self.members = members

    def compose(self) -> ComposeResult:
        holders = rated_by(self.members, self.skill.id)
        unrated = len(self.members) - len(holders)
        with Vertical(id="holders-box", classes="team-box"):
            yield Static(
                template("[b]$skill[/b]: who holds it", skill=self.skill.name), id="holders-title"
            )
            table = DataTable[Text](
                id="holders-table", classes="team-table", cursor_type="row", zebra_stripes=False
            )
            table.add_columns(Text("Person"), Text("Level"))
            for name, level in holders:
                label = self.bank.levels[level].label
                table.add_row(Text(printable(name)), Text(printable(f"{level} {label}")))
            yield table
            if unrated:
                yield Static(
                    literal(f"Not rated by {people_count(unrated)}."), id="holders-unrated"
                )
        yield Footer()


class PeopleModal(TeamModal):
    """Each person: the role their gaps are for, their top gaps, and a colleague at 3 or more
    who could mentor each (from `team_view`)."""

    DEFAULT_CSS = """
    PeopleModal #people-box {
        width: 76;
    }
    """

    AUTO_FOCUS = "#people-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "close", "Back", key_display="esc", tooltip="Back to the heat map"),
    ]

    def __init__(self, bank: Bank, view: TeamView) -> None:
        super().__init__()
        self.bank = bank
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical(id="people-box", classes="team-box"):
            yield Static(literal("Each person's top gaps, and who could mentor them"))
            table = DataTable[Text](
                id="people-table", classes="team-table", cursor_type="row", zebra_stripes=False
            )
            table.add_columns(Text("Person"), Text("Role"), Text("Gap"), Text("Mentor"))
            for person in self.view.mentors:
                first = True
                for item in person.gaps or (None,):
                    name = Text(printable(person.name) if first else "")
                    role = Text(printable(person.role.name) if first else "")
                    first = False
                    if item is None:
                        table.add_row(name, role, Text("none"), Text(""))
                        continue
                    gap = f"{item.gap.skill.name} {item.gap.current}→{item.gap.target}"
                    mentor = (
                        f"{item.mentor} ({item.mentor_level})" if item.mentor is not None else "-"
                    )
                    table.add_row(name, role, Text(printable(gap)), Text(printable(mentor)))
            yield table
        yield Footer()
