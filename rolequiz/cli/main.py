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

from rolequiz import __version__
from rolequiz.cli.output import note, out
from rolequiz.cli.parsing import Parser, add_command, add_format, examples
from rolequiz.errors import ContentError, RolequizError
from rolequiz.text import printable

EXIT_BAD_INPUT = 1
EXIT_INTERNAL = 70
DEBUG_ENV = "ROLEQUIZ_DEBUG"
NO_TERMINAL = "the quiz needs a terminal; from a script, use 'rolequiz score' or 'rolequiz report'"


def build_parser() -> argparse.ArgumentParser:
    content_help = "content folder with questions/ and profiles/ (or $ROLEQUIZ_CONTENT)"
    common = Parser(add_help=False)
    common.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS, help=content_help)

    parser = Parser(
        prog="rolequiz",
        description="Rate your data skills, find the data role you are closest to, and get\n"
        "your learning gap list. With no command, opens the quiz (in a terminal).",
        parents=[common],
        epilog=examples("rolequiz", "rolequiz score --format json"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser, help="one of:"
    )

    score = add_command(
        commands,
        common,
        "score",
        "score progress profiles against every role",
        "rolequiz score me.toml team/*.toml --format json",
    )
    score.add_argument(
        "profiles",
        nargs="*",
        metavar="PROFILE",
        type=Path,
        help="progress profiles to score (default: your saved profile)",
    )
    add_format(score, "text", "json")

    report = add_command(
        commands,
        common,
        "report",
        "write the gap report for a progress profile",
        "rolequiz report me.toml --role analyst --format markdown -o gaps.md",
    )
    report.add_argument(
        "profile", nargs="?", metavar="PROFILE", type=Path, help="default: your saved profile"
    )
    report.add_argument("--role", help="role id or name (default: the recommended role)")
    report.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default: standard output)"
    )
    add_format(report, "toml", "markdown", "html")

    skills = add_command(
        commands, common, "skills", "list the skills in the bank", "rolequiz skills --format json"
    )
    add_format(skills, "text", "json")

    roles = add_command(
        commands,
        common,
        "roles",
        "list the role profiles, or show one role's skills",
        "rolequiz roles 'data engineer'",
    )
    roles.add_argument(
        "role",
        nargs="?",
        metavar="ROLE",
        help="role id or name: show its skills with weight, target, must-have and why",
    )
    add_format(roles, "text", "json")

    add_command(
        commands,
        common,
        "validate",
        "check a content folder and list every problem",
        "rolequiz validate --content my-content/",
    )
    from rolequiz.cli import beyond

    beyond.add_parsers(commands, common)
    from rolequiz.cli import match

    match.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, --version or a usage error, already printed
        return _ended(done)
    try:
        return _dispatch(args)
    except RolequizError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`rolequiz skills | head`): stop quietly, as `cat` does.
        _silence_stdout()
        return 0
    except OSError as exc:  # the system refused (a disk, a folder, a device): say what failed
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or type(exc).__name__}")
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get(DEBUG_ENV):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details)")
        return EXIT_INTERNAL


def _ended(done: SystemExit) -> int:
    """The exit code argparse chose, once what it printed has reached standard output."""
    code = done.code if isinstance(done.code, int) else EXIT_BAD_INPUT
    try:
        out("")
    except BrokenPipeError:
        _silence_stdout()
    except RolequizError as exc:
        if code == 0:  # `--help >/dev/full`: the help never arrived
            _error(str(exc))
            return EXIT_BAD_INPUT
    return code


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _open_quiz(args)
    from rolequiz.domain.content import content_dir

    root = content_dir(getattr(args, "content", None))
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
        return commands.report(bank, args.profile, args.role, args.output, args.format)
    if args.command == "skills":
        return commands.list_skills(bank, args.format)
    if args.command == "roles" and args.role is not None:
        return commands.show_role(bank, args.role, args.format)
    if args.command == "roles":
        return commands.list_roles(bank, args.format)
    raise RolequizError(f"unknown command '{args.command}'")


def has_terminal() -> bool:
    """Whether standard input and output are both a terminal, as the quiz needs: without one,
    Textual would wait for keys that never come."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _open_quiz(args: argparse.Namespace) -> int:
    if not has_terminal():
        raise RolequizError(NO_TERMINAL)
    from rolequiz.domain.content import content_dir

    root = content_dir(getattr(args, "content", None))
    from rolequiz.files.progress import default_profile_path

    profile = Path(args.profile).expanduser() if args.profile else default_profile_path()
    from rolequiz.tui.app import run

    return run(content_root=root, profile_path=profile, quick=args.quick)


def _validate(root: Path) -> int:
    from rolequiz.domain.content import load_bank

    try:
        bank = load_bank(root)
    except ContentError as exc:
        out("".join(printable(problem) + "\n" for problem in exc.problems))
        count = len(exc.problems)
        _error(f"{count} problem{'s' if count != 1 else ''} in {root}")
        return EXIT_BAD_INPUT
    out(
        printable(
            f"ok: {len(bank.skills)} skills in {len(bank.categories)} categories, "
            f"{len(bank.roles)} roles ({root})"
        )
        + "\n"
    )
    return 0


def _error(message: str) -> None:
    note(f"rolequiz: {printable(message)}\n")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):  # no standard output left to silence
        pass
