"""The quiz session without Textual: moves, counts, saving in the background, files beside."""

from __future__ import annotations

import threading
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.domain.session import QuizSession
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.beside import (
    back_up_profile,
    backup_name,
    copy_name,
    default_report_path,
    fresh_path_beside,
    open_profile,
)
from rolequiz.files.progress import load_progress
from rolequiz.files.writer import ProfileWriter

from .conftest import ORDER


def session_for(bank: Bank, tmp_path: Path, progress: Progress | None = None) -> QuizSession:
    path = tmp_path / "profile.toml"
    return QuizSession(bank, progress or Progress(), path, writer=ProfileWriter(path))


def test_a_new_session_starts_at_the_first_skill(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path)
    assert session.skill.id == "python"
    assert session.counts().pending == len(ORDER)
    assert session.category_position(session.skill) == (1, 3)


def test_answering_moves_on_and_the_file_follows(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path)
    assert session.answer(3) is True
    assert session.skill.id == "sql"
    assert session.flush() is None
    data = tomllib.loads((tmp_path / "profile.toml").read_text(encoding="utf-8"))
    assert data["ratings"] == {"python": 3}
    assert data["position"] == "sql"


def test_a_parent_at_zero_makes_its_children_not_applicable(
    small_bank: Bank, tmp_path: Path
) -> None:
    session = session_for(small_bank, tmp_path)
    session.go_to("aws")
    session.answer(0)
    assert session.skill.id == "docker"  # glue and athena are passed over
    assert session.state("glue") == "not_applicable"
    assert (
        session.blocking_parent(small_bank.skill_by_id["athena"]) is small_bank.skill_by_id["aws"]
    )
    assert session.category_count("cloud").done == 3  # aws answered, two not applicable
    session.go_to("glue")  # still reachable, and can be answered anyway
    session.answer(2)
    assert session.level("glue") == 2 and session.state("glue") == "rated"


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        (["answer", "answer", "back"], "sql"),
        (["answer", "back", "back"], "python"),
        (["forward", "forward", "forward"], "aws"),
        (["skip", "answer", "next_unanswered"], "aws"),
    ],
)
def test_moves(small_bank: Bank, tmp_path: Path, moves: list[str], expected: str) -> None:
    session = session_for(small_bank, tmp_path)
    for move in moves:
        if move == "answer":
            session.answer(2)
        else:
            getattr(session, move)()
    assert session.skill.id == expected


def test_back_and_forward_stop_at_the_ends(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path)
    assert session.back() is False and session.skill.id == "python"
    session.go_to("deep")
    assert session.forward() is False and session.skill.id == "deep"


def test_next_question_wraps_round_and_reports_the_end(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path)
    session.go_to("deep")
    assert session.answer(1) is True and session.skill.id == "python"
    for _ in ORDER[:-2]:
        assert session.answer(2) is True
    assert session.answer(2) is False  # the last pending one: nothing left to ask
    assert session.is_complete


def test_resume_lands_on_the_first_unanswered_after_the_saved_position(
    small_bank: Bank, tmp_path: Path
) -> None:
    progress = Progress(ratings={"python": 3, "sql": 2, "stats": 1}, position="sql")
    session = session_for(small_bank, tmp_path, progress)
    assert session.skill.id == "aws"
    unanswered_position = Progress(ratings={"python": 3}, position="docker")
    assert session_for(small_bank, tmp_path, unanswered_position).skill.id == "docker"


def test_unknown_skill_ids_are_kept_and_listed(small_bank: Bank, tmp_path: Path) -> None:
    progress = Progress(ratings={"python": 3, "cobol": 4}, skipped=["fortran"])
    session = session_for(small_bank, tmp_path, progress)
    assert session.unknown_skills == ["cobol", "fortran"]
    assert session.counts().rated == 1
    session.answer(2)
    assert session.close() is None
    saved = load_progress(tmp_path / "profile.toml")
    assert saved.ratings["cobol"] == 4 and "fortran" in saved.skipped


def test_close_saves_a_moved_position_but_creates_no_file_for_a_browse(
    small_bank: Bank, tmp_path: Path
) -> None:
    browsed = session_for(small_bank, tmp_path)
    browsed.forward()
    assert browsed.close() is None
    assert not (tmp_path / "profile.toml").exists()

    session = session_for(small_bank, tmp_path)
    session.answer(3)
    session.go_to("deep")
    assert session.close() is None
    assert load_progress(tmp_path / "profile.toml").position == "deep"


def test_ranking_is_cached_until_an_answer_changes(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path)
    first = session.ranked()
    assert session.ranked() is first
    session.answer(4)
    assert session.ranked() is not first


