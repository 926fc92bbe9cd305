"""`rolequiz team DIR --tui`: the team view as a screen, given the bank and the loaded team."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.team import Member, team_view
from rolequiz.tui.screens.team import TeamScreen


class TeamApp(App[int]):
    """One screen, the heat map; ctrl+q quits (Textual's own binding)."""

    TITLE = "rolequiz team"

    def __init__(self, bank: Bank, members: Sequence[Member], role: Role | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.members = tuple(members)
        self.role = role
        self.view = team_view(bank, self.members, role)

    def on_mount(self) -> None:
        self.push_screen(TeamScreen(self.bank, self.members, self.view, self.role))
