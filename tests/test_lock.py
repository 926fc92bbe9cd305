"""The profile lock: one writer per profile, told by PID; a dead holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rolequiz.domain.progress import Progress
from rolequiz.files.lock import (
    Holder,
    ProfileInUse,
    ProfileLock,
    lock_path,
    read_holder,
    this_host,
)
from rolequiz.files.progress import load_progress, save_progress
from rolequiz.tomlio import open_temp_beside

# Above the largest PID Linux hands out (2**22), so no process has it.
DEAD_PID = 4_194_400

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rolequiz.files.lock import ProfileLock
    lock = ProfileLock.acquire(Path(sys.argv[1]))
    print("held" if lock else "none", flush=True)
    sys.stdin.readline()
    """
)


def holding_process(profile: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock on `profile` and keeps it until killed or fed."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(profile)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_a_second_taker_is_told_the_holders_pid_until_it_is_released(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    first = ProfileLock.acquire(profile)
    assert first is not None and first.held
    assert lock_path(profile).name == "profile.toml.lock"
    with pytest.raises(ProfileInUse) as caught:
        ProfileLock.acquire(profile)
    assert str(caught.value) == f"profile.toml is in use by rolequiz (PID {os.getpid()})"
    assert caught.value.holder.host == this_host()
    first.release()
    first.release()  # twice is harmless
    assert not lock_path(profile).exists()
    second = ProfileLock.acquire(profile)
    assert second is not None
    second.release()


def test_a_lock_left_by_a_dead_pid_is_taken_over(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    lock_path(profile).write_text(
        f'pid = {DEAD_PID}\nhost = "{this_host()}"\nstarted = 2025-01-01T00:00:00+00:00\n',
        encoding="utf-8",
    )
    with pytest.raises(ProcessLookupError):
        os.kill(DEAD_PID, 0)
    lock = ProfileLock.acquire(profile)
    assert lock is not None
    assert read_holder(profile).pid == os.getpid()
    lock.release()


def test_a_holder_killed_with_sigkill_is_taken_over(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    child = holding_process(profile)
    try:
        with pytest.raises(ProfileInUse) as caught:
            ProfileLock.acquire(profile)
        assert caught.value.holder.pid == child.pid
        assert f"(PID {child.pid})" in str(caught.value)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert lock_path(profile).exists()  # left behind by the killed process...
    lock = ProfileLock.acquire(profile)  # ...and taken over at once
    assert lock is not None and read_holder(profile).pid == os.getpid()
    lock.release()


def test_no_lock_where_no_lock_file_can_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert ProfileLock.acquire(blocker / "profile.toml") is None


def test_release_leaves_a_lock_file_that_is_no_longer_its_own(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    lock = ProfileLock.acquire(profile)
    assert lock is not None
    lock_path(profile).unlink()
    lock_path(profile).write_text("pid = 1\n", encoding="utf-8")  # someone else's now
    lock.release()
    assert lock_path(profile).read_text(encoding="utf-8") == "pid = 1\n"


@pytest.mark.parametrize(
    ("holder", "expected"),
    [
        (Holder(pid=1234, host=this_host()), "PID 1234"),
        (Holder(pid=1234, host="elsewhere\x1b[2J"), "PID 1234 on elsewhere\\x1b[2J"),
        (Holder(), "another process"),
    ],
)
def test_holder_describes_itself_in_a_few_printable_words(holder: Holder, expected: str) -> None:
    assert holder.describe() == expected


def test_a_garbled_lock_file_is_still_a_lock(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    child = holding_process(profile)
    try:
        lock_path(profile).write_bytes(b"\xff\x00 pid = lots\n")
        with pytest.raises(ProfileInUse, match=r"in use by rolequiz \(another process\)"):
            ProfileLock.acquire(profile)
    finally:
        child.kill()
        child.wait(10)


def left_by_a_killed_save(folder: Path, prefix: str) -> Path:
    """A temporary file made by the writer's own `open_temp_beside` for the file that `prefix`
    (`.<name>.`) belongs to, as a kill mid-save leaves it."""
    fd, name = open_temp_beside(folder / prefix[1:-1])
    os.write(fd, b"[half a profile")
    os.close(fd)
    return name


def test_taking_the_lock_removes_what_killed_saves_of_this_profile_left(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text("version = 1\n", encoding="utf-8")
    stale = [
        left_by_a_killed_save(tmp_path, ".profile.toml."),
        left_by_a_killed_save(tmp_path, ".profile.toml."),
        left_by_a_killed_save(tmp_path, ".profile.toml.v1.bak."),
    ]
    others = [
        left_by_a_killed_save(tmp_path, ".other.toml."),  # another profile's save
        left_by_a_killed_save(tmp_path, ".profile.toml.copy.toml."),  # a profile beside it
        tmp_path / ".profile.toml.notes.tmp",  # a person's own file
        tmp_path / "profile.toml.v1.bak",
    ]
    for path in others[2:]:
        path.write_text("keep\n", encoding="utf-8")
    lock = ProfileLock.acquire(profile)
    assert lock is not None
    try:
        assert not any(path.exists() for path in stale)
        assert all(path.exists() for path in others)
        assert profile.read_text(encoding="utf-8") == "version = 1\n"
    finally:
        lock.release()


def test_a_taker_turned_away_leaves_the_holders_save_in_progress_alone(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    first = ProfileLock.acquire(profile)
    assert first is not None
    try:
        saving = left_by_a_killed_save(tmp_path, ".profile.toml.")
        with pytest.raises(ProfileInUse):
            ProfileLock.acquire(profile)
        assert saving.exists()
    finally:
        first.release()


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW")
def test_a_symlink_in_place_of_the_lock_file_is_never_followed(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    target = tmp_path / "important.txt"
    target.write_text("keep me\n", encoding="utf-8")
    lock_path(profile).symlink_to(target)
    assert ProfileLock.acquire(profile) is None  # opens unlocked, as where no lock can be made
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert read_holder(profile) == Holder()


def test_only_files_named_exactly_as_the_writer_names_them_are_removed(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    stale = left_by_a_killed_save(tmp_path, ".p.toml.")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep\n", encoding="utf-8")
    look_alikes = [
        ".p.toml.mybackup.tmp",  # eight letters, but a person's name
        ".p.toml.DEADBEEF.tmp",  # the writer uses lower-case hex
        ".p.toml.deadbee.tmp",  # seven
        ".p.toml.deadbeef0.tmp",  # nine
        ".p.toml.deadbeef.tmp.old",
        ".p.toml.v1.bak.mine0000.tmp",
        "p.toml.deadbeef.tmp",  # not hidden
    ]
    for name in look_alikes:
        (tmp_path / name).write_text("keep\n", encoding="utf-8")
    link = tmp_path / ".p.toml.0123abcd.tmp"  # our name, but a link the writer never makes
    link.symlink_to(elsewhere)
    folder = tmp_path / ".p.toml.4567cdef.tmp"
    folder.mkdir()
    lock = ProfileLock.acquire(profile)
    assert lock is not None
    try:
        assert not stale.exists()
        assert all(
            (tmp_path / name).read_text(encoding="utf-8") == "keep\n" for name in look_alikes
        )
        assert link.is_symlink() and folder.is_dir()
        assert elsewhere.read_text(encoding="utf-8") == "keep\n"
    finally:
        lock.release()


def test_a_temporary_name_planted_as_a_link_is_never_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import secrets

    profile = tmp_path / "p.toml"
    target = tmp_path / "important.txt"
    target.write_text("keep me\n", encoding="utf-8")
    (tmp_path / ".p.toml.0badf00d.tmp").symlink_to(target)
    names = iter(["0badf00d", "0badf00d", "12345678"])
    monkeypatch.setattr(secrets, "token_hex", lambda _n: next(names))
    save_progress(profile, Progress(ratings={"sql": 2}))
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert load_progress(profile).ratings == {"sql": 2}


def linked_profile(folder: Path) -> tuple[Path, Path]:
    """A saved profile in `folder/synced` and a symlink to it in `folder`: (link, file)."""
    (folder / "synced").mkdir()
    real = folder / "synced" / "profile.toml"
    save_progress(real, Progress(ratings={"sql": 1}))
    link = folder / "profile.toml"
    link.symlink_to(real)
    return link, real


def test_a_profile_that_is_a_link_is_saved_through_it_under_one_lock(tmp_path: Path) -> None:
    link, real = linked_profile(tmp_path)
    synced = real.parent
    lock = ProfileLock.acquire(link)
    assert lock is not None
    try:
        assert lock.file == synced / "profile.toml.lock"
        with pytest.raises(ProfileInUse):
            ProfileLock.acquire(real)  # the same file by its own name: the same lock
        save_progress(link, Progress(ratings={"sql": 3}))
    finally:
        lock.release()
    assert link.is_symlink() and link.resolve() == real
    assert load_progress(real).ratings == {"sql": 3}
    assert sorted(path.name for path in synced.iterdir()) == ["profile.toml"]  # no temp left


def test_links_in_a_loop_are_one_clear_save_problem(tmp_path: Path) -> None:
    from rolequiz.files.writer import ProfileWriter

    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.symlink_to(second)
    second.symlink_to(first)
    writer = ProfileWriter(first)
    writer.submit(Progress(ratings={"sql": 1}))
    error = writer.close()
    assert error is not None and "a link that leads round in a loop" in error
    assert first.is_symlink() and second.is_symlink()


def test_a_hard_link_in_place_of_the_lock_file_is_not_written(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    target = tmp_path / "important.txt"
    target.write_text("keep me\n", encoding="utf-8")
    os.link(target, lock_path(profile))
    lock = ProfileLock.acquire(profile)
    try:
        assert target.read_text(encoding="utf-8") == "keep me\n"
    finally:
        if lock is not None:
            lock.release()
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_starting_over_on_a_linked_profile_keeps_the_link(tmp_path: Path) -> None:
    from rolequiz.files.beside import back_up_profile

    link, real = linked_profile(tmp_path)
    synced = real.parent
    backup = back_up_profile(link)
    assert backup.parent == synced and load_progress(backup).ratings == {"sql": 1}
    assert link.is_symlink()
    save_progress(link, Progress(ratings={"python": 2}))
    assert link.is_symlink() and load_progress(real).ratings == {"python": 2}