def test_writer_coalesces_a_burst_into_the_latest_snapshot(tmp_path: Path) -> None:
    gate = threading.Event()
    written: list[dict[str, int]] = []

    def slow_write(path: Path, progress: Progress) -> None:
        gate.wait(5)
        written.append(dict(progress.ratings))

    writer = ProfileWriter(tmp_path / "p.toml", write=slow_write)
    for level in range(5):
        writer.submit(Progress(ratings={"sql": level}))
    gate.set()
    assert writer.close() is None
    assert written[-1] == {"sql": 4}
    assert len(written) <= 2  # the first one, maybe, then only the newest


def test_a_failed_save_is_reported_kept_and_retried(tmp_path: Path) -> None:
    statuses: list[str | None] = []
    attempts: list[int] = []
    fail = True

    def flaky_write(path: Path, progress: Progress) -> None:
        attempts.append(progress.ratings["sql"])
        if fail:
            raise PermissionError(13, "Permission denied")

    writer = ProfileWriter(tmp_path / "p.toml", on_status=statuses.append, write=flaky_write)
    writer.submit(Progress(ratings={"sql": 1}))
    error = writer.flush()
    assert error is not None and "permission denied" in error and str(tmp_path) in error
    fail = False
    writer.submit(Progress(ratings={"sql": 2}))  # the next change tries again
    assert writer.flush() is None
    assert statuses == [error, None]
    assert attempts[-1] == 2
    writer.close()


def test_a_submit_after_close_is_written_at_once(tmp_path: Path) -> None:
    writer = ProfileWriter(tmp_path / "p.toml")
    writer.close()
    writer.submit(Progress(ratings={"sql": 2}))
    assert load_progress(tmp_path / "p.toml").ratings == {"sql": 2}


def test_open_profile_none_for_a_new_path_and_one_line_for_a_broken_one(tmp_path: Path) -> None:
    assert open_profile(tmp_path / "missing.toml") is None
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[ratings]\nsql = 9\n", encoding="utf-8")
    before = broken.read_bytes()
    with pytest.raises(ProfileError) as caught:
        open_profile(broken)
    assert str(broken) in str(caught.value) and "\n" not in str(caught.value)
    assert broken.read_bytes() == before


def test_start_over_keeps_a_dated_backup_beside(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text("schema_version = 1\n[ratings]\nsql = 3\n", encoding="utf-8")
    when = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    backup = back_up_profile(profile, when)
    assert not profile.exists()
    assert backup.parent == tmp_path and backup.name.startswith("profile.2025-03-0")
    assert backup.name.endswith(".bak.toml")
    assert "sql = 3" in backup.read_text(encoding="utf-8")
    # The same second again gets its own name: a backup is never overwritten.
    profile.write_text("schema_version = 1\n", encoding="utf-8")
    assert backup_name(profile, when) != backup


def test_fresh_path_beside_never_names_an_existing_file(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    assert fresh_path_beside(profile) == tmp_path / "profile.new.toml"
    (tmp_path / "profile.new.toml").write_text("", encoding="utf-8")
    assert fresh_path_beside(profile) == tmp_path / "profile.new-2.toml"


def test_names_beside_a_profile_count_up_past_taken_ones(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    when = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    stamp = when.astimezone().strftime("%Y-%m-%d-%H%M%S")
    for name, expected in (
        (
            lambda: backup_name(profile, when),
            [f"profile.{stamp}.bak.toml", f"profile.{stamp}-2.bak.toml"],
        ),
        (
            lambda: copy_name(profile, when),
            [f"profile.copy-{stamp}.toml", f"profile.copy-{stamp}-2.toml"],
        ),
    ):
        first = name()
        assert first.name == expected[0]
        first.symlink_to(tmp_path / "nowhere")  # a dangling link is taken too
        assert name().name == expected[1]


def test_export_report_writes_the_chosen_role(small_bank: Bank, tmp_path: Path) -> None:
    session = session_for(small_bank, tmp_path, Progress(ratings={"sql": 1, "python": 2}))
    role = small_bank.role_by_id["data_scientist"]
    target = default_report_path(tmp_path, role)
    assert target.name == "rolequiz-report-data_scientist.toml"
    session.export_report(target, role)
    report = tomllib.loads(target.read_text(encoding="utf-8"))
    assert report["target_role"] == "data_scientist"
    assert report["source_profile"] == str(tmp_path / "profile.toml")
    with pytest.raises(RolequizError):
        session.export_report(tmp_path, role)  # a folder: one clear line, nothing written
