"""A job ad's skills (each ambiguous word both ways), the role it reads as, the gap order."""

from __future__ import annotations

import pytest

from rolequiz.domain.content import Bank, Category, Resource, Skill
from rolequiz.domain.job_ad import AdError, Matcher, ad_text, fit_ad, summary_line

# Skills whose names are everyday words, or one letter, beside ones that are not.
TOOLS = {
    "python": ("Python", ()),
    "sql": ("SQL", ()),
    "r": ("R", ("R language",)),
    "c": ("C", ()),
    "cpp": ("C++", ()),
    "go": ("Go", ("Golang",)),
    "excel": ("Excel and spreadsheets", ("Excel", "Microsoft Excel")),
    "spark": ("Apache Spark", ("Spark",)),
    "airflow": ("Apache Airflow", ("Airflow",)),
    "flow": ("Flow", ()),
    "bash": ("Linux and Bash", ("shell", "shell scripting")),
    "power_bi": ("Power BI", ("PowerBI",)),
    "scikit_learn": ("scikit-learn", ("scikit learn", "sklearn")),
    "aws": ("AWS", ()),
    "aws_glue": ("AWS Glue", ("Glue",)),
    "snowflake": ("Snowflake", ()),
    "data_modeling": ("Data modelling", ("snowflake schema",)),
}


@pytest.fixture(scope="module")
def matcher(shipped_bank: Bank) -> Matcher:
    skills = tuple(
        Skill(
            id=skill_id,
            name=name,
            category="tools",
            prompt=f"How well do you know {name}?",
            tip="Practise.",
            aliases=aliases,
            resources=(Resource(title="Docs", url="https://example.org"),),
        )
        for skill_id, (name, aliases) in TOOLS.items()
    )
    bank = Bank(
        levels=shipped_bank.levels,
        categories=(Category(id="tools", name="Tools"),),
        skills=skills,
        roles=shipped_bank.roles[:0],
    )
    return Matcher(bank)


@pytest.mark.parametrize(
    ("ad", "expected"),
    [
        # R: the language, in a list or after a phrase that takes a tool; not R&D, nor initials
        ("We use Python, R and SQL.", ["python", "r", "sql"]),
        ("Experience with R is a plus.", ["r"]),
        ("Join our R&D team.", []),
        ("Python, R&D and SQL", ["python", "sql"]),
        ("Contact John R. Smith for details.", []),
        ("Grow R-squared, report to the C-suite.", []),
        ("Microsoft Excel(R) skills", ["excel"]),
        ("Python and R. Tableau is a plus.", ["python", "r"]),
        # C: the language beside C++ (its own name), never the C of C#
        ("C, C++ and Python", ["c", "cpp", "python"]),
        ("We write C# and Python.", ["python"]),
        # Go
        ("Knowledge of Go and Python", ["go", "python"]),
        ("Strong Go developer wanted", ["go"]),
        ("Golang services", ["go"]),
        ("You will go to market fast and go-live often.", []),
        ("Python, Go, SQL", ["python", "go", "sql"]),
        # Excel
        ("You will excel at stakeholder management.", []),
        ("Advanced Excel and SQL", ["excel", "sql"]),
        ("Excel skills are essential", ["excel"]),
        ("Requirements: excel, powerpoint, word.", ["excel"]),
        ("SQL, Oracle and Excel", ["sql", "excel"]),
        ("You will excel, grow and learn Python.", ["python"]),
        ("You excel at sales, marketing and SQL.", ["sql"]),
        ("Microsoft Excel", ["excel"]),
        # Spark
        ("Spark curiosity in the team.", []),
        ("Apache Spark experience", ["spark"]),
        ("Spark jobs on a cluster", ["spark"]),
        ("SQL, Spark, Airflow", ["sql", "spark", "airflow"]),
        # flow
        ("Orchestrate with Airflow; our workflow and cash flow matter.", ["airflow"]),
        ("Go with the flow.", []),
        # shell
        ("Shell scripting and Python", ["bash", "python"]),
        ("Experience in shell scripting", ["bash"]),
        ("We partner with Shell and BP.", []),
        # phrases and spellings
        ("Dashboards in Power BI; models in scikit learn; jobs in AWS Glue.", None),
        ("Power-BI and scikit-learn", ["power_bi", "scikit_learn"]),
        ("Snowflake, with a snowflake schema", ["snowflake", "data_modeling"]),
        ("The glue between teams", []),
        # each skill once, in the order first named, whatever the case and the alias
        ("python PYTHON Python; sklearn then scikit-learn", ["python", "scikit_learn"]),
        ("", []),
        ("İstanbul office: PYTHON, R", ["python", "r"]),  # "İ" is two characters in lower case
    ],
)
def test_skills_of_an_ad(matcher: Matcher, ad: str, expected: list[str] | None) -> None:
    if expected is None:
        expected = ["power_bi", "scikit_learn", "aws_glue"]
    assert matcher.skills(ad) == expected


