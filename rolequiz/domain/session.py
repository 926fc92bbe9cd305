"""The quiz session as plain state: where the person is, what they answered, the moves, quick mode.

No Textual and no file I/O here: the UI asks the session to move and reads it back, and every
change is handed to the `ProfileFiles` it was given (`rolequiz.files.writer.ProfileWriter`
writes it in the background), so the key press never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.progress import Certainty, Progress, now_utc
from rolequiz.domain.quiz import Counts, blocked_by, counts, not_applicable, pending_ids
from rolequiz.domain.scoring import RoleFit, rank_roles
from rolequiz.text import printable

if TYPE_CHECKING:
    from rolequiz.domain.quick import Assessment, QuickMode

SkillState = Literal["rated", "skipped", "unanswered", "not_applicable"]

# How the next question is chosen: (bank, progress, after index, not-applicable ids) -> index.
# The quiz walks the bank in order; quick mode plugs in another strategy here.
NextQuestion = Callable[[Bank, Progress, int, frozenset[str]], "int | None"]


class Releasable(Protocol):
    """A hold on a profile (rolequiz.files.lock.ProfileLock) that the session frees."""

    def release(self) -> None: ...


class ProfileFiles(Protocol):
    """The session's way to the disk (rolequiz.files.writer.ProfileWriter). The session hands
    it the answers and asks it to write; it does no file I/O itself."""

    @property
    def error(self) -> str | None:
        """Why the last save failed, or None."""
        ...

    def submit(self, progress: Progress) -> None:
        """Save `progress` soon (a copy is taken at once); returns without waiting."""
        ...

    def flush(self, timeout: float | None = 5.0, *, retry: bool = False) -> str | None: ...

    def close(self, timeout: float | None = 5.0) -> str | None: ...

    def target_exists(self) -> bool:
        """Whether there is a file where the answers are saved."""
        ...

    def move_to(self, path: Path, progress: Progress) -> Releasable | None:
        """Lock `path`, write `progress` there and keep saving there; raise RolequizError
        (nothing changed) when it cannot be used."""
        ...

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
        """Write the gap report; raise RolequizError (one line) when it cannot be written."""
        ...


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
        writer: ProfileFiles,
        next_question: NextQuestion = in_quiz_order,
        lock: Releasable | None = None,
        read_only: bool = False,
    ) -> None:
        if not bank.skills:
            raise ValueError("the bank has no skills")
        self.bank = bank
        self.progress = progress
        self.path = path
        self.writer = writer
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
        self._blocked: dict[str, Skill] | None = None
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
            self._na = frozenset(not_applicable(self.bank, self.progress, self._blocked_by()))
        return self._na

    def counts(self) -> Counts:
        if self._counts is None:
            self._counts = counts(self.bank, self.progress, self.not_applicable)
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
        """The nearest parent rated 0 that makes `skill` not applicable, if there is one."""
        return self._blocked_by().get(skill.id)

    @property
    def is_complete(self) -> bool:
        return self.counts().pending == 0

    def index_of(self, skill_id: str) -> int:
        return self._index_of[skill_id]

    def _blocked_by(self) -> dict[str, Skill]:
        if self._blocked is None:
            self._blocked = blocked_by(self.bank, self.progress.ratings)
        return self._blocked

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
        self._blocked = None
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
        return self.progress.quick.on

    def start_quick(self) -> None:
        """Ask the most telling question next (rolequiz.domain.quick) until the person stops or
        takes the full quiz. A reopened quick profile goes on from its saved question."""
        from rolequiz.domain.quick import QuickMode

        resuming = self.saved_in_quick_mode and self.state(self.skill.id) == "unanswered"
        self._quick = QuickMode(self.bank)
        self._next_question = self._quick.next_question
        self.progress.quick = replace(self.progress.quick, on=True)
        if not resuming:
            found = self.next_index(self.index)
            if found is not None:
                self._move(found)

    def full_quiz(self) -> None:
        """Leave quick mode: the remaining questions in quiz order from the first one still to
        answer, every answer kept."""
        self._quick = None
        self._next_question = in_quiz_order
        self.progress.quick = replace(self.progress.quick, on=False)
        found = self.next_index(-1)
        if found is not None:
            self._move(found)
        self.save()

    def assessment(self) -> Assessment | None:
        """Where quick mode stands on the answers so far; None outside quick mode."""
        if self._quick is None:
            return None
        pending = pending_ids(self.bank, self.progress, self.not_applicable)
        return self._quick.assess(self.progress.ratings, pending)

    def reached_after(self, level: Certainty) -> int | None:
        """How many answers there were when quick mode first reached `level`, if it has."""
        return self.progress.quick.reached_after(level)

    def take_quick_news(self) -> Certainty | None:
        news, self.quick_news = self.quick_news, None
        return news

    def _note_quick_level(self) -> None:
        assessment = self.assessment()
        if assessment is None or assessment.certainty == "open":
            return
        counts = self.counts()
        levels: tuple[Certainty, ...] = ("likely", "settled")
        quick = self.progress.quick
        for level in levels[: levels.index(assessment.certainty) + 1]:
            if quick.reached_after(level) is None:
                quick = quick.reached(level, counts.rated + counts.skipped)
                self.quick_news = level
        self.progress.quick = quick

    def set_target_role(self, role_id: str) -> None:
        """Keep `role_id` as the role the person works towards (the learning plan's role), saved
        like an answer; the same role again writes nothing."""
        if role_id not in self.bank.role_by_id:
            raise ValueError(f"unknown role {role_id!r}")
        if self.progress.target_role == role_id:
            return
        self.progress.target_role = role_id
        self.save()

    # Saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        """Hand the current answers to the writer; returns at once."""
        self._saved_position = self.progress.position
        if self.read_only:
            self.changed_unsaved = True
            return
        self.writer.submit(self.progress)

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
        new_lock = self.writer.move_to(path, self.progress)
        self._saved_position = self.progress.position
        self.release_lock()
        self.lock = new_lock
        self.path = path
        self.read_only = False
        self.changed_unsaved = False

    def release_lock(self) -> None:
        """Free the profile for another rolequiz (the session is not used after this)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def export_report(
        self,
        path: Path,
        role: Role | None = None,
        *,
        generated: datetime | None = None,
        replace: bool = True,
        create_folders: bool = False,
        form: str = "toml",
    ) -> None:
        """Write the gap report for `role` (default: the recommended one) to `path`, atomically,
        in `form` (toml, markdown or html).

        Check `path` first with `rolequiz.files.export.export_target` and ask what it says to
        ask: `replace` and `create_folders` are the person's yes. Never over the open profile.
        Raises RolequizError with one line naming the file when it cannot be written.
        """
        self.writer.export_report(
            path,
            self.bank,
            self.progress,
            role,
            generated,
            replace=replace,
            create_folders=create_folders,
            form=form,
        )

    def close(self, timeout: float | None = 5.0) -> str | None:
        """Save the position if it moved since the last answer, flush, stop the writer, free
        the lock. The error if the last save failed, or why answers were not saved."""
        if self.read_only:
            # Nothing failed: the person chose read-only (and was asked before quitting).
            self.release_lock()
            return None
        if self.progress.position != self._saved_position and (
            self.progress.answered() or self.writer.target_exists()
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
