"""Keys: j/k move like the arrows, esc goes back, each key once in the help, a tidy palette."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual.widgets import OptionList, Tree

from rolequiz.tui.screens.choice import ChoiceScreen
from rolequiz.tui.screens.export import ExportModal
from rolequiz.tui.screens.faults import SaveElsewhereModal
from rolequiz.tui.screens.find import FindModal
from rolequiz.tui.screens.help import HelpScreen, help_keys
from rolequiz.tui.screens.overview import OverviewScreen
from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.results import ResultsScreen

from .conftest import MakeApp

SIZE = (80, 24)
SOME_ANSWERS = 'schema_version = 1\nposition = "stats"\n[ratings]\npython = 3\nsql = 2\n'


async def test_j_and_k_move_the_choices(make_app: MakeApp, home: Path) -> None:
    (home / "profile.toml").write_text(SOME_ANSWERS, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        choices = app.screen.query_one(OptionList)
        await pilot.press("j", "j")
        assert choices.highlighted == 2
        await pilot.press("k")
        assert choices.highlighted == 1
        await pilot.press("down")
        assert choices.highlighted == 2


async def test_j_and_k_move_the_overview(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        start = tree.cursor_line
        await pilot.press("j", "j")
        assert tree.cursor_line == start + 2
        await pilot.press("k")
        assert tree.cursor_line == start + 1


async def test_esc_goes_back_from_every_screen_over_the_question(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        for key, screen in [
            ("o", OverviewScreen),
            ("r", ResultsScreen),
            ("slash", FindModal),
            ("question_mark", HelpScreen),
            ("e", ExportModal),
            ("w", SaveElsewhereModal),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen), key


async def test_help_lists_each_key_once_per_screen(make_app: MakeApp) -> None:
    app = make_app()
    sections = app.help_sections()
    *screens, (anywhere_title, anywhere) = sections
    assert anywhere_title == "Anywhere"
    shared = {key for binding in anywhere for key in help_keys(binding)}
    for title, bindings in sections:
        keys = Counter(key for binding in bindings for key in help_keys(binding))
        assert [key for key, count in keys.items() if count > 1] == [], title
    for title, bindings in screens:
        keys = {key for binding in bindings for key in help_keys(binding)}
        assert not keys & shared, title


async def test_the_palette_has_no_repeated_or_meaningless_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for keys in ([], ["enter"]):  # at the welcome screen, then on a question
            await pilot.press(*keys)
            await pilot.pause()
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert len(titles) == len(set(titles))
            assert {"Theme", "Keys", "Quit"} <= set(titles)
            assert not {"Maximize", "Minimize"} & set(titles)
        await pilot.press("ctrl+p")
        for character in "keys":
            await pilot.press(character)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
