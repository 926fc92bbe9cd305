"""The quiz session as plain state: where the person is, what they answered, and saving it.

No Textual here: the UI asks the session to move and reads it back. Every change is handed
to a `ProfileWriter`, one background thread that writes the latest snapshot atomically, so
the key press never waits on the disk and a burst of answers becomes one write.
"""

from __future__ import annotations

import atexit
import errno
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.quiz import Counts, not_applicable
from rolequiz.domain.scoring import RoleFit, rank_roles
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.history import take_snapshot
from rolequiz.files.lock import ProfileLock
from rolequiz.files.progress import Progress, load_progress, now_utc, save_progress
from rolequiz.text import printable

if TYPE_CHECKING:
    from rolequiz.domain.quick import Assessment, Certainty, QuickMode

# While saving fails, the writer tries the last snapshot again this often (seconds), as well as
# on every new answer.
RETRY_EVERY = 15.0

SkillState = Literal["rated", "skipped", "unanswered", "not_applicable"]

# In the profile: `mode = "quick"` while quick mode is on (a reopened profile stays in it), and
# a [quick] table with the number of answers given when "likely" and "settled" were first
# reached. Progress keeps keys it does not know in `extra`.
MODE_KEY = "mode"
QUICK_KEY = "quick"

# How the next question is chosen: (bank, progress, after index, not-applicable ids) -> index.
# The quiz walks the bank in order; quick mode will plug in another strategy here.
NextQuestion = Callable[[Bank, Progress, int, frozenset[str]], "int | None"]


def in_quiz_order(
    bank: Bank, progress: Progress, after: int, not_applicable: frozenset[str]
) -> int | None:
    """The first pending skill after `after`, wrapping round; None when nothing is pending."""
    count = len(bank.skills)
    for step in range(1, count + 1):
        index = (after + step) % count
        skill_id = bank.skills[index].id
        if progress.status(skill_id) == "unanswered" and skill_id not in not_applicable:
            return index
    return None


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

    def submit(self, snapshot: Progress) -> None:
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
                return f"{self.path}: still writing after {timeout} s"
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


