"""The team view as tables: sections for text and Markdown, a JSON record, an HTML heat map."""

from __future__ import annotations

from typing import Any

from rolequiz.domain.team import HOLDS_AT, LEVELS, TeamView

LEVEL_HEADS = ["0", "1", "2", "3", "4", "not rated"]


def _best(level: int | None) -> str:
    return "nobody rated it" if level is None else str(level)


def team_sections(view: TeamView) -> list[tuple[str, list[str], list[list[str]]]]:
    spread = [
        [row.skill.name, *(str(count) for count in row.at_level), str(row.unrated)]
        for row in view.spread
    ]
    missing = [
        [role.name, item.skill.name, str(item.target), _best(item.best)]
        for role, items in view.missing
        for item in items
    ]
    single = [[skill.name, name, str(level)] for skill, name, level in view.single]
    mentors = [
        [
            person.name,
            person.role.name,
            item.gap.skill.name,
            f"{item.gap.current} -> {item.gap.target}",
            "nobody" if item.mentor is None else f"{item.mentor} ({item.mentor_level})",
        ]
        for person in view.mentors
        for item in person.gaps
    ]
    return [
        ("People at each level, per skill", ["skill", *LEVEL_HEADS], spread),
        (
            "Skills a role needs that nobody has at its target",
            ["role", "skill", "target", "best"],
            missing,
        ),
        (
            f"Skills only one person holds at {HOLDS_AT} or more",
            ["skill", "person", "level"],
            single,
        ),
        (
            "Top gaps, and a colleague who could mentor",
            ["person", "role", "skill", "level", "mentor"],
            mentors,
        ),
    ]


def team_json(view: TeamView) -> dict[str, Any]:
    return {
        "people": view.people,
        "spread": {
            row.skill.id: {"levels": list(row.at_level), "unrated": row.unrated}
            for row in view.spread
        },
        "missing": {
            role.id: [
                {"skill": item.skill.id, "target": item.target, "best": item.best} for item in items
            ]
            for role, items in view.missing
        },
        "single": [
            {"skill": skill.id, "person": name, "level": level}
            for skill, name, level in view.single
        ],
        "mentors": [
            {
                "person": person.name,
                "role": person.role.id,
                "gaps": [
                    {
                        "skill": item.gap.skill.id,
                        "current": item.gap.current,
                        "target": item.gap.target,
                        "mentor": item.mentor,
                        "mentor_level": item.mentor_level,
                    }
                    for item in person.gaps
                ],
            }
            for person in view.mentors
        ],
    }


def team_html(view: TeamView) -> str:
    """One self-contained page: the levels as a heat map (the darker, the more people), then
    the other sections as tables. Text escaped as in the HTML report."""
    from rolequiz.files.report_formats import html_page, html_table

    sections = team_sections(view)
    most = max((max(row.at_level) for row in view.spread), default=0) or 1
    cells = ['<table id="spread"><thead><tr><th>Skill</th>']
    cells += [f'<th class="num">{head}</th>' for head in LEVEL_HEADS]
    cells.append("</tr></thead><tbody>")
    for row in view.spread:
        cells.append(f"<tr><td>{_h(row.skill.name)}</td>")
        for level in range(LEVELS):
            count = row.at_level[level]
            alpha = count / most
            ink = "#fff" if alpha > 0.5 else "#1b1f24"
            cells.append(
                f'<td class="num" style="background:rgba(9,105,218,{alpha:.2f});color:{ink}">'
                f"{count}</td>"
            )
        cells.append(f'<td class="num">{row.unrated}</td></tr>')
    cells.append("</tbody></table>")
    body = [f"<h2>{_h(sections[0][0])}</h2>", "".join(cells)]
    for heading, columns, rows in sections[1:]:
        body += [f"<h2>{_h(heading)}</h2>", html_table(columns, rows)]
    return html_page(f"rolequiz team view: {view.people} people", body)


def _h(text: str) -> str:
    from rolequiz.files.report_formats import h

    return h(text)
