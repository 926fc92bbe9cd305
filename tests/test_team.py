"""The team view: hand-computed spread, missing skills, single holders and mentors."""

from __future__ import annotations

from html.parser import HTMLParser

from rolequiz.cli.team_output import team_html
from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.domain.team import Member, team_view

TEAM = [
    Member("ana", Progress(ratings={"sql": 3, "python": 1, "tableau": 1}, target_role="analyst")),
    Member(
        "bob",
        Progress(
            ratings={"sql": 1, "python": 1, "spark": 0, "aws": 1, "glue": 0}, target_role="engineer"
        ),
    ),
    Member("cy", Progress(ratings={"sql": 4, "spark": 3, "aws": 3, "ghost": 4})),
]


def test_spread_counts_people_per_level(mini_bank: Bank) -> None:
    view = team_view(mini_bank, TEAM)
    spread = {row.skill.id: (row.at_level, row.unrated) for row in view.spread}
    assert spread["sql"] == ((0, 1, 0, 1, 1), 0)
    assert spread["spark"] == ((1, 0, 0, 1, 0), 1)
    assert spread["kinesis"] == ((0, 0, 0, 0, 0), 3)
    assert "ghost" not in spread  # a skill the bank does not know is left out
    assert view.people == 3


def test_missing_single_and_mentors(mini_bank: Bank) -> None:
    view = team_view(mini_bank, TEAM)
    missing = {
        role.id: [(m.skill.id, m.target, m.best) for m in items] for role, items in view.missing
    }
    # analyst: sql 4 >= 3 ok, tableau best 1 < 2, python best 1 >= 1 ok.
    assert missing["analyst"] == [("tableau", 2, 1)]
    # engineer: python best 1 < 3, glue best 0 < 1; sql, spark (3), aws (3 >= 2) are held.
    assert missing["engineer"] == [("python", 3, 1), ("glue", 1, 0)]
    # sql is held at 3+ by ana and cy; spark and aws by cy alone.
    assert [(s.id, name, level) for s, name, level in view.single] == [
        ("spark", "cy", 3),
        ("aws", "cy", 3),
    ]
    gaps = {
        p.name: (p.role.id, [(m.gap.skill.id, m.mentor, m.mentor_level) for m in p.gaps])
        for p in view.mentors
    }
    assert gaps["ana"] == ("analyst", [("tableau", None, None)])
    # bob's engineer gaps: spark must 4*3 = 12, sql 3*2 = 6, python 3*2 = 6 (quiz order first).
    assert gaps["bob"] == (
        "engineer",
        [("spark", "cy", 3), ("sql", "cy", 4), ("python", None, None)],
    )
    # cy keeps no role: the closest one is taken; nobody else rates python at 3+.
    assert gaps["cy"][0] in {"analyst", "engineer"}


def test_a_role_limits_missing_and_sets_everyones_gaps(mini_bank: Bank) -> None:
    view = team_view(mini_bank, TEAM, mini_bank.role_by_id["analyst"])
    assert [role.id for role, _ in view.missing] == ["analyst"]
    assert {p.role.id for p in view.mentors} == {"analyst"}
    bob = next(p for p in view.mentors if p.name == "bob")
    # bob for analyst: sql must 4*2 = 8 (mentor: cy 4 before ana 3), tableau not rated.
    assert [(m.gap.skill.id, m.mentor) for m in bob.gaps] == [("sql", "cy")]


def test_the_heat_map_page_is_balanced_and_escaped(mini_bank: Bank) -> None:
    team = [*TEAM, Member("<script>x\x1b[2J", Progress(ratings={"spark": 4}))]
    page = team_html(team_view(mini_bank, team))
    tags: list[str] = []
    opened: list[str] = []

    class Check(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append(tag)
            if tag not in {"meta", "br"}:
                opened.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert opened.pop() == tag

    Check().feed(page)
    assert opened == [] and "script" not in tags and "\x1b" not in page
    assert "&lt;script&gt;x\\x1b[2J" in page
    assert page.count('<td class="num" style="background:rgba') == 5 * len(mini_bank.skills)
