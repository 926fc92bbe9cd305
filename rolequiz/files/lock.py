"""One quiz at a time per profile: a lock file beside it that names the process holding it.

`profile.toml.lock` holds the holder's PID, host and start time, for the message a second
rolequiz shows. Whether the profile is taken is decided by the kernel (`flock` on POSIX, a
byte-range lock on Windows), not by the file being there: the lock dies with its process, even
one killed with SIGKILL, so a lock file left behind by a dead process is simply taken over.
"""

from __future__ import annotations

import atexit
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rolequiz.errors import RolequizError
from rolequiz.text import printable
from rolequiz.tomlio import remove_stale_temps

LOCK_SUFFIX = ".lock"
# Windows locks a byte range, and a locked range cannot be read: lock one byte far past the
# holder's details so a second process can still read who holds it.
_WINDOWS_LOCK_OFFSET = 1 << 20


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
            who += f" on {printable(self.host)}"
        return who


class ProfileInUse(RolequizError):
    """Another rolequiz has the profile open for writing."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{printable(path.name)} is in use by rolequiz ({holder.describe()})")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


def this_host() -> str:
    return socket.gethostname()


class ProfileLock:
    """Held while one rolequiz writes a profile; `release` (or the process ending) frees it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.file = lock_path(path)
        self._fd: int | None = fd
        atexit.register(self.release)

    @classmethod
    def acquire(cls, path: Path) -> ProfileLock | None:
        """Take the lock for `path`; raise ProfileInUse if another live process holds it.

        None when no lock file can be made there (a read-only folder, a file system without
        locks): the profile still opens, and saving reports its own problems.
        """
        file = lock_path(path)
        for _ in range(10):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(file, os.O_RDWR | os.O_CREAT, 0o644)
            except (OSError, ValueError):
                return None
            try:
                taken = _try_lock(fd)
            except OSError:
                os.close(fd)
                return None
            if not taken:
                holder = _read_holder(fd)
                os.close(fd)
                raise ProfileInUse(path, holder)
            # The holder before us may have removed the file as we opened it: a lock on a file
            # no longer at that name guards nothing, so start again with the new one.
            try:
                current = os.stat(file)
            except OSError:
                current = None
            if current is not None and os.path.samestat(os.fstat(fd), current):
                _write_holder(fd)
                # Nothing else writes this profile now: what a killed rolequiz left half-way
                # through a save is rubbish, not a save in progress.
                remove_stale_temps(path)
                return cls(path, fd)
            os.close(fd)
        return None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file (if it is still ours) and free the lock. Safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        atexit.unregister(self.release)
        try:
            if os.path.samestat(os.fstat(fd), os.stat(self.file)):
                self.file.unlink()
        except OSError:
            pass  # gone already, or not removable: the lock is freed all the same
        finally:
            os.close(fd)


def read_holder(path: Path) -> Holder:
    """What the lock file of `path` says about its holder (empty if there is none)."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY)
    except OSError:
        return Holder()
    try:
        return _read_holder(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """True if this process now holds the lock on `fd`; False if another one does."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_holder(fd: int) -> None:
    started = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = f'pid = {os.getpid()}\nhost = "{_quoted(this_host())}"\nstarted = {started}\n'
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))
    except OSError:
        pass  # the lock holds without its details; a second process says "another process"


def _read_holder(fd: int) -> Holder:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
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
