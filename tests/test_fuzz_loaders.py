"""Hostile and broken files: every loader gives a valid load or one clear line, never a traceback.

Each loader (progress profiles, gap reports, the question bank and role profiles, and the
commands reading them) is fed random bytes, random TOML, valid files with fields deleted,
duplicated, retyped or added, and hand-picked hostile values: huge numbers, deep nesting, long
strings, surrogates, markup-like text, ANSI escape sequences and control characters, in values,
keys and file names. `check_*` below is the promise; `TARGETS` is reused by `bench/fuzz.py`,
which runs the same cases by the ten thousand.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import MINI_CATEGORIES, MINI_ROLES, SCALE, category_toml, role_toml, write_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolequiz.cli.main import main
from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.progress import MAX_NOTE_CHARS, Progress, parse_progress, progress_to_data
from rolequiz.errors import ContentError, ProfileError
from rolequiz.files.progress import load_progress, save_progress
from rolequiz.files.report import build_report, load_report, report_to_toml, validate_report
from rolequiz.text import escape_in_strings, printable, short_repr
from rolequiz.tomlio import MAX_CONTENT_BYTES, MAX_PROFILE_BYTES

# What a message may add to the file names it holds: enough for a field, a short value and a
# hint; a message that quotes a whole key or value from the file is a bug.
MAX_DETAIL = 300

# ---------------------------------------------------------------------------------------------
# The promise
# ---------------------------------------------------------------------------------------------


def check_line(message: str, prefix: str, files: Sequence[str] = ()) -> None:
    """One clear line: starts with the file (or folder) named, holds no control character, and
    says what is wrong in a few words (besides naming the file and any of `files`)."""
    assert message, "empty message"
    assert printable(message) == message, f"raw control characters: {message!r}"
    assert message.startswith(prefix), f"does not name {prefix!r}: {message!r}"
    detail = message
    for name in sorted({prefix, *files}, key=len, reverse=True):
        detail = detail.replace(name, "")
    assert len(detail) <= MAX_DETAIL, f"message of {len(message):,} characters: {message[:200]!r}"


def check_profile_loads_or_one_line(path: Path) -> Progress | None:
    try:
        progress = load_progress(path)
    except ProfileError as exc:
        check_line(str(exc), f"{printable(str(path))}: ")
        return None
    assert isinstance(progress, Progress)
    return progress


def check_saved_and_read_back(progress: Progress, folder: Path) -> None:
    """Nothing lost: a profile that loads can be saved, and reads back the same."""
    saved = folder / "saved.toml"
    save_progress(saved, progress)
    again = load_progress(saved)
    before, after = progress_to_data(progress), progress_to_data(again)
    assert _toml_text(before) == _toml_text(after)


def _toml_text(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data)  # compares NaN with NaN, which == does not


def check_content_loads_or_lines(root: Path) -> Bank | None:
    shown = printable(str(root))
    try:
        bank = load_bank(root)
    except ContentError as exc:
        assert exc.problems, "a ContentError with no problem"
        files = [printable(str(path)) for path in root.rglob("*")]  # a problem may name two
        for problem in exc.problems:
            check_line(problem, shown, files)
        check_line(str(exc), shown, files)
        return None
    assert isinstance(bank, Bank) and bank.skills and bank.roles
    return bank


def check_report_loads_or_one_line(path: Path) -> dict[str, Any] | None:
    try:
        report = load_report(path)
    except ProfileError as exc:
        check_line(str(exc), f"{printable(str(path))}: ")
        return None
    assert isinstance(report, dict)
    return report


def run_cli(args: Sequence[str]) -> tuple[int, str, str]:
    """Run `rolequiz ARGS` in-process and check: exit 0 or 1, one clean line per problem."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    stdout, stderr = out.getvalue(), err.getvalue()
    assert code in (0, 1), f"exit code {code}: {stderr[:300]!r}"
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[:300]
    # split("\n"), not splitlines(), which would also split at (and so hide) \x85 or \u2028
    assert not stderr or stderr.endswith("\n"), f"unfinished stderr line {stderr[-100:]!r}"
    for line in stderr.split("\n")[:-1]:
        assert line.startswith("rolequiz: "), f"stray stderr line {line!r}"
        assert printable(line) == line, f"raw control characters on stderr: {line!r}"
    for line in stdout.split("\n"):
        line = line.replace("\t", " ")  # a tab inside a string in a report: harmless
        assert printable(line) == line, f"raw control characters on stdout: {line[:200]!r}"
    if code == 1:
        assert stderr, "exit 1 with nothing said"
    return code, stdout, stderr


