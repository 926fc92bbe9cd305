"""Loading and validating content: the shipped bank, and one clear line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_content

from rolequiz.domain.content import Bank, load_bank
from rolequiz.errors import ContentError


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_bank(root)
    return caught.value.problems


def test_shipped_bank_has_every_category_role_and_the_five_levels(shipped_bank: Bank) -> None:
    assert [level.value for level in shipped_bank.levels] == [0, 1, 2, 3, 4]
    assert [level.label for level in shipped_bank.levels] == [
        "None",
        "Aware",
        "Guided",
        "Independent",
        "Expert",
    ]
    assert {role.id for role in shipped_bank.roles} == {
        "data_engineer",
        "data_analyst",
        "data_scientist",
        "ml_engineer",
        "mlops_engineer",
        "data_science_engineer",
    }
    assert len(shipped_bank.skills) >= 100
    assert len({skill.id for skill in shipped_bank.skills}) == len(shipped_bank.skills)


def test_every_shipped_skill_has_prompt_tip_and_official_resource(shipped_bank: Bank) -> None:
    for skill in shipped_bank.skills:
        assert skill.prompt.endswith("?"), skill.id
        assert skill.tip, skill.id
        assert skill.resources and all(r.url.startswith("https://") for r in skill.resources)


def test_every_shipped_role_weight_has_a_rationale_and_some_must_haves(shipped_bank: Bank) -> None:
    for role in shipped_bank.roles:
        assert role.summary
        assert all(spec.why for spec in role.skills.values()), role.id
        assert 1 <= sum(spec.must for spec in role.skills.values()) <= 8, role.id


def test_aws_services_require_aws_so_a_zero_on_aws_can_skip_them(shipped_bank: Bank) -> None:
    below_aws = {skill.id for skill in shipped_bank.children("aws")}
    assert {"aws_glue", "kinesis", "athena", "sagemaker", "sagemaker_endpoints"} <= below_aws


def test_skills_come_in_category_order_then_file_order(mini_bank: Bank) -> None:
    assert [s.id for s in mini_bank.skills] == [
        "sql",
        "python",
        "tableau",
        "spark",
        "aws",
        "glue",
        "kinesis",
    ]
    assert mini_bank.anchor(mini_bank.skill_by_id["sql"], 3) == "Use it in real work without help."


def test_file_names_do_not_change_the_bank(mini_root: Path, tmp_path: Path) -> None:
    other = write_content(tmp_path / "renamed")
    for path in (other / "questions").glob("*.toml"):
        if path.name != "scale.toml":
            path.rename(path.with_name("zz_" + path.stem[::-1] + ".toml"))
    for path in (other / "profiles").glob("*.toml"):
        path.rename(path.with_name("0_" + path.stem[::-1] + ".toml"))
    first, second = load_bank(mini_root), load_bank(other)
    assert first.skills == second.skills
    assert first.roles == second.roles


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_field_names_file_entry_and_field(mini_root: Path) -> None:
    edit(mini_root / "questions/basics.toml", 'prompt = "How well can you use Python?"\n', "")
    assert problems_of(mini_root) == [
        f"{mini_root / 'questions/basics.toml'}: skill 'python': prompt: field required"
    ]


def test_out_of_range_target_names_role_file_skill_and_field(mini_root: Path) -> None:
    edit(mini_root / "profiles/analyst.toml", "target = 2", "target = 5")
    (problem,) = problems_of(mini_root)
    assert problem.startswith(f"{mini_root / 'profiles/analyst.toml'}: skills.tableau: target: ")
    assert problem.endswith("got 5")


def test_every_problem_is_reported_not_just_the_first(mini_root: Path) -> None:
    edit(mini_root / "profiles/analyst.toml", "tableau =", "tablo =")
    edit(mini_root / "questions/platform.toml", 'requires = "aws"', 'requires = "amazon"')
    edit(mini_root / "questions/basics.toml", 'name = "SQL"', 'name = "SQL"\ncolour = "red"')
    problems = problems_of(mini_root)
    assert len(problems) == 3
    assert any("skills.tablo: unknown skill" in p for p in problems)
    assert any("skill 'glue': requires: unknown skill 'amazon'" in p for p in problems)
    assert any("skill 'sql': colour: unknown field" in p for p in problems)


def test_requires_loop_is_reported(mini_root: Path) -> None:
    edit(mini_root / "questions/platform.toml", 'name = "AWS"', 'name = "AWS"\nrequires = "glue"')
    (problem,) = problems_of(mini_root)
    assert "requires: loop" in problem
    assert "aws -> glue -> aws" in problem or "glue -> aws -> glue" in problem


def test_duplicate_skill_id_names_both_files(mini_root: Path) -> None:
    edit(mini_root / "questions/platform.toml", 'id = "spark"', 'id = "sql"')
    problems = problems_of(mini_root)
    (duplicate,) = [p for p in problems if "skill 'sql': id: already used in" in p]
    assert "basics.toml" in duplicate and "platform.toml" in duplicate
    # the engineer role still names spark, which no longer exists: reported too
    assert any("engineer.toml: skills.spark: unknown skill" in p for p in problems)


def test_broken_toml_names_the_file_and_line(mini_root: Path) -> None:
    (mini_root / "profiles/analyst.toml").write_text("id = [unclosed\n", encoding="utf-8")
    (problem,) = problems_of(mini_root)
    assert problem.startswith(f"{mini_root / 'profiles/analyst.toml'}: not valid TOML:")
    assert "line 1" in problem


def test_newer_content_schema_is_refused_with_a_way_forward(mini_root: Path) -> None:
    edit(mini_root / "profiles/engineer.toml", "schema_version = 1", "schema_version = 9")
    (problem,) = problems_of(mini_root)
    assert (
        "schema_version: 9 is newer than this rolequiz understands (1); upgrade rolequiz" in problem
    )


def test_bad_anchor_level_and_bad_url(mini_root: Path) -> None:
    edit(
        mini_root / "questions/basics.toml",
        'tip = "Practise SQL."',
        'tip = "Practise SQL."\nanchors = { 7 = "Wizard." }',
    )
    edit(mini_root / "questions/basics.toml", "https://example.org/python", "not a link")
    problems = problems_of(mini_root)
    assert any("skill 'sql': anchors: " in p and "levels 0-4" in p for p in problems)
    assert any("skill 'python': resources.0.url: " in p for p in problems)


def test_missing_scale_and_missing_folders(tmp_path: Path, mini_root: Path) -> None:
    (mini_root / "questions/scale.toml").unlink()
    assert any("scale.toml: file not found" in p for p in problems_of(mini_root))
    empty = tmp_path / "empty"
    empty.mkdir()
    problems = problems_of(empty)
    assert len(problems) == 2 and all("folder not found" in p for p in problems)


def test_scale_must_define_each_level_once(mini_root: Path) -> None:
    edit(mini_root / "questions/scale.toml", "value = 4", "value = 3")
    (problem,) = problems_of(mini_root)
    assert "scale.toml: level: " in problem and "0, 1, 2, 3, 4 once each" in problem


def test_a_new_skill_and_role_need_no_code(mini_root: Path) -> None:
    extra = mini_root / "questions/extra.toml"
    extra.write_text(
        'schema_version = 1\n[category]\nid = "extra"\nname = "Extra"\norder = 5\n\n'
        '[[skill]]\nid = "dbt"\nname = "dbt"\nprompt = "How well?"\ntip = "Try it."\n'
        '[[skill.resources]]\ntitle = "dbt docs"\nurl = "https://docs.getdbt.com/"\n',
        encoding="utf-8",
    )
    (mini_root / "profiles/analytics_engineer.toml").write_text(
        'schema_version = 1\nid = "analytics_engineer"\nname = "Analytics Engineer"\n'
        'summary = "Models data."\n[skills]\ndbt = { weight = 5, target = 3, why = "x" }\n',
        encoding="utf-8",
    )
    bank = load_bank(mini_root)
    assert bank.skills[0].id == "dbt"
    assert bank.find_role("Analytics Engineer").id == "analytics_engineer"


def test_a_skill_without_resources_or_naming_a_category_is_refused(mini_root: Path) -> None:
    basics = mini_root / "questions/basics.toml"
    text = basics.read_text(encoding="utf-8")
    start = text.index("[[skill.resources]]", text.index('id = "python"'))
    end = text.index("\n\n", start) if "\n\n" in text[start:] else len(text)
    basics.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(basics, 'name = "SQL"', 'name = "SQL"\ncategory = "platform"')
    assert sorted(problems_of(mini_root)) == [
        f"{basics}: skill 'python': resources: field required",
        f"{basics}: skill 'sql': category: unknown field (check the spelling)",
    ]


def test_schema_version_is_required_and_a_whole_number(mini_root: Path) -> None:
    edit(mini_root / "profiles/analyst.toml", "schema_version = 1\n", "")
    edit(mini_root / "questions/basics.toml", "schema_version = 1", 'schema_version = "1"')
    assert sorted(problems_of(mini_root)) == [
        f"{mini_root / 'profiles/analyst.toml'}: schema_version: field required",
        f"{mini_root / 'questions/basics.toml'}: schema_version: "
        "input should be a valid integer, got '1'",
    ]


def test_loaded_content_is_the_validated_frozen_models(mini_root: Path) -> None:
    edit(
        mini_root / "profiles/engineer.toml",
        "python = { weight = 3, target = 3, must = false,",
        "python = { weight = 3, target = 3,",
    )
    role = load_bank(mini_root).role_by_id["engineer"]
    assert role.skills["python"].must is False  # left out of the file: false
    assert role.total_weight == sum(spec.weight for spec in role.skills.values())
    with pytest.raises(AttributeError):
        role.name = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        role.skills["sql"] = role.skills["python"]  # type: ignore[index]
