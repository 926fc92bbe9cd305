"""The gap report as Markdown and HTML: the TOML report's figures, escaped, self-contained."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rolequiz.domain.content import Bank, load_bank
from rolequiz.domain.progress import Progress
from rolequiz.files.report import build_report
from rolequiz.files.report_formats import (
    category_levels,
    md,
    report_to_html,
    report_to_markdown,
    safe_url,
)
from tests.conftest import category_toml, write_content

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
PROGRESS = Progress(ratings={"sql": 1, "python": 2, "spark": 0, "aws": 1}, skipped=["tableau"])

EXPECTED_MARKDOWN = """\
# rolequiz gap report: me.toml

Generated 2026-01-02 03:04:05+00:00. 4 of 7 skills rated, 1 skipped, 0 not applicable, \
2 unanswered (provisional: some skills are not answered yet).

Recommended role: **Analyst**. Target role: **Engineer**.

## Roles, closest first

| # | Role | Match | Ready | Rated |
|--:|---|--:|--:|--:|
| 1 | Analyst | 47% | 33% | 2 of 3 |
| 2 | Engineer | 33% | 31% | 4 of 5 |

**Match**: how close your answers are to the role · **Ready**: its targets you meet.

## Category levels against the Engineer targets

Levels 0-4: 0 None, 1 Aware, 2 Guided, 3 Independent, 4 Expert.

| Category | Your average level | Target average | Rated |
|---|--:|--:|--:|
| Basics | 1.5 | 3.0 | 2 of 2 |
| Platform | 0.5 | 2.0 | 2 of 3 |

## Gaps for Engineer, most important first