def write_profile(path: Path, progress: Progress) -> None:
    """`save_progress`, refusing first what an atomic rename would silently get past: a
    profile or folder made read-only (no write bit) is left alone, even by root."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    for target, kind in ((path, "the file"), (path.parent, "the folder")):
        try:
            mode = target.stat().st_mode
        except OSError:
            continue  # not there yet: writing creates it
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


@dataclass(frozen=True, slots=True)
class CategoryCount:
    done: int
    total: int


class QuizSession:
    """One person's run through the bank: the current skill, the moves, the counts, saving."""

    def __init__(
        self,
        bank: Bank,
        progress: Progress,
        path: Path,
        *,
        writer: ProfileWriter | None = None,
        next_question: NextQuestion = in_quiz_order,
        lock: ProfileLock | None = None,
        read_only: bool = False,
    ) -> None:
        if not bank.skills:
            raise ValueError("the bank has no skills")
        self.bank = bank
        self.progress = progress
        self.path = path
        self.writer = writer or ProfileWriter(path)
        # Held while this session writes `path`, so a second rolequiz is told it is in use.
        self.lock = lock
        # Opened while another rolequiz writes the file: nothing is saved until the person
        # saves elsewhere; `changed_unsaved` says whether there is anything to lose.
        self.read_only = read_only
        self.changed_unsaved = False
        self._next_question = next_question
        self._quick: QuickMode | None = None
        # The quick-mode level first reached by the last answer, until the UI takes it.
        self.quick_news: Certainty | None = None
        self._index_of = {skill.id: index for index, skill in enumerate(bank.skills)}
        self._na: frozenset[str] | None = None
        self._counts: Counts | None = None
        self._category_counts: dict[str, CategoryCount] | None = None
        self._ranked: list[RoleFit] | None = None
        self._category_slot = _category_slots(bank)
        self._saved_position = progress.position
        if progress.created is None:
            # Stamped once here so every background save writes the same `created`.
            progress.created = now_utc()
        self.unknown_skills = progress.unknown_skills(bank.skill_by_id)
        self.index = self.resume_index()
        self.progress.position = self.skill.id

    # What the UI reads ---------------------------------------------------------------------

    @property
    def skill(self) -> Skill:
        return self.bank.skills[self.index]

    @property
    def not_applicable(self) -> frozenset[str]:
        if self._na is None:
            self._na = frozenset(not_applicable(self.bank, self.progress))
        return self._na

    def counts(self) -> Counts:
        if self._counts is None:
            known = self.bank.skill_by_id
            self._counts = Counts(
                total=len(self.bank.skills),
                rated=sum(1 for skill_id in self.progress.ratings if skill_id in known),
                skipped=sum(1 for skill_id in self.progress.skipped if skill_id in known),
                not_applicable=len(self.not_applicable),
            )
        return self._counts

    def category_count(self, category_id: str) -> CategoryCount:
        """Skills of the category done (answered, skipped or not applicable) and in total."""
        if self._category_counts is None:
            tally: dict[str, list[int]] = {}
            for skill in self.bank.skills:
                entry = tally.setdefault(skill.category, [0, 0])
                entry[1] += 1
                if self.state(skill.id) != "unanswered":
                    entry[0] += 1
            self._category_counts = {key: CategoryCount(*value) for key, value in tally.items()}
        return self._category_counts.get(category_id, CategoryCount(0, 0))

    def category_position(self, skill: Skill) -> tuple[int, int]:
        """Where `skill` sits in its category: (1-based position, skills in the category)."""
        return self._category_slot[skill.id]

    def ranked(self) -> list[RoleFit]:
        """Every role ranked on the answers so far (computed when asked, kept until a change)."""
        if self._ranked is None:
            self._ranked = rank_roles(self.bank, self.progress.ratings)
        return self._ranked

    def state(self, skill_id: str) -> SkillState:
        status = self.progress.status(skill_id)
        if status == "unanswered" and skill_id in self.not_applicable:
            return "not_applicable"
        return status

    def level(self, skill_id: str) -> int | None:
        return self.progress.ratings.get(skill_id)

    def blocking_parent(self, skill: Skill) -> Skill | None:
        """The parent rated 0 that makes `skill` not applicable, if there is one."""
        parent_id = skill.requires
        seen: set[str] = set()
        while parent_id is not None and parent_id not in seen:
            if self.progress.ratings.get(parent_id) == 0:
                return self.bank.skill_by_id.get(parent_id)
            seen.add(parent_id)
            parent = self.bank.skill_by_id.get(parent_id)
            parent_id = parent.requires if parent else None
        return None

    @property
    def is_complete(self) -> bool:
        return self.counts().pending == 0

    def index_of(self, skill_id: str) -> int:
        return self._index_of[skill_id]

    # Moves -----------------------------------------------------------------------------------

    def next_index(self, after: int) -> int | None:
        """The next question to ask after position `after`: the one place a strategy plugs in."""
        return self._next_question(self.bank, self.progress, after, self.not_applicable)

    def resume_index(self) -> int:
        """Where a reopened profile lands: the saved skill if it is still to be answered, else
        the first pending skill after it, else the saved skill (everything is answered)."""
        position = self._index_of.get(self.progress.position or "", -1)
        if position >= 0 and self.state(self.bank.skills[position].id) == "unanswered":
            return position
        start = self.next_index(position if position >= 0 else -1)
        if start is not None:
            return start
        return max(position, 0)

    def answer(self, level: int) -> bool:
        """Rate the current skill and move to the next question; False when none is left."""
        self.progress.rate(self.skill.id, level)
        return self._changed_then_advance()

    def skip(self) -> bool:
        """Mark the current skill "not sure" and move on; False when nothing is left."""
        self.progress.skip(self.skill.id)
        return self._changed_then_advance()

    def clear(self) -> None:
        """Forget the answer to the current skill (it becomes unanswered again)."""
        self.progress.clear(self.skill.id)
        self._invalidate()
        self.save()

    def back(self) -> bool:
        """The previous applicable skill in quiz order; False at the first one."""
        return self._step(-1)

    def forward(self) -> bool:
        """The next applicable skill in quiz order, answered or not; False at the last one."""
        return self._step(1)

    def next_unanswered(self) -> bool:
        found = self.next_index(self.index)
        if found is None:
            return False
        self._move(found)
        return True

    def go_to(self, skill_id: str) -> None:
        """Open any skill, not applicable ones included."""
        self._move(self._index_of[skill_id])

    def _step(self, direction: int) -> bool:
        index = self.index + direction
        skills = self.bank.skills
        while 0 <= index < len(skills):
            if skills[index].id not in self.not_applicable:
                self._move(index)
                return True
            index += direction
        return False

    def _move(self, index: int) -> None:
        self.index = index
        # Moving alone is not written at once (only answers are); `close` saves it.
        self.progress.position = self.skill.id

    def _changed_then_advance(self) -> bool:
        self._invalidate()
        if self._quick is not None:
            self._note_quick_level()
        found = self.next_index(self.index)
        if found is not None:
            self._move(found)
        else:
            # Everything is answered: reviewing, so simply go on in quiz order.
            self._step(1)
        self.save()
        return found is not None

    def _invalidate(self) -> None:
        self._na = None
        self._counts = None
        self._category_counts = None
        self._ranked = None

    # Quick mode ------------------------------------------------------------------------------

    @property
    def is_quick(self) -> bool:
        return self._quick is not None

    @property
    def saved_in_quick_mode(self) -> bool:
        return self.progress.extra.get(MODE_KEY) == "quick"

    def start_quick(self) -> None:
        """Ask the most telling question next (rolequiz.domain.quick) until the person stops or
        takes the full quiz. A reopened quick profile goes on from its saved question."""
        from rolequiz.domain.quick import QuickMode

        resuming = self.saved_in_quick_mode and self.state(self.skill.id) == "unanswered"
        self._quick = QuickMode(self.bank)
        self._next_question = self._quick.next_question
        self.progress.extra[MODE_KEY] = "quick"
        if not resuming:
            found = self.next_index(self.index)
            if found is not None:
                self._move(found)

    def full_quiz(self) -> None:
        """Leave quick mode: the remaining questions in quiz order from the first one still to
        answer, every answer kept."""
        self._quick = None
        self._next_question = in_quiz_order
        self.progress.extra.pop(MODE_KEY, None)
        found = self.next_index(-1)
        if found is not None:
            self._move(found)
        self.save()

    def assessment(self) -> Assessment | None:
        """Where quick mode stands on the answers so far; None outside quick mode."""
        if self._quick is None:
            return None
        from rolequiz.domain.quick import pending_ids

        pending = pending_ids(self.bank, self.progress, self.not_applicable)
        return self._quick.assess(self.progress.ratings, pending)

    def reached_after(self, level: Certainty) -> int | None:
        """How many answers there were when quick mode first reached `level`, if it has."""
        table = self.progress.extra.get(QUICK_KEY)
        count = table.get(f"{level}_after") if isinstance(table, dict) else None
        return count if isinstance(count, int) and not isinstance(count, bool) else None

    def take_quick_news(self) -> Certainty | None:
        news, self.quick_news = self.quick_news, None
        return news

    def _note_quick_level(self) -> None:
        assessment = self.assessment()
        if assessment is None or assessment.certainty == "open":
            return
        saved = self.progress.extra.get(QUICK_KEY)
        # A new table, never changed in place: the writer thread may be saving the old one.
        table = dict(saved) if isinstance(saved, dict) else {}
        counts = self.counts()
        levels: tuple[Certainty, ...] = ("likely", "settled")
        for level in levels[: levels.index(assessment.certainty) + 1]:
            if self.reached_after(level) is None:
                table[f"{level}_after"] = counts.rated + counts.skipped
                self.quick_news = level
        if self.quick_news is not None:
            self.progress.extra[QUICK_KEY] = table

    # Saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        """Hand the current answers to the writer thread; returns at once."""
        self._saved_position = self.progress.position
        if self.read_only:
            self.changed_unsaved = True
            return
        self.writer.submit(snapshot_of(self.progress))

    def flush(self, timeout: float | None = 5.0) -> str | None:
        """Wait for the last save; the error message if it failed."""
        return self.writer.flush(timeout, retry=True)

    def unsaved(self, timeout: float | None = 5.0) -> str | None:
        """Why answers given would be lost on quitting now (one line), or None if none would.

        A failed save is tried once more first."""
        if self.read_only:
            if self.changed_unsaved:
                return (
                    f"{printable(self.path.name)} was opened read-only: the answers given here "
                    "are not saved"
                )
            return None
        return self.flush(timeout)

    def save_elsewhere(self, path: Path) -> None:
        """Save the answers to `path` and keep saving there: the way out of a failing save, a
        read-only profile or one in use. `path` is locked first and the old lock freed after.

        Raises RolequizError (one line) when `path` cannot be used; nothing changes then.
        """
        if path.exists() or path.is_symlink():
            raise RolequizError(
                f"{printable(str(path))}: already exists; choose a new name (it is not replaced)"
            )
        new_lock = ProfileLock.acquire(path)  # raises ProfileInUse
        old_path, old_read_only = self.writer.path, self.read_only
        self.writer.retarget(path)
        self.read_only = False
        self.save()
        error = self.writer.flush()
        if error is not None:
            self.writer.retarget(old_path)
            self.read_only = old_read_only
            if new_lock is not None:
                new_lock.release()
            raise RolequizError(error)
        if self.lock is not None:
            self.lock.release()
        self.lock = new_lock
        self.path = path
        self.changed_unsaved = False

    def release_lock(self) -> None:
        """Free the profile for another rolequiz (the session is not used after this)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def export_report(
        self, path: Path, role: Role | None = None, *, generated: datetime | None = None
    ) -> None:
        """Write the gap report for `role` (default: the recommended one) to `path`, atomically.

        Raises RolequizError with one line naming the file when it cannot be written.
        """
        # Imported here: the gap report is not needed to open the quiz.
        from rolequiz.files.report import build_report, write_report

        report = build_report(
            self.bank, self.progress, source=str(self.path), role=role, generated=generated
        )
        write_report(path, report)
        take_snapshot(self.path, self.progress)  # history: see rolequiz.files.history

    def close(self, timeout: float | None = 5.0) -> str | None:
        """Save the position if it moved since the last answer, flush, stop the writer, free
        the lock. The error if the last save failed, or why answers were not saved."""
        if self.read_only:
            # Nothing failed: the person chose read-only (and was asked before quitting).
            self.release_lock()
            return None
        if self.progress.position != self._saved_position and (
            self.writer.path.exists() or self.progress.answered()
        ):
            self.save()
        error = self.writer.close(timeout)
        self.release_lock()
        return error


def _category_slots(bank: Bank) -> dict[str, tuple[int, int]]:
    totals: dict[str, int] = {}
    for skill in bank.skills:
        totals[skill.category] = totals.get(skill.category, 0) + 1
    seen: dict[str, int] = {}
    slots: dict[str, tuple[int, int]] = {}
    for skill in bank.skills:
        seen[skill.category] = seen.get(skill.category, 0) + 1
        slots[skill.id] = (seen[skill.category], totals[skill.category])
    return slots


# Opening profiles ----------------------------------------------------------------------------


def open_profile(path: Path) -> Progress | None:
    """The profile at `path`, or None if there is no file there yet.

    Raises ProfileError (one line naming the file and the problem) for a broken file; the
    file is left exactly as it is.
    """
    if not path.exists() and not path.is_symlink():
        return None
    return load_progress(path)


def backup_name(path: Path, when: datetime) -> Path:
    """A free dated name beside `path`: `profile.2025-11-23-094212.bak.toml`."""
    stamp = when.astimezone().strftime("%Y-%m-%d-%H%M%S")
    stem, suffix = path.stem, path.suffix or ".toml"
    return _free_name(path, lambda number: f"{stem}.{stamp}{number}.bak{suffix}")


def _free_name(path: Path, name: Callable[[str], str]) -> Path:
    """The first of `name("")`, `name("-2")`, `name("-3")` ... beside `path` that is free."""
    candidate = path.with_name(name(""))
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(name(f"-{number}"))
        number += 1
    return candidate


def back_up_profile(path: Path, when: datetime | None = None) -> Path:
    """Move the profile aside to a dated backup beside it (never deleted); return the backup."""
    backup = backup_name(path, when or now_utc())
    take_snapshot(path, when=when)  # history: see rolequiz.files.history
    try:
        # A hard link first, so there is no moment when neither name holds the answers.
        os.link(path, backup)
        path.unlink()
    except OSError:
        try:
            os.replace(path, backup)
        except OSError as exc:
            raise ProfileError(f"{path}: cannot back up: {exc.strerror or exc}") from None
    return backup


def fresh_path_beside(path: Path) -> Path:
    """A name for a new profile next to `path` that does not exist yet: `profile.new.toml`."""
    stem, suffix = path.stem, path.suffix or ".toml"
    return _free_name(path, lambda number: f"{stem}.new{number}{suffix}")


def copy_name(path: Path, when: datetime | None = None) -> Path:
    """A free dated name beside `path` for a copy: `profile.copy-2025-03-04-060607.toml`."""
    stamp = (when or now_utc()).astimezone().strftime("%Y-%m-%d-%H%M%S")
    stem, suffix = path.stem, path.suffix or ".toml"
    return _free_name(path, lambda number: f"{stem}.copy-{stamp}{number}{suffix}")


def copy_beside(path: Path, target: Path | None = None) -> Path:
    """Copy the profile, byte for byte, to `target` (the name shown to the person) or else
    `copy_name`, and return that name (with no profile there yet, just the name). For a second
    rolequiz on a profile in use: it works on the copy, and neither loses an answer."""
    candidate = target if target is not None and not target.exists() else copy_name(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return candidate
    except OSError as exc:
        raise ProfileError(f"{printable(str(path))}: cannot copy: {save_problem(exc)}") from None
    try:
        write_new_file(candidate, data)
    except OSError as exc:
        raise ProfileError(
            f"{printable(str(candidate))}: cannot make the copy: {save_problem(exc)}"
        ) from None
    return candidate


def write_new_file(path: Path, data: bytes) -> None:
    """Write a new file (never replacing one) with exactly `data`, flushed to disk."""
    with path.open("xb") as handle:
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            path.unlink(missing_ok=True)  # no half copy left under a name that looks whole
            raise


def elsewhere_suggestion(path: Path, home: Path | None = None) -> Path:
    """Where "save elsewhere" proposes first: a free name in the home folder (the profile's own
    folder is likely the one that fails)."""
    folder = home if home is not None else Path.home()
    stem, suffix = path.stem, path.suffix or ".toml"
    candidate = folder / f"rolequiz-{stem}{suffix}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"rolequiz-{stem}-{number}{suffix}"
        number += 1
    return candidate


# Exporting -----------------------------------------------------------------------------------


def default_report_path(folder: Path, role: Role) -> Path:
    """Where the gap report goes unless the person types another path: the folder rolequiz was
    started from, named after the role, so reports for two roles never collide."""
    return folder / f"rolequiz-report-{role.id}.toml"


def existing_target(path: Path) -> str | None:
    """Why writing to `path` needs a yes first ("already exists", "is a link to …"), or None."""
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "somewhere else"
        return f"is a link to {target}; the link would be replaced by the report"
    if path.exists():
        return "already exists"
    return None
