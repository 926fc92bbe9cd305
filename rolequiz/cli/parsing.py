"""The argument parser's pieces: one-line usage errors, and commands whose help ends with an
example."""

from __future__ import annotations

import argparse
from typing import Any

EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line plus a pointer to --help."""

    def error(self, message: str) -> Any:
        from rolequiz.cli.output import note

        note(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


def examples(*lines: str) -> str:
    """The epilog that ends a command's --help."""
    return "Example:\n" + "".join(f"  {line}\n" for line in lines)


def add_command(
    commands: Any, common: argparse.ArgumentParser, name: str, summary: str, *example: str
) -> argparse.ArgumentParser:
    """A sub-command whose --help gives `summary` and ends with the `example` lines."""
    return commands.add_parser(  # type: ignore[no-any-return]
        name,
        parents=[common],
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=examples(*example),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    """The command's --format option; the first choice is the default."""
    parser.add_argument(
        "--format", choices=choices, default=choices[0], help="output format (default: %(default)s)"
    )
