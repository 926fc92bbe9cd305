"""Reading TOML files with clear one-line errors, and writing them atomically."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from rolequiz.errors import RolequizError

# Files larger than this are refused before they are read: a progress profile or report of
# even 5,000 skills with notes stays far below it; content files get a larger allowance.
MAX_PROFILE_BYTES = 2 * 1024 * 1024
MAX_CONTENT_BYTES = 32 * 1024 * 1024


def read_toml(path: Path, *, max_bytes: int = MAX_PROFILE_BYTES) -> dict[str, Any]:
    """Parse a TOML file; any failure becomes a RolequizError whose message names the file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RolequizError(
                f"{path}: file is too large ({size:,} bytes; the limit is {max_bytes:,})"
            )
        if path.is_dir():
            raise RolequizError(f"{path}: is a folder, not a file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RolequizError(f"{path}: no such file") from None
    except PermissionError:
        raise RolequizError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise RolequizError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise RolequizError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_toml(raw, str(path))


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """Parse TOML bytes named `name` in messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RolequizError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RolequizError(f"{name}: not valid TOML: {_one_line(str(exc))}") from None
    except RecursionError:
        raise RolequizError(f"{name}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise RolequizError(f"{name}: not valid TOML: {_one_line(str(exc))}") from None


def dumps_toml(data: dict[str, Any]) -> str:
    """Serialise to TOML text (tomli_w is imported only when something is written)."""
    import tomli_w

    return tomli_w.dumps(data)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that the file is either the old one or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, and is renamed over
    the target; the folder is then synced so the rename itself survives a power cut.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _copy_mode(target: Path, tmp: Path) -> None:
    """Give the new file the old file's permissions, or the usual ones for a new file."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
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
    return " ".join(text.split())
