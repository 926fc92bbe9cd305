"""The gap report: content, round trip through TOML, and clear errors when read back."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.errors import ProfileError
from rolequiz.files.report import build_report, load_report, report_to_toml, write_report

WHEN = datetime(2026, 11, 23, 10, 0, 0, tzinfo=UTC)


def engineer_progress() -> Progress:
    return Progress(ratings={"sql": 3, "python": 2, "spark": 1, "tableau": 0}, skipped=["aws"])


def test_report_holds_ranked_roles_recommendation_and_gaps(mini_bank: Bank) -> None:
    report = build_report(
        mini_bank,
        engineer_progress(),
        source="p.toml",
        role=mini_bank.role_by_id["engineer"],
        generated=WHEN,
    )
    assert report["schema_version"] == 1
    assert report["generated"] == WHEN
    assert report["source_profile"] == "p.toml"
    assert report["target_role"] == "engineer"
    assert report["recommended_role"] == report["roles"][0]["id"]
    assert [r["rank"] for r in report["roles"]] == [1, 2]
    assert report["provisional"] is True
    # aws is skipped (not 0), so glue and kinesis below it are still asked: unanswered.
    assert report["answers"] == {
        "total": 7,
        "rated": 4,
        "skipped": 1,
        "not_applicable": 0,
        "unanswered": 2,
    }
    assert [(g["skill"], g["current"], g["target"], g["priority"]) for g in report["gaps"]] == [
        ("spark", 1, 3, "high"),
        ("python", 2, 3, "low"),
    ]
    assert report["gaps"][0]["resources"] == [
        {"title": "Spark docs", "url": "https://example.org/spark"}
    ]
    assert [(u["skill"], u["status"]) for u in report["unrated"]] == [
        ("aws", "skipped"),
        ("glue", "unanswered"),
    ]


def test_a_zero_on_a_parent_makes_its_children_not_applicable(mini_bank: Bank) -> None:
    progress = Progress(ratings={"sql": 3, "python": 3, "tableau": 3, "spark": 3, "aws": 0})
    report = build_report(mini_bank, progress, source="p.toml", generated=WHEN)
    assert report["answers"]["not_applicable"] == 2
    assert report["answers"]["unanswered"] == 0
    assert report["provisional"] is False


def test_report_round_trips_through_toml_losslessly(mini_bank: Bank, tmp_path: Path) -> None:
    report = build_report(mini_bank, engineer_progress(), source="p.toml", generated=WHEN)
    path = tmp_path / "report.toml"
    write_report(path, report)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == report
    assert load_report(path) == report
    assert report_to_toml(report).startswith("# rolequiz gap report")


def test_reading_a_damaged_report_names_the_field(mini_bank: Bank, tmp_path: Path) -> None:
    report = build_report(mini_bank, engineer_progress(), source="p.toml", generated=WHEN)
    report["roles"][0]["readiness"] = 1.5
    path = tmp_path / "report.toml"
    write_report(path, report)
    with pytest.raises(ProfileError) as caught:
        load_report(path)
    assert str(caught.value).startswith(f"{path}: roles.0.readiness: ")


def test_a_newer_report_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("schema_version = 5\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="newer than this rolequiz understands"):
        load_report(path)


MARKET = """schema_version = 1
source = "Test postings"
first_posted = 2023-01-01
last_posted = 2023-12-31
postings = 20
covered = ["spark", "python"]

[roles.engineer]
title = "Engineer"
postings = 20
share = { spark = 0.47 }
"""


def test_a_gap_carries_its_market_line_through_a_write_and_a_read(
    mini_root: Path, tmp_path: Path
) -> None:
    from rolequiz.domain.content import load_bank
    from rolequiz.domain.market import MARKET_FILE, market_for

    (mini_root / MARKET_FILE).parent.mkdir()
    (mini_root / MARKET_FILE).write_text(MARKET, encoding="utf-8")
    bank = load_bank(mini_root)
    market, warning = market_for(bank)
    assert market is not None and warning is None
    report = build_report(
        bank,
        engineer_progress(),
        source="p.toml",
        role=bank.role_by_id["engineer"],
        generated=WHEN,
        market=market,
    )
    assert [(g["skill"], g.get("market")) for g in report["gaps"]] == [
        ("spark", "named in 47% of Engineer postings, 2023"),
        ("python", "no 2023 posting names it"),
    ]
    path = tmp_path / "report.toml"
    write_report(path, report)
    assert load_report(path) == report
    path.write_text(path.read_text(encoding="utf-8").replace('market = "no', "market = 3 #"))
    with pytest.raises(ProfileError, match=r"gaps\.1\.market: input should be a valid string"):
        load_report(path)


def test_a_broken_market_file_is_no_figures_and_one_line(mini_root: Path) -> None:
    from rolequiz.domain.content import load_bank
    from rolequiz.domain.market import MARKET_FILE, market_for

    (mini_root / MARKET_FILE).parent.mkdir()
    (mini_root / MARKET_FILE).write_text(MARKET.replace("0.47", "47"), encoding="utf-8")
    market, warning = market_for(load_bank(mini_root))
    assert market is None and warning is not None
    assert "\n" not in warning and warning.endswith("(market figures left out)")
