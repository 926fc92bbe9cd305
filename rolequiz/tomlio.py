"""Reading TOML files with clear one-line errors, and writing them atomically."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rolequiz.errors import RolequizError
from rolequiz.text import printable, shorten

# Files larger than this are refused before they are read. A profile holds at most one note of
# 4,000 characters per skill: the 116 shipped skills with every note at the limit and every
# character escaped (6 bytes each) make 2.8 MB; a real one is a few kB. Reports are smaller
# than profiles. tomllib reads the densest TOML (tiny tables, long arrays of small numbers) at
# about 1 MB a second, so 4 MiB is also the longest wait a hostile profile can cause. Content
# files get more: the largest shipped one is 17 kB, and 8 MiB holds thousands of skills.
MAX_PROFILE_BYTES = 4 * 1024 * 1024
MAX_CONTENT_BYTES = 8 * 1024 * 1024
# tomllib's time grows with the square of the parts of one dotted key (`a.a.a...`: 8,000 parts
# take a second, the two million a file may hold would take weeks), so a key with more parts
# than any rolequiz file needs is refused before tomllib sees it.
MAX_KEY_PARTS = 64
_KEY_PART = r"""[ \t]*+(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')[ \t]*+"""
_LONG_KEY = rf"""(?<![A-Za-z0-9_."'-])(?:{_KEY_PART}\.){{{MAX_KEY_PARTS}}}"""
# Strings and comments as TOML reads them (possessive: matched once, never backtracked), taken
# whole so that dots inside them never count as a key's: a value "a.b.c..." or a quoted key
# "a.b.c..." is one part, as tomllib sees it.
_STRING_OR_COMMENT = (
    r'''"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:"{1,2})?'''
    r"""|'''(?:[^']++|'(?!''))*+'''(?:'{1,2})?"""
    r'''|"(?:[^"\\\n]++|\\.)*+"'''
    r"""|'[^'\n]*+'"""
    r"""|#[^\n]*+"""
)
# Compiled on first use (by re's cache): a quiz that reads no file at start never needs it.
_LONG_KEY_SCAN = rf"(?P<key>{_LONG_KEY})|{_STRING_OR_COMMENT}"
# A pipe with no writer must not block the open; the file type is then checked and refused.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
# Files rolequiz makes beside a profile (temporary files, the lock) are never opened through a
# symlink: a link planted under such a name must not redirect the write.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# The random part of a temporary file's name: hex digits, so the names are told from a person's.
_TEMP_HEX = 8


def read_toml(path: Path, *, max_bytes: int = MAX_PROFILE_BYTES) -> dict[str, Any]:
    """Parse a TOML file; any failure becomes a RolequizError whose message names the file."""
    return parse_toml(read_limited(path, max_bytes), str(path))


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else is refused unread.

    Type and size are checked on the opened file and the read stops past the limit, so a device
    (`/dev/zero`), a pipe, or a file swapped or grown after the check is never read whole.
    What is refused is named: `is a socket, not a file`, `is a folder, not a file`.
    """
    shown = printable(str(path))
    try:
        # Looked at before opening: opening a socket fails with "No such device or address",
        # a folder obscurely on some systems; a pipe would open, and is refused below.
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:
            raise RolequizError(f"{shown}: {kind}, not a file")
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as handle:
            info = os.fstat(handle.fileno())
            kind = file_kind(info.st_mode)
            if kind is not None:  # swapped since it was looked at
                raise RolequizError(f"{shown}: {kind}, not a file")
            if info.st_size > max_bytes:
                raise RolequizError(
                    f"{shown}: file is too large ({info.st_size:,} bytes; "
                    f"the limit is {max_bytes:,})"
                )
            # Ask for the size found: asking for the limit allocates all of it, for every file.
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:  # it grew after the check: read on, up to the limit
                raw += handle.read(max_bytes + 1 - len(raw))
    except FileNotFoundError:
        raise RolequizError(f"{shown}: {_missing_words(path)}") from None
    except PermissionError:
        raise RolequizError(f"{shown}: permission denied") from None
    except IsADirectoryError:
        raise RolequizError(f"{shown}: is a folder, not a file") from None
    except OSError as exc:
        words = printable(exc.strerror or str(exc))
        raise RolequizError(f"{shown}: cannot read: {words}") from None
    except ValueError:  # a NUL byte in the name, or a name the file system cannot encode
        raise RolequizError(f"{shown}: cannot read: not a valid file name") from None
    if len(raw) > max_bytes:
        raise RolequizError(f"{shown}: file is too large (it grew past the limit of {max_bytes:,})")
    return raw


def file_kind(mode: int) -> str | None:
    """What a file that is not a plain file is, in a few words (`is a named pipe`); None for a
    plain file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "is a link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is a special file"


def _missing_words(path: Path) -> str:
    """Why there is no file: nothing there, or a link to a file that is not there."""
    try:
        target = os.readlink(path)
    except (OSError, ValueError):
        return "no such file"
    return f"is a link to {shorten(printable(target), 60)}, which does not exist"


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """Parse TOML bytes named `name` in messages."""
    name = printable(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RolequizError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    # A UTF-8 byte-order mark, as some Windows editors write, is not TOML but says nothing:
    # skipped, so such a file reads (and is saved back without it).
    text = text.removeprefix("\ufeff")
    line = _long_key_line(text)
    if line:
        raise RolequizError(
            f"{name}: a dotted key of more than {MAX_KEY_PARTS} parts (line {line}); "
            "rolequiz files need only a few"
        )
    import tomllib  # on first use: a new profile starts without reading TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RolequizError(f"{name}: not valid TOML: {_one_line(str(exc))}") from None
    except RecursionError:
        raise RolequizError(f"{name}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise RolequizError(f"{name}: not valid TOML: {_one_line(str(exc))}") from None


def _long_key_line(text: str) -> int | None:
    """The number of the first line holding a dotted key of too many parts, if any.

    Such a key never spans lines, so a text with no line of that many dots is passed at once
    (a big bank has thousands of lines). Otherwise the text is scanned with strings and
    comments taken whole, as tomllib reads them, so only real keys are counted.
    """
    if text.count(".") < MAX_KEY_PARTS:
        return None
    if not any(line.count(".") >= MAX_KEY_PARTS for line in text.split("\n")):
        return None
    for match in re.finditer(_LONG_KEY_SCAN, text):
        if match.lastgroup == "key":
            return text.count("\n", 0, match.start()) + 1
    return None


def dumps_toml(data: dict[str, Any]) -> str:
    """Serialise to TOML text (tomli_w is imported only when something is written)."""
    import tomli_w

    return tomli_w.dumps(data)


def write_atomic(
    path: Path,
    text: str,
    *,
    make_folders: bool = True,
    new_only: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write `text` to `path` so that the file is either the old one or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, and is renamed over
    the target; the folder is then synced so the rename itself survives a power cut. A rename
    never writes through what is at `path` (a link, a pipe, a device): it replaces the name.
    Callers that must not replace such a thing check it first (`before_replace` runs just
    before the rename); `new_only` never replaces anything (FileExistsError instead).
    """
    folder = path.parent
    if make_folders:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = open_temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if not new_only:
                _keep_mode(path, tmp, handle.fileno())
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if new_only:
            _link_new(tmp, path)
            tmp.unlink(missing_ok=True)  # the file now has its own name
        else:
            if before_replace is not None:
                before_replace()
            os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _link_new(tmp: Path, path: Path) -> None:
    """Give the finished temporary file the name `path` only if that name is free, so a file,
    link or pipe that appeared there meanwhile is never replaced (FileExistsError)."""
    try:
        os.link(tmp, path, follow_symlinks=False)
        return
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):
        pass  # a file system without hard links: check, then rename (a window of microseconds)
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "appeared while writing", str(path))
    os.replace(tmp, path)


def save_problem(exc: OSError) -> str:
    """What went wrong with a save, in a few plain words."""
    words = {
        errno.ENOSPC: "the disk is full",
        getattr(errno, "EDQUOT", errno.ENOSPC): "the disk is full",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "a folder is in the way of the file",
        errno.ENOTDIR: "a file is in the way of its folder",
    }
    if exc.errno in words:
        reason = words[exc.errno]
        detail = exc.strerror if exc.strerror and exc.strerror[0].islower() else None
        return f"{reason} ({detail})" if detail else reason
    return printable(exc.strerror or str(exc))


def real_file(path: Path) -> Path:
    """The file a save to `path` replaces: `path`, or the file its symlinks lead to.

    Saving renames a new file over the old, which would replace a link by a plain file (and a
    quiz on the link and one on its target would each lock and write their own name). So the
    save, its temporary file and the lock all go to the file the link leads to.
    Raises OSError (ELOOP) for links that lead round in a loop.
    """
    if not os.path.islink(path):
        return path
    real = Path(os.path.realpath(path))
    if os.path.islink(real):
        raise OSError(errno.ELOOP, "the profile is a link that leads round in a loop", str(path))
    return real


def remove_stale_temps(path: Path) -> int:
    """Remove the temporary files `write_atomic` left beside `path` when a process was killed
    between making one and renaming it; returns how many went.

    Only call this while nothing else can be writing `path` (the quiz holds its lock). Only
    files named exactly as `open_temp_beside` names them for `path` and for its migration
    backups (`.<name>.<8 hex digits>.tmp`, `.<name>.v<N>.bak.<8 hex digits>.tmp`) are removed,
    and only plain files this user owns: a person's `.p.toml.mybackup.tmp`, a link or a folder
    under such a name, or another user's file is left alone.
    """
    pattern = re.compile(
        rf"\.{re.escape(path.name)}\.(?:v[0-9]+\.bak\.)?[0-9a-f]{{{_TEMP_HEX}}}\.tmp"
    )
    removed = 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    for name in names:
        if not pattern.fullmatch(name):
            continue
        try:
            info = os.lstat(path.parent / name)
            if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                continue
            os.unlink(path.parent / name)
        except OSError:
            continue  # not ours to remove after all: leave it
        removed += 1
    return removed


def open_temp_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file beside `path`, named as `remove_stale_temps` expects
    (`.<name>.<8 hex digits>.tmp`), opened for writing.

    Made with mode 0o666 so the kernel applies the umask, as for any new file (no umask is read
    or changed); never through a symlink (O_EXCL, and O_NOFOLLOW where there is one).
    """
    import secrets  # only when writing: the scripting commands mostly read

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(_TEMP_HEX // 2)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _keep_mode(target: Path, tmp: Path, fd: int) -> None:
    """Give the new file the permissions of the file it replaces, if there is one."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        return  # a new file: the mode the kernel gave it (0o666 less the umask) stays
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _fsync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _one_line(text: str) -> str:
    """A parser's message as one printable line, cut in the middle if long (tomllib quotes a
    whole key path, which may have thousands of parts) but keeping where the problem is."""
    text = printable(" ".join(text.split()))
    if len(text) <= 160:
        return text
    where = text.rfind(" (at line ")
    tail = text[where:] if where > 0 and len(text) - where <= 60 else ""
    return text[: 150 - len(tail)] + "..." + tail
