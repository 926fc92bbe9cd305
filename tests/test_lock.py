"""The profile lock: one writer per profile, told by PID; a dead holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from rolequiz.files.lock import (
    Holder,
    ProfileInUse,
    ProfileLock,
    lock_path,
    read_holder,
    this_host,
)

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
    """A temporary file named exactly as `write_atomic` names them, as a kill mid-save leaves."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    os.write(fd, b"[half a profile")
    os.close(fd)
    return Path(name)


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
