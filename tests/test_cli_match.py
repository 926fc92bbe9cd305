"""`rolequiz match`: each format, every kind of bad ad, and the market figures in match, plan
and roles (the mini content of conftest: analyst and engineer)."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pytest

from rolequiz.cli.main import main
from rolequiz.domain.job_ad import MAX_AD_BYTES
from rolequiz.domain.market import MARKET_FILE

PROFILE = "schema_version = 1\n[ratings]\nsql = 3\npython = 1\nspark = 0\n"
AD = "Data Engineer. You will excel at teamwork. Spark, Python and SQL; Tableau is a plus.\n"
MARKET = """schema_version = 1
source = "Test postings"
first_posted = 2023-01-01
last_posted = 2023-12-31
postings = 30
covered = ["sql", "spark", "python", "tableau"]

[roles.engineer]
title = "Engineer"
postings = 20
share = { sql = 0.5, spark = 0.47 }
"""


@pytest.fixture(autouse=True)
def use_mini_content(monkeypatch: pytest.MonkeyPatch, mini_root: Path, tmp_path: Path) -> None:
    monkeypatch.setenv("ROLEQUIZ_CONTENT", str(mini_root))
    monkeypatch.setenv("ROLEQUIZ_PROFILE", str(tmp_path / "nobody" / "profile.toml"))


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def ad(tmp_path: Path) -> Path:
    path = tmp_path / "ad.txt"
    path.write_text(AD, encoding="utf-8")
    return path


@pytest.fixture
def market(mini_root: Path) -> Path:
    path = mini_root / MARKET_FILE
    path.parent.mkdir()
    path.write_text(MARKET, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_names_the_role_each_skill_with_your_level_the_gaps_and_a_summary(
    capsys: pytest.CaptureFixture[str], ad: Path, profile: Path
) -> None:
    code, out, err = run(capsys, "match", str(ad), "--profile", str(profile))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{ad} reads as Engineer (match 94%); then Analyst 91%"
    assert "  Tableau  not rated  3" in lines
    gaps = [line for line in lines if line[:4].strip().rstrip(".").isdigit()]
    assert gaps == [
        "  1. Spark (spark): 0 -> 3  [must-have, high]",
        "  2. Python (python): 1 -> 3  [medium]",
        "  3. Tableau (tableau): not rated -> 3  [low]",
    ]
    assert "     next: Practise Spark." in lines
    assert lines[-1] == (
        "1 of 4 skills this ad names at the level asked; biggest gaps: Spark, Python, Tableau"
    )


def test_json_is_one_object_per_ad_per_line(
    capsys: pytest.CaptureFixture[str], ad: Path, profile: Path, tmp_path: Path
) -> None:
    second = tmp_path / "analyst.txt"
    second.write_text("SQL and Tableau dashboards", encoding="utf-8")
    code, out, _ = run(
        capsys, "match", str(ad), str(second), "--profile", str(profile), "--format", "json"
    )
    first, other = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first["file"] == str(ad)
    assert first["skills"] == ["spark", "python", "sql", "tableau"]
    assert [(r["id"], r["name"]) for r in first["roles"]] == [
        ("engineer", "Engineer"),
        ("analyst", "Analyst"),
    ]
    assert first["roles"][0]["closeness"] == pytest.approx(0.9375, abs=1e-4)
    assert [g["skill"] for g in first["gaps"]] == ["spark", "python", "tableau"]
    assert first["gaps"][2]["current"] is None and first["gaps"][0]["must"] is True
    assert other["skills"] == ["sql", "tableau"] and other["roles"][0]["id"] == "analyst"


def test_markdown_escapes_and_links(
    capsys: pytest.CaptureFixture[str], ad: Path, profile: Path
) -> None:
    code, out, _ = run(capsys, "match", str(ad), "--profile", str(profile), "--format", "markdown")
    assert code == 0 and out.startswith(f"# {ad}".replace("_", "\\_"))
    assert "| Tableau | not rated | 3 |" in out
    assert "1. **Spark** (spark): level 0, target 3, high priority, must-have." in out
    assert "   - [Spark docs](https://example.org/spark)" in out


def test_stdin_is_read_for_a_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, profile: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"SQL, Tableau")))
    code, out, _ = run(capsys, "match", "-", "--profile", str(profile), "--format", "json")
    record = json.loads(out)
    assert code == 0 and record["file"] == "-" and record["skills"] == ["sql", "tableau"]


def test_stdin_over_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, profile: Path
) -> None:
    big = b"SQL " * (MAX_AD_BYTES // 4 + 1)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(big)))
    code, out, err = run(capsys, "match", "-", "--profile", str(profile))
    assert code == 1 and out == ""
    assert err == "rolequiz: standard input: too large for an ad (the limit is 1,048,576 bytes)\n"


def bad_ads(folder: Path) -> dict[str, str]:
    """File name -> the one line each gets."""
    (folder / "binary.bin").write_bytes(b"\x7fELF\x00\x01\x02")
    (folder / "empty.txt").write_bytes(b"\n  \n")
    (folder / "latin1.txt").write_bytes("Café SQL".encode("latin-1"))
    (folder / "utf16.txt").write_bytes("SQL".encode("utf-16"))
    (folder / "shoes.txt").write_text("We sell shoes.", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return {
        "binary.bin": "binary.bin: a binary file, not a text ad",
        "empty.txt": "empty.txt: empty ad (no text)",
        "latin1.txt": "latin1.txt: not UTF-8 text (byte 3; save the ad as UTF-8)",
        "utf16.txt": "utf16.txt: UTF-16 text, not UTF-8 (save the ad as UTF-8)",
        "shoes.txt": "no skill from the bank found in shoes.txt",
        "huge.txt": "huge.txt: file is too large (52,428,800 bytes; the limit is 1,048,576)",
        "missing.txt": "missing.txt: no such file",
    }


@pytest.mark.parametrize("form", ["text", "json"])
def test_every_bad_ad_is_one_line_exit_1_and_the_good_one_still_shown(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    ad: Path,
    profile: Path,
    form: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    expected = bad_ads(tmp_path)
    code, out, err = run(
        capsys, "match", *expected, "ad.txt", "--profile", str(profile), "--format", form
    )
    assert code == 1
    assert err.splitlines() == [f"rolequiz: {line}" for line in expected.values()]
    if form == "text":
        assert out.startswith("ad.txt reads as Engineer")
        return
    records = [json.loads(line) for line in out.splitlines()]
    assert [r.get("error") for r in records[:-1]] == list(expected.values())
    assert records[-1]["file"] == "ad.txt" and "error" not in records[-1]


def test_names_from_files_reach_the_terminal_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, profile: Path
) -> None:
    evil = tmp_path / "ad\x1b]0;owned\x07.txt"
    evil.write_text("SQL", encoding="utf-8")
    code, out, err = run(capsys, "match", str(evil), "--profile", str(profile))
    assert code == 0 and "\x1b" not in out and "\\x1b]0;owned\\x07.txt reads as" in out
    evil.write_text("no tools", encoding="utf-8")
    code, _, err = run(capsys, "match", str(evil), "--profile", str(profile))
    assert code == 1 and "\x1b" not in err and "\\x1b" in err


def test_without_a_saved_profile_every_skill_is_not_rated(
    capsys: pytest.CaptureFixture[str], ad: Path
) -> None:
    code, out, err = run(capsys, "match", str(ad))
    assert code == 0 and "no saved profile" in err and "counts as not rated" in err
    assert "0 of 4 skills this ad names" in out


def test_the_saved_profile_is_the_default(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    ad: Path,
    profile: Path,
) -> None:
    monkeypatch.setenv("ROLEQUIZ_PROFILE", str(profile))
    code, out, err = run(capsys, "match", str(ad))
    assert code == 0 and err == "" and out.splitlines()[-1].startswith("1 of 4")


def test_a_given_profile_that_does_not_load_is_one_line(
    capsys: pytest.CaptureFixture[str], ad: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "match", str(ad), "--profile", str(tmp_path / "no.toml"))
    assert code == 1 and out == "" and err.endswith("no.toml: no such file\n")


def test_market_figures_beside_the_gaps_of_match_and_plan_and_the_skills_of_roles(
    capsys: pytest.CaptureFixture[str], ad: Path, profile: Path, market: Path
) -> None:
    code, out, _ = run(capsys, "match", str(ad), "--profile", str(profile))
    assert code == 0
    assert "  1. Spark (spark): 0 -> 3  [must-have, high]\n     market: named in 47% of " in out
    assert "     market: no 2023 posting names it\n     next: Practise Python." in out
    code, out, _ = run(capsys, "match", str(ad), "--profile", str(profile), "--format", "json")
    assert json.loads(out)["gaps"][0]["market"] == "named in 47% of Engineer postings, 2023"
    code, out, _ = run(capsys, "plan", str(profile), "--role", "engineer")
    assert code == 0 and "     market: named in 47% of Engineer postings, 2023" in out
    code, out, _ = run(capsys, "roles")
    assert "    SQL: named in 50% of Engineer postings, 2023\n" in out
    code, out, _ = run(capsys, "roles", "--format", "json")
    engineer = json.loads(out.splitlines()[1])
    assert engineer["market"]["spark"] == "named in 47% of Engineer postings, 2023"


def test_a_broken_market_file_is_one_warning_and_no_figures(
    capsys: pytest.CaptureFixture[str], ad: Path, profile: Path, market: Path
) -> None:
    market.write_text(MARKET.replace("sql = 0.5", "sql = 5"), encoding="utf-8")
    code, out, err = run(capsys, "match", str(ad), "--profile", str(profile))
    assert code == 0 and "market:" not in out
    assert err.count("\n") == 1 and "share.sql: input should be less than or equal to 1" in err
    assert err.endswith("(market figures left out)\n")


def test_market_figures_beside_the_gaps_of_the_report_in_each_format(
    capsys: pytest.CaptureFixture[str], profile: Path, market: Path
) -> None:
    code, out, err = run(capsys, "report", str(profile), "--role", "engineer")
    assert code == 0 and err == ""
    gaps = {gap["skill"]: gap for gap in tomllib.loads(out)["gaps"]}
    assert gaps["spark"]["market"] == "named in 47% of Engineer postings, 2023"
    assert gaps["python"]["market"] == "no 2023 posting names it"
    code, out, _ = run(capsys, "report", str(profile), "--role", "engineer", "--format", "markdown")
    assert "   - Market: named in 47% of Engineer postings, 2023\n" in out
    code, out, _ = run(capsys, "report", str(profile), "--role", "engineer", "--format", "html")
    assert '<span class="market">Market: no 2023 posting names it</span>' in out


def test_market_figures_beside_the_skills_of_one_role(
    capsys: pytest.CaptureFixture[str], market: Path
) -> None:
    code, out, err = run(capsys, "roles", "engineer")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[3].split()[:7] == [
        "skill",
        "id",
        "weight",
        "need",
        "target",
        "must-have",
        "market",
    ]
    spark = next(line for line in lines if " spark " in line)
    assert "named in 47% of Engineer postings, 2023" in spark
    python = next(line for line in lines if " python " in line)
    assert "no 2023 posting names it" in python
    code, out, _ = run(capsys, "roles", "engineer", "--format", "json")
    skills = {skill["id"]: skill for skill in json.loads(out)["skills"]}
    assert skills["spark"]["market"] == "named in 47% of Engineer postings, 2023"
    assert skills["python"]["market"] == "no 2023 posting names it"
    assert "market" not in skills["glue"]  # the postings cannot name it: nothing to say


def test_a_broken_market_file_leaves_the_report_and_the_role_whole(
    capsys: pytest.CaptureFixture[str], profile: Path, market: Path
) -> None:
    market.write_text(MARKET.replace("sql = 0.5", "sql = 5"), encoding="utf-8")
    code, out, err = run(capsys, "report", str(profile), "--role", "engineer")
    assert code == 0 and err.endswith("(market figures left out)\n")
    assert [gap["skill"] for gap in tomllib.loads(out)["gaps"] if "market" in gap] == []
    code, out, err = run(capsys, "roles", "engineer")
    assert code == 0 and "market" not in out and err.endswith("(market figures left out)\n")
