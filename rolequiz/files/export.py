"""Where a gap report may go: a plain file the person chose, never the open profile.

`export_target` says, before anything is written, whether a path can take a report and what
to ask first; `rolequiz.files.report.write_report` checks again as it writes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rolequiz.text import printable, shorten
from rolequiz.tomlio import file_kind

# ok: write it; replace: a plain file is there, ask before replacing it; create_folder: its
# folder is missing, ask before making it; refused: it cannot take a report (`reason` says why).
ExportKind = Literal["ok", "replace", "create_folder", "refused"]


@dataclass(frozen=True, slots=True)
class ExportCheck:
    """What writing a report to `path` needs: nothing, a yes, or another name."""

    kind: ExportKind
    path: Path
    reason: str = ""  # a few words after the path: "already exists", "is a named pipe, ..."
    folder: Path | None = None  # the first missing folder, for create_folder
    identity: os.stat_result | None = None  # the plain file a "replace" was asked about

    @property
    def line(self) -> str:
        """The path and the reason as one printable line: `r.toml: already exists`."""
        return f"{printable(str(self.path))}: {self.reason}" if self.reason else ""


def export_target(path: Path, open_profile: Path | None = None) -> ExportCheck:
    """Whether `path` can take a gap report, and what to ask first.

    Refused: the open profile itself (also through a link or a hard link: a report there would
    replace every answer), a symlink, a folder, a named pipe, a device, a socket, or a path
    through a file. A plain file there needs a yes to be replaced; a missing folder needs a yes
    to be made. Never follows a link at `path` and never opens what is there.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return _missing(path, open_profile)
    except NotADirectoryError:
        return _refused(path, "a file is in the way of its folder")
    except (OSError, ValueError) as exc:
        return _refused(path, f"cannot be checked ({_words(exc)})")
    kind = file_kind(info.st_mode)
    if kind is not None:
        if stat.S_ISLNK(info.st_mode):
            return _refused(path, f"{_link_words(path)}; choose the file itself or a new name")
        return _refused(path, f"{kind}, not a file; choose a file name")
    if open_profile is not None and _same_file(info, open_profile):
        return _refused(path, "is the open profile; a report there would replace your answers")
    return ExportCheck("replace", path, "already exists", identity=info)


def _missing(path: Path, open_profile: Path | None) -> ExportCheck:
    if open_profile is not None and _same_name(path, open_profile):
        # A profile not saved yet has no file to compare, but it will be saved under this name.
        return _refused(path, "is the open profile; a report there would replace your answers")
    folder = path.parent
    missing: Path | None = None
    while True:
        try:
            info = os.stat(folder)  # a link to a folder is a folder here
        except FileNotFoundError:
            missing, folder = folder, folder.parent
            if folder == missing:
                return _refused(path, "its folder cannot be found")
            continue
        except (OSError, ValueError) as exc:
            return _refused(path, f"cannot be checked ({_words(exc)})")
        if not stat.S_ISDIR(info.st_mode):
            return _refused(path, f"{printable(str(folder))} is not a folder")
        break
    if missing is not None:
        return ExportCheck(
            "create_folder",
            path,
            f"the folder {printable(str(missing))} does not exist",
            folder=missing,
        )
    return ExportCheck("ok", path)


def _link_words(path: Path) -> str:
    try:
        return f"is a link to {shorten(printable(os.readlink(path)), 60)}"
    except (OSError, ValueError):
        return "is a link"


def _same_file(info: os.stat_result, open_profile: Path) -> bool:
    try:
        return os.path.samestat(info, os.stat(open_profile))
    except (OSError, ValueError):
        return False


def _same_name(path: Path, open_profile: Path) -> bool:
    try:
        return os.path.realpath(path) == os.path.realpath(open_profile)
    except (OSError, ValueError):
        return False


def _refused(path: Path, reason: str) -> ExportCheck:
    return ExportCheck("refused", path, reason)


def _words(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return printable(exc.strerror)
    return "not a valid file name"
