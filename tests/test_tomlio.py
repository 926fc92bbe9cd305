"""Reading and writing TOML: what the reader refuses, the writer never writes."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from rolequiz.domain.progress import Progress
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.progress import load_progress, progress_to_toml, save_progress
from rolequiz.tomlio import MAX_KEY_PARTS, MAX_PROFILE_BYTES, parse_toml, read_toml

WORDS = ".".join(["a"] * (MAX_KEY_PARTS + 5))


@pytest.mark.parametrize(
    "text",
    [
        f'x = "q\\u0020{WORDS}"\n',  # an escaped space before dotted words in a value
        f'x = "q {WORDS}"\n',
        f"x = 'q {WORDS}'\n",
        f'x = """\n{WORDS}\n"""\n',
        f"x = '''\n{WORDS}\n'''\n",
        f'"{WORDS}" = 1\n',  # one quoted key holding dots is one part
        f"'k\".{WORDS}' = 1\n",
        f'"k\\".{WORDS}" = 1\n',  # the same key as rolequiz writes it: an escaped quote
        f"# {WORDS}\n",
    ],
)
def test_dots_inside_strings_and_comments_are_not_a_long_key(text: str) -> None:
    assert parse_toml(text.encode(), "p.toml") is not None


@pytest.mark.parametrize(
    "text",
    [
        f"{WORDS} = 1\n",
        f"[{WORDS}]\n",
        ".".join(['"a"'] * (MAX_KEY_PARTS + 1)) + " = 1\n",
        f'x = """a"""""\n{WORDS} = 1\n',  # after a multi-line string ending in quotes
        f'x = "a\\\\"\n{WORDS} = 1\n',  # after a string ending in an escaped backslash
    ],
)
def test_a_real_key_of_too_many_parts_is_still_refused(text: str) -> None:
    with pytest.raises(RolequizError, match=f"more than {MAX_KEY_PARTS} parts"):
        parse_toml(text.encode(), "p.toml")


def test_an_unknown_table_too_deep_to_write_back_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    deep = "{a = " * (MAX_KEY_PARTS + 1) + "1" + "}" * (MAX_KEY_PARTS + 1)
    path.write_text(f"schema_version = 1\nx = {deep}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="x: cannot be kept when the profile is saved"):
        load_progress(path)
    shallow = "{a = " * 40 + "1" + "}" * 40
    path.write_text(f"schema_version = 1\nx = {shallow}\n", encoding="utf-8")
    save_progress(path, load_progress(path))
    assert load_progress(path).extra["x"]["a"]["a"]["a"] is not None


def test_a_long_one_line_list_that_would_save_too_large_is_refused_at_load(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.toml"
    items = (MAX_PROFILE_BYTES - 100) // 2
    path.write_text("schema_version = 1\nx = [" + "1," * items + "]\n", encoding="utf-8")
    assert path.stat().st_size <= MAX_PROFILE_BYTES  # read, but written one item a line
    with pytest.raises(ProfileError, match=r"would be [0-9,]+ bytes once saved by rolequiz"):
        load_progress(path)


@pytest.mark.parametrize("room", [0, 40, 200, 400])
def test_a_profile_near_the_limit_loads_only_if_its_save_loads_back(
    tmp_path: Path, room: int
) -> None:
    # rolequiz adds a header line and the created/updated stamps when it saves.
    path = tmp_path / "p.toml"
    head = 'schema_version = 1\nx = "'
    filler = "a" * (MAX_PROFILE_BYTES - room - len(head) - 2)
    path.write_text(head + filler + '"\n', encoding="utf-8")
    try:
        progress = load_progress(path)
    except ProfileError as exc:
        assert "once saved by rolequiz" in str(exc)
        return
    save_progress(path, progress)
    assert load_progress(path).extra["x"] == filler


def test_a_save_that_would_be_too_large_is_refused_and_the_old_file_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.toml"
    progress = Progress(ratings={"sql": 1}, extra={"x": "a" * (MAX_PROFILE_BYTES - 4000)})
    save_progress(path, progress)
    before = path.read_bytes()
    progress.notes["sql"] = "\x01" * 4000  # 24,000 bytes as rolequiz writes it
    with pytest.raises(ProfileError, match="shorten a note or remove unknown fields"):
        save_progress(path, progress)
    assert path.read_bytes() == before
    assert len(progress_to_toml(load_progress(path)).encode()) <= MAX_PROFILE_BYTES


def _read_error(path: Path) -> str:
    with pytest.raises(RolequizError) as caught:
        read_toml(path)
    return str(caught.value)


def test_what_is_not_a_file_is_named(tmp_path: Path) -> None:
    sock_path = tmp_path / "sock.toml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    folder = tmp_path / "scale.toml"
    folder.mkdir()
    dangling = tmp_path / "gone.toml"
    dangling.symlink_to("elsewhere.toml")
    linked_folder = tmp_path / "linked.toml"
    linked_folder.symlink_to(folder)
    assert _read_error(sock_path) == f"{sock_path}: is a socket, not a file"
    assert _read_error(fifo) == f"{fifo}: is a named pipe, not a file"
    assert _read_error(folder) == f"{folder}: is a folder, not a file"
    assert _read_error(linked_folder) == f"{linked_folder}: is a folder, not a file"
    assert _read_error(Path("/dev/null")) == "/dev/null: is a device, not a file"
    assert _read_error(dangling) == (
        f"{dangling}: is a link to elsewhere.toml, which does not exist"
    )
    assert _read_error(tmp_path / "none.toml") == f"{tmp_path / 'none.toml'}: no such file"


def test_a_utf8_byte_order_mark_is_skipped_and_not_written_back(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"\xef\xbb\xbfschema_version = 1\nratings = {sql = 2}\n")
    progress = load_progress(path)
    assert progress.ratings == {"sql": 2}
    save_progress(path, progress)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_progress(path).ratings == {"sql": 2}
    with pytest.raises(RolequizError, match="not valid TOML"):
        parse_toml(b"\xef\xbb\xbf\xef\xbb\xbfschema_version = 1\n", "p.toml")  # one only
