"""Text from files and paths never acts on the terminal: every screen and toast, hostile text.

Skill, category, role and level names, an unknown skill id in a profile and the profile's own
file name all carry a terminal title change, a clear-screen, markup and a bidi override. Each
screen is drawn (its SVG screenshot holds what the terminal would get) and every toast is
caught on its way in: no ESC, BEL or bidi control reaches either, and markup shows as typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Input

from rolequiz.domain.content import Bank, load_bank
from rolequiz.tui.app import RolequizApp
from rolequiz.tui.screens.choice import ChoiceScreen
from rolequiz.tui.screens.export import ExportModal
from rolequiz.tui.screens.faults import SaveElsewhereModal
from rolequiz.tui.screens.find import FindModal
from rolequiz.tui.screens.help import HelpScreen
from rolequiz.tui.screens.overview import OverviewScreen
from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.results import ResultsScreen
from rolequiz.tui.screens.start import OpenProfileModal
from rolequiz.tui.screens.welcome import WelcomeScreen

from .conftest import FIXED_TIME

SIZE = (80, 24)
TITLE = "\x1b]0;pwn\x07"
CLEAR = "\x1b[2J"
MARKUP = "[b]markup[/b]"
TAG = "[SQL]"
BIDI = "\u202e"
HOSTILE = f"{TITLE}{CLEAR}{MARKUP}{TAG}{BIDI}"
IN_NAME = f"{TITLE}{CLEAR}[b]bold{TAG}{BIDI}"  # the same in a file name, which cannot hold "/"
NEVER = ("\x1b", "\x07", BIDI)
q = json.dumps  # a TOML basic string too: controls written as \\u escapes


def write_hostile_content(root: Path) -> Path:
    questions, profiles = root / "questions", root / "profiles"
    questions.mkdir(parents=True)
    profiles.mkdir()
    levels = "\n".join(
        f"[[level]]\nvalue = {value}\nlabel = {q(f'L{value}{HOSTILE}')}\n"
        f"anchor = {q(f'Anchor {value} {HOSTILE}')}\n"
        for value in range(5)
    )
    (questions / "scale.toml").write_text(f"schema_version = 1\n\n{levels}", encoding="utf-8")
    skills = "\n".join(
        f"[[skill]]\nid = {q(skill_id)}\nname = {q(f'{skill_id}{HOSTILE}')}\n"
        f"aliases = [{q(f'alias{HOSTILE}')}]\nprompt = {q(f'How well? {HOSTILE}')}\n"
        f"tip = {q(f'Tip {HOSTILE}')}\n[[skill.resources]]\ntitle = {q(f'Docs {HOSTILE}')}\n"
        f'url = "https://example.com/{skill_id}"\n'
        for skill_id in ("alpha", "beta", "gamma")
    )
    (questions / "basics.toml").write_text(
        f'schema_version = 1\n\n[category]\nid = "basics"\nname = {q(f"Basics{HOSTILE}")}\n'
        f"order = 1\n\n{skills}",
        encoding="utf-8",
    )
    for role_id in ("first", "second"):
        (profiles / f"{role_id}.toml").write_text(
            f"schema_version = 1\nid = {q(role_id)}\nname = {q(f'{role_id}{HOSTILE}')}\n"
            f"summary = {q(f'Summary {HOSTILE}')}\n\n[skills]\n"
            'alpha = { weight = 5, target = 4, must = true, why = "w" }\n'
            'beta = { weight = 3, target = 3, must = false, why = "w" }\n',
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def hostile_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_hostile_content(tmp_path_factory.mktemp("hostile")))


class Toasts:
    """Every notification the app raises, caught by run_test's message hook."""

    def __init__(self) -> None:
        self.seen: list[Notify] = []

    def hook(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(message)

    def texts(self) -> Iterator[str]:
        for message in self.seen:
            yield message.notification.message
            yield message.notification.title


def assert_safe(text: str, where: str) -> None:
    for character in NEVER:
        assert character not in text, f"{character!r} reaches the terminal on {where}"


async def drawn(pilot: Pilot[int], where: str, *shown: str) -> None:
    """The screen as the terminal gets it holds no control; `shown` texts appear as typed."""
    await pilot.pause()
    svg = pilot.app.export_screenshot()
    assert_safe(svg, where)
    for text in shown:
        assert text in svg, f"{text!r} not shown literally on {where}"


async def retype(pilot: Pilot[int], text: str) -> None:
    field = pilot.app.screen.query_one(Input)
    field.value = ""
    await pilot.press(*text) if text.isprintable() else None
    field.value = text  # controls cannot be typed: set the value as a paste would
    await pilot.pause()


@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / f"home{IN_NAME}"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.chdir(folder)
    return folder


def _app(bank: Bank, profile: Path, home: Path) -> RolequizApp:
    return RolequizApp(bank=bank, profile_path=profile, export_dir=home, now=lambda: FIXED_TIME)


async def test_every_screen_and_toast_shows_file_text_safely(
    hostile_bank: Bank, hostile_home: Path
) -> None:
    profile = hostile_home / f"p{IN_NAME}.toml"
    unknown = f"gone{HOSTILE}"
    profile.write_text(
        f"schema_version = 1\n[ratings]\nalpha = 2\n{q(unknown)} = 3\n", encoding="utf-8"
    )
    toasts = Toasts()
    app = _app(hostile_bank, profile, hostile_home)
    async with app.run_test(size=SIZE, message_hook=toasts.hook, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.name == "resume"
        await drawn(pilot, "resume", MARKUP, TAG)
        await pilot.press("down", "down", "enter")  # open another: the same file
        await pilot.pause()
        assert isinstance(app.screen, OpenProfileModal)
        await drawn(pilot, "open another")
        await retype(pilot, str(profile))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await drawn(pilot, "question", MARKUP, TAG)
        assert any("gone" in text for text in toasts.texts())  # the unknown id, told

        for key, screen in [
            ("o", OverviewScreen),
            ("slash", FindModal),
            ("question_mark", HelpScreen),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await drawn(pilot, screen.__name__, MARKUP, TAG)
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("e")
        assert isinstance(app.screen, ExportModal)
        await drawn(pilot, "export", MARKUP, TAG)
        await retype(pilot, str(hostile_home / f"report{IN_NAME}.toml"))
        await pilot.press("enter")
        await drawn(pilot, "export written")
        await pilot.press("escape")

        await pilot.press("w")
        assert isinstance(app.screen, SaveElsewhereModal)
        await drawn(pilot, "save elsewhere")
        await retype(pilot, str(hostile_home / f"elsewhere{IN_NAME}.toml"))
        await pilot.press("enter")
        await drawn(pilot, "saved elsewhere")
        await pilot.press("ctrl+q")
    assert (hostile_home / f"report{IN_NAME}.toml").exists()
    assert (hostile_home / f"elsewhere{IN_NAME}.toml").exists()
    texts = list(toasts.texts())
    assert any("Gap report written" in text for text in texts)
    assert any("Saved to" in text for text in texts)
    for text in texts:
        assert_safe(text, f"the toast {text!r}")


async def test_welcome_and_broken_profile_screens(hostile_bank: Bank, hostile_home: Path) -> None:
    app = _app(hostile_bank, hostile_home / f"new{IN_NAME}.toml", hostile_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await drawn(pilot, "welcome", MARKUP, TAG)

    broken = hostile_home / f"broken{IN_NAME}.toml"
    broken.write_text(f"schema_version = 1\n[ratings]\nalpha = {q(HOSTILE)}\n", encoding="utf-8")
    toasts = Toasts()
    app = _app(hostile_bank, broken, hostile_home)
    async with app.run_test(size=SIZE, message_hook=toasts.hook) as pilot:
        await pilot.pause()
        assert app.screen.name == "broken"
        await drawn(pilot, "broken profile", MARKUP)


async def test_a_toast_never_reads_file_text_as_markup(
    hostile_bank: Bank, hostile_home: Path
) -> None:
    toasts = Toasts()
    app = _app(hostile_bank, hostile_home / "p.toml", hostile_home)
    async with app.run_test(size=SIZE, message_hook=toasts.hook, notifications=True) as pilot:
        await pilot.pause()
        app.notify(f"Settled: {HOSTILE}")  # as the quick-mode toast names the top role
        await drawn(pilot, "a toast", MARKUP, TAG)
    [toast] = toasts.seen
    assert toast.notification.markup is False
    assert_safe(toast.notification.message, "a toast")


async def test_results_show_file_text_safely(hostile_bank: Bank, hostile_home: Path) -> None:
    profile = hostile_home / "p.toml"
    profile.write_text("schema_version = 1\n[ratings]\nalpha = 2\n", encoding="utf-8")
    app = _app(hostile_bank, profile, hostile_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await drawn(pilot, "results", MARKUP, TAG)


async def test_plan_history_and_job_ad_screens_show_file_text_safely(
    hostile_bank: Bank, hostile_home: Path
) -> None:
    from rolequiz.tui.screens.history import HistoryScreen
    from rolequiz.tui.screens.job_ad import JobAdScreen
    from rolequiz.tui.screens.plan import PlanScreen

    profile = hostile_home / "p.toml"
    profile.write_text("schema_version = 1\n[ratings]\nalpha = 2\n", encoding="utf-8")
    typed = f"ad[b]bold{TAG}.txt"  # what a person can type: markup, no controls, no "/"
    (hostile_home / typed).write_bytes(b"\x00\x01binary")
    app = _app(hostile_bank, profile, hostile_home)
    toasts = Toasts()
    async with app.run_test(size=SIZE, message_hook=toasts.hook) as pilot:
        await pilot.press("enter", "r", "p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await drawn(pilot, "the plan", MARKUP, TAG)
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await drawn(pilot, "the history")
        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, JobAdScreen)
        await retype(pilot, typed)
        await pilot.press("enter")
        await drawn(pilot, "a job ad that cannot be read", typed)
    for text in toasts.texts():
        assert_safe(text, "a toast")
