"""A cache of validated glossaries and of what is compiled from them, so a 100,000-entry
glossary loads in a fraction of a second after its first use (ruff and mypy cache for the same
reason), and a small one without loading the YAML parser at all (importing PyYAML took longer
than reading the ten-rule glossary of the benchmarks).

The key is the file's bytes, its path, the format asked for, mtqa's version and the model's
fields: an edited glossary, or a new mtqa, never reads a stale entry. Each file's name starts
with a tag of the glossary's path, and storing a new version of a glossary removes the files of
its older ones, so editing a glossary does not fill the folder. A glossary with entries from
other files (prh imports) is not cached: their edits would not change the key. The cache lives
in $MTQA_CACHE_DIR, else $XDG_CACHE_HOME/mtqa, else ~/.cache/mtqa; MTQA_NO_CACHE=1 turns it off.
Any problem with the cache (unwritable folder, a damaged or foreign file) is ignored: the
glossary is then simply parsed, the matcher simply built.

Two files per glossary, both checked against a CRC of their content before anything is decoded:
- `glossary-KEY.entries`: the entries as compact rows (see `compact.py`), decoded one by one
  when a run uses them, plus the glossary's name, languages and content hash;
- `glossary-KEY.NAME` for what a module compiles from the glossary (the term matcher's
  automaton), written the first time it is built and read by every later run (`load_compiled`,
  `store_compiled`). The glossary read from the cache, or about to be stored in it, carries its
  key (`cache_key`); a glossary built any other way (merged, edited, uncached) has none.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import zlib
from dataclasses import fields
from pathlib import Path

from ..gcpause import gc_paused
from .compact import ORIGIN, ROW_FORMAT, LazyEntries, RowEntries, pack_entries
from .model import HASH_FORM, Context, Entry, Example, Glossary, Variant

# The shape of what is stored: a field added to the model changes the key.
_SCHEMA = repr(
    [
        (c.__name__, [f.name for f in fields(c)])
        for c in (Glossary, Entry, Variant, Context, Example)
    ]
    + [ROW_FORMAT, HASH_FORM]
)
_MAGIC = b"mtqa-cache\x01"
_KEY_ATTR = "_mtqa_cache_key"


def cache_dir() -> Path:
    if os.environ.get("MTQA_CACHE_DIR"):
        return Path(os.environ["MTQA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa"


def _enabled() -> bool:
    return os.environ.get("MTQA_NO_CACHE", "") in ("", "0")


def file_key(path: str | Path, fmt: str | None, data: bytes | None = None) -> str | None:
    """`TAG-KEY`: TAG names the glossary file (its path and format), KEY this version of it:
    of `data` where given (the bytes that are parsed), else of the file's bytes now. None
    where the file cannot be read."""
    from ..version import __version__

    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
    where = f"{Path(path).resolve()}\0{fmt}".encode()
    h = hashlib.blake2b(data, digest_size=20)
    h.update(b"\0" + where + f"\0{__version__}\0{_SCHEMA}".encode())
    return f"{hashlib.blake2b(where, digest_size=6).hexdigest()}-{h.hexdigest()}"


def _drop_older_versions(key: str) -> None:
    """Remove the files of the same glossary's other versions (same tag, another key)."""
    tag = key.split("-", 1)[0]
    try:
        with os.scandir(cache_dir()) as found:
            for item in found:
                name = item.name
                if name.startswith(f"glossary-{tag}-") and not name.startswith(f"glossary-{key}."):
                    Path(item.path).unlink(missing_ok=True)
    except OSError:
        pass


def _file(key: str, name: str) -> Path:
    return cache_dir() / f"glossary-{key}.{name}"


def _read(file: Path) -> memoryview | None:
    """The payload of a cache file, or None when it is missing, foreign or damaged."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 4
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    payload = memoryview(data)[head:]
    if zlib.crc32(payload) != int.from_bytes(data[len(_MAGIC) : head], "little"):
        return None
    return payload


def _write(file: Path, payload: bytes) -> None:
    """Written whole to a temporary file, then renamed: a reader never sees half a file."""
    import tempfile  # here: a glossary is written once, and most runs only read

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC)
                fh.write(zlib.crc32(payload).to_bytes(4, "little"))
                fh.write(payload)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


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
        entries=entries,  # type: ignore[arg-type]  # a Sequence that stands for the tuple
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


def load_compiled(glossary: Glossary, name: str) -> memoryview | None:
    """What was stored under `name` for this glossary, or None (no key, no file, damaged)."""
    key = cache_key(glossary)
    if key is None or not _enabled():
        return None
    return _read(_file(key, name))


def store_compiled(glossary: Glossary, name: str, payload: bytes) -> None:
    key = cache_key(glossary)
    if key is not None and _enabled():
        _write(_file(key, name), payload)
