"""The commands beyond one sitting, run through `rolequiz.cli.main.main`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rolequiz.cli.main import main
from rolequiz.files.lock import ProfileLock
from rolequiz.files.progress import load_progress

PROFILE = "schema_version = 1\n[ratings]\nsql = 1\npython = 2\nspark = 0\naws = 1\nglue = 0\n"


@pytest.fixture(autouse=True)
def use_mini_content(monkeypatch: pytest.MonkeyPatch, mini_root: Path) -> None:
    monkeypatch.setenv("ROLEQUIZ_CONTENT", str(mini_root))


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# plan ----------------------------------------------------------------------------------------


def test_plan_prints_steps_and_keeps_the_role(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    code, out, err = run(capsys, "plan", str(profile), "--role", "engineer")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == f"Learning plan for Engineer ({profile}): 5 gaps in 2 steps"
    assert "  1. Spark (spark): level 0 -> 3  [must-have, high]" in out
    assert "  5. Glue (glue): level 0 -> 1  [low]\n     after: AWS\n" in out
    assert "     - Spark docs: https://example.org/spark" in out
    assert load_progress(profile).target_role == "engineer"
    # The kept role is the default next time.
    code, out, _ = run(capsys, "plan", str(profile), "--format", "json")
    record = json.loads(out)
    assert record["role"] == "engineer"
    assert [[s["skill"] for s in step] for step in record["steps"]] == [
        ["spark", "sql", "python"],
        ["aws", "glue"],
    ]


def test_plan_without_a_role_takes_the_recommended_one_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    before = profile.read_bytes()
    code, out, _ = run(capsys, "plan", str(profile), "--format", "json")
    assert code == 0 and json.loads(out)["role"] in {"analyst", "engineer"}
    assert profile.read_bytes() == before


def test_plan_on_a_profile_in_use_prints_the_plan_and_says_the_role_was_not_kept(
    capsys: pytest.CaptureFixture[str], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolequiz.files import lock

    def in_use(cls: type[ProfileLock], path: Path) -> ProfileLock:
        raise lock.ProfileInUse(path, lock.Holder(pid=4242, host="h", started="now"))

    monkeypatch.setattr(ProfileLock, "acquire", classmethod(in_use))
    code, out, err = run(capsys, "plan", str(profile), "--role", "analyst")
    assert code == 0 and out.startswith("Learning plan for Analyst")
    assert err.startswith("rolequiz: warning: target role not kept:") and err.count("\n") == 1
    assert load_progress(profile).target_role is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "nope"], "unknown role 'nope'"),
        (["--content", "/nonexistent-content"], "folder not found"),
    ],
)
def test_plan_bad_input_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], profile: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "plan", str(profile), *args)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1


def test_plan_on_a_broken_profile_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("schema_version = 1\n[ratings]\nsql = 9\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", str(path), "--role", "analyst")
    assert (code, out) == (1, "")
    assert err == f"rolequiz: {path}: ratings.sql: level must be a whole number 0-4, got 9\n"


def test_plan_escapes_control_characters_from_the_profile_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "\x1b[2Jme.toml"
    path.write_text(PROFILE, encoding="utf-8")
    code, out, _ = run(capsys, "plan", str(path))
    assert code == 0 and "\x1b" not in out and "\\x1b[2Jme.toml" in out


# report --format -----------------------------------------------------------------------------


def test_report_markdown_to_stdout_and_html_to_a_file(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "report", str(profile), "--format", "markdown")
    assert code == 0 and err == ""
    assert out.startswith("# rolequiz gap report: ") and "## Roles, closest first" in out
    target = tmp_path / "r.html"
    code, out, err = run(capsys, "report", str(profile), "--format", "html", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"rolequiz: report written to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_toml_is_unchanged_by_the_new_option(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    _, plain, _ = run(capsys, "report", str(profile), "--role", "analyst")
    _, toml, _ = run(capsys, "report", str(profile), "--role", "analyst", "--format", "toml")
    strip = [line for line in plain.splitlines() if not line.startswith("generated")]
    assert strip == [line for line in toml.splitlines() if not line.startswith("generated")]


def test_report_html_to_a_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "report", str(profile), "--format", "html", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        f"rolequiz: {tmp_path}: is a folder, not a file; choose a file name; "
        "the report was not written\n"
    )


@pytest.mark.parametrize("form", ["toml", "markdown", "html"])
def test_report_onto_its_own_profile_is_refused_and_keeps_every_answer(
    capsys: pytest.CaptureFixture[str], profile: Path, form: str
) -> None:
    before = profile.read_bytes()
    code, out, err = run(capsys, "report", str(profile), "--format", form, "-o", str(profile))
    assert (code, out) == (1, "")
    assert err.startswith(f"rolequiz: {profile}") and err.count("\n") == 1
    assert profile.read_bytes() == before


def test_report_through_a_link_is_refused_and_the_link_kept(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    code, _, err = run(capsys, "report", str(profile), "--format", "markdown", "-o", str(link))
    assert code == 1 and "link" in err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine\n"


# history and compare -------------------------------------------------------------------------


def test_history_lists_snapshots_then_now(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    from datetime import UTC, datetime

    from rolequiz.files.history import take_snapshot

    take_snapshot(profile, when=datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    code, out, err = run(capsys, "history", str(profile))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{profile}: 1 snapshot in {profile.with_name('me.history')}"
    assert lines[1].startswith("  2026-01-02 03:04 UTC") and "5 of 7 rated" in lines[1]
    assert "top: " in lines[1] and "% ready" in lines[1] and lines[1].endswith("Z.toml")
    assert lines[2].startswith("  now ") and lines[2].endswith("me.toml")


def test_history_of_nothing_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "history", str(tmp_path / "none.toml"))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "no snapshots" in err


def test_compare_text_json_markdown(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.toml"
    new.write_text("schema_version = 1\n[ratings]\nsql = 3\npython = 1\nspark = 2\n", "utf-8")
    code, out, _ = run(capsys, "compare", str(profile), str(new), "--role", "engineer")
    assert code == 0
    assert "Ratings up: 2\n  skill  before  after\n  SQL    1       3\n  Spark  0       2\n" in out
    assert "Gaps for Engineer closed: 3" in out
    # The roles as the quiz shows them: match and ready in whole percent, before -> after.
    roles = out[out.index("Roles (before -> after)") :].splitlines()
    assert roles[1].split() == ["role", "rank", "match", "ready", "coverage"]
    assert len(roles) > 2
    assert all(len(re.findall(r"\b\d+% -> \d+%", row)) == 3 for row in roles[2:])
    code, out, _ = run(capsys, "compare", str(profile), str(new), "--format", "json")
    record = json.loads(out)
    assert record["down"] == [{"skill": "python", "before": 2, "after": 1}]
    code, out, _ = run(capsys, "compare", str(profile), str(new), "--format", "markdown")
    assert "## Ratings up\n\n| skill | before | after |\n|---|---|---|\n| SQL | 1 | 3 |" in out


def test_compare_with_a_missing_file_is_one_line(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "compare", str(profile), str(tmp_path / "gone.toml"))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "gone.toml" in err


# team ----------------------------------------------------------------------------------------


def test_team_of_a_folder_names_people_and_reports_a_bad_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "ana.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "b.toml").write_text(
        'schema_version = 1\nname = "Bea"\n[ratings]\nsql = 4\nspark = 3\n', encoding="utf-8"
    )
    (folder / "broken.toml").write_text("schema_version = 1\n[ratings]\nsql = 9\n", "utf-8")
    code, out, err = run(capsys, "team", str(folder), "--format", "json")
    assert code == 1 and err.count("\n") == 1 and "broken.toml: ratings.sql" in err
    record = json.loads(out)
    assert record["people"] == 2
    assert record["spread"]["sql"] == {"levels": [0, 1, 0, 0, 1], "unrated": 0}
    assert record["single"] == [
        {"skill": "sql", "person": "Bea", "level": 4},
        {"skill": "spark", "person": "Bea", "level": 3},
    ]
    ana = next(p for p in record["mentors"] if p["person"] == "ana")
    sql = next(gap for gap in ana["gaps"] if gap["skill"] == "sql")  # ana sql 1: a gap either way
    assert (sql["mentor"], sql["mentor_level"]) == ("Bea", 4)
    code, out, _ = run(capsys, "team", str(folder / "ana.toml"), str(folder / "b.toml"))
    assert code == 0 and out.startswith("Team of 2 people\n\nPeople at each level, per skill: 7")
    code, out, _ = run(capsys, "team", str(folder / "b.toml"), "--format", "markdown")
    assert "| spark | Bea | 3 |" in out.replace("Spark", "spark")


def test_team_of_an_empty_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "team", str(tmp_path))
    assert (code, out) == (
        1,
        "",
    ) and err == f"rolequiz: {tmp_path}: no *.toml profiles in the folder\n"