# ---------------------------------------------------------------------------------------------
# Hostile values, keys, lines and names
# ---------------------------------------------------------------------------------------------

DEPTH = 3000  # far beyond the recursion limit

HOSTILE_TEXT = [
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b[31mred",
    "\x9b2J",
    "[SQL]",
    "[/]",
    "[bold red]alert[/]",
    "[link=https://x.org]x[/link]",
    "\u202eevil",
    "line\u2028break",
    "two\nlines",
    "cr\r",
    "nul\x00",
    "tab\there",
    "\ud800",
    "\udcff",
    "😀" * 50,
    "é" * 1000,
    "x" * 5000,
    "",
    " ",
    "sql",
    "aws",
    "glue",
    "analyst",
    "skill",
    "ratings",
    "schema_version",
]
# TOML spellings of values a parser or a validator may choke on.
HOSTILE_VALUE_TOML = [
    "0x" + "F" * 4000,  # a valid TOML integer of 16,000 bits: repr() of it raises ValueError
    "1" + "0" * 5000,  # 10**5000: tomllib cannot convert it
    "-9223372036854775809",
    "18446744073709551616",
    "1e400",
    "nan",
    "-inf",
    "-0.0",
    "[" * DEPTH + "]" * DEPTH,
    "[" * 200 + "]" * 200,
    "[" * 400 + "]" * 400,  # tomllib reads it, tomli_w cannot write it back
    "{ a = " * 300 + "1" + " }" * 300,
    '"\\uD800"',
    '"\\u001b[2J"',
    '"\\u001b]0;title\\u0007"',
    '"\\u009b2J"',
    '"\\u202e"',
    '"[bold red]x[/]"',
    '"' + "x" * 100_000 + '"',
    '"\\u0000"',
    "'''\nmulti\nline'''",
    "2023-02-30",
    "2024-01-01T00:00:00+99:00",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "1979-05-27",
    "true",
    '""',
    "[]",
    "{}",
    "3",
    "9",
    "-1",
]
HOSTILE_KEY_TOML = [
    '"\\u001b[2J"',
    '"\\u001b]0;title\\u0007"',
    '"[SQL]"',
    '"[/]"',
    '"\\u202e"',
    '""',
    '"' + "k" * 5000 + '"',
    "a." * DEPTH + "a",
    ".".join(["a"] * 63),
    ".".join(["a"] * 65),
    "sql",
    "aws",
    "id",
    "name",
    "level",
    "skill",
    "skills",
    "ratings",
    "notes",
    "schema_version",
    "_migrated_from",
]
HOSTILE_LINES = [
    "[" + ".".join(["a"] * DEPTH) + "]",
    "[notes." + ".".join(["a"] * DEPTH) + "]",
    "[" + ".".join(["a"] * 63) + "]",
    "[ratings]",
    "[notes]",
    "[[skill]]",
    "[[level]]",
    "[skills.sql]",
    "[category]",
    "[[roles]]",
    "[[gaps]]",
    "[answers]",
    "\ufeffschema_version = 1",
    "x = 1\r",
    "\x00",
    "\x1b[2J",
]
HOSTILE_FILE_NAMES = [
    "\x1b[2J.toml",
    "\x1b]0;title\x07.toml",
    "[bold red]x[not bold].toml",
    "\u202eevil.toml",
    "new\nline.toml",
    os.fsdecode(b"\xff\xfe.toml"),
    "p" * 200 + ".toml",
]


def _deep(depth: int, kind: str, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


HUGE_INTS = st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**100, int("F" * 4000, 16)])
TEXT = st.text(st.characters(exclude_categories=()), max_size=20) | st.sampled_from(HOSTILE_TEXT)
KEYS = st.text(max_size=10) | st.sampled_from(HOSTILE_TEXT)
TIMEZONES = (
    st.none()
    | st.just(UTC)
    | st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-1439, 1439))
)
# What tomllib can hand a loader; integers above 4,300 digits come from text (HOSTILE_VALUE_TOML)
# as tomli_w cannot write them.
SCALARS = (
    st.integers(-(2**70), 2**70)
    | st.integers(-2, 6)
    | st.floats()
    | st.booleans()
    | TEXT
    | st.datetimes(timezones=TIMEZONES)
    | st.dates()
    | st.times()
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=10,
)
# Given to parse_progress and validate_report as data: anything a TOML table may hold, and
# what no TOML text yields (tables nested thousands deep, integers of 16,000 bits).
PY_VALUES = VALUES | HUGE_INTS | st.sampled_from(["list", "dict"]).map(lambda k: _deep(DEPTH, k))