1. **Spark** (`spark`): level 0 of 3, high priority, must-have.
   - Next: Practise Spark.
   - [Spark docs](https://example.org/spark)
2. **SQL** (`sql`): level 1 of 3, medium priority.
   - Next: Practise SQL.
   - [SQL docs](https://example.org/sql)
3. **Python** (`python`): level 2 of 3, low priority.
   - Next: Practise Python.
   - [Python docs](https://example.org/python)
4. **AWS** (`aws`): level 1 of 2, low priority.
   - Next: Practise AWS.
   - [AWS docs](https://example.org/aws)

## Not rated yet

- Glue (`glue`): unanswered, target 1
"""


def mini_report(bank: Bank, role: str = "engineer") -> tuple[dict[str, Any], str, str]:
    report = build_report(
        bank, PROGRESS, source="me.toml", role=bank.role_by_id[role], generated=WHEN
    )
    levels = category_levels(bank, bank.role_by_id[role], PROGRESS.ratings)
    return report, report_to_markdown(report, levels), report_to_html(report, levels)


def test_markdown_is_the_expected_page(mini_bank: Bank) -> None:
    # By hand. Analyst (sql w4 t3 must, tableau w2 t2 skipped, python w1 t1): met 4/3 + 1 = 7/3
    # of 7: readiness 0.333, coverage 5/7 = 0.714, fit' 7/3 / 5 = 0.467, nothing used elsewhere
    # above Aware (spark 0, aws 1): closeness 0.467. Engineer (sql w3 t3, python w3 t3, spark w4
    # t3 must, aws w2 t2, glue w1 unrated): met 1 + 2 + 0 + 1 = 4 of 13: readiness 0.308,
    # coverage 12/13 = 0.923, closeness 4/12 = 0.333.
    report, markdown, _ = mini_report(mini_bank)
    assert report["roles"][1]["coverage"] == 0.923
    assert markdown == EXPECTED_MARKDOWN


def test_category_levels_are_averages_over_the_role_skills(mini_bank: Bank) -> None:
    rows = category_levels(mini_bank, mini_bank.role_by_id["engineer"], PROGRESS.ratings)
    # basics: sql 1, python 2 -> 1.5; targets 3, 3. platform: spark 0, aws 1 (glue unrated)
    # -> 0.5; targets 3, 2, 1 -> 2.0.
    assert [(r.name, r.rated, r.skills, r.level, r.target) for r in rows] == [
        ("Basics", 2, 2, 1.5, 3.0),
        ("Platform", 2, 3, 0.5, 2.0),
    ]
    analyst = category_levels(mini_bank, mini_bank.role_by_id["analyst"], {})
    assert [(r.name, r.level) for r in analyst] == [("Basics", None)]


class Page(HTMLParser):
    """Checks that every tag closes in order, and collects the text of table cells by id."""

    VOID = frozenset({"meta", "br", "img", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.table: str | None = None
        self.rows: dict[str, list[list[str]]] = {}
        self.cell: list[str] | None = None
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "a":
            self.hrefs.append(found.get("href") or "")
        if tag in self.VOID:
            return
        self.open.append(tag)
        if tag == "table":
            self.table = found.get("id") or ""
            self.rows[self.table] = []
        elif tag == "tr" and self.table is not None:
            self.rows[self.table].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        if tag in ("td", "th") and self.cell is not None and self.table is not None:
            self.rows[self.table][-1].append("".join(self.cell))
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.open == []
    return parser


def test_html_is_balanced_and_shows_the_quiz_figures(mini_bank: Bank) -> None:
    report, _, page = mini_report(mini_bank)
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>") and "script" not in parsed.tags
    rows = parsed.rows["roles"][1:]
    # The quiz's figures, as its results table shows them: match and ready in whole percent.
    assert [tuple(r) for r in rows] == [
        (
            str(f["rank"]),
            f["name"],
            f"{round(f['closeness'] * 100)}%",
            f"{round(f['readiness'] * 100)}%",
            f"{f['rated_skills']} of {f['role_skills']}",
        )
        for f in report["roles"]
    ]
    assert "Match: how close your answers are to the role" in "".join(parsed.text)
    assert [r[0] for r in parsed.rows["categories"][1:]] == ["Basics", "Platform"]
    assert parsed.hrefs == [f"https://example.org/{g['skill']}" for g in report["gaps"]]
    text = "".join(parsed.text)
    for gap in report["gaps"]:
        assert f"{gap['name']} ({gap['skill']}): level {gap['current']} of {gap['target']}" in text
    # The page fetches nothing: no src or external href, and a policy that forbids it all.
    assert "src=" not in page and "default-src 'none'" in page


HOSTILE_NAME = "<img src=x onerror=alert(1)>*[x](javascript:alert(1))\\u001b[2J\\u202e"


def hostile_bank(tmp_path: Path) -> Bank:
    root = write_content(tmp_path / "c")
    text = category_toml("basics", 10, [("sql", HOSTILE_NAME, None), ("python", "P", None)])
    text = text.replace(
        'url = "https://example.org/sql"',
        'url = "https://example.org/a\\"><script>alert(1)</script>(x)"',
    ).replace('name = "Basics"', 'name = "B|asics\\u001b]0;t\\u0007"')
    (root / "questions" / "basics.toml").write_text(text, encoding="utf-8")
    more = category_toml("more", 30, [("tableau", "Tableau", None)])
    (root / "questions" / "more.toml").write_text(more, encoding="utf-8")
    return load_bank(root)


def test_values_from_files_cannot_inject_markup_or_escape_sequences(tmp_path: Path) -> None:
    bank = hostile_bank(tmp_path)
    report, markdown, page = mini_report(bank, "analyst")
    for text in (markdown, page):
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
        assert "\\x1b[2J" in text.replace("\\[", "[")
    parsed = parse(page)
    assert {"script", "img"}.isdisjoint(parsed.tags)
    assert "<img src=x onerror=alert(1)>" in "".join(parsed.text)
    link = "https://example.org/a%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%28x%29"
    assert parsed.hrefs == [link]
    assert re.search(r"(?<!\\)<", markdown) is None
    # The only unescaped brackets open the resource links rolequiz makes.
    links = sum(len(gap["resources"]) for gap in report["gaps"])
    assert len(re.findall(r"(?<!\\)\[", markdown)) == links == 1
    assert "](javascript" not in markdown
    assert r"\<img src=x onerror=alert\(1\)\>\*\[x\]\(javascript:alert\(1\)\)" in markdown
    assert f"]({link})" in markdown


def test_only_http_links_are_links() -> None:
    assert safe_url("https://example.org/a b") == "https://example.org/a%20b"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("http://[::1") is None  # urlsplit refuses it
    assert md("a|b") == "a\\|b"


def test_ids_in_inline_code_show_as_they_are() -> None:
    from rolequiz.files.report_formats import md_code

    # Backslashes show inside a code span: an id is never escaped there, and a backtick (which
    # would end the span) cannot break out.
    assert md_code("data_pipelines") == "`data_pipelines`"
    assert md_code("a`b\x1b[2J") == "`a'b\\x1b[2J`"