def test_names_inside_words_email_addresses_and_dotted_names_do_not_count(
    matcher: Matcher,
) -> None:
    assert matcher.skills("sparkling pythonic r@example.org excel.js Workflows") == []


def test_the_shipped_bank_finds_phrases_aliases_and_the_longest_name(shipped_bank: Bank) -> None:
    found = Matcher(shipped_bank).skills(
        "Build Power BI reports; train with scikit learn; load with AWS Glue jobs into "
        "Amazon Redshift. Spark curiosity! Python/R."
    )
    assert found[:4] == ["power_bi", "dashboards", "scikit_learn", "aws_glue"]
    assert "aws" not in found and "spark" not in found
    assert found[-2:] == ["python", "r"]


# The ad against a person (the mini bank of conftest: analyst and engineer) -----------------------


def test_an_ad_reads_as_the_role_rank_roles_gives_its_skills_at_level_3(mini_bank: Bank) -> None:
    # Engineer: sql, python, spark met (weights 3+3+4); tableau used elsewhere: 2/3.
    # closeness 10 / (10 + 2/3) = 0.9375. Analyst: 7 / (7 + 2/3) = 0.913.
    fit = fit_ad(mini_bank, ["spark", "python", "sql", "tableau"], {})
    assert [f.role.id for f in fit.ranked] == ["engineer", "analyst"]
    assert fit.ranked[0].closeness == pytest.approx(10 / (10 + 2 / 3))
    assert fit.ranked[1].closeness == pytest.approx(7 / (7 + 2 / 3))
    assert fit_ad(mini_bank, ["sql", "tableau"], {}).role.id == "analyst"


def test_gaps_in_gap_list_order_the_role_s_targets_else_3_unrated_as_0(mini_bank: Bank) -> None:
    ratings = {"sql": 3, "python": 1, "spark": 0, "aws": 4}
    fit = fit_ad(mini_bank, ["spark", "python", "sql", "tableau"], ratings)
    # spark must, 4 x 3 = 12; python 3 x 2 = 6; tableau not an engineer skill: weight 1, 3 x 1.
    assert [(g.skill.id, g.current, g.target, g.priority) for g in fit.gaps] == [
        ("spark", 0, 3, "high"),
        ("python", 1, 3, "medium"),
        ("tableau", 0, 3, "low"),
    ]
    assert fit.levels == {"spark": 0, "python": 1, "sql": 3, "tableau": None}
    assert fit.targets == {"spark": 3, "python": 3, "sql": 3, "tableau": 3}
    assert fit.met == 1
    assert summary_line(fit) == (
        "1 of 4 skills this ad names at the level asked; biggest gaps: Spark, Python, Tableau"
    )


def test_no_gaps_says_so(mini_bank: Bank) -> None:
    fit = fit_ad(mini_bank, ["sql"], {"sql": 4})
    assert fit.gaps == () and summary_line(fit) == "1 of 1 skills this ad names at the level asked"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x00\x01\x02ELF", "ad.txt: a binary file, not a text ad"),
        (b"\xff\xfeP\x00y\x00", "ad.txt: UTF-16 text, not UTF-8 (save the ad as UTF-8)"),
        (b"caf\xe9", "ad.txt: not UTF-8 text (byte 3; save the ad as UTF-8)"),
        (b" \n\t ", "ad.txt: empty ad (no text)"),
        (b"", "ad.txt: empty ad (no text)"),
    ],
)
def test_what_is_not_a_text_ad_is_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(AdError) as caught:
        ad_text(raw, "ad.txt")
    assert str(caught.value) == message


def test_an_ad_in_utf8_with_or_without_a_mark_is_its_text() -> None:
    assert ad_text("Café Python".encode(), "a") == "Café Python"
    assert ad_text(b"\xef\xbb\xbfPython", "a") == "Python"
