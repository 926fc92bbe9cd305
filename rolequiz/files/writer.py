"""Saving a profile in the background: one thread writes the newest snapshot, atomically.

The quiz session (rolequiz.domain.session) hands every change to a `ProfileWriter`; `submit`
only takes a copy and wakes the thread, so the key press never waits on the disk and a burst
of answers becomes one write. A failed save keeps the answers and is tried again.
"""

from __future__ import annotations

import atexit
import errno
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.progress import Progress
from rolequiz.errors import RolequizError
from rolequiz.files.lock import ProfileLock
from rolequiz.files.progress import save_progress
from rolequiz.text import printable
from rolequiz.tomlio import real_file, save_problem

# While saving fails, the writer tries the last snapshot again this often (seconds), as well as
# on every new answer.
RETRY_EVERY = 15.0


class ProfileWriter:
    """One background thread that saves the newest snapshot of a profile, atomically.

    `submit` only swaps a reference and wakes the thread. A failed write keeps the snapshot
    and reports the error; the next `submit` (or `flush(retry=True)`) tries again.
    """

    def __init__(
        self,
        path: Path,
        on_status: Callable[[str | None], None] | None = None,
        write: Callable[[Path, Progress], None] | None = None,
        *,
        retry_every: float | None = RETRY_EVERY,
    ) -> None:
        self.path = path
        self._on_status = on_status
        self._write = write or write_profile
        self.retry_every = retry_every
        self._cond = threading.Condition()
        self._pending: Progress | None = None
        self._last: Progress | None = None
        self._submitted = 0
        self._finished = 0
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def submit(self, progress: Progress) -> None:
        """Save `progress` soon: a copy is taken now, so the caller may go on changing it."""
        snapshot = snapshot_of(progress)
        with self._cond:
            if self._closed:
                # Too late for the thread: write here rather than drop an answer.
                self.error = self._save(snapshot)
                return
            self._pending = snapshot
            self._submitted += 1
            if self._thread is None:
                # Started on the first change, not at start-up: opening the quiz stays lean.
                self._thread = threading.Thread(
                    target=self._run, name="rolequiz-profile-writer", daemon=True
                )
                self._thread.start()
                atexit.register(self.close)
            self._cond.notify_all()

    def flush(self, timeout: float | None = 5.0, *, retry: bool = False) -> str | None:
        """Wait until everything submitted is written; return the last error, if any."""
        with self._cond:
            if retry and self.error is not None and self._pending is None and self._last:
                self._pending = self._last
                self._submitted += 1
                self._cond.notify_all()
            done = self._cond.wait_for(
                lambda: self._finished >= self._submitted and not self._busy, timeout
            )
            if not done:
                return f"{printable(str(self.path))}: still writing after {timeout} s"
            return self.error

    def close(self, timeout: float | None = 5.0) -> str | None:
        """Flush (retrying a failed save once) and stop the thread."""
        error = self.flush(timeout, retry=True) if self._thread is not None else self.error
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            atexit.unregister(self.close)
        return error

    def retarget(self, path: Path) -> None:
        """Write to `path` from now on (after any save under way); the caller submits next."""
        with self._cond:
            self._cond.wait_for(lambda: not self._busy, 5.0)
            self.path = path

    def target_exists(self) -> bool:
        return self.path.exists()

    def move_to(self, path: Path, progress: Progress) -> ProfileLock | None:
        """Lock `path`, save `progress` there and keep saving there (the session's "save
        elsewhere"); the new lock, or None where none can be made. A name already taken is
        refused; a save that fails there goes back to the old file and frees the new lock.

        Raises RolequizError (one line) when `path` cannot be used; nothing changes then.
        """
        if path.exists() or path.is_symlink():
            raise RolequizError(
                f"{printable(str(path))}: already exists; choose a new name (it is not replaced)"
            )
        new_lock = ProfileLock.acquire(path)  # raises ProfileInUse
        old_path = self.path
        self.retarget(path)
        self.submit(progress)
        error = self.flush()
        if error is not None:
            self.retarget(old_path)
            if new_lock is not None:
                new_lock.release()
            raise RolequizError(error)
        return new_lock

    def export_report(
        self,
        path: Path,
        bank: Bank,
        progress: Progress,
        role: Role | None,
        generated: datetime | None,
        *,
        replace: bool = True,
        create_folders: bool = False,
        form: str = "toml",
    ) -> None:
        """Write the gap report of `progress` for `role` (default: the recommended one) in
        `form` (report_formats.FORMATS), naming this profile as its source; never over this
        profile (`write_report_text` says what else it refuses). Raises RolequizError (one
        line) on failure."""
        # Imported here: the gap report is not needed to open the quiz.
        from rolequiz.domain.market import market_for
        from rolequiz.files.history import take_snapshot
        from rolequiz.files.report import build_report, write_report_text
        from rolequiz.files.report_formats import report_text

        # Read at each export (a rare press of a key): the figures are small, and a broken
        # file only leaves them out of the report.
        market = market_for(bank)[0]
        report = build_report(
            bank, progress, source=str(self.path), role=role, generated=generated, market=market
        )
        write_report_text(
            path,
            report_text(bank, progress, report, form),
            open_profile=self.path,
            replace=replace,
            create_folders=create_folders,
        )
        take_snapshot(self.path, progress)  # history: see rolequiz.files.history

    def _run(self) -> None:
        while True:
            with self._cond:
                failing = self.error is not None and self._last is not None
                woken = self._cond.wait_for(
                    lambda: self._pending is not None or self._closed,
                    self.retry_every if failing else None,
                )
                if self._pending is None:
                    if self._closed or woken or self._last is None:
                        return
                    # The last save failed and nothing new came: try the same snapshot again,
                    # so a disk that has room again is used without waiting for an answer.
                    self._pending = self._last
                    self._submitted += 1
                snapshot, self._pending = self._pending, None
                target = self._submitted
                self._busy = True
            error = self._save(snapshot)
            with self._cond:
                self._busy = False
                self._finished = target
                self._last = snapshot
                changed = error != self.error
                self.error = error
                self._cond.notify_all()
            if changed and self._on_status is not None:
                self._on_status(error)

    def _save(self, snapshot: Progress) -> str | None:
        path = self.path
        try:
            self._write(path, snapshot)
        except OSError as exc:
            return f"{printable(str(path))}: cannot save: {save_problem(exc)}"
        except Exception as exc:  # never let the writer thread die: report and carry on
            return f"{printable(str(path))}: cannot save: {printable(str(exc))}"
        return None


def write_profile(path: Path, progress: Progress) -> None:
    """`save_progress`, refusing first what an atomic rename would silently get past: a
    profile or folder made read-only (no write bit, or on a read-only file system) is left
    alone, even by root."""
    path = real_file(path)  # a profile that is a link: the file and folder it leads to
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    for target, kind in ((path, "the file"), (path.parent, "the folder")):
        try:
            mode = target.stat().st_mode
            read_only_system = bool(os.statvfs(target).f_flag & os.ST_RDONLY)
        except OSError:
            continue  # not there yet: writing creates it
        if read_only_system:  # os.access says no there too: say why in its own words
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            target, os.W_OK
        ):
            raise PermissionError(errno.EACCES, f"{kind} is read-only", str(target))
    save_progress(path, progress)


def snapshot_of(progress: Progress) -> Progress:
    """A copy the writer thread can serialise while the UI keeps changing the original."""
    return replace(
        progress,
        ratings=dict(progress.ratings),
        skipped=list(progress.skipped),
        notes=dict(progress.notes),
        extra=dict(progress.extra),
    )