# ---------------------------------------------------------------------------------------------
# Valid files, and how to break them
# ---------------------------------------------------------------------------------------------

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def valid_profile() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "created": WHEN,
        "updated": WHEN,
        "position": "sql",
        "skipped": ["aws"],
        "ratings": {"sql": 3, "python": 2, "spark": 0, "cobol": 4},
        "notes": {"sql": "Daily.", "cobol": "Long ago."},
    }


@cache
def _report() -> dict[str, Any]:
    with fresh_folder() as folder:
        bank = load_bank(write_content(folder / "content"))
    progress = parse_progress(valid_profile(), "p.toml")
    return build_report(bank, progress, source="p.toml", generated=WHEN)


def valid_report() -> dict[str, Any]:
    return copy.deepcopy(_report())


def valid_content_files() -> dict[str, dict[str, Any]]:
    """The mini content folder of conftest, as data by relative path."""
    files = {"questions/scale.toml": tomllib.loads(SCALE)}
    for category_id, (order, skills) in MINI_CATEGORIES.items():
        files[f"questions/{category_id}.toml"] = tomllib.loads(
            category_toml(category_id, order, skills)
        )
    for role_id, (name, skills) in MINI_ROLES.items():
        files[f"profiles/{role_id}.toml"] = tomllib.loads(role_toml(role_id, name, skills))
    return files


Path_ = tuple[str | int, ...]


def _paths(doc: Any, max_depth: int = 12) -> list[Path_]:
    """Every place in a document down to `max_depth`, the document itself first."""
    found: list[Path_] = []
    todo: list[tuple[Path_, Any]] = [((), doc)]
    while todo:
        path, value = todo.pop(0)
        found.append(path)
        if len(path) >= max_depth:
            continue
        if isinstance(value, dict):
            todo += [((*path, key), child) for key, child in value.items()]
        elif isinstance(value, list):
            todo += [((*path, index), child) for index, child in enumerate(value)]
    return found


