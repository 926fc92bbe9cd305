"""The command line when its output cannot go where it should: no terminal for the quiz, standard
output closed, full or gone, report paths that cannot be written; and every command's help."""

from __future__ import annotations

import argparse
import os
import pty
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from rolequiz.cli.main import build_parser, main

PROFILE = "schema_version = 1\n[ratings]\nsql = 3\npython = 2\n"
COMMANDS = [
    ["score", "{profile}"],
    ["score", "{profile}", "--format", "json"],
    ["report", "{profile}"],
    ["report", "{profile}", "--format", "html"],
    ["skills"],
    ["roles"],
    ["roles", "analyst"],
    ["plan", "{profile}"],
    ["compare", "{profile}", "{profile}"],
    ["team", "{profile}"],
    ["history", "{profile}"],
    ["validate"],
    ["--help"],
    ["score", "--help"],
    ["--version"],
]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def use_mini_content(monkeypatch: pytest.MonkeyPatch, mini_root: Path) -> None:
    monkeypatch.setenv("ROLEQUIZ_CONTENT", str(mini_root))


def command(args: list[str], profile: Path) -> list[str]:
    return [sys.executable, "-m", "rolequiz", *(a.format(profile=profile) for a in args)]


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("rolequiz: "), err
    assert "internal error" not in err and "Traceback" not in err
    return err


# The quiz without a terminal ------------------------------------------------------------------


def test_the_quiz_without_a_terminal_says_so_in_one_line_before_loading_textual(
    tmp_path: Path,
) -> None:
    code = (
        "import sys; from rolequiz.cli.main import main; code = main([]); "
        "print('textual' in sys.modules); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == "False\n"
    err = one_line(result.stderr)
    assert "needs a terminal" in err and "'rolequiz score'" in err and "'rolequiz report'" in err


def test_the_quiz_with_a_terminal_for_input_but_a_pipe_for_output_stops_too() -> None:
    # `rolequiz | tail`: the keys could come, but the screen would go into a pipe.
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "rolequiz"],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 1 and result.stdout == ""
    assert "needs a terminal" in one_line(result.stderr)


# Standard output closed, full or gone ----------------------------------------------------------


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_standard_output_closed_is_one_line_and_exit_one(args: list[str], profile: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command(args, profile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.endswith("rolequiz: cannot write to standard output: it is closed\n")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_standard_output_full_is_one_line_and_exit_one(args: list[str], profile: Path) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            command(args, profile),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    expected = "rolequiz: cannot write to standard output: No space left on device\n"
    assert one_line(result.stderr) == expected


def test_a_reader_that_goes_away_ends_the_command_quietly(profile: Path) -> None:
    # `rolequiz score ... | head`: the read end is closed before the first line is written.
    process = subprocess.Popen(
        command(["score", *[str(profile)] * 2000], profile),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_error_full_leaves_the_output_and_the_exit_code_alone(profile: Path) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            command(["score", "{profile}", "nowhere.toml"], profile),
            stdout=subprocess.PIPE,
            stderr=full,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1 and "recommended:" in result.stdout


# Report paths that cannot be written ------------------------------------------------------------


@pytest.mark.parametrize("form", ["toml", "html"])
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a" * 300 + ".toml", "File name too long"),
        ("me.toml/report.toml", "Not a directory"),
    ],
)
def test_a_report_path_that_cannot_be_written_is_one_line(
    capsys: pytest.CaptureFixture[str], profile: Path, name: str, reason: str, form: str
) -> None:
    target = profile.parent / name
    code = main(["report", str(profile), "--format", form, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert one_line(err) == f"rolequiz: cannot write {target}: {reason}\n"


def test_a_report_to_a_folder_is_refused(capsys: pytest.CaptureFixture[str], profile: Path) -> None:
    assert main(["report", str(profile), "-o", str(profile.parent)]) == 1
    assert "is a folder" in one_line(capsys.readouterr().err)


def test_a_report_into_a_pipe_is_written_into_it_not_over_it(
    capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    # `-o /dev/stdout` or a named pipe: replacing it by a regular file would break the device.
    fifo = profile.parent / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code = main(["report", str(profile), "-o", str(fifo)])
    reader.join(timeout=60)
    assert code == 0 and fifo.is_fifo()
    assert tomllib.loads(received[0].decode())["source_profile"] == str(profile)
    assert capsys.readouterr().err == f"rolequiz: report written to {fifo}\n"


# Help -------------------------------------------------------------------------------------------


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found = {"rolequiz": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


@pytest.mark.parametrize("name", list(subcommands()))
def test_every_command_has_an_example_and_every_option_a_help_line(name: str) -> None:
    parser = subcommands()[name]
    assert parser.epilog and parser.epilog.startswith("Example")
    assert parser.format_help().rstrip().endswith(parser.epilog.rstrip().splitlines()[-1])
    for action in parser._actions:
        assert action.help and action.help.strip(), f"{name}: {action.dest} has no help"
        assert "\n" not in action.help


def test_every_command_is_listed_with_a_one_line_summary() -> None:
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    summaries = {choice.dest: choice.help for choice in commands._choices_actions}
    assert set(summaries) == set(commands.choices)
    assert all(text and "\n" not in text for text in summaries.values())
