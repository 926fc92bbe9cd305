"""The `rolequiz` command: the quiz with no arguments, scripting commands otherwise.

Every scripting command is plain Python on the domain modules; the Textual app is imported
only when the quiz is opened. Bad input of any kind ends in one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rolequiz import __version__
from rolequiz.errors import ContentError, RolequizError
from rolequiz.text import printable

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
DEBUG_ENV = "ROLEQUIZ_DEBUG"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line plus a pointer to --help."""

    def error(self, message: str) -> Any:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    content_help = "content folder with questions/ and profiles/ (or $ROLEQUIZ_CONTENT)"
    common = _Parser(add_help=False)
    common.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS, help=content_help)

    parser = _Parser(
        prog="rolequiz",
        description="Rate your data skills, find the data role you are closest to, "
        "and get your learning gap list. With no command, opens the quiz.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"rolequiz {__version__}")
    parser.add_argument(
        "--profile",
        metavar="PATH",
        help="progress profile to open or create (default: $ROLEQUIZ_PROFILE, else the user "
        "data folder)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="quick mode: ask the most telling questions first"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    score = commands.add_parser(
        "score", parents=[common], help="score progress profiles against every role"
    )
    score.add_argument("profiles", nargs="+", metavar="PROFILE", type=Path)
    score.add_argument("--format", choices=("text", "json"), default="text")

    report = commands.add_parser(
        "report", parents=[common], help="write the gap report for a progress profile"
    )
    report.add_argument(
        "profile", nargs="?", metavar="PROFILE", type=Path, help="default: your saved profile"
    )
    report.add_argument("--role", help="role id or name (default: the recommended role)")
    report.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default: standard output)"
    )
    report.add_argument("--format", choices=("toml", "markdown", "html"), default="toml")

    skills = commands.add_parser("skills", parents=[common], help="list the skills in the bank")
    skills.add_argument("--format", choices=("text", "json"), default="text")

    roles = commands.add_parser("roles", parents=[common], help="list the role profiles")
    roles.add_argument("--format", choices=("text", "json"), default="text")

    commands.add_parser(
        "validate", parents=[common], help="check a content folder and list every problem"
    )
    from rolequiz.cli import beyond

    beyond.add_parsers(commands, common)
    from rolequiz.cli import match

    match.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ContentError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except RolequizError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`rolequiz skills | head`): stop quietly.
        _silence_stdout()
        return 0
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get(DEBUG_ENV):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details)")
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    from rolequiz.domain.content import content_dir

    root = content_dir(getattr(args, "content", None))
    if args.command is None:
        return _open_quiz(root, args)
    if args.command == "validate":
        return _validate(root)
    from rolequiz.cli import beyond, commands

    bank = commands.load(root)
    if beyond.handles(args):
        return beyond.run(bank, args)
    if args.command == "match":
        from rolequiz.cli import match

        return match.run(bank, args)
    if args.command == "score":
        return commands.score(bank, args.profiles, args.format)
    if args.command == "report":
        return commands.report(bank, args.profile, args.role, args.output)
    if args.command == "skills":
        return commands.list_skills(bank, args.format)
    if args.command == "roles":
        return commands.list_roles(bank, args.format)
    raise RolequizError(f"unknown command '{args.command}'")


def _open_quiz(root: Path, args: argparse.Namespace) -> int:
    from rolequiz.files.progress import default_profile_path

    profile = Path(args.profile).expanduser() if args.profile else default_profile_path()
    from rolequiz.tui.app import run

    return run(content_root=root, profile_path=profile, quick=args.quick)


def _validate(root: Path) -> int:
    from rolequiz.domain.content import load_bank

    try:
        bank = load_bank(root)
    except ContentError as exc:
        for problem in exc.problems:
            sys.stdout.write(printable(problem) + "\n")
        count = len(exc.problems)
        _error(f"{count} problem{'s' if count != 1 else ''} in {root}")
        return EXIT_BAD_INPUT
    sys.stdout.write(
        printable(
            f"ok: {len(bank.skills)} skills in {len(bank.categories)} categories, "
            f"{len(bank.roles)} roles ({root})"
        )
        + "\n"
    )
    return 0


def _error(message: str) -> None:
    sys.stderr.write(f"rolequiz: {printable(message)}\n")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
