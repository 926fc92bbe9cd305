"""The market figures: the shipped file, the loader (missing, broken), and the note per skill."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank, shipped_content_dir
from rolequiz.domain.market import MARKET_FILE, Market, RoleMarket, load_market, market_note
from rolequiz.errors import RolequizError

ROOT = Path(__file__).resolve().parents[1]
GOOD = """schema_version = 1
source = "Test postings"
first_posted = 2023-01-01
last_posted = 2023-12-31
postings = 30
covered = ["sql", "spark", "tableau"]

[roles.engineer]
title = "Engineer"
postings = 20
share = { sql = 0.5, spark = 0.004 }

[roles.analyst]
title = "Analyst"
postings = 10
share = { sql = 0.9 }
"""


def write_market(root: Path, text: str) -> Path:
    path = root / MARKET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def market(tmp_path: Path) -> Market:
    loaded = load_market(write_market(tmp_path, GOOD))
    assert loaded is not None
    return loaded


def test_the_shipped_figures_load_and_name_only_skills_and_roles_of_the_bank(
    shipped_bank: Bank,
) -> None:
    loaded = load_market(shipped_content_dir())
    assert loaded is not None
    assert loaded.postings == sum(role.postings for role in loaded.roles.values())
    assert (loaded.first_posted, loaded.last_posted) == (date(2023, 1, 1), date(2023, 12, 31))
    assert set(loaded.roles) <= set(shipped_bank.role_by_id)
    for role in loaded.roles.values():
        assert set(role.share) <= set(loaded.covered) <= set(shipped_bank.skill_by_id)


def test_the_wheel_carries_the_market_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["market"] == "rolequiz/content/market"


def test_the_loader_reads_a_good_file(market: Market) -> None:
    assert market.roles["engineer"] == RoleMarket(
        title="Engineer", postings=20, share={"sql": 0.5, "spark": 0.004}
    )
    assert market.years == "2023"


def test_no_file_or_no_folder_means_no_figures(tmp_path: Path) -> None:
    assert load_market(tmp_path) is None
    assert load_market(None) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("sql = 0.5,", "sql = 1.5,"), "roles.engineer.share.sql: input should be less than or"),
        (("postings = 20", 'postings = "20"'), "roles.engineer.postings: input should be a valid"),
        (("source", "sauce"), "source: field required (and 1 more)"),
        (("postings = 30", "postings = 30\nposts = 1"), "posts: unknown field (check the"),
        (("schema_version = 1", "schema_version = 9"), "schema_version: must be 1, got 9"),
        (("[roles.engineer]", "[roles.engineer"), "not valid TOML"),
        (("first_posted = 2023-01-01", "first_posted = '2023'"), "first_posted: input should be"),
    ],
)
def test_a_broken_file_is_one_line_naming_the_file_and_the_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    write_market(tmp_path, GOOD.replace(*change))
    with pytest.raises(RolequizError) as caught:
        load_market(tmp_path)
    text = str(caught.value)
    assert "\n" not in text and "postings-2023.toml: " in text and message in text


@pytest.mark.parametrize(
    ("skill_id", "role_id", "note"),
    [
        ("sql", "engineer", "named in 50% of Engineer postings, 2023"),
        ("spark", "engineer", "named in <1% of Engineer postings, 2023"),
        ("spark", "analyst", "no 2023 Analyst posting names it"),  # Engineer postings do
        ("tableau", "engineer", "no 2023 posting names it"),  # covered, named by none
        ("statistics", "engineer", ""),  # not a keyword any posting could name
        ("sql", "astronaut", ""),  # no postings for the role
    ],
)
def test_market_note(market: Market, skill_id: str, role_id: str, note: str) -> None:
    assert market_note(market, skill_id, role_id) == note


def test_no_figures_no_note() -> None:
    assert market_note(None, "sql", "engineer") == ""
