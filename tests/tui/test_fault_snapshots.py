"""The fault screens at 80x24: a profile in use, read-only, save elsewhere, quitting unsaved."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rolequiz.files.lock import ProfileLock, lock_path, this_host

from .conftest import MakeApp, pressed

SnapCompare = Callable[..., bool]

SOME_ANSWERS = 'schema_version = 1\nposition = "stats"\n[ratings]\npython = 3\nsql = 2\n'


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates in names shown in UTC on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def in_use(home: Path) -> Iterator[Path]:
    """profile.toml held by "another rolequiz" with PID 4242 (the lock is really held)."""
    profile = home / "profile.toml"
    profile.write_text(SOME_ANSWERS, encoding="utf-8")
    lock = ProfileLock.acquire(profile)
    assert lock is not None
    # Same file, so the lock stays; only the details the second process reads change.
    lock_path(profile).write_text(f'pid = 4242\nhost = "{this_host()}"\n', encoding="utf-8")
    yield profile
    lock.release()


def test_in_use(snap_compare: SnapCompare, make_app: MakeApp, in_use: Path) -> None:
    assert snap_compare(make_app())


def test_question_read_only(snap_compare: SnapCompare, make_app: MakeApp, in_use: Path) -> None:
    assert snap_compare(make_app(), run_before=pressed("enter", "2"))


def test_quit_read_only_with_answers(
    snap_compare: SnapCompare, make_app: MakeApp, in_use: Path
) -> None:
    assert snap_compare(make_app(), run_before=pressed("enter", "2", "ctrl+q"))


def test_save_elsewhere(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), run_before=pressed("enter", "3", "w"))
