"""The command line: each command's output, and one clear line with exit 1 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rolequiz.cli.main import main
from rolequiz.domain.content import load_bank
from rolequiz.domain.scoring import rank_roles
from rolequiz.files.progress import load_progress
from rolequiz.tui.screens.results import COLUMN_TITLES, COLUMNS

PROFILE = "schema_version = 1\nskipped = ['aws']\n[ratings]\nsql = 3\npython = 2\nspark = 1\n"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def use_mini_content(monkeypatch: pytest.MonkeyPatch, mini_root: Path) -> None:
    monkeypatch.setenv("ROLEQUIZ_CONTENT", str(mini_root))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_text_prints_a_ranked_table(
    capsys: pytest.CaptureFixture[str], profile: Path, mini_root: Path
) -> None:
    code, out, err = run(capsys, "score", str(profile))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{profile}: 3 of 7 rated, 1 skipped (provisional)"
    # The quiz's results table, its names and order: rank, role, match, ready, rated; in percent.
    assert lines[1].split() == [COLUMN_TITLES[key].lower() for key in COLUMNS]
    assert lines[1].split() == ["#", "role", "match", "ready", "rated"]
    ranked = rank_roles(load_bank(mini_root), load_progress(profile).ratings)
    for line, fit in zip(lines[2:-1], ranked, strict=True):
        close, ready = f"{round(fit.closeness * 100)}%", f"{round(fit.readiness * 100)}%"
        assert line.split(maxsplit=2)[2].split() == [
            close,
            ready,
            str(fit.rated),
            "of",
            str(fit.total),
        ]
    assert lines[-1] == f"  recommended: {ranked[0].role.name}"


def test_score_without_a_profile_scores_the_saved_one(
    capsys: pytest.CaptureFixture[str], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEQUIZ_PROFILE", str(profile))
    assert run(capsys, "score") == run(capsys, "score", str(profile))
    monkeypatch.setenv("ROLEQUIZ_PROFILE", str(profile.parent / "none.toml"))
    code, out, err = run(capsys, "score")
    assert code == 1 and out == ""
    missing = profile.parent / "none.toml"
    assert err == f"rolequiz: {missing}: no saved profile yet; take the quiz ('rolequiz') or " + (
        "name a profile file\n"
    )


@pytest.mark.parametrize("name", ["engineer", "ENGINEER", " Engineer "])
def test_roles_with_a_role_shows_its_skills(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "roles", name)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Engineer (engineer): 5 skills"
    assert lines[3].split() == ["skill", "id", "weight", "need", "target", "must-have", "why"]
    # no need in the profile: the weight orders its gaps
    assert lines[4].split()[:6] == ["Spark", "spark", "4", "4", "3", "yes"]
    assert len(lines) == 4 + 5
    code, out, _ = run(capsys, "roles", name, "--format", "json")
    record = json.loads(out)
    assert record["id"] == "engineer"
    assert record["skills"][0] == {
        "id": "spark",
        "name": "Spark",
        "weight": 4.0,
        "need": 4.0,
        "target": 3,
        "must": True,
        "why": "test",
    }


def test_roles_with_an_unknown_role_lists_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "roles", "astronaut")
    assert code == 1 and out == ""
    assert err == "rolequiz: unknown role 'astronaut' (known roles: analyst, engineer)\n"


def test_score_json_is_one_object_per_profile(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    second = tmp_path / "two.toml"
    second.write_text("schema_version = 1\n[ratings]\ntableau = 3\n", encoding="utf-8")
    code, out, _ = run(capsys, "score", str(profile), str(second), "--format", "json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == [str(profile), str(second)]
    first = records[0]
    assert first["recommended"] == first["roles"][0]["id"]
    assert {"id", "name", "closeness", "readiness", "coverage", "rank"} <= set(first["roles"][0])
    assert first["provisional"] is True and first["skipped"] == 1


def test_score_keeps_going_past_a_bad_file_and_fails_at_the_end(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[ratings]\nsql = 9\n", encoding="utf-8")
    code, out, err = run(capsys, "score", str(broken), str(profile), "--format", "json")
    assert code == 1
    assert err == f"rolequiz: {broken}: ratings.sql: level must be a whole number 0-4, got 9\n"
    records = [json.loads(line) for line in out.splitlines()]
    assert "error" in records[0] and records[1]["path"] == str(profile)


def test_unknown_skill_is_warned_about_and_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    path.write_text("schema_version = 1\n[ratings]\nsql = 3\ncobol = 4\n", encoding="utf-8")
    code, _, err = run(capsys, "score", str(path))
    assert code == 0
    assert err == f"rolequiz: warning: {path}: unknown skill ids kept but not scored: cobol\n"
    assert "cobol = 4" in path.read_text(encoding="utf-8")


def test_report_to_stdout_and_to_a_file(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "report", str(profile), "--role", "Engineer")
    assert code == 0
    report = tomllib.loads(out)
    assert report["target_role"] == "engineer"
    assert [gap["skill"] for gap in report["gaps"]] == ["spark", "python"]
    target = tmp_path / "out" / "gaps.toml"
    target.parent.mkdir()  # a missing folder is made only with a yes (rolequiz.files.export)
    code, out, err = run(capsys, "report", str(profile), "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert tomllib.loads(target.read_text(encoding="utf-8"))["source_profile"] == str(profile)


def test_report_uses_the_saved_profile_when_none_is_given(
    capsys: pytest.CaptureFixture[str], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEQUIZ_PROFILE", str(profile))
    code, out, _ = run(capsys, "report")
    assert code == 0 and tomllib.loads(out)["source_profile"] == str(profile)


def test_skills_and_roles_list_ids_names_and_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "skills", "--format", "json")
    skills = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and skills[0] == {
        "id": "sql",
        "name": "SQL",
        "category": "basics",
        "aliases": ["SQL alias"],
        "requires": None,
    }
    code, out, _ = run(capsys, "skills")
    assert "sql" in out and "SQL alias" in out
    code, out, _ = run(capsys, "roles", "--format", "json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["analyst", "engineer"]
    code, out, _ = run(capsys, "roles")
    assert out.startswith("analyst   Analyst (3 skills)")


def test_validate_ok_and_every_problem(capsys: pytest.CaptureFixture[str], mini_root: Path) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and out.startswith("ok: 7 skills in 2 categories, 2 roles")
    role = mini_root / "profiles" / "analyst.toml"
    role.write_text(
        role.read_text().replace("target = 3", "target = 9").replace("tableau", "tablo")
    )
    code, out, err = run(capsys, "validate", "--content", str(mini_root))
    assert code == 1
    assert len(out.splitlines()) == 2
    assert err == f"rolequiz: 2 problems in {mini_root}\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "missing.toml"], "missing.toml: no such file"),
        (["report", "me.toml", "--role", "astronaut"], "unknown role 'astronaut' (known roles: "),
        (["--content", "nowhere", "skills"], "nowhere/questions: folder not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_one(
    capsys: pytest.CaptureFixture[str],
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(profile.parent)
    code, _, err = run(capsys, *args)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("rolequiz: ")
    assert expected in err


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "one.toml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "see 'rolequiz compare --help'" in err


def test_real_process_never_prints_a_traceback(tmp_path: Path, mini_root: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"schema_version = 1\n[ratings]\n\x00\xff = 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "rolequiz", "--content", str(mini_root), "score", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr


@pytest.mark.parametrize("output", ["text", "json"])
def test_a_team_is_scored_in_the_order_given_with_each_problem_in_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    paths = []
    for number in range(40):
        path = tmp_path / f"p{number:02d}.toml"
        ratings = f"sql = {number % 5}\npython = {(number * 3) % 5}\ntableau = {number % 4}\n"
        if number == 7:
            ratings += "cobol = 4\n"  # an unknown skill: warned about, in its place
        path.write_text(f"schema_version = 1\n[ratings]\n{ratings}", encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "p13.toml").write_text("schema_version = 1\n[ratings]\nsql = 9\n", "utf-8")
    code, out, err = run(capsys, "score", *paths, "--format", output)
    assert code == 1 and "sql: level must be a whole number" in err and "cobol" in err
    assert err.index("p07.toml") < err.index("p13.toml")
    if output == "json":
        records = [json.loads(line) for line in out.splitlines()]
        assert [Path(record["path"]).name for record in records] == [
            f"p{number:02d}.toml" for number in range(40)
        ]
        assert "error" in records[13] and records[7]["unknown_skills"] == ["cobol"]
    else:
        assert out.count("recommended:") == 39
        assert out.index("p12.toml") < out.index("p14.toml") and "p13.toml" not in out
