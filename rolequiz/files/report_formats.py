"""The gap report as Markdown (for a code forge) and as one self-contained HTML page.

Both render the dict `rolequiz.files.report.build_report` makes, so they show the TOML report's
figures, plus a chart of the target role's categories: the person's average level against the
role's average target. Every text from a file goes through `printable` (no control or bidi
character survives) and then the format's own escaping; links are kept only for http(s) URLs.
The HTML page loads nothing and runs nothing: inline CSS bars, and a Content-Security-Policy
that forbids scripts and every fetch.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import FIGURES, percent
from rolequiz.text import printable

MAX_LEVEL = 4
# The characters that can start Markdown syntax inside a line (a link, an image, emphasis, code,
# a table cell, an HTML tag or entity, GitHub's math); CommonMark lets any of them be
# backslash-escaped. Values never start a line here, so `#`, `-`, `+` and `1.` stay plain.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>|!~&$])")
_URL_SAFE = ":/?#@!$&'*+,;=%~"


@dataclass(frozen=True, slots=True)
class CategoryLevel:
    """A category of the role: its skills, how many are rated, the average rated level and the
    average target (over all the role's skills in it)."""

    name: str
    skills: int
    rated: int
    level: float | None
    target: float


def category_levels(bank: Bank, role: Role, ratings: Mapping[str, int]) -> list[CategoryLevel]:
    """The role's categories in quiz order with the person's levels against the targets."""
    rows: list[CategoryLevel] = []
    for category in bank.categories:
        specs = [
            (skill_id, spec)
            for skill_id, spec in role.skills.items()
            if bank.skill_by_id[skill_id].category == category.id
        ]
        if not specs:
            continue
        levels = [ratings[skill_id] for skill_id, _ in specs if skill_id in ratings]
        rows.append(
            CategoryLevel(
                name=category.name,
                skills=len(specs),
                rated=len(levels),
                level=sum(levels) / len(levels) if levels else None,
                target=sum(spec.target for _, spec in specs) / len(specs),
            )
        )
    return rows


def md(text: Any) -> str:
    """A value from a file as Markdown text that shows as itself."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(str(text)))


def md_code(text: Any) -> str:
    """A value from a file as inline code: backslashes would show there, so nothing is escaped;
    a backtick, which would end the span, becomes a quote."""
    return "`" + printable(str(text)).replace("`", "'") + "`"


def safe_url(url: str) -> str | None:
    """The URL percent-encoded, if it is http(s); None otherwise (no `javascript:` link)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    return quote(url, safe=_URL_SAFE)


def _role_names(report: Mapping[str, Any]) -> dict[str, str]:
    return {row["id"]: row["name"] for row in report["roles"]}


def _answers_line(report: Mapping[str, Any]) -> str:
    answers = report["answers"]
    state = "provisional: some skills are not answered yet" if report["provisional"] else "complete"
    return (
        f"{answers['rated']} of {answers['total']} skills rated, {answers['skipped']} skipped, "
        f"{answers['not_applicable']} not applicable, {answers['unanswered']} unanswered "
        f"({state})"
    )


def _level(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


# Markdown ------------------------------------------------------------------------------------


def report_to_markdown(report: Mapping[str, Any], categories: list[CategoryLevel]) -> str:
    names = _role_names(report)
    target = names[report["target_role"]]
    lines = [
        f"# rolequiz gap report: {md(report['source_profile'])}",
        "",
        f"Generated {md(report['generated'])}. {_answers_line(report)}.",
        "",
        f"Recommended role: **{md(names[report['recommended_role']])}**. "
        f"Target role: **{md(target)}**.",
        "",
        "## Roles, closest first",
        "",
        "| # | Role | Match | Ready | Rated |",
        "|--:|---|--:|--:|--:|",
    ]
    lines += [
        f"| {row['rank']} | {md(row['name'])} | {percent(row['closeness'])} "
        f"| {percent(row['readiness'])} | {row['rated_skills']} of {row['role_skills']} |"
        for row in report["roles"]
    ]
    lines += [
        "",
        " · ".join(f"**{name}**: {meaning}" for name, meaning in FIGURES) + ".",
        "",
        f"## Category levels against the {md(target)} targets",
        "",
        "Levels 0-4: 0 None, 1 Aware, 2 Guided, 3 Independent, 4 Expert.",
        "",
        "| Category | Your average level | Target average | Rated |",
        "|---|--:|--:|--:|",
    ]
    lines += [
        f"| {md(row.name)} | {_level(row.level)} | {row.target:.1f} | {row.rated} of {row.skills} |"
        for row in categories
    ]
    lines += ["", f"## Gaps for {md(target)}, most important first", ""]
    if not report["gaps"]:
        lines.append("No gaps: every rated skill of this role is at its target.")
    for number, gap in enumerate(report["gaps"], 1):
        must = ", must-have" if gap["must"] else ""
        lines.append(
            f"{number}. **{md(gap['name'])}** ({md_code(gap['skill'])}): level {gap['current']} "
            f"of {gap['target']}, {gap['priority']} priority{must}."
        )
        if gap["tip"]:
            lines.append(f"   - Next: {md(gap['tip'])}")
        if gap.get("market"):
            lines.append(f"   - Market: {md(gap['market'])}")
        for resource in gap["resources"]:
            lines.append(f"   - {_md_link(resource['title'], resource['url'])}")
    if report["unrated"]:
        lines += ["", "## Not rated yet", ""]
        lines += [
            f"- {md(item['name'])} ({md_code(item['skill'])}): {item['status']}, "
            f"target {item['target']}{', must-have' if item['must'] else ''}"
            for item in report["unrated"]
        ]
    return "\n".join(lines) + "\n"


def _md_link(title: str, url: str) -> str:
    href = safe_url(url)
    if href is None:
        return f"{md(title)} ({md(url)})"
    return f"[{md(title)}]({href})"  # parentheses and spaces are percent-encoded


# HTML ----------------------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1b1f24; background: #fff; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bars { width: 20rem; }
.bar { position: relative; height: .7rem; background: #eaeef2; margin: .15rem 0; }
.bar span { position: absolute; left: 0; top: 0; bottom: 0; }
.you span { background: #0969da; }
.target span { background: #8c959f; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 1rem; }
.high { color: #cf222e; font-weight: 600; }
.medium { color: #9a6700; }
li { margin-bottom: .6rem; }
"""


def h(text: Any) -> str:
    """A value from a file as HTML text that shows as itself."""
    return html.escape(printable(str(text)), quote=True)


def report_to_html(report: Mapping[str, Any], categories: list[CategoryLevel]) -> str:
    names = _role_names(report)
    target = names[report["target_role"]]
    parts = [
        f"<p>Generated {h(report['generated'])}. {h(_answers_line(report))}.</p>",
        f"<p>Recommended role: <strong>{h(names[report['recommended_role']])}</strong>. "
        f"Target role: <strong>{h(target)}</strong>.</p>",
        "<h2>Roles, closest first</h2>",
        '<table id="roles"><thead><tr><th class="num">#</th><th>Role</th>'
        '<th class="num">Match</th><th class="num">Ready</th>'
        '<th class="num">Rated</th></tr></thead><tbody>',
    ]
    parts += [
        f'<tr><td class="num">{row["rank"]}</td><td>{h(row["name"])}</td>'
        f'<td class="num">{percent(row["closeness"])}</td>'
        f'<td class="num">{percent(row["readiness"])}</td>'
        f'<td class="num">{row["rated_skills"]} of {row["role_skills"]}</td></tr>'
        for row in report["roles"]
    ]
    parts += [
        "</tbody></table>",
        "<p>"
        + " · ".join(f"<strong>{name}</strong>: {h(meaning)}" for name, meaning in FIGURES)
        + ".</p>",
        f"<h2>Category levels against the {h(target)} targets</h2>",
        '<p class="legend">Levels 0-4 (None, Aware, Guided, Independent, Expert):'
        '<i style="background:#0969da"></i>your average level'
        '<i style="background:#8c959f"></i>the role\'s average target</p>',
        '<table id="categories"><thead><tr><th>Category</th><th class="bars">Levels</th>'
        '<th class="num">You</th><th class="num">Target</th><th class="num">Rated</th>'
        "</tr></thead><tbody>",
    ]
    parts += [_category_row(row) for row in categories]
    parts += ["</tbody></table>", f"<h2>Gaps for {h(target)}, most important first</h2>"]
    if report["gaps"]:
        parts.append('<ol id="gaps">')
        parts += [_gap_item(gap) for gap in report["gaps"]]
        parts.append("</ol>")
    else:
        parts.append("<p>No gaps: every rated skill of this role is at its target.</p>")
    if report["unrated"]:
        parts += ["<h2>Not rated yet</h2>", '<ul id="unrated">']
        parts += [
            f"<li>{h(item['name'])} (<code>{h(item['skill'])}</code>): {h(item['status'])}, "
            f"target {item['target']}{', must-have' if item['must'] else ''}</li>"
            for item in report["unrated"]
        ]
        parts.append("</ul>")
    return html_page(f"rolequiz gap report: {report['source_profile']}", parts)


def html_page(title: str, body: list[str]) -> str:
    """A whole page around `body` (HTML already); `title` is text, escaped here. The policy
    lets the inline styles apply and forbids scripts and every fetch."""
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta http-equiv="Content-Security-Policy" '
                "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
                f"<title>{h(title)}</title>",
                f"<style>{_STYLE}</style>",
                "</head>",
                "<body>",
                f"<h1>{h(title)}</h1>",
                *body,
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def html_table(columns: list[str], rows: list[list[str]]) -> str:
    """A table of text cells, every one escaped; "None." when there are no rows."""
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th>{h(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{h(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _category_row(row: CategoryLevel) -> str:
    you = 0.0 if row.level is None else row.level / MAX_LEVEL * 100
    target = row.target / MAX_LEVEL * 100
    return (
        f'<tr><td>{h(row.name)}</td><td class="bars">'
        f'<div class="bar you"><span style="width:{you:.1f}%"></span></div>'
        f'<div class="bar target"><span style="width:{target:.1f}%"></span></div></td>'
        f'<td class="num">{_level(row.level)}</td><td class="num">{row.target:.1f}</td>'
        f'<td class="num">{row.rated} of {row.skills}</td></tr>'
    )


def _gap_item(gap: Mapping[str, Any]) -> str:
    must = ", must-have" if gap["must"] else ""
    parts = [
        f"<li><strong>{h(gap['name'])}</strong> (<code>{h(gap['skill'])}</code>): "
        f'level <span class="current">{gap["current"]}</span> of '
        f'<span class="target">{gap["target"]}</span>, '
        f'<span class="{h(gap["priority"])}">{h(gap["priority"])} priority</span>{must}.'
    ]
    if gap["tip"]:
        parts.append(f"<br>Next: {h(gap['tip'])}")
    if gap.get("market"):
        parts.append(f'<br><span class="market">Market: {h(gap["market"])}</span>')
    if gap["resources"]:
        parts.append("<ul>")
        parts += [f"<li>{_html_link(r['title'], r['url'])}</li>" for r in gap["resources"]]
        parts.append("</ul>")
    parts.append("</li>")
    return "".join(parts)


def _html_link(title: str, url: str) -> str:
    href = safe_url(url)
    if href is None:
        return f"{h(title)} ({h(url)})"
    return f'<a href="{html.escape(href, quote=True)}">{h(title)}</a>'


FORMATS = ("toml", "markdown", "html")
# The file name ending each format proposes, and the format a typed name's ending means.
EXTENSIONS = {"toml": ".toml", "markdown": ".md", "html": ".html"}


def format_of(path_name: str) -> str:
    """The report format a file name asks for by its ending (.md, .markdown, .html, .htm);
    TOML for anything else."""
    lower = path_name.lower()
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if lower.endswith((".html", ".htm")):
        return "html"
    return "toml"


def report_text(bank: Bank, progress: Progress, report: Mapping[str, Any], form: str) -> str:
    """The report `build_report` made, as the text of one of FORMATS: what `rolequiz report`
    prints and the quiz's export writes."""
    if form == "toml":
        from rolequiz.files.report import report_to_toml

        return report_to_toml(dict(report))
    levels = category_levels(bank, bank.role_by_id[report["target_role"]], progress.ratings)
    return (report_to_html if form == "html" else report_to_markdown)(report, levels)
