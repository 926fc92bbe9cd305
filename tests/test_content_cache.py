"""The content cache: the same bank as a full load, and only ever for the same bytes and code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rolequiz import content_cache
from rolequiz.content import Bank, load_bank, shipped_content_dir
from rolequiz.content_cache import (
    cache_path,
    content_key,
    default_cache_dir,
    load_bank_cached,
)
from rolequiz.errors import ContentError

CountLoads = Callable[[], list[Path]]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> CountLoads:
    """The folders fully loaded (and validated) from here on."""
    seen: list[Path] = []

    def counting(root: Path) -> Bank:
        seen.append(root)
        return load_bank(root)

    monkeypatch.setattr(content_cache, "load_bank", counting)
    return lambda: seen


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    for folder in ("questions", "profiles"):
        shutil.copytree(shipped_content_dir() / folder, root / folder)
    return root


def test_a_second_load_comes_from_the_cache_and_equals_a_full_load(
    shipped_copy: Path, cache: Path, loads: CountLoads
) -> None:
    first = load_bank_cached(shipped_copy, cache)
    assert cache_path(cache, shipped_copy).is_file()
    second = load_bank_cached(shipped_copy, cache)
    assert loads() == [shipped_copy]  # the second came from the cache
    fresh = load_bank(shipped_copy)
    assert first == fresh and second == fresh
    assert second.source == shipped_copy
    # The parts are rebuilt as the loader builds them, not just equal.
    skill = next(s for s in second.skills if s.anchors)
    assert type(skill.anchors) is type(fresh.skill_by_id[skill.id].anchors)
    assert all(isinstance(key, int) for key in skill.anchors)
    assert isinstance(second.skills, tuple) and isinstance(skill.aliases, tuple)
    role = second.roles[0]
    assert type(role.skills) is type(fresh.role_by_id[role.id].skills)
    assert all(isinstance(spec.weight, float) for spec in role.skills.values())


def test_a_cached_start_does_not_import_pydantic(shipped_copy: Path, cache: Path) -> None:
    load_bank_cached(shipped_copy, cache)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from rolequiz.content_cache import load_bank_cached\n"
        f"bank = load_bank_cached(Path({str(shipped_copy)!r}), Path({str(cache)!r}))\n"
        "print(len(bank.skills), 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    skills = len(load_bank(shipped_copy).skills)
    assert result.stdout.split() == [str(skills), "False"]


def _change_a_name(root: Path) -> None:
    path = root / "questions" / "basics.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Python"', '"Pythons"', 1))


def _add_a_comment(root: Path) -> None:
    path = root / "profiles" / "analyst.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


def _add_an_unrelated_file(root: Path) -> None:
    (root / "questions" / "notes.txt").write_text("to do", encoding="utf-8")


def _add_a_folder(root: Path) -> None:
    (root / "questions" / "drafts").mkdir()


def _remove_a_role(root: Path) -> None:
    (root / "profiles" / "analyst.toml").unlink()


def _rename_a_file(root: Path) -> None:
    (root / "questions" / "basics.toml").rename(root / "questions" / "a_basics.toml")


@pytest.mark.parametrize(
    "change",
    [
        _change_a_name,
        _add_a_comment,
        _add_an_unrelated_file,
        _add_a_folder,
        _remove_a_role,
        _rename_a_file,
    ],
)
def test_any_change_to_the_folder_means_a_full_load(
    mini_root: Path, cache: Path, loads: CountLoads, change: Callable[[Path], None]
) -> None:
    load_bank_cached(mini_root, cache)
    key = content_key(mini_root)
    change(mini_root)
    assert content_key(mini_root) != key
    bank = load_bank_cached(mini_root, cache)
    assert loads() == [mini_root, mini_root]
    assert bank == load_bank(mini_root)
    load_bank_cached(mini_root, cache)  # and the new bank is cached in turn
    assert len(loads()) == 2


def test_content_broken_after_caching_is_reported_not_served(mini_root: Path, cache: Path) -> None:
    load_bank_cached(mini_root, cache)
    cached = cache_path(cache, mini_root).read_bytes()
    (mini_root / "questions" / "basics.toml").write_text(
        "schema_version = 1\n[category]\nid = 7\n", encoding="utf-8"
    )
    with pytest.raises(ContentError):
        load_bank_cached(mini_root, cache)
    assert cache_path(cache, mini_root).read_bytes() == cached  # a failed load is not cached


def test_a_change_in_the_code_means_a_full_load(
    mini_root: Path, cache: Path, loads: CountLoads, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank_cached(mini_root, cache)
    code = content_cache._code_files()
    changed = [(name, data + (b"#" if name.endswith("models.py") else b"")) for name, data in code]
    monkeypatch.setattr(content_cache, "_code_files", lambda: changed)
    load_bank_cached(mini_root, cache)
    assert len(loads()) == 2


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def _tamper_with_the_body(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"Python", b"Pithon"))


def _garble_the_header(path: Path) -> None:
    path.write_bytes(b"{not json\n" + path.read_bytes().partition(b"\n")[2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _other_format(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b'"format": 1', b'"format": 99', 1))


@pytest.mark.parametrize(
    "damage", [_truncate, _tamper_with_the_body, _garble_the_header, _empty, _other_format]
)
def test_a_damaged_cache_file_means_a_full_load_and_a_new_cache(
    mini_root: Path, cache: Path, loads: CountLoads, damage: Callable[[Path], None]
) -> None:
    load_bank_cached(mini_root, cache)
    damage(cache_path(cache, mini_root))
    assert load_bank_cached(mini_root, cache) == load_bank(mini_root)
    assert len(loads()) == 2
    assert load_bank_cached(mini_root, cache) == load_bank(mini_root)
    assert len(loads()) == 2  # rewritten whole by the full load


def test_a_cache_naming_an_unknown_class_is_not_used(
    mini_root: Path, cache: Path, loads: CountLoads
) -> None:
    load_bank_cached(mini_root, cache)
    path = cache_path(cache, mini_root)
    header, _, body = path.read_bytes().partition(b"\n")
    body = body.replace(b'"@":"Skill"', b'"@":"Path"')
    header = header.replace(
        header.split(b'"sha256": "')[1].split(b'"')[0],
        content_cache.hashlib.sha256(body).hexdigest().encode(),
    )
    path.write_bytes(header + b"\n" + body)
    assert load_bank_cached(mini_root, cache) == load_bank(mini_root)
    assert len(loads()) == 2


def test_content_changed_during_the_load_is_not_cached(
    mini_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def load_then_change(root: Path) -> Bank:
        bank = load_bank(root)
        _change_a_name(root)  # too late for this load: its bank is of the old bytes
        return bank

    monkeypatch.setattr(content_cache, "load_bank", load_then_change)
    load_bank_cached(mini_root, cache)
    assert not cache_path(cache, mini_root).exists()


def test_a_cache_folder_that_cannot_be_written_still_loads(mini_root: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert load_bank_cached(mini_root, blocked / "cache") == load_bank(mini_root)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_in_the_folder_is_never_read_and_nothing_is_cached(
    mini_root: Path, cache: Path
) -> None:
    os.mkfifo(mini_root / "questions" / "notes")  # ignored by the loader (not .toml)
    assert content_key(mini_root) is None
    assert load_bank_cached(mini_root, cache) == load_bank(mini_root)
    assert not cache.exists()


def test_a_missing_folder_is_reported_as_by_the_loader(tmp_path: Path, cache: Path) -> None:
    with pytest.raises(ContentError, match="folder not found"):
        load_bank_cached(tmp_path / "nowhere", cache)


def test_no_cache_folder_means_a_plain_load(
    mini_root: Path, loads: CountLoads, tmp_path: Path
) -> None:
    load_bank_cached(mini_root, None)
    load_bank_cached(mini_root, None)
    assert len(loads()) == 2


def test_the_cache_folder_comes_from_the_environment_or_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ROLEQUIZ_CACHE", "off")
    assert default_cache_dir() is None
    monkeypatch.setenv("ROLEQUIZ_CACHE", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("ROLEQUIZ_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = default_cache_dir()
    assert folder is not None and folder.name == "rolequiz"
