"""Invariants of scoring and of the files, checked on generated inputs (hypothesis)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import rank_roles, score_role
from rolequiz.files.progress import load_progress, save_progress
from rolequiz.files.report import build_report, report_to_toml
from rolequiz.tomlio import write_atomic

BANK = load_bank(shipped_content_dir())
SKILL_IDS = [skill.id for skill in BANK.skills]
LEVEL = st.integers(min_value=0, max_value=4)
RATINGS = st.dictionaries(st.sampled_from(SKILL_IDS), LEVEL, max_size=len(SKILL_IDS))
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(RATINGS)
def test_every_score_stays_between_zero_and_one(ratings: dict[str, int]) -> None:
    for fit in rank_roles(BANK, ratings):
        for value in (fit.closeness, fit.readiness, fit.coverage, fit.fit):
            assert 0.0 <= value <= 1.0
        assert fit.readiness <= fit.coverage + 1e-12


@SETTINGS
@given(RATINGS, st.sampled_from(SKILL_IDS), st.integers(min_value=1, max_value=4))
def test_raising_one_rating_never_lowers_readiness(
    ratings: dict[str, int], skill_id: str, step: int
) -> None:
    before = ratings.get(skill_id, 0)
    raised = {**ratings, skill_id: min(4, before + step)}
    for role in BANK.roles:
        assert score_role(role, raised).readiness >= score_role(role, ratings).readiness - 1e-12


def shuffled_bank(bank: Bank, seed: int) -> Bank:
    """The same content with roles, skills and each role's weights in another order."""
    import random

    rng = random.Random(seed)
    roles = []
    for role in bank.roles:
        weights = list(role.skills.items())
        rng.shuffle(weights)
        roles.append(replace(role, skills=MappingProxyType(dict(weights))))
    rng.shuffle(roles)
    return Bank(bank.levels, bank.categories, bank.skills, tuple(roles), bank.source)


@SETTINGS
@given(RATINGS, st.integers(min_value=0, max_value=10_000))
def test_order_of_files_entries_and_answers_does_not_change_the_result(
    ratings: dict[str, int], seed: int
) -> None:
    reordered = dict(reversed(list(ratings.items())))
    expected = [(f.role.id, f.closeness, f.readiness) for f in rank_roles(BANK, ratings)]
    got = [
        (f.role.id, f.closeness, f.readiness)
        for f in rank_roles(shuffled_bank(BANK, seed), reordered)
    ]
    assert [role_id for role_id, _, _ in got] == [role_id for role_id, _, _ in expected]
    for (_, c1, r1), (_, c2, r2) in zip(got, expected, strict=True):
        assert abs(c1 - c2) < 1e-9 and abs(r1 - r2) < 1e-9


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
IDS = st.one_of(st.sampled_from(SKILL_IDS), st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True))
WHEN = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def progresses(draw: st.DrawFn) -> Progress:
    ratings = draw(st.dictionaries(IDS, LEVEL, max_size=30))
    skipped = [s for s in draw(st.lists(IDS, max_size=10, unique=True)) if s not in ratings]
    return Progress(
        ratings=ratings,
        skipped=sorted(skipped),
        notes=draw(st.dictionaries(IDS, TEXT.filter(str.strip), max_size=5)),
        created=draw(WHEN),
        position=draw(st.one_of(st.none(), IDS)),
    )


@SETTINGS
@given(progresses())
def test_profile_files_round_trip_losslessly(progress: Progress) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        save_progress(path, progress)
        again = load_progress(path)
    assert again.ratings == progress.ratings
    assert again.skipped == progress.skipped
    assert again.notes == progress.notes
    assert again.created == progress.created
    assert again.position == progress.position


@SETTINGS
@given(progresses(), st.sampled_from([None, *[role.id for role in BANK.roles]]))
def test_report_files_round_trip_losslessly(progress: Progress, role_id: str | None) -> None:
    import tempfile

    role = BANK.role_by_id[role_id] if role_id else None
    report = build_report(BANK, progress, source="p.toml", role=role, generated=progress.created)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.toml"
        write_atomic(path, report_to_toml(report))
        assert tomllib.loads(path.read_text(encoding="utf-8")) == report


# Profile files written by hand, in shapes rolequiz's own writer never uses: inline tables
# nested deep, one-line arrays, literal and escaped strings, keys quoted either way and holding
# dots, strings of many dotted words. Whatever of these loads must save and load back the same.
PLAIN_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\r"), max_size=12
)
DOTTED = st.integers(1, 90).map(lambda n: ".".join(["a"] * n))


