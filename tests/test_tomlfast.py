"""The fast TOML reader gives exactly what tomllib gives, or steps aside (returns None)."""

from __future__ import annotations

import tomllib
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz import tomlfast
from rolequiz.domain.content import shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.files.progress import progress_to_toml

TESTS = Path(__file__).resolve().parent
SHIPPED = sorted(shipped_content_dir().glob("*/*.toml"))
PERSONAS = sorted((TESTS / "personas").glob("*.toml"))


def same(text: str) -> None:
    """The reader's answer is tomllib's to the type and key order, or None."""
    fast = tomlfast.loads(text)
    try:
        expected: Any = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        assert fast is None, text
        return
    if fast is not None:
        # repr tells True from 1, 1.0 from 1, -0.0 from 0.0, and shows the key order.
        assert repr(fast) == repr(expected), text


@pytest.mark.parametrize("path", SHIPPED + PERSONAS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_take_the_fast_path_and_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tomlfast.loads(text) is not None
    same(text)


def test_a_saved_profile_takes_the_fast_path() -> None:
    progress = Progress(
        ratings={"sql": 3, "python": 0}, skipped=["spark", "aws"], notes={"sql": "# not a comment"}
    )
    text = progress_to_toml(progress)
    assert tomlfast.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "x\\ty"',  # escapes
        "a.b = 1",  # dotted key
        '"a b" = 1',  # quoted key
        'a = """\nx"""',  # multi-line string
        'a = "\n"',  # a newline in a one-line string
        "a = '\n'",
        'a = { b = "\n" }',
        'a = ["x\n"]',
        'a = [\n"x\n",\n]',
        "a = 1\na = 2",  # a key given twice
        "[t]\n[t]",  # a table defined twice
        "[[t]]\n[t]",
        "t = 1\n[[t]]",
        "t = { x = 1 }\n[t.y]",
        "a = { x = 1, x = 2 }",
        "a = { x = 1, }",
        'a = [\n"x"\n"y"\n]',  # a missing comma
        "a = [\n1,\n",  # never closed
        "a = 01",
        "a = 1_000",  # valid TOML, but for tomllib
        "a = 1e3",
        "a = 2026-11-23 10:00:00+01:00",
        "a = 2026-11-23 10:00:00+00:00 # saved",
        "a = 2026-11-23t10:00:00z",
        "a = 2026-02-30 10:00:00+00:00",  # no such day
        "a = 2026-11-23 24:00:00Z",
        "a = 2026-11-23 10:00:00.5+00:00",
        "a = 1 b = 2",
        "a = \x01",
        'a = "\x7f"',
        "a = 1\r\nb = 2\r\n",
        "a = 1\rb = 2",
        "[t]\nx = 1\n[u]\n[t.v]\ny = 2",
        "[[s]]\nid = 1\n[s.anchors]\n2 = 'x'\n[[s.r]]\nt = 1\n[[s.r]]\nt = 2\n[[s]]\nid = 2",
        "a = [ 1, 'x', true, -0.0, ]  # mixed",
        "a = []\nb = {}\nc = [ ]",
        "a = 9" * 3000,
        "a = " + "[" * 2000,
        "\ufeffa = 1",
        "a = 'it''s'",
        'a = "x" # "y"',
        "a = true\nb = false\nc = +0\nd = -12\ne = 1.50",
    ],
)
def test_edge_cases_match_tomllib(text: str) -> None:
    same(text)


KEY = st.sampled_from(["a", "b", "id", "x_1", "2", "sk-ill", "a.b", '"q"', "t"])
STRING = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12).map(
    lambda s: '"' + s + '"'
) | st.sampled_from(['"#"', "'x\"y'", '"a\\"b"', '""', "'''x'''", '"a\nb"', "'a\nb'"])
SCALAR = STRING | st.sampled_from(
    ["0", "-1", "+7", "01", "1_0", "1.5", "-0.0", "1e2", "inf", "true", "false", "tru", "x"]
)
INLINE = st.lists(st.tuples(KEY, SCALAR), max_size=4).map(
    lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
)
ARRAY = st.lists(SCALAR, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
MULTILINE = st.lists(st.tuples(SCALAR, st.booleans()), max_size=4).map(
    lambda items: "[\n" + "\n".join(f"  {v}{',' if c else ''}" for v, c in items) + "\n]"
)
DATETIME = st.tuples(st.datetimes(timezones=st.just(UTC)), st.sampled_from([" ", "T"])).map(
    lambda t: t[0].replace(microsecond=0).isoformat(sep=t[1])
)
VALUE = (
    SCALAR | INLINE | ARRAY | MULTILINE | DATETIME | st.sampled_from(["1979-05-27T07:32:00Z", ""])
)
LINE = (
    st.tuples(KEY, VALUE, st.sampled_from(["", " # c", "#", " x"])).map(
        lambda t: f"{t[0]} = {t[1]}{t[2]}"
    )
    | KEY.map(lambda k: f"[{k}]")
    | KEY.map(lambda k: f"[[{k}]]")
    | st.sampled_from(["", "# comment", "  ", "[s.anchors]", "[[s.resources]]", "[[s]]", "]"])
    | st.text(max_size=8)
)
DOCUMENT = st.tuples(st.lists(LINE, max_size=12), st.sampled_from(["\n", "\r\n"])).map(
    lambda t: t[1].join(t[0])
)


@settings(max_examples=500, deadline=None)
@given(DOCUMENT)
def test_generated_documents_match_tomllib(text: str) -> None:
    same(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_matches_tomllib(text: str) -> None:
    same(text)


PLAIN = st.recursive(
    st.integers(-(10**6), 10**6) | st.booleans() | st.text(max_size=10) | st.floats(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), PLAIN, max_size=5))
def test_what_tomli_w_writes_reads_the_same(data: dict[str, Any]) -> None:
    same(tomli_w.dumps(data))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab =[]{}\"'#,.\n\t\r1-+0eZT:_\\")), max_size=40))
