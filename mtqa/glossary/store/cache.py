"""A cache of validated glossaries and of what is compiled from them, so a 100,000-entry
glossary loads in a fraction of a second after its first use (ruff and mypy cache for the same
reason), and a small one without loading the YAML parser at all (importing PyYAML took longer
than reading the ten-rule glossary of the benchmarks).

The key is the file's bytes, its path, the format asked for, mtqa's version and the model's
fields: an edited glossary, or a new mtqa, never reads a stale entry. Each file's name starts
with a tag of the glossary's path, and storing a new version of a glossary removes the files of
its older ones, so editing a glossary does not fill the folder. A glossary with entries from
other files (prh imports) is not cached: their edits would not change the key. The cache lives
in the one cache folder (`cachedir.py`: where it is, how it is switched off, and why a file
planted in it is never read). Any problem with the cache (unwritable folder, a damaged or
foreign file) is ignored: the glossary is then simply parsed, the matcher simply built.

Two files per glossary, both checked against their HMAC before anything is decoded (and a third, `glossary-key-*`, that remembers the key with the file's status: see
`remembered_key`):
- `glossary-KEY.entries`: the entries as compact rows (see `rows.py`), decoded one by one
  when a run uses them, plus the glossary's name, languages and content hash;
- `glossary-KEY.NAME` for what a module compiles from the glossary (the term matcher's
  automaton), written the first time it is built and read by every later run (`compiled`). The glossary read from the cache, or about to be stored in it, carries its
  key (`cache_key`); a glossary built any other way (merged, edited, uncached) has none.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import TypeVar

from ... import cachedir
from ...gcpause import gc_paused
from ..model import HASH_FORM, Context, Entry, Example, Glossary, Variant
from .rows import ORIGIN, ROW_FORMAT, LazyEntries, RowEntries, pack_entries

# The shape of what is stored: a field added to the model changes the key.
_SCHEMA = repr(
    [
        (c.__name__, [f.name for f in fields(c)])
        for c in (Glossary, Entry, Variant, Context, Example)
    ]
    + [ROW_FORMAT, HASH_FORM]
)
_KEY_ATTR = "_mtqa_cache_key"
T = TypeVar("T")
_enabled = cachedir.enabled


def file_key(path: str | Path, fmt: str | None, data: bytes | None = None) -> str | None:
    """`TAG-KEY`: TAG names the glossary file (its path and format), KEY this version of it:
    of `data` where given (the bytes that are parsed), else of the file's bytes now. None
    where the file cannot be read."""
    from ...version import __version__

    if data is None:
        from ...documents.io import read_bytes
        from ...errors import InputError

        try:
            data = read_bytes(path)
        except InputError:
            return None
    where = f"{os.path.realpath(path)}\0{fmt}".encode()
    h = hashlib.blake2b(data, digest_size=20)
    h.update(b"\0" + where + f"\0{__version__}\0{_SCHEMA}".encode())
    return f"{hashlib.blake2b(where, digest_size=6).hexdigest()}-{h.hexdigest()}"


# A file's key is remembered beside the file's status (size, modification and change times,
# inode, device), as git's index remembers a file's hash: a run that finds the file as it was
# reads the key instead of reading and hashing the whole file (some 45 ms of every run with a
# 13 MB glossary, most of a one-file lint). The change time moves with every write and cannot
# be set back, so an edited file is never taken for the old one; a status taken less than
# SETTLED_NS after the file's last change is not remembered, since another write within the
# same clock tick could leave all of it unchanged (git's "racily clean" entries).
SETTLED_NS = 3_000_000_000


def file_status(path: str | Path) -> tuple[int, ...] | None:
    """What `remembered_key` compares: None where the file cannot be reached."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _key_memo(path: str | Path, fmt: str | None) -> str:
    from ...version import __version__

    where = f"{os.path.realpath(path)}\0{fmt}\0{__version__}\0{_SCHEMA}".encode()
    return f"glossary-key-{hashlib.blake2b(where, digest_size=10).hexdigest()}"


def remembered_key(
    path: str | Path, fmt: str | None, status: tuple[int, ...] | None
) -> str | None:
    """The file_key remembered for `path` when its `status` (taken before reading it) is the
    one remembered with it; None otherwise."""
    if status is None or not _enabled():
        return None
    payload = _read(_key_memo(path, fmt))
    try:
        kept_status, key = marshal.loads(payload) if payload is not None else (None, None)
    except (ValueError, EOFError, TypeError):
        return None
    return key if kept_status == status and isinstance(key, str) else None


