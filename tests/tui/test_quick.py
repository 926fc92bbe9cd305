"""Quick mode in the UI: started from the welcome screen, `--quick` or a saved profile; the
question screen says where it stands; likely and settled open the results with the count; the
full quiz goes on from there with every answer kept.

On the small bank (conftest) quick mode asks a data engineer aws, then sql (the leading role's
must-have), python, stats, sklearn and glue (likely after 6), then docker; a data scientist
aws, sklearn, python, stats, sql (likely after 5), then deep (settled after 6, docker left). No
role is named before an answer counts for one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import OptionList

from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress, QuickState
from rolequiz.domain.session import QuizSession
from rolequiz.files.writer import ProfileWriter
from rolequiz.tui.app import RolequizApp
from rolequiz.tui.screens.question import NO_LEAD, QUICK_WORDS, QuestionScreen
from rolequiz.tui.screens.results import ResultsScreen
from rolequiz.tui.screens.welcome import WelcomeScreen

from .conftest import FIXED_TIME, MakeApp, read_toml_when
from .test_journeys import SIZE, session_of, text_of


def quick_app(bank: Bank, home: Path) -> RolequizApp:
    return RolequizApp(
        bank=bank, profile_path=home / "profile.toml", export_dir=home, quick=True,
        now=lambda: FIXED_TIME,
    )  # fmt: skip


async def test_quick_from_the_welcome_screen_to_likely_then_the_full_quiz(
    make_app: MakeApp, home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("q")
        assert isinstance(app.screen, QuestionScreen)
        session = session_of(app)
        assert session.is_quick and session.skill.id == "aws"
        assert text_of(app, "#quick-state") == "quick mode · no leading role yet"
        await pilot.press("3")  # aws: Data Engineer leads, its must-have sql comes next
        assert session.skill.id == "sql"
        assert text_of(app, "#quick-state") == "quick mode · leading: Data Engineer"
        await pilot.press("3")  # sql
        assert session.skill.id == "python"
        await pilot.press("1", "0", "0", "1")  # python, stats, sklearn, glue: likely
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Closest role so far: Data Engineer" in text_of(app, "#results-title")
        assert "Quick mode: likely after 6 questions" in text_of(app, "#results-quick")

        await pilot.press("escape")  # carry on in quick mode
        assert isinstance(app.screen, QuestionScreen)
        assert session.skill.id == "docker"
        assert text_of(app, "#quick-state") == "quick mode · likely: Data Engineer"
        saved = read_toml_when(home / "profile.toml", lambda d: "quick" in d)
        assert saved["mode"] == "quick" and saved["quick"] == {"likely_after": 6}

        await pilot.press("r", "F")  # from the results: the full quiz
        assert isinstance(app.screen, QuestionScreen)
        assert not session.is_quick
        assert not app.screen.query_one("#quick-state").display
        assert session.skill.id == "athena"  # the first question left, in quiz order
        assert session.progress.ratings == {
            "aws": 3, "sql": 3, "python": 1, "stats": 0, "sklearn": 0, "glue": 1
        }  # fmt: skip
        await pilot.press("1", "2", "0")  # athena docker deep
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Provisional" not in text_of(app, "#results-basis")
        assert not app.screen.query("#results-quick")

    saved = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert "mode" not in saved and saved["quick"] == {"likely_after": 6}
    assert saved["ratings"] == {
        "aws": 3,
        "sql": 3,
        "python": 1,
        "stats": 0,
        "sklearn": 0,
        "glue": 1,
        "athena": 1,
        "docker": 2,
        "deep": 0,
    }


async def test_dash_dash_quick_carries_on_past_likely_to_settled(
    small_bank: Bank, home: Path
) -> None:
    app = quick_app(small_bank, home)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")  # --quick makes quick mode the default
        session = session_of(app)
        assert session.is_quick
        await pilot.press("0", "3", "s", "3", "2")  # aws sklearn, python not sure, stats sql
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "likely after 5 questions" in text_of(app, "#results-quick")
        await pilot.press("escape", "2")  # deep 2: settled
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        line = text_of(app, "#results-quick")
        assert "Quick mode: settled after 6 questions" in line
        assert "no answer to the 1 left can change the top role" in line  # docker
        assert "Closest role so far: Data Scientist" in text_of(app, "#results-title")
    saved = tomllib.loads((home / "profile.toml").read_text(encoding="utf-8"))
    assert saved["quick"] == {"likely_after": 5, "settled_after": 6}
    assert saved["skipped"] == ["python"]


async def test_a_quick_profile_reopens_in_quick_mode_at_its_question(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(
        'schema_version = 1\nmode = "quick"\nposition = "sklearn"\n'
        "[ratings]\npython = 3\nstats = 0\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.name == "resume"
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        session = session_of(app)
        assert session.is_quick and session.skill.id == "sklearn"
        assert text_of(app, "#quick-state") == "quick mode · leading: Data Engineer"


async def test_the_full_quiz_is_the_default_and_quick_mode_a_command_away(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(app)
        assert not session.is_quick and session.skill.id == "python"
        assert not app.screen.query_one("#quick-state").display
        app.action_quick_mode()
        await pilot.pause()
        assert session.is_quick
        assert text_of(app, "#quick-state").startswith("quick mode · ")


def test_results_without_quick_mode_say_nothing_of_it(small_bank: Bank, tmp_path: Path) -> None:
    session = QuizSession(
        small_bank,
        Progress(ratings={"python": 3}),
        tmp_path / "p.toml",
        writer=ProfileWriter(tmp_path / "p.toml"),
    )
    assert session.assessment() is None
    assert session.reached_after("likely") is None


def test_a_level_is_recorded_once_in_a_fresh_table(small_bank: Bank, tmp_path: Path) -> None:
    progress = Progress(quick=QuickState(likely_after=1))
    session = QuizSession(
        small_bank, progress, tmp_path / "p.toml", writer=ProfileWriter(tmp_path / "p.toml")
    )
    session.start_quick()
    for level in (3, 3, 1, 0, 0, 1):  # aws sql python stats sklearn glue: likely again
        session.answer(level)
    assessment = session.assessment()
    assert assessment is not None and assessment.certainty == "likely"
    assert session.take_quick_news() is None  # ... not newly
    assert progress.quick == QuickState(on=True, likely_after=1)
    session.flush()


async def test_the_quick_mode_top_line_fits_80_columns(shipped_bank: Bank, home: Path) -> None:
    # It did not: "Languages and foundations · skill 1 of 12" left no room for the role.
    app = quick_app(shipped_bank, home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        skill = session_of(app).skill
        assert text_of(app, "#where") == shipped_bank.category_by_id[skill.category].name
    where = max(len(category.name) for category in shipped_bank.categories)
    state = max(
        len(NO_LEAD[0]),
        *(
            len(f"quick mode · {word}: {role.name}")
            for word, _ in QUICK_WORDS.values()
            for role in shipped_bank.roles
        ),
    )
    padding, margin = 2, 1  # #question-top and #quick-state in app.tcss
    assert where + margin + state + padding <= 80


async def test_no_role_is_named_until_an_answer_counts_for_one(make_app: MakeApp) -> None:
    # It named the offsets' pick "leading" before the first answer, and after a 0.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        session = session_of(app)
        assert text_of(app, "#quick-state") == "quick mode · no leading role yet"
        assert not app.screen.query_one("#quick-state").has_class("-sure")
        await pilot.press("0")  # aws 0: counts for no role
        assert session.progress.ratings == {"aws": 0}
        assert text_of(app, "#quick-state") == "quick mode · no leading role yet"
        await pilot.press("2")
        assert text_of(app, "#quick-state").startswith("quick mode · leading: ")


def resume_labels(app: RolequizApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_quick_profile_stopped_at_likely_offers_its_results_first(
    make_app: MakeApp, home: Path
) -> None:
    """Found as a new user: a person who stopped where quick mode said "likely" came back to
    "Resume at <the next telling skill>", with no word of quick mode or of the results."""
    (home / "profile.toml").write_text(
        'schema_version = 1\nmode = "quick"\nposition = "sklearn"\n'
        "[ratings]\npython = 3\nstats = 0\n[quick]\nlikely_after = 2\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.name == "resume"
        assert resume_labels(app)[:2] == [
            "See your results: quick mode found your closest role likely after 2 questions",
            "Resume quick mode at scikit-learn",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert session_of(app).is_quick
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        assert session_of(app).skill.id == "sklearn"


async def test_a_quick_profile_not_yet_likely_says_it_resumes_in_quick_mode(
    make_app: MakeApp, home: Path
) -> None:
    (home / "profile.toml").write_text(
        'schema_version = 1\nmode = "quick"\nposition = "sklearn"\n[ratings]\npython = 3\n',
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert resume_labels(app)[0] == "Resume quick mode at scikit-learn"