def _basic(text: str, escape_all: bool) -> str:
    if escape_all:  # every character escaped: `\u0020a.a...` hides the words from a text scan
        return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text)
        + '"'
    )


@st.composite
def toml_strings(draw: st.DrawFn) -> tuple[str, str]:
    """(value, TOML text for it) in one of the ways TOML can write a string."""
    text = draw(PLAIN_TEXT | DOTTED | DOTTED.map(lambda words: "x " + words))
    style = draw(st.sampled_from(["basic", "escaped", "literal", "multiline"]))
    if style == "literal" and "'" not in text and text.isprintable():
        return text, f"'{text}'"
    if style == "multiline" and '"' not in text and "\\" not in text and text.isprintable():
        return text, f'"""\n{text}"""'
    return text, _basic(text, escape_all=style == "escaped")


@st.composite
def toml_keys(draw: st.DrawFn) -> tuple[str, str]:
    key, quoted = draw(toml_strings())
    if key and "\n" not in key and draw(st.booleans()) and not quoted.startswith('"""'):
        return key, quoted
    bare = draw(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True))
    return bare, bare


@st.composite
def toml_values(draw: st.DrawFn, depth: int = 0) -> tuple[object, str]:
    kind = draw(st.sampled_from(["int", "float", "bool", "str", "date", "list", "table", "deep"]))
    if depth > 3 and kind in ("list", "table", "deep"):
        kind = "int"
    if kind == "int":
        number = draw(st.integers(-(2**63), 2**63 - 1))
        return number, str(number)
    if kind == "float":
        number = draw(st.floats(allow_nan=False, allow_infinity=True))
        return number, {float("inf"): "inf", float("-inf"): "-inf"}.get(number, repr(number))
    if kind == "bool":
        flag = draw(st.booleans())
        return flag, str(flag).lower()
    if kind == "str":
        return draw(toml_strings())
    if kind == "date":
        moment = draw(st.datetimes(timezones=st.sampled_from([UTC, None])))
        return moment, moment.isoformat()
    if kind == "list":
        items = draw(st.lists(toml_values(depth + 1), max_size=4))
        # Sometimes long (on one line): near the top only, or the lists multiply.
        count = draw(st.sampled_from([1, 1, 1, 2_000])) if depth == 0 else 1
        return [v for v, _ in items] * count, "[" + ",".join(t for _, t in items) * count + "]"
    if kind == "table":
        pairs = draw(st.lists(st.tuples(toml_keys(), toml_values(depth + 1)), max_size=3))
        table = {k: v for (k, _), (v, _) in pairs}
        seen: set[str] = set()
        parts = []
        for (key, key_text), (_, value_text) in pairs:
            if key not in seen:
                seen.add(key)
                parts.append(f"{key_text} = {value_text}")
        if len(seen) != len(table):
            return 0, "0"
        return {k: v for (k, _), (v, _) in pairs if k in seen}, "{" + ", ".join(parts) + "}"
    levels = draw(st.integers(1, 90))  # inline tables nested deep
    value: object = 1
    for _ in range(levels):
        value = {"a": value}
    return value, "{a = " * levels + "1" + "}" * levels


@st.composite
def hand_written_profiles(draw: st.DrawFn) -> str:
    lines = ["schema_version = 1"]
    used = {"schema_version"}
    for (key, key_text), (_, value_text) in draw(
        st.lists(st.tuples(toml_keys(), toml_values()), max_size=4)
    ):
        if key not in used and key not in ("ratings", "skipped", "notes", "created", "updated"):
            used.add(key)
            lines.append(f"{key_text} = {value_text}")
    ratings = draw(st.dictionaries(IDS, LEVEL, max_size=10))
    lines.append("ratings = {" + ", ".join(f"{k} = {v}" for k, v in ratings.items()) + "}")
    lines.append("skipped = [" + ",".join(f'"{s}"' for s in draw(st.lists(IDS, max_size=5))) + "]")
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None)
@given(hand_written_profiles())
def test_every_profile_that_loads_saves_and_loads_back_the_same(text: str) -> None:
    import tempfile

    from rolequiz.errors import ProfileError
    from rolequiz.files.progress import progress_to_toml

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_progress(path)
        except ProfileError:
            return  # refused at load, with one line (test_fuzz_loaders checks the line)
        save_progress(path, loaded)
        again = load_progress(path)  # raises if rolequiz wrote what it refuses
    assert progress_to_toml(again) == progress_to_toml(loaded)