def remember_key(
    path: str | Path, fmt: str | None, status: tuple[int, ...] | None, key: str | None
) -> None:
    """Remember `key`, made of the bytes read after `status` was taken, when the file had
    settled by then (see SETTLED_NS)."""
    import time

    if status is None or key is None or not _enabled():
        return
    if time.time_ns() - max(status[1], status[2]) < SETTLED_NS:
        return
    _write(_key_memo(path, fmt), marshal.dumps((status, key)))


def _drop_older_versions(key: str) -> None:
    """Remove the files of the same glossary's other versions (same tag, another key)."""
    tag = key.split("-", 1)[0]
    for name in cachedir.names():
        if name.startswith(f"glossary-{tag}-") and not name.startswith(f"glossary-{key}."):
            cachedir.remove(name)


def _file(key: str, name: str) -> str:
    return f"glossary-{key}.{name}"


_read = cachedir.load
_write = cachedir.store


def cache_key(glossary: Glossary) -> str | None:
    """The key of a glossary read from (or stored in) the cache; None for any other."""
    return getattr(glossary, _KEY_ATTR, None)


def _mark(glossary: Glossary, key: str) -> None:
    object.__setattr__(glossary, _KEY_ATTR, key)  # not a field: equality ignores it


def cached_glossary(path: str | Path, fmt: str | None, key: str | None = None) -> Glossary | None:
    """The glossary kept for `path` (under `key`, its file_key, where given), or None."""
    if not _enabled():
        return None
    key = key or file_key(path, fmt)
    if key is None:
        return None
    payload = _read(_file(key, "entries"))
    if payload is None:
        return None
    try:
        meta, offsets, rows = marshal.loads(payload)
        name, gpath, description, source_language, target_language, digest = meta
        entries = LazyEntries(rows, offsets, gpath)
    except Exception:  # a file of another layout: ignore it and parse the glossary
        return None
    glossary = Glossary(
        name=name,
        entries=entries,
        path=gpath,
        description=description,
        source_language=source_language,
        target_language=target_language,
    )
    glossary.__dict__["hash"] = digest  # the cached_property, computed when it was stored
    _mark(glossary, key)
    return glossary


def _origins(entries) -> set[str | None]:
    """The files the entries come from (from the rows where there are rows: decoding 100,000
    entries to read one field of each would take longer than storing them)."""
    if isinstance(entries, RowEntries):
        own = entries.origin
        return {own if origin == 0 else origin for origin in {r[ORIGIN] for r in entries.rows()}}
    return {e.origin for e in entries}


def store_glossary(
    path: str | Path, fmt: str | None, glossary: Glossary, key: str | None = None
) -> None:
    """Keep the glossary read from `path`, under `key` where given: the file_key of the bytes
    it was parsed from (theirs, even if the file has changed since)."""
    if not _enabled():
        return
    if _origins(glossary.entries) - {None, str(path)}:
        return
    key = key or file_key(path, fmt)
    if key is None:
        return
    with gc_paused():  # the hash and the rows build a million short-lived objects
        rows, offsets = pack_entries(glossary.entries, glossary.path)
        meta = (
            glossary.name,
            glossary.path,
            glossary.description,
            glossary.source_language,
            glossary.target_language,
            glossary.hash,  # computed now, so it is kept with the glossary
        )
        payload = marshal.dumps((meta, offsets, rows))
    _drop_older_versions(key)
    _write(_file(key, "entries"), payload)
    _mark(glossary, key)


def compiled(
    glossary: Glossary,
    name: str,
    build: Callable[[], T],
    dump: Callable[[T], bytes],
    restore: Callable[[memoryview], T],
) -> T:
    """What a module compiles from the glossary (`build`), kept under `name` beside a glossary
    that lives in the cache: read back with `restore` where it was stored (a `restore` that
    raises, or a damaged file, means it is built again), else built and, for such a glossary,
    stored as `dump` makes it. A glossary built any other way (merged, edited, uncached) keeps
    nothing: its compiled form is simply built."""
    key = cache_key(glossary)
    if key is None or not _enabled():
        return build()
    stored = _read(_file(key, name))
    if stored is not None:
        try:
            return restore(stored)
        except Exception:  # a file of another layout, or of another glossary's shape
            pass
        finally:
            del stored
    made = build()
    _write(_file(key, name), dump(made))
    return made
