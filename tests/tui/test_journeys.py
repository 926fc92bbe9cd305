"""Each journey through the quiz, pressing real keys at 80x24, checked on state and files."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, Tree

from rolequiz.domain.content import Bank
from rolequiz.domain.gaps import gap_list
from rolequiz.domain.session import QuizSession
from rolequiz.tui.app import RolequizApp
from rolequiz.tui.screens.export import ExportModal
from rolequiz.tui.screens.find import FindModal, find_skills
from rolequiz.tui.screens.help import HelpScreen
from rolequiz.tui.screens.overview import OverviewScreen
from rolequiz.tui.screens.question import QuestionScreen
from rolequiz.tui.screens.results import ResultsScreen
from rolequiz.tui.screens.start import OpenProfileModal
from rolequiz.tui.screens.welcome import WelcomeScreen
from rolequiz.tui.widgets.gap_card import GapCard
from rolequiz.tui.widgets.rating_picker import RatingPicker

from .conftest import MakeApp, read_toml_when

SIZE = (80, 24)
HALF_WAY = (
    'schema_version = 1\nposition = "sql"\nskipped = ["stats"]\n[ratings]\npython = 3\nsql = 2\n'
)
ALL_ANSWERED = (
    "schema_version = 1\n[ratings]\npython = 2\nsql = 1\nstats = 3\naws = 3\nglue = 1\n"
    "athena = 2\ndocker = 1\nsklearn = 2\ndeep = 0\n"
)


def text_of(app: RolequizApp, selector: str) -> str:
    """The plain text a Static shows (its Content), as the person reads it."""
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Content)
    return content.plain


def session_of(app: RolequizApp) -> QuizSession:
    assert app.session is not None
    return app.session


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def test_first_use_runs_to_results_and_exports_the_report(
    make_app: MakeApp, home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        # python, sql, stats, aws, glue, athena, docker, sklearn (not sure), deep
        await pilot.press("3", "4", "2", "3", "2", "1", "2", "s", "1")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Provisional" not in text_of(app, "#results-basis")
        top = session_of(app).ranked()[0].role
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal)
        await pilot.press("enter")
        assert "Written to ~/rolequiz-report-" in text_of(app, "#export-message")
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)

    report = tomllib.loads((home / f"rolequiz-report-{top.id}.toml").read_text(encoding="utf-8"))
    assert report["recommended_role"] == report["target_role"] == top.id
    assert report["provisional"] is False
    assert report["answers"]["rated"] == 8 and report["answers"]["skipped"] == 1
    assert report["source_profile"] == str(home / "profile.toml")
    saved = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert saved["ratings"] == {
        "python": 3,
        "sql": 4,
        "stats": 2,
        "aws": 3,
        "glue": 2,
        "athena": 1,
        "docker": 2,
        "deep": 1,
    }
    assert saved["skipped"] == ["sklearn"]


async def test_every_answer_is_on_disk_while_the_quiz_is_still_open(
    make_app: MakeApp, home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "1")
        data = read_toml_when(home / "profile.toml", lambda d: len(d["ratings"]) == 2)
        assert data["ratings"] == {"python": 3, "sql": 1}
        assert isinstance(app.screen, QuestionScreen)


async def test_quit_half_way_then_resume_with_the_same_answers_and_place(
    make_app: MakeApp, home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "2", "s", "ctrl+q")
    assert app.return_code == 0
    saved = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert saved["ratings"] == {"python": 3, "sql": 2}
    assert saved["skipped"] == ["stats"] and saved["position"] == "aws"

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        assert again.screen.name == "resume"
        assert "2 of 9" not in text_of(again, ".choice-text")  # three done: two rated, one skip
        assert "3 of 9" in text_of(again, ".choice-text")
        await pilot.press("enter")
        assert isinstance(again.screen, QuestionScreen)
        session = session_of(again)
        assert session.skill.id == "aws"
        assert session.progress.ratings == {"python": 3, "sql": 2}
        assert text_of(again, "#skill-name") == "AWS"


async def test_ctrl_c_quits_and_keeps_every_answer(make_app: MakeApp, home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "4", "ctrl+c")
    assert not app.is_running
    assert tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))["ratings"] == {
        "python": 4
    }


async def test_back_skip_forward_next_unanswered_and_clear(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        session = session_of(app)
        picker = app.screen.query_one(RatingPicker)
        assert session.skill.id == "sql"
        await pilot.press("left")
        assert session.skill.id == "python"
        assert picker.highlighted == 3  # the saved answer is where the cursor starts
        assert "Your answer: 3 Independent" in text_of(app, "#note")
        await pilot.press("right", "s")
        assert session.skill.id == "stats" and session.state("sql") == "skipped"
        await pilot.press("b")
        assert session.skill.id == "sql" and "skipped" in text_of(app, "#note")
        await pilot.press("n")
        assert session.skill.id == "stats"
        await pilot.press("down", "down", "enter")  # arrows and enter answer too
        assert session.level("stats") == 1 and session.skill.id == "aws"
        await pilot.press("b", "x")
        assert session.state("stats") == "unanswered"
        await pilot.press("f", "f")
        assert session.skill.id == "glue"


async def test_find_opens_a_skill_by_alias(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "slash")
        assert isinstance(app.screen, FindModal)
        await type_text(pilot, "structured")
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0)
        assert first.id == "sql"
        assert isinstance(first.prompt, Content) and first.prompt.plain.startswith("[SQL]")
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).skill.id == "sql"
        assert text_of(app, "#skill-name") == "[SQL]"
        await pilot.press("slash", "escape")
        assert isinstance(app.screen, QuestionScreen) and session_of(app).skill.id == "sql"


def test_find_ranks_a_name_before_an_alias_and_scattered_letters(small_bank: Bank) -> None:
    assert [match.skill.id for match in find_skills(small_bank, "glue")][:1] == ["glue"]
    assert find_skills(small_bank, "docker")[0].skill.id == "docker"
    assert find_skills(small_bank, "neural")[0].skill.id == "deep"
    assert len(find_skills(small_bank, "")) == len(small_bank.skills)
    assert find_skills(small_bank, "zzzz") == []


async def test_a_parent_at_zero_skips_its_children_which_the_overview_still_opens(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(
        "schema_version = 1\n[ratings]\npython = 3\nsql = 2\nstats = 1\n", encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(app)
        assert session.skill.id == "aws"
        await pilot.press("0")
        assert session.skill.id == "docker"  # glue and athena are not asked
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        tree = app.screen.query_one(Tree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels[1] == "Cloud  3/4"  # aws, and its two children not applicable
        assert tree.cursor_node is not None and tree.cursor_node.data == "docker"
        await pilot.press("up", "up", "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert session.skill.id == "glue"
        assert "you rated AWS 0" in text_of(app, "#note")
        await pilot.press("2")
        assert session.level("glue") == 2
        assert session.skill.id == "docker"


async def test_a_broken_profile_is_named_left_alone_and_a_new_one_starts_beside(
    make_app: MakeApp, home: Path
) -> None:
    broken = home / "profile.toml"
    broken.write_text("schema_version = 1\n[ratings]\nsql = 9\n", encoding="utf-8")
    before = broken.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.name == "broken"
        problem = text_of(app, ".choice-text")
        assert str(broken) in problem and "ratings.sql" in problem and "got 9" in problem
        await pilot.press("enter")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter", "2", "ctrl+q")
    assert broken.read_bytes() == before
    beside = tomllib.loads((home / "profile.new.toml").read_text(encoding="utf-8"))
    assert beside["ratings"] == {"python": 2}


async def test_quitting_at_a_broken_profile_says_why_and_exits_1(
    make_app: MakeApp, home: Path
) -> None:
    broken = home / "profile.toml"
    broken.write_bytes(b"\xff\xfe not toml")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
    assert app.return_code == 1
    assert app.exit_lines and str(broken) in app.exit_lines[0]
    assert broken.read_bytes() == b"\xff\xfe not toml"


async def test_start_over_keeps_the_old_answers_as_a_dated_backup(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(HALF_WAY, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).skill.id == "python" and not session_of(app).progress.ratings
        await pilot.press("1", "ctrl+q")
    backups = sorted(home.glob("profile.*.bak.toml"))
    assert len(backups) == 1 and backups[0].name.startswith("profile.2025-03-0")
    assert backups[0].read_text(encoding="utf-8") == HALF_WAY
    fresh = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert fresh["ratings"] == {"python": 1}


async def test_open_another_profile_from_the_resume_prompt(make_app: MakeApp, home: Path) -> None:
    (home / "profile.toml").write_text(HALF_WAY, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, OpenProfileModal)
        await pilot.press("ctrl+u")
        await type_text(pilot, "~/other.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, WelcomeScreen)  # no file there yet: a new assessment
        await pilot.press("enter", "4", "ctrl+q")
    assert tomllib.loads((home / "other.toml").read_text(encoding="utf-8"))["ratings"] == {
        "python": 4
    }
    assert (home / "profile.toml").read_text(encoding="utf-8") == HALF_WAY


async def test_another_roles_gap_list_and_its_report(
    make_app: MakeApp, home: Path, small_bank: Bank
) -> None:
    (home / "profile.toml").write_text(ALL_ANSWERED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # every skill is answered: the results come first
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        ranked = session_of(app).ranked()
        assert screen.selected is ranked[0].role
        await pilot.press("down")
        await pilot.pause()
        second = ranked[1].role
        assert screen.selected is second
        shown = [card.gap.skill.id for card in screen.query(GapCard)]
        ratings = session_of(app).progress.ratings
        assert shown == [gap.skill.id for gap in gap_list(small_bank, second, ratings)]
        assert shown  # this role has something to learn
        assert text_of(app, "#gaps-title").startswith(f"Gaps for {second.name}:")
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal) and app.screen.role is second
        await pilot.press("enter")
    report = tomllib.loads((home / f"rolequiz-report-{second.id}.toml").read_text(encoding="utf-8"))
    assert report["target_role"] == second.id
    assert [gap["skill"] for gap in report["gaps"]] == shown


async def test_arrows_pick_a_role_even_with_the_gap_list_focused(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(ALL_ANSWERED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # every skill is answered: the results come first
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        ranked = session_of(app).ranked()
        screen.query_one("#results-detail").focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.selected is ranked[2].role
        await pilot.press("up", "up", "up")  # stops at the first role
        await pilot.pause()
        assert screen.selected is ranked[0].role


async def test_export_never_replaces_a_file_or_a_link_without_a_yes(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(ALL_ANSWERED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "r")
        top = session_of(app).ranked()[0].role
        target = home / f"rolequiz-report-{top.id}.toml"
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e", "enter")
        assert "already exists" in text_of(app, "#export-message")
        await pilot.press("n")
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter", "y")
        assert tomllib.loads(target.read_text(encoding="utf-8"))["target_role"] == top.id

        precious = home / "precious.toml"
        precious.write_text("not a report", encoding="utf-8")
        target.unlink()
        os.symlink(precious, target)
        await pilot.press("escape", "e", "enter")
        assert "is a link to" in text_of(app, "#export-message")
        await pilot.press("escape")
        assert target.is_symlink() and precious.read_text(encoding="utf-8") == "not a report"
        await pilot.press("e", "enter", "y")
        assert "is a link to" in text_of(app, "#export-message")
        assert app.screen.stage == "edit"  # refused, not asked: no yes replaces a link
    # A link is never replaced, even after a yes (rolequiz.files.export.export_target).
    assert precious.read_text(encoding="utf-8") == "not a report"
    assert target.is_symlink()


async def test_results_any_time_are_marked_provisional(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2", "3", "r")
        assert isinstance(app.screen, ResultsScreen)
        assert text_of(app, "#results-title").startswith("Closest role so far:")
        basis = text_of(app, "#results-basis")
        assert basis.startswith("Provisional: 2 rated, 7 still to answer, of 9.")
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen) and session_of(app).skill.id == "stats"


async def test_markup_like_text_from_files_shows_literally(make_app: MakeApp, home: Path) -> None:
    (home / "profile.toml").write_text(
        'schema_version = 1\nposition = "sql"\n[ratings]\npython = 1\n'
        '[notes]\nsql = "uses [/] and [b]bold[/b] at work"\n',
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert text_of(app, "#skill-name") == "[SQL]"
        assert text_of(app, "#prompt") == "How well can you use [SQL]?"
        assert "Your note: uses [/] and [b]bold[/b] at work" in text_of(app, "#note")
        await pilot.press("2")
        drawn = app.screen.query_one(RatingPicker).render().plain
        assert "Ran a [b]t-test[/b] from a guide [/]" in drawn
        await pilot.press("o")
        await pilot.pause()
        labels = [str(node.label) for node in app.screen.query_one(Tree).root.children[0].children]
        assert any("[SQL]" in label for label in labels)


async def test_unknown_skill_ids_are_told_once_and_kept(make_app: MakeApp, home: Path) -> None:
    (home / "profile.toml").write_text(
        "schema_version = 1\n[ratings]\npython = 1\ncobol = 4\n", encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "cobol" in text_of(app, ".choice-text.-warning")
        await pilot.press("enter", "2", "ctrl+q")
    saved = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert saved["ratings"] == {"python": 1, "cobol": 4, "sql": 2}


async def test_a_failed_save_is_shown_kept_and_retried(make_app: MakeApp, home: Path) -> None:
    blocker = home / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(profile=blocker / "profile.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        for _ in range(200):
            await pilot.pause(0.01)
            if text_of(app, "#save-state"):
                break
        assert text_of(app, "#save-state") == "⚠ not saved · w saves elsewhere"
        assert session_of(app).progress.ratings == {"python": 3}  # kept in memory
        blocker.unlink()
        await pilot.press("2")
        data = read_toml_when(blocker / "profile.toml", lambda d: len(d["ratings"]) == 2)
        assert data["ratings"] == {"python": 3, "sql": 2}
        for _ in range(200):
            await pilot.pause(0.01)
            if not text_of(app, "#save-state"):
                break
        assert text_of(app, "#save-state") == ""


async def test_help_lists_every_key_and_shown_keys_have_tooltips(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {
            content.plain
            for widget in app.screen.query(".help-what").results(Static)
            if isinstance(content := widget.content, Content)
        }
        for _, bindings in app.help_sections():
            for binding in bindings:
                assert not isinstance(binding, tuple)
                if binding.description:
                    assert (binding.tooltip or binding.description) in listed
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        shown = [b for b in app.screen.active_bindings.values() if b.binding.show]
        assert 3 <= len(shown) <= 6
        assert all(b.binding.tooltip for b in shown)


async def test_the_command_palette_offers_the_quiz_commands(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Results", "Overview", "Find a skill", "Export gap report", "Theme"} <= titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "results")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_a_full_run_on_the_shipped_content(shipped_bank: Bank, home: Path) -> None:
    app = RolequizApp(bank=shipped_bank, profile_path=home / "me.toml", export_dir=home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(app)
        presses = 0
        while isinstance(app.screen, QuestionScreen) and presses < 200:
            # Cloud skills at 0 (the AWS and GCP children are then passed over), the rest 2.
            await pilot.press("0" if session.skill.category == "cloud" else "2")
            presses += 1
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        counts = session.counts()
        assert counts.pending == 0 and counts.not_applicable > 0
        assert presses == counts.rated
        await pilot.press("e", "enter")
        top = session.ranked()[0].role
    report = tomllib.loads((home / f"rolequiz-report-{top.id}.toml").read_text(encoding="utf-8"))
    assert report["answers"]["total"] == len(shipped_bank.skills)
    assert report["provisional"] is False and report["gaps"]
    assert len(tomllib.loads((home / "me.toml").read_text(encoding="utf-8"))["ratings"]) == presses


FINISHED = (
    'schema_version = 1\nposition = "deep"\nskipped = ["deep"]\n'
    "[ratings]\npython = 3\nsql = 2\nstats = 1\naws = 0\ndocker = 2\nsklearn = 1\n"
)


async def test_a_finished_profile_offers_its_results_then_a_review(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(FINISHED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.name == "resume"
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[:2] == [
            "See your results: every skill is answered",
            "Review your answers from Python",
        ]
        assert not any(label.startswith("Resume") for label in labels)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+q")

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.name == "resume"
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(again.screen, QuestionScreen)
        assert session_of(again).skill.id == "python"
        assert text_of(again, "#skill-name") == "Python"
