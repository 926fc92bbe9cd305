"""Validated content kept between runs, so the quiz opens without loading pydantic.

`load_bank_cached` returns what `load_bank` returns. A cached bank is used only when the key
matches: a SHA-256 of the exact bytes and names of everything in the content folder's
`questions/` and `profiles/`, of the rolequiz modules that read and validate content, of the
pydantic version and of the Python version. The cache is written only after a full load and
validation of those same bytes (they are hashed before and after the load, and must match),
and its body carries its own checksum. Anything else (no cache, another key, a damaged cache
file, a folder that cannot be hashed) means a full load, and a bad folder raises ContentError
as always: a failed load is never cached. Scripting commands such as `rolequiz validate` do not
use the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rolequiz import content
from rolequiz.content import Bank, load_bank
from rolequiz.errors import RolequizError
from rolequiz.tomlio import MAX_CONTENT_BYTES, read_limited, write_atomic

CACHE_ENV = "ROLEQUIZ_CACHE"
CACHE_OFF = "off"
FORMAT = 1
# The classes a cached bank is rebuilt from; nothing else is ever constructed from the file.
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        content.Level,
        content.Category,
        content.Skill,
        content.Resource,
        content.Role,
        content.RoleSkill,
    )
}
_BANK_FIELDS = ("levels", "categories", "skills", "roles")


def default_cache_dir() -> Path | None:
    """$ROLEQUIZ_CACHE (`off` turns the cache off), else the user cache folder of platformdirs."""
    from_env = os.environ.get(CACHE_ENV)
    if from_env:
        return None if from_env.strip().lower() == CACHE_OFF else Path(from_env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("rolequiz", appauthor=False)


def load_bank_cached(root: Path, cache_dir: Path | None) -> Bank:
    """`load_bank(root)`, from the cache when it holds a bank validated from the same bytes."""
    if cache_dir is None:
        return load_bank(root)
    key = content_key(root)
    if key is None:
        return load_bank(root)
    path = cache_path(cache_dir, root)
    cached = _read(path, key, root)
    if cached is not None:
        return cached
    bank = load_bank(root)  # raises ContentError for a bad folder: nothing is cached then
    if content_key(root) == key:  # unchanged while it was loaded: the bank is of these bytes
        _write(path, key, bank)
    return bank


def cache_path(cache_dir: Path, root: Path) -> Path:
    """One cache file per content folder, replaced when the folder changes."""
    try:
        folder = str(root.resolve())
    except (OSError, RuntimeError):
        folder = str(root.absolute())
    name = hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / f"content-{name}.json"


def content_key(root: Path) -> str | None:
    """The hash that decides whether a cached bank may be used; None when it cannot be made
    (a file that is not a regular file, too large, or unreadable: the full load reports it)."""
    digest = hashlib.sha256()
    digest.update(f"rolequiz-content-cache {FORMAT}\n{sys.version}\n".encode())
    try:
        for name, data in _code_files():
            _add(digest, "code", name, data)
        for folder in ("questions", "profiles"):
            _add_folder(digest, root / folder, folder)
    except (OSError, ValueError, _Unhashable):
        return None
    return digest.hexdigest()


class _Unhashable(Exception):
    """Something in the content folder is left to the full load to report."""


def _add(digest: Any, kind: str, name: str, data: bytes) -> None:
    encoded = name.encode("utf-8", "surrogateescape")
    digest.update(f"{kind} {len(encoded)} {len(data)}\n".encode())
    digest.update(encoded)
    digest.update(data)


def _add_folder(digest: Any, folder: Path, label: str) -> None:
    try:
        entries = sorted(os.listdir(folder))
    except FileNotFoundError:
        _add(digest, "missing", label, b"")
        return
    for entry in entries:
        path = folder / entry
        info = os.stat(path)  # follows links, as the loader does
        if stat.S_ISDIR(info.st_mode):
            _add(digest, "folder", f"{label}/{entry}", b"")
        elif stat.S_ISREG(info.st_mode) and info.st_size <= MAX_CONTENT_BYTES:
            _add(digest, "file", f"{label}/{entry}", _read_bytes(path))
        else:
            raise _Unhashable(entry)


def _read_bytes(path: Path) -> bytes:
    try:
        return read_limited(path, MAX_CONTENT_BYTES)
    except RolequizError:
        raise _Unhashable(path.name) from None


def _code_files() -> list[tuple[str, bytes]]:
    """The rolequiz modules (all of the package's own top level: loading, validation, the
    models) and pydantic's version, read without importing pydantic."""
    package = Path(__file__).resolve().parent
    files = [(f"rolequiz/{path.name}", path.read_bytes()) for path in sorted(package.glob("*.py"))]
    from importlib.util import find_spec

    spec = find_spec("pydantic")
    if spec is None or spec.origin is None:
        raise _Unhashable("pydantic")
    files.append(("pydantic/version.py", (Path(spec.origin).parent / "version.py").read_bytes()))
    return files


# The cache file: a header line (format, key, checksum of the body), then the bank as JSON.


def _read(path: Path, key: str, root: Path) -> Bank | None:
    try:
        raw = path.read_bytes()
        header_line, _, body = raw.partition(b"\n")
        header = json.loads(header_line)
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("key") != key
            or header.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            return None
        fields = json.loads(body)
        return Bank(**{name: _decode(fields[name]) for name in _BANK_FIELDS}, source=root)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # missing, damaged or from another version: load in full


def _write(path: Path, key: str, bank: Bank) -> None:
    try:
        body = json.dumps(
            {name: _encode(getattr(bank, name)) for name in _BANK_FIELDS},
            ensure_ascii=True,
            separators=(",", ":"),
        ).encode("ascii")
        header = json.dumps(
            {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, header + "\n" + body.decode("ascii"))
    except (OSError, RolequizError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs the next start its speed


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"cannot cache a {name}")
        fields = {
            f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return {"@": name, "fields": fields}
    if isinstance(value, tuple):
        return {"@": "tuple", "items": [_encode(item) for item in value]}
    if isinstance(value, list):
        return {"@": "list", "items": [_encode(item) for item in value]}
    if isinstance(value, Mapping):
        kind = "frozen" if isinstance(value, MappingProxyType) else "dict"
        return {"@": kind, "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise ValueError("a bare list in the cache")
        return value
    kind = value["@"]
    if kind == "tuple":
        return tuple(_decode(item) for item in value["items"])
    if kind == "list":
        return [_decode(item) for item in value["items"]]
    if kind in ("dict", "frozen"):
        mapping = {_decode(k): _decode(v) for k, v in value["items"]}
        return MappingProxyType(mapping) if kind == "frozen" else mapping
    cls = _CLASSES[kind]  # KeyError for anything else: the cache is not used
    return cls(**{name: _decode(item) for name, item in value["fields"].items()})
