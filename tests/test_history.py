"""Snapshots beside a profile: one a minute, oldest first, taken by start-over and export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.files.history import history_dir, list_snapshots, take_snapshot
from rolequiz.files.progress import load_progress

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_snapshot_is_the_profile_as_it_was_and_one_per_minute(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_bytes(b"schema_version = 1\r\n[ratings]\r\nsql = 1\r\n")
    first = take_snapshot(profile, when=WHEN)
    assert first == tmp_path / "me.history" / "2026-01-02-0304Z.toml"
    assert first.read_bytes() == profile.read_bytes()  # byte for byte
    # Later in the same minute: replaced, with the state given.
    again = take_snapshot(profile, Progress(ratings={"sql": 2}), WHEN + timedelta(seconds=50))
    assert again == first and load_progress(first).ratings == {"sql": 2}
    take_snapshot(profile, when=WHEN + timedelta(minutes=1))
    (history_dir(profile) / "notes.txt").write_text("mine", encoding="utf-8")
    (history_dir(profile) / "2026-13-45-9999Z.toml").write_text("", encoding="utf-8")
    listed = list_snapshots(profile)
    assert [s.when for s in listed] == [WHEN.replace(second=0), WHEN.replace(minute=5, second=0)]


def test_nothing_to_keep_or_nowhere_to_keep_it_is_not_an_error(tmp_path: Path) -> None:
    assert take_snapshot(tmp_path / "missing.toml", when=WHEN) is None
    assert list_snapshots(tmp_path / "missing.toml") == []
    profile = tmp_path / "me.toml"
    profile.write_text("schema_version = 1\n", encoding="utf-8")
    history_dir(profile).write_text("a file where the folder should be", encoding="utf-8")
    assert take_snapshot(profile, when=WHEN) is None


def test_start_over_and_export_each_keep_a_snapshot(tmp_path: Path, mini_bank: Bank) -> None:
    from rolequiz.files.beside import back_up_profile

    profile = tmp_path / "me.toml"
    profile.write_text("schema_version = 1\n[ratings]\nsql = 1\n", encoding="utf-8")
    back_up_profile(profile, WHEN)
    assert [s.when for s in list_snapshots(profile)] == [WHEN.replace(second=0)]
    assert load_progress(list_snapshots(profile)[0].path).ratings == {"sql": 1}
    from rolequiz.domain.session import QuizSession
    from rolequiz.files.writer import ProfileWriter

    session = QuizSession(
        mini_bank, Progress(ratings={"sql": 3}), profile, writer=ProfileWriter(profile)
    )
    try:
        session.export_report(tmp_path / "report.toml")
    finally:
        session.close()
    newest = list_snapshots(profile)[-1]
    assert load_progress(newest.path).ratings == {"sql": 3}
