"""Role entries read without pydantic are exactly those pydantic accepts, with the same values."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rolequiz.domain import content_models as models
from rolequiz.domain.content import RoleSkill, shipped_content_dir
from rolequiz.domain.content_loader import _plain_role_skill
from rolequiz.tomlio import read_toml

NUMBER = st.one_of(
    st.integers(-5, 120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from([0, 1, 100, 100.0, 100.5, 0.001, "3", None]),
)
WHY = st.one_of(
    st.text(max_size=5),
    st.text(min_size=295, max_size=305),
    st.sampled_from(["", " ", "Seed 001.", " padded", "padded ", "tab\t", "\x1cx", "x\u3000"]),
)
OPTIONAL = {
    "must": st.one_of(st.booleans(), st.sampled_from([0, 1, "true"])),
    "extra": st.just(1),
}
# Half the values valid, so that plenty of entries take the plain path.
FIELDS = {
    "weight": st.integers(1, 5) | st.floats(0.01, 100) | NUMBER,
    "target": st.integers(1, 4) | NUMBER,
    "why": st.text(min_size=1, max_size=40).filter(lambda s: s == s.strip()) | WHY,
}
ENTRY = st.fixed_dictionaries({}, optional={**FIELDS, **OPTIONAL}) | st.fixed_dictionaries(
    FIELDS, optional=OPTIONAL
)


def by_pydantic(raw: Any) -> RoleSkill | None:
    try:
        spec = models.RoleSkill.model_validate(raw)
    except ValidationError:
        return None
    return RoleSkill(weight=float(spec.weight), target=spec.target, must=spec.must, why=spec.why)


@settings(max_examples=500, deadline=None)
@given(ENTRY)
def test_a_plain_entry_is_one_pydantic_accepts_as_is(raw: dict[str, Any]) -> None:
    plain = _plain_role_skill(raw)
    if plain is not None:
        assert by_pydantic(raw) == plain


def test_every_shipped_role_entry_takes_the_plain_path() -> None:
    for path in sorted((shipped_content_dir() / "profiles").glob("*.toml")):
        for skill_id, raw in read_toml(path)["skills"].items():
            plain = _plain_role_skill(raw)
            assert plain is not None, (path.name, skill_id)
            assert plain == by_pydantic(raw)