def _get(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@dataclass(frozen=True)
class Mutation:
    """One edit of a valid document: where (an index into its places), what, and a value."""

    op: str
    where: int
    key: str
    value: Any

    def apply(self, doc: dict[str, Any]) -> None:
        places = _paths(doc)
        if self.op == "restring":  # a text, a name, a note, an id: now any text at all
            places = [place for place in places if isinstance(_get(doc, place), str)] or places
        elif self.op == "rekey":  # a key, a skill id: now any text at all
            places = [place for place in places if place and isinstance(place[-1], str)] or places
        path = places[self.where % len(places)]
        node = _get(doc, path)
        parent = _get(doc, path[:-1]) if path else None
        if self.op == "delete" and parent is not None:
            del parent[path[-1]]
        elif self.op == "retype" and parent is not None:
            parent[path[-1]] = self.value
        elif self.op == "wrap" and parent is not None:
            parent[path[-1]] = [node] if self.key else {"x": node}
        elif self.op == "stringify" and parent is not None:
            parent[path[-1]] = str(node)
        elif self.op == "restring" and isinstance(node, str) and parent is not None:
            parent[path[-1]] = self.key
        elif self.op == "rekey" and isinstance(parent, dict) and self.key not in parent:
            parent[self.key] = parent.pop(path[-1])
        elif self.op == "add" and isinstance(node, dict):
            node[self.key] = self.value
        elif self.op == "add" and isinstance(node, list):
            node.append(self.value)
        elif self.op == "duplicate" and isinstance(parent, list):
            parent.append(node)
        elif self.op == "duplicate" and isinstance(parent, dict):
            parent[f"{path[-1]}{self.key}"] = node


MUTATIONS = st.builds(
    Mutation,
    op=st.sampled_from(
        ["delete", "retype", "wrap", "stringify", "add", "duplicate", "restring", "rekey"]
    ),
    where=st.integers(0, 10_000),
    key=KEYS,
    value=VALUES,
)


def mutated(doc: dict[str, Any], mutations: list[Mutation]) -> dict[str, Any]:
    copy = tomllib.loads(tomli_w.dumps(doc))
    for mutation in mutations:
        mutation.apply(copy)
    return copy


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8


def _dumped(doc: dict[str, Any]) -> bytes:
    return _encode(tomli_w.dumps(doc))


@dataclass(frozen=True)
class LineEdit:
    """One edit of a file's text: delete, duplicate or replace a line, or insert a hostile one."""

    op: str
    where: int
    line: str

    def apply(self, lines: list[str]) -> None:
        at = self.where % (len(lines) + 1)
        if self.op == "insert" or not lines:
            lines.insert(at, self.line)
            return
        at = min(at, len(lines) - 1)
        if self.op == "delete":
            del lines[at]
        elif self.op == "duplicate":
            lines.insert(at, lines[at])
        elif self.op == "replace":
            lines[at] = self.line
        elif self.op == "cut":  # a line cut short, as a half-written file would be
            lines[at] = lines[at][: len(lines[at]) // 2]


HOSTILE_LINE = (
    st.builds(
        lambda key, value: f"{key} = {value}",
        st.sampled_from(HOSTILE_KEY_TOML),
        st.sampled_from(HOSTILE_VALUE_TOML),
    )
    | st.sampled_from(HOSTILE_LINES)
    | TEXT
)
LINE_EDITS = st.builds(
    LineEdit,
    op=st.sampled_from(["insert", "insert", "delete", "duplicate", "replace", "cut"]),
    where=st.integers(0, 10_000),
    line=HOSTILE_LINE,
)


def text_edited(doc: dict[str, Any], edits: list[LineEdit]) -> bytes:
    lines = tomli_w.dumps(doc).split("\n")
    for edit in edits:
        edit.apply(lines)
    return _encode("\n".join(lines))


def documents(valid: Callable[[], dict[str, Any]]) -> st.SearchStrategy[bytes]:
    """File contents: noise, random TOML, and `valid()` broken in every way we know."""
    return st.one_of(
        st.binary(max_size=300),
        st.text(st.characters(exclude_categories=()), max_size=300).map(_encode),
        st.dictionaries(KEYS, VALUES, max_size=6).map(_dumped),
        st.lists(MUTATIONS, min_size=1, max_size=4).map(lambda ms: _dumped(mutated(valid(), ms))),
        st.lists(LINE_EDITS, min_size=1, max_size=3).map(lambda es: text_edited(valid(), es)),
        st.lists(HOSTILE_LINE, min_size=1, max_size=3).map(lambda ls: _encode("\n".join(ls))),
    )


FILE_NAMES = (
    st.just("profile.toml")
    | st.sampled_from(HOSTILE_FILE_NAMES)
    | st.text(st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]), max_size=20)
    .filter(lambda name: len(name.encode()) < 200)
    .map(lambda name: name + ".toml")
)


@contextlib.contextmanager
def fresh_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="rolequiz-fuzz-") as name:
        yield Path(name)


# ---------------------------------------------------------------------------------------------
# One case per loader
# ---------------------------------------------------------------------------------------------


# Each returns what happened ("loaded", "refused", "exit 0", ...) for bench/fuzz.py to count.


def profile_file_case(case: tuple[str, bytes]) -> str:
    name, raw = case
    with fresh_folder() as folder:
        path = folder / name
        path.write_bytes(raw)
        progress = check_profile_loads_or_one_line(path)
        if progress is None:
            return "refused"
        check_saved_and_read_back(progress, folder)
        return "loaded"


def profile_data_case(case: tuple[str, dict[str, Any]]) -> str:
    name, data = case
    try:
        progress = parse_progress(data, name)
    except ProfileError as exc:
        check_line(str(exc), f"{printable(name)}: ")
        return "refused"
    assert isinstance(progress, Progress)
    return "loaded"


def report_file_case(case: tuple[str, bytes]) -> str:
    name, raw = case
    with fresh_folder() as folder:
        path = folder / name
        path.write_bytes(raw)
        return "refused" if check_report_loads_or_one_line(path) is None else "loaded"


def report_data_case(case: tuple[str, dict[str, Any]]) -> str:
    name, data = case
    try:
        validate_report(data, name)
    except ProfileError as exc:
        check_line(str(exc), f"{printable(name)}: ")
        return "refused"
    return "loaded"


def _content_documents() -> st.SearchStrategy[tuple[str, bytes]]:
    """One file of the mini content folder replaced, or a new file with any name added."""
    files = valid_content_files()
    by_target = [
        st.tuples(st.just(target), documents(_constant(doc))) for target, doc in files.items()
    ]
    extra = st.tuples(
        st.sampled_from(["questions/", "profiles/"]).flatmap(
            lambda folder: FILE_NAMES.map(lambda name: folder + name)
        ),
        documents(_constant(files["profiles/analyst.toml"])),
    )
    return st.one_of(*by_target, extra)


