"""Exporting a gap report: only a plain file the person chose, never the open profile."""

from __future__ import annotations

import os
import socket
import tomllib
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank
from rolequiz.domain.progress import Progress
from rolequiz.errors import RolequizError
from rolequiz.files.export import export_target
from rolequiz.files.progress import load_progress, save_progress
from rolequiz.files.report import build_report, write_report


@pytest.fixture
def report(mini_bank: Bank) -> dict[str, object]:
    return build_report(mini_bank, Progress(ratings={"sql": 3}), source="p.toml")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    save_progress(path, Progress(ratings={"sql": 3, "python": 2}))
    return path


def special_files(folder: Path) -> dict[str, Path]:
    """A named pipe, a socket, a link (to a plain file), a dangling link and a folder."""
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    sock_path = folder / "sock.toml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    plain = folder / "plain.txt"
    plain.write_text("keep\n", encoding="utf-8")
    link = folder / "link.toml"
    link.symlink_to(plain)
    dangling = folder / "dangling.toml"
    dangling.symlink_to(folder / "nowhere.toml")
    sub = folder / "sub"
    sub.mkdir()
    return {
        "is a named pipe, not a file": fifo,
        "is a socket, not a file": sock_path,
        "is a link to": link,
        "is a link to ": dangling,
        "is a folder, not a file": sub,
    }


def test_special_files_are_refused_with_what_they_are(
    tmp_path: Path, report: dict[str, object]
) -> None:
    for words, path in special_files(tmp_path).items():
        check = export_target(path)
        assert check.kind == "refused" and words.strip() in check.reason, path
        kind_before = os.lstat(path).st_mode
        with pytest.raises(RolequizError, match="the report was not written"):
            write_report(path, report)
        assert os.lstat(path).st_mode == kind_before  # still a pipe, socket, link, folder
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "keep\n"
    assert not (tmp_path / "nowhere.toml").exists()


def test_a_device_is_refused(report: dict[str, object]) -> None:
    check = export_target(Path("/dev/null"))
    assert check.kind == "refused" and check.reason.startswith("is a device, not a file")
    with pytest.raises(RolequizError, match="is a device"):
        write_report(Path("/dev/null"), report)


def test_the_open_profile_is_never_replaced(
    profile: Path, report: dict[str, object], tmp_path: Path
) -> None:
    before = profile.read_bytes()
    hard = tmp_path / "hard.toml"
    os.link(profile, hard)
    dotted = tmp_path / "." / "profile.toml"
    for path in (profile, hard, dotted):
        check = export_target(path, open_profile=profile)
        assert check.kind == "refused" and "is the open profile" in check.reason
        with pytest.raises(RolequizError, match="would replace your answers"):
            write_report(path, report, open_profile=profile, replace=True)
    assert profile.read_bytes() == before
    assert load_progress(profile).ratings == {"sql": 3, "python": 2}
    linked = tmp_path / "linked.toml"
    linked.symlink_to(profile)  # a link is refused first, whatever it leads to
    assert export_target(linked, open_profile=profile).kind == "refused"


def test_a_profile_not_saved_yet_is_still_the_open_profile(
    tmp_path: Path, report: dict[str, object]
) -> None:
    new_profile = tmp_path / "new.toml"
    assert export_target(new_profile, open_profile=new_profile).kind == "refused"


def test_a_plain_file_is_replaced_only_with_a_yes(
    tmp_path: Path, report: dict[str, object]
) -> None:
    old = tmp_path / "old.toml"
    old.write_text("old\n", encoding="utf-8")
    check = export_target(old)
    assert (check.kind, check.reason) == ("replace", "already exists")
    with pytest.raises(RolequizError, match="it is not replaced"):
        write_report(old, report, replace=False)
    assert old.read_text(encoding="utf-8") == "old\n"
    write_report(old, report, replace=True)
    assert tomllib.loads(old.read_text(encoding="utf-8"))["schema_version"] == 1


def test_missing_folders_are_made_only_with_a_yes(
    tmp_path: Path, report: dict[str, object]
) -> None:
    path = tmp_path / "a" / "b" / "r.toml"
    check = export_target(path)
    assert check.kind == "create_folder" and check.folder == tmp_path / "a"
    assert check.line.endswith(f"the folder {tmp_path / 'a'} does not exist")
    with pytest.raises(RolequizError, match="does not exist; the report was not written"):
        write_report(path, report)
    assert not (tmp_path / "a").exists()
    write_report(path, report, create_folders=True)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1


def test_a_file_in_the_way_of_the_folder_is_refused(
    tmp_path: Path, report: dict[str, object]
) -> None:
    (tmp_path / "a").write_text("x", encoding="utf-8")
    for path in (tmp_path / "a" / "r.toml", tmp_path / "a" / "b" / "r.toml"):
        assert export_target(path).kind == "refused"
        with pytest.raises(RolequizError):
            write_report(path, report, create_folders=True)


def test_a_file_that_appears_while_writing_is_not_replaced(
    tmp_path: Path, report: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import rolequiz.files.report as report_module

    path = tmp_path / "out" / "r.toml"
    path.parent.mkdir()
    real_write = report_module.write_atomic

    def fifo_appears_first(*args: object, **kwargs: object) -> None:
        os.mkfifo(path)  # between the check and the rename
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "write_atomic", fifo_appears_first)
    with pytest.raises(RolequizError, match="nothing was replaced"):
        write_report(path, report)
    assert os.path.exists(path) and not path.is_file()  # still the pipe
    assert [p.name for p in path.parent.iterdir()] == ["r.toml"]  # no temporary file left


def test_a_file_swapped_for_a_link_while_writing_is_not_replaced(
    tmp_path: Path, report: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import rolequiz.files.report as report_module

    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    real_write = report_module.write_atomic

    def swapped(*args: object, **kwargs: object) -> None:
        path.unlink()
        path.symlink_to(tmp_path / "elsewhere")
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "write_atomic", swapped)
    with pytest.raises(RolequizError, match="nothing was replaced"):
        write_report(path, report, replace=True)
    assert path.is_symlink()


def test_the_session_never_exports_over_its_own_profile(profile: Path, mini_bank: Bank) -> None:
    from rolequiz.files.writer import ProfileWriter

    before = profile.read_bytes()
    writer = ProfileWriter(profile)
    with pytest.raises(RolequizError, match="is the open profile"):
        writer.export_report(profile, mini_bank, Progress(ratings={"sql": 3}), None, None)
    assert profile.read_bytes() == before