def test_toml_punctuation_soup_matches_tomllib(text: str) -> None:
    same(text)


# Tables of `key = 3` lines are read in one go: mix them with lines that must stop that.
RATING_LINE = st.tuples(
    st.sampled_from(["a", "b", "c", "d"]),
    st.sampled_from(["0", "1", "-2", "01", "1_0", "x", "1.5", '"s', '"s"']),
    st.sampled_from(["", " # c", "#"]),
).map(lambda t: f"{t[0]} = {t[1]}{t[2]}")
OTHER_LINE = st.sampled_from(
    ["", "# c", "[t]", "[u]", "[[v]]", "[t.x]", "  [w]", "e = 'x'", "f = [", "]", '"']
)
RATINGS_DOCUMENT = st.tuples(st.lists(RATING_LINE | OTHER_LINE, max_size=15), st.booleans()).map(
    lambda t: "\n".join(t[0]) + ("\n" if t[1] else "")
)


@settings(max_examples=500, deadline=None)
@given(RATINGS_DOCUMENT)
def test_tables_of_ratings_match_tomllib(text: str) -> None:
    same(text)


# A role's `[skills]` table is read in one go when every line has the shipped layout: tables of
# such lines with now and then a near miss (other spacing or order, a float or leading zero, an
# escape, a trailing comment), a duplicate key, blank and comment lines, or another header.
SPEC_PARTS = {
    "key": ["a", "b", "sql", "a-b"],
    "weight": ["0", "1", "5", "100000000000000000000"],
    "target": ["1", "4", "0"],
    "must": ["", "must = true, ", "must = false, "],
    "why": ['"x"', '""', '"a # b"', '"é [t]"'],
    "end": [""],
}
NEAR_MISSES = {
    "weight": ["01", "1.5", "-1", "+1", "1_0"],
    "must": ["must = 1, ", "must=true, ", "must = True, "],
    "why": ['"a \\" b"', "'x'", '"\\u00e9"', '"a\tb"'],
    "end": [" # c", " ", "\t"],
}


def spec_line(near: str | None) -> st.SearchStrategy[str]:
    parts = {
        name: st.sampled_from(NEAR_MISSES[name] if name == near else options)
        for name, options in SPEC_PARTS.items()
    }
    return st.fixed_dictionaries(parts).map(
        lambda p: (
            f"{p['key']} = {{ weight = {p['weight']}, target = {p['target']}, "
            f"{p['must']}why = {p['why']} }}{p['end']}"
        )
    )


CANONICAL_SPEC = spec_line(None)
NEAR_SPEC = st.sampled_from(sorted(NEAR_MISSES)).flatmap(spec_line)
SPEC_DOCUMENT = st.tuples(
    st.lists(
        st.one_of(CANONICAL_SPEC, CANONICAL_SPEC, CANONICAL_SPEC, NEAR_SPEC, OTHER_LINE),
        max_size=8,
    ),
    st.booleans(),
).map(lambda t: "[skills]\n" + "\n".join(t[0]) + ("\n" if t[1] else ""))


@settings(max_examples=800, deadline=None)
@given(SPEC_DOCUMENT)
def test_tables_of_role_skills_match_tomllib(text: str) -> None:
    same(text)


@pytest.mark.parametrize("path", sorted(shipped_content_dir().glob("profiles/*.toml")))
def test_shipped_role_skills_are_read_in_one_go(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("[skills]\n") + len("[skills]\n")
    table: dict[str, Any] = {}
    assert tomlfast._spec_table(text, start, table) == len(text)
    assert table == tomllib.loads(text)["skills"]