def _constant(doc: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: copy.deepcopy(doc)


def content_case(case: tuple[str, bytes]) -> str:
    target, raw = case
    with fresh_folder() as folder:
        root = write_content(folder / "content")
        (root / target).write_bytes(raw)
        return "refused" if check_content_loads_or_lines(root) is None else "loaded"


def cli_profile_case(case: tuple[str, bytes, str]) -> str:
    """`score` and `report` on a hostile profile, with the mini content."""
    name, raw, command = case
    with fresh_folder() as folder:
        root = write_content(folder / "content")
        path = folder / name
        path.write_bytes(raw)
        if command == "report -o":
            output = folder / "report.toml"
            code, _, _ = run_cli(["report", "--content", str(root), str(path), "-o", str(output)])
            if code == 0:  # the report written reads back, naming the profile it came from
                assert load_report(output)["source_profile"] == printable(str(path))
            return f"exit {code}"
        code, out, _ = run_cli([*command.split(), "--content", str(root), str(path)])
        if code == 0 and command == "report":
            validate_report(tomllib.loads(out), "stdout")
        if command == "score --format json":
            for line in out.splitlines():
                json.loads(line)
        return f"exit {code}"


def cli_content_case(case: tuple[tuple[str, bytes], str]) -> str:
    """`validate`, `skills`, `roles` and `score` on hostile content."""
    (target, raw), command = case
    with fresh_folder() as folder:
        root = write_content(folder / "content")
        (root / target).write_bytes(raw)
        profile = folder / "p.toml"
        profile.write_text("schema_version = 1\n[ratings]\nsql = 3\n", encoding="utf-8")
        args = [*command.split(), "--content", str(root)]
        if command.startswith("score"):
            args.append(str(profile))
        code, out, _ = run_cli(args)
        if code == 0 and "json" in command:
            for line in out.splitlines():
                json.loads(line)
        return f"exit {code}"


PROFILE_FILES = st.tuples(FILE_NAMES, documents(valid_profile))
CLI_PROFILE_COMMANDS = ["score", "score --format json", "report", "report -o"]
CLI_CONTENT_COMMANDS = ["validate", "skills", "skills --format json", "roles", "score"]


def _data(valid: Callable[[], dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Data as a loader gets it from tomllib, and beyond (values no TOML text yields)."""
    py_mutations = st.builds(
        Mutation,
        op=st.sampled_from(["delete", "retype", "wrap", "add", "duplicate", "restring", "rekey"]),
        where=st.integers(0, 10_000),
        key=KEYS,
        value=PY_VALUES,
    )

    def apply(mutations: list[Mutation]) -> dict[str, Any]:
        doc = valid()
        for mutation in mutations:
            mutation.apply(doc)
        return doc

    return st.dictionaries(KEYS, PY_VALUES, max_size=6) | st.lists(
        py_mutations, min_size=1, max_size=4
    ).map(apply)


# name -> (cases, run one case); bench/fuzz.py runs each at volume.
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], str]]] = {
    "profile file": (PROFILE_FILES, profile_file_case),
    "profile data": (st.tuples(TEXT, _data(valid_profile)), profile_data_case),
    "report file": (st.tuples(FILE_NAMES, documents(valid_report)), report_file_case),
    "report data": (st.tuples(TEXT, _data(valid_report)), report_data_case),
    "content folder": (_content_documents(), content_case),
    "cli on profiles": (
        st.tuples(FILE_NAMES, documents(valid_profile), st.sampled_from(CLI_PROFILE_COMMANDS)),
        cli_profile_case,
    ),
    "cli on content": (
        st.tuples(_content_documents(), st.sampled_from(CLI_CONTENT_COMMANDS)),
        cli_content_case,
    ),
}

# A modest number of cases in the normal run (bench/fuzz.py runs thousands).
FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("target", list(TARGETS))
def test_any_input_loads_or_gives_one_clear_line(target: str) -> None:
    cases, run = TARGETS[target]

    @FUZZ_SETTINGS
    @given(cases)
    def check(case: Any) -> None:
        run(case)

    check()


# ---------------------------------------------------------------------------------------------
# What the fuzzing found, and the promises it cannot reach, one test each
# ---------------------------------------------------------------------------------------------

HUGE = "0x" + "F" * 4000  # TOML reads it; str() and repr() of it raise ValueError


def _profile_error(path: Path) -> str:
    with pytest.raises(ProfileError) as caught:
        load_progress(path)
    message = str(caught.value)
    check_line(message, f"{printable(str(path))}: ")
    return message


def _content_problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_bank(root)
    for problem in caught.value.problems:
        check_line(problem, printable(str(root)))
    return caught.value.problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"schema_version = {HUGE}\n", "schema_version: a number of 16,000 bits is newer"),
        (f"schema_version = 1\n[ratings]\nsql = {HUGE}\n", "ratings.sql: level must be"),
        (f"schema_version = 1\nposition = [{HUGE}]\n", "position: must be text"),
        (f"schema_version = 1\nx = {HUGE}\n", "x: cannot be kept when the profile is saved"),
        (f"schema_version = 1\nx = {'[' * 400}{']' * 400}\n", "x: cannot be kept when"),
    ],
)
def test_huge_numbers_and_deep_lists_in_a_profile_give_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    assert expected in _profile_error(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"notes": {"sql": _deep(DEPTH, "dict")}}, "notes.sql: must be text, got a table too"),
        ({"position": _deep(DEPTH, "list")}, "position: must be text, got a list too large"),
        ({"ratings": {"sql": -int("F" * 4000, 16)}}, "got a number of 16,000 bits"),
    ],
)
def test_values_repr_cannot_show_give_one_line(data: dict[str, Any], expected: str) -> None:
    # No TOML text nests this deep (tomllib stops first), but parse_progress takes any data.
    with pytest.raises(ProfileError) as caught:
        parse_progress({"schema_version": 1, **data}, "p.toml")
    assert str(caught.value).startswith("p.toml: ") and expected in str(caught.value)


def test_huge_numbers_in_reports_and_content_give_one_line(tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(f"schema_version = {HUGE}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="a number of 16,000 bits is newer"):
        load_report(report)

    root = write_content(tmp_path / "content")
    analyst = root / "profiles/analyst.toml"
    text = analyst.read_text(encoding="utf-8")
    analyst.write_text(text.replace('name = "Analyst"', f"name = {HUGE}"), encoding="utf-8")
    (problem,) = _content_problems(root)
    assert problem.endswith(
        "analyst.toml: name: input should be a valid string, got a number of 16,000 bits"
    )
    analyst.write_text(f"schema_version = {HUGE}\n", encoding="utf-8")
    (problem,) = _content_problems(root)
    assert "schema_version: a number of 16,000 bits is newer" in problem


@pytest.mark.parametrize(
    "line",
    [
        ".".join(["a"] * 200_000) + " = 1",
        "[" + " . ".join(['"a"'] * 200_000) + "]",
        "x = { " + ".".join(["a"] * 200_000) + " = 1 }",
    ],
    ids=["dotted", "table header", "inline table"],
)
def test_a_key_of_thousands_of_parts_is_refused_before_tomllib(tmp_path: Path, line: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(f"schema_version = 1\n{line}\n", encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\nfrom rolequiz.files.progress import load_progress\n"
        "try:\n    load_progress(Path(sys.argv[1]))\nexcept Exception as exc:\n    print(exc)\n"
    )
    # tomllib's time grows with the square of a key's parts: this would take it hours. The
    # timeout only stops such a hang; it is no measure of speed.
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
    )
    assert (
        done.stdout
        == f"{path}: a dotted key of more than 64 parts (line 2); rolequiz files need only a few\n"
    )


def test_keys_of_a_few_parts_and_dotted_text_still_load(tmp_path: Path) -> None:
    dotted_text = ".".join(["a"] * 100)  # in a string, not a key
    path = tmp_path / "p.toml"
    path.write_text(
        f'schema_version = 1\n[x.{".".join(["b"] * 63)}]\nnote = "{dotted_text}"\n',
        encoding="utf-8",
    )
    progress = load_progress(path)
    assert _get(progress.extra, ("x", *["b"] * 63, "note")) == dotted_text


def test_a_parse_error_quoting_a_long_key_path_is_cut_but_keeps_the_place(tmp_path: Path) -> None:
    header = "[" + ".".join(["k" * 500] * 10) + "]\n"
    path = tmp_path / "p.toml"
    path.write_text(header + header, encoding="utf-8")
    message = _profile_error(path)
    assert "not valid TOML: Cannot declare" in message
    assert message.endswith("(at line 2, column 5011)")


def test_long_keys_are_cut_in_content_problems(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with (root / "profiles/analyst.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'{"k" * 5000} = {{ weight = 1, target = 1, why = "x" }}\n')
    (problem,) = _content_problems(root)
    assert f"skills.{'k' * 61}...: unknown skill" in problem


def test_control_characters_in_content_keys_and_file_names_are_escaped(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with (root / "profiles/analyst.toml").open("a", encoding="utf-8") as handle:
        handle.write('"\\u001b[2J" = { weight = 1, target = 1, why = "x" }\n')
    (root / "profiles/\x1b]0;title\x07.toml").write_text("id = [\n", encoding="utf-8")
    problems = _content_problems(root)
    assert any("skills.\\x1b[2J: unknown skill" in p for p in problems)
    assert any("profiles/\\x1b]0;title\\x07.toml: not valid TOML" in p for p in problems)


@pytest.mark.parametrize("name", ["a\x00b.toml", "\ud800.toml"])
def test_a_file_name_the_system_cannot_take_is_one_line(tmp_path: Path, name: str) -> None:
    message = _profile_error(tmp_path / name)
    assert message.endswith("cannot read: not a valid file name")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused_unread() -> None:
    # /dev/zero is the dangerous one (it never ends); /dev/null is the same kind of file.
    assert _profile_error(Path("/dev/null")).endswith("is a device, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_rather_than_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    script = (
        "import sys\nfrom pathlib import Path\nfrom rolequiz.files.progress import load_progress\n"
        "try:\n    load_progress(Path(sys.argv[1]))\nexcept Exception as exc:\n    print(exc)\n"
    )
    # Without the check, opening a pipe nobody writes to waits for ever: the timeout says so.
    done = subprocess.run(
        [sys.executable, "-c", script, str(pipe)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip().endswith("is a named pipe, not a file")


def test_files_above_the_limits_are_refused_unread(tmp_path: Path) -> None:
    def sparse(path: Path, size: int) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)  # a sparse file: nothing is written, nothing need be read
        return path

    big = sparse(tmp_path / "p.toml", MAX_PROFILE_BYTES + 1)
    assert f"file is too large ({MAX_PROFILE_BYTES + 1:,} bytes" in _profile_error(big)
    report = sparse(tmp_path / "r.toml", MAX_PROFILE_BYTES + 1)
    with pytest.raises(ProfileError, match="file is too large"):
        load_report(report)
    root = write_content(tmp_path / "content")
    sparse(root / "questions/big.toml", MAX_CONTENT_BYTES + 1)
    # Content files get the larger allowance: one above the profile limit is read (and found
    # not to be TOML: it is all zero bytes), one above the content limit is not.
    sparse(root / "profiles/big.toml", MAX_PROFILE_BYTES + 1)
    problems = _content_problems(root)
    too_large = f"file is too large ({MAX_CONTENT_BYTES + 1:,} bytes; the limit is "
    assert any(f"questions/big.toml: {too_large}{MAX_CONTENT_BYTES:,})" in p for p in problems)
    assert any("profiles/big.toml: not valid TOML" in p for p in problems)
    assert MAX_CONTENT_BYTES > MAX_PROFILE_BYTES


def test_the_fullest_profile_the_shipped_bank_allows_is_under_the_limit(tmp_path: Path) -> None:
    # Every note at the length limit, every character one tomli_w writes as a 6-byte escape.
    bank = load_bank(shipped_content_dir())
    progress = Progress(
        ratings={skill.id: 4 for skill in bank.skills},
        notes={skill.id: "\x01" * MAX_NOTE_CHARS for skill in bank.skills},
    )
    path = tmp_path / "full.toml"
    save_progress(path, progress)
    assert path.stat().st_size <= MAX_PROFILE_BYTES  # so it is read back, not refused


def test_a_migration_marker_in_the_file_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('schema_version = 1\n_migrated_from = "../../x"\n', encoding="utf-8")
    progress = load_progress(path)
    assert progress.migrated_from is None
    assert progress.extra == {"_migrated_from": "../../x"}  # kept, like any unknown field
    save_progress(path, progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]  # no "backup" written
    assert load_progress(path).extra == {"_migrated_from": "../../x"}


@pytest.mark.parametrize("key", ["\x1b[2J", "\x1b]0;title\x07"])
def test_escape_sequences_in_keys_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    root = write_content(tmp_path / "content")
    toml_key = json.dumps(key)  # a TOML basic string spells escapes as JSON does
    shown = printable(key)
    warned = tmp_path / "warned.toml"
    warned.write_text(f"schema_version = 1\n[ratings]\n{toml_key} = 3\n", encoding="utf-8")
    refused = tmp_path / "refused.toml"
    refused.write_text(f"schema_version = 1\n[ratings]\n{toml_key} = 9\n", encoding="utf-8")

    assert main(["score", "--content", str(root), str(warned), str(refused)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert f"rolequiz: warning: {warned}: unknown skill ids kept but not scored: {shown}\n" in err
    assert f"rolequiz: {refused}: ratings.{shown}: level must be a whole number 0-4, got 9\n" in err


def test_names_with_escape_sequences_are_shown_escaped_in_every_format(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    evil = "\x1b[2J\x9b31m\u202e"
    analyst = root / "profiles/analyst.toml"
    text = analyst.read_text(encoding="utf-8")
    analyst.write_text(
        text.replace('name = "Analyst"', f"name = {json.dumps(evil)}"), encoding="utf-8"
    )
    profile = tmp_path / "p.toml"
    profile.write_text("schema_version = 1\n[ratings]\nsql = 4\n", encoding="utf-8")
    out: dict[str, str] = {}
    for command in ("score", "score --format json", "roles", "roles --format json", "report"):
        args = [*command.split(), "--content", str(root)]
        if not command.startswith("roles"):
            args.append(str(profile))
        code, out[command], _ = run_cli(args)
        assert code == 0 and not {"\x1b", "\x9b", "\u202e"} & set(out[command])
    assert "\\x1b[2J\\x9b31m\\u202e" in out["score"]  # shown visibly in text
    # and escaped as JSON and TOML escape, so that a program reading them gets the name whole
    assert json.loads(out["roles --format json"].splitlines()[0])["name"] == evil
    assert evil in [role["name"] for role in json.loads(out["score --format json"])["roles"]]
    assert evil in [role["name"] for role in tomllib.loads(out["report"])["roles"]]


def test_a_file_name_that_is_not_utf8_works_on_a_strict_terminal(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    name = os.fsdecode(b"p\xff.toml")
    (tmp_path / name).write_text("schema_version = 1\n[ratings]\nsql = 3\n", encoding="utf-8")
    # As on a terminal whose locale is UTF-8: writing a lone surrogate raises.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "ROLEQUIZ_CONTENT": str(root)}

    def rolequiz(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rolequiz", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    scored = rolequiz("score", name)
    assert scored.returncode == 0 and scored.stdout.startswith("p\\udcff.toml: 1 of 7 rated")
    reported = rolequiz("report", name, "-o", "r.toml")
    assert reported.returncode == 0, reported.stderr
    assert load_report(tmp_path / "r.toml")["source_profile"] == "p\\udcff.toml"


def test_a_long_requires_chain_is_checked_in_linear_time(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    skills = [
        f'[[skill]]\nid = "s{i}"\nname = "S{i}"\nprompt = "p"\ntip = "t"\n'
        + (f'requires = "s{i - 1}"\n' if i else "")
        + '[[skill.resources]]\ntitle = "t"\nurl = "https://example.org"\n'
        for i in range(5000)
    ]
    text = 'schema_version = 1\n[category]\nid = "chain"\nname = "Chain"\n' + "".join(skills)
    (root / "questions/chain.toml").write_text(text, encoding="utf-8")
    script = "import sys\nfrom pathlib import Path\nfrom rolequiz.domain.content import load_bank\n"
    script += "print(len(load_bank(Path(sys.argv[1])).skills))\n"
    # Checking for loops used to walk every chain to its end for every skill (cubic: minutes
    # for this file); the timeout only stops a hang, it is no measure of speed.
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == str(5000 + 7), done.stderr


def test_printable_and_short_repr_are_safe_for_anything() -> None:
    assert printable("p\udcff\x9b\u202e") == "p\\udcff\\x9b\\u202e"
    assert short_repr(int("F" * 4000, 16)) == "a number of 16,000 bits"
    assert short_repr(_deep(DEPTH, "dict")) == "a table too large or deep to show"
    assert short_repr("x" * 100, 10) == "'xxxxxx..."
    assert short_repr("\x1b[2J") == "'\\x1b[2J'"
    assert escape_in_strings('{"name": "\x9b\u202e\t"}\n') == '{"name": "\\u009b\\u202e\t"}\n'


def test_reports_escape_c1_controls_and_read_back_the_same(tmp_path: Path) -> None:
    report = valid_report()
    report["source_profile"] = "\x9b2J\u202e"
    text = report_to_toml(report)
    assert "\x9b" not in text and "\u202e" not in text
    assert tomllib.loads(text)["source_profile"] == "\x9b2J\u202e"
