"""One quiz at a time per profile: `filelock` holds `profile.toml.lock` beside it, and the file
names the process holding it.

Whether the profile is taken is decided by the kernel (`flock` on POSIX, through `filelock`),
not by the file being there: the lock dies with its process, even one killed with SIGKILL, so
a lock file left behind by a dead process is simply taken over. The holder's PID, host and
start time are written into the lock file once it is held (filelock never truncates a lock
file it opens), for the message a second rolequiz shows. Neither is opened through a symlink.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import stat
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rolequiz.errors import RolequizError
from rolequiz.text import printable, shorten
from rolequiz.tomlio import real_file, remove_stale_temps

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_SUFFIX = ".lock"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Where the holder's details start in the lock file. On Windows filelock locks byte 0, and a
# locked byte cannot be read or written through another handle, so they are kept past it there.
_HOLDER_AT = 1 if sys.platform == "win32" else 0


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a profile, as its lock file says (any field may be missing)."""

    pid: int | None = None
    host: str | None = None
    started: str | None = None

    def describe(self) -> str:
        """`PID 1234`, with the host when it is another machine."""
        who = f"PID {self.pid}" if self.pid is not None else "another process"
        if self.host and self.host != this_host():
            who += f" on {shorten(printable(self.host))}"  # the lock file may say anything
        return who


class ProfileInUse(RolequizError):
    """Another rolequiz has the profile open for writing."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{printable(path.name)} is in use by rolequiz ({holder.describe()})")


def lock_path(path: Path) -> Path:
    """The lock file of `path`, beside the file it names: a profile reached through a symlink
    and the file it leads to share one lock (`real_file`)."""
    # Links in a loop: the save says so; the lock beside the name then guards nothing else.
    with contextlib.suppress(OSError):
        path = real_file(path)
    return path.with_name(path.name + LOCK_SUFFIX)


def this_host() -> str:
    return socket.gethostname()


class ProfileLock:
    """Held while one rolequiz writes a profile; `release` (or the process ending) frees it."""

    def __init__(
        self, path: Path, held: BaseFileLock, identity: os.stat_result, file: Path | None = None
    ) -> None:
        self.path = path
        self.file = file or lock_path(path)
        self._held: BaseFileLock | None = held
        self._identity = identity
        atexit.register(self.release)

    @classmethod
    def acquire(cls, path: Path) -> ProfileLock | None:
        """Take the lock for `path`; raise ProfileInUse if another live process holds it.

        None when no lock file can be made there (a read-only folder, a file system without
        locks, a symlink in its place): the profile still opens, and saving reports its own
        problems.
        """
        # Imported here: only the quiz takes a lock (before its first screen, which it chooses).
        from filelock import FileLock, Timeout

        file = lock_path(path)
        for _ in range(10):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Not thread-local: the lock is released at exit, maybe from another thread.
                # No soft fallback: without flock a stale marker file would lock a profile out.
                lock = FileLock(file, thread_local=False, fallback_to_soft=False)
                lock.acquire(blocking=False)
            except Timeout:
                if not os.path.lexists(file):
                    continue  # the holder let go and removed it as we tried: try again
                raise ProfileInUse(path, read_holder(path)) from None
            except (OSError, ValueError):
                return None
            # The holder before us may have removed the file as it let go: a lock on a file no
            # longer at that name guards nothing, so start again with the new one.
            identity = _write_holder(file)
            if identity is not None:
                # Nothing else writes this profile now: what a killed rolequiz left half-way
                # through a save is rubbish, not a save in progress.
                remove_stale_temps(file.with_name(file.name.removesuffix(LOCK_SUFFIX)))
                return cls(path, lock, identity, file)
            lock.release()
        return None

    @property
    def held(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        """Remove the lock file (if it is still ours) and free the lock. Safe to call twice."""
        held, self._held = self._held, None
        if held is None:
            return
        atexit.unregister(self.release)
        try:
            # Removed while still held: a process waiting on this file then finds it gone.
            if os.path.samestat(self._identity, os.lstat(self.file)):
                self.file.unlink()
        except OSError:
            pass  # gone already, or not removable: the lock is freed all the same
        finally:
            held.release()


def read_holder(path: Path) -> Holder:
    """What the lock file of `path` says about its holder (empty if there is none)."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return Holder()
    try:
        return _read_holder(fd)
    finally:
        os.close(fd)


def _write_holder(file: Path) -> os.stat_result | None:
    """Write who holds the lock into the lock file just taken; the file's identity, or None if
    the name no longer holds a file (the holder before us removed it as it let go)."""
    started = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = f'pid = {os.getpid()}\nhost = "{_quoted(this_host())}"\nstarted = {started}\n'
    try:
        fd = os.open(file, os.O_WRONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        identity = os.fstat(fd)
        if not stat.S_ISREG(identity.st_mode) or identity.st_nlink != 1:
            # A hard link planted in the lock file's place: another name holds the same bytes,
            # which the details must not overwrite. The lock holds without them.
            return identity
        data = text.encode("utf-8")
        try:
            os.lseek(fd, _HOLDER_AT, os.SEEK_SET)
            os.write(fd, data)
            os.ftruncate(fd, _HOLDER_AT + len(data))
        except OSError:
            pass  # the lock holds without its details; a second process says "another process"
        return identity
    finally:
        os.close(fd)


def _read_holder(fd: int) -> Holder:
    try:
        os.lseek(fd, _HOLDER_AT, os.SEEK_SET)
        raw = os.read(fd, 4096)
    except OSError:
        return Holder()
    fields: dict[str, str] = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip('"')
    pid_text = fields.get("pid", "")
    return Holder(
        pid=int(pid_text) if pid_text.isdigit() and len(pid_text) < 12 else None,
        host=fields.get("host") or None,
        started=fields.get("started") or None,
    )


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
