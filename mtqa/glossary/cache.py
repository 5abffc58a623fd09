"""A cache of validated large glossaries, so a 10,000-entry glossary loads in a fraction of a
second after its first use (ruff and mypy cache for the same reason).

The key is the file's bytes, its path, the format asked for, mtqa's version and the model's
fields: an edited glossary, or a new mtqa, never reads a stale entry. A glossary with entries
from other files (prh imports) is not cached: their edits would not change the key. The cache lives in $MTQA_CACHE_DIR, else
$XDG_CACHE_HOME/mtqa, else ~/.cache/mtqa; MTQA_NO_CACHE=1 turns it off. Any problem with the
cache (unwritable folder, a damaged file) is ignored: the glossary is then simply parsed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import fields
from pathlib import Path

from .model import Context, Entry, Example, Glossary, Variant

# Smaller glossaries parse in milliseconds; caching them would only leave files behind.
MIN_ENTRIES = 1000

# The shape of what is pickled: a field added to the model changes the key.
_SCHEMA = repr(
    [
        (c.__name__, [f.name for f in fields(c)])
        for c in (Glossary, Entry, Variant, Context, Example)
    ]
)


def cache_dir() -> Path:
    if os.environ.get("MTQA_CACHE_DIR"):
        return Path(os.environ["MTQA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa"


def _enabled() -> bool:
    return os.environ.get("MTQA_NO_CACHE", "") in ("", "0")


def _key_path(path: str | Path, fmt: str | None) -> Path | None:
    from ..version import __version__

    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    h = hashlib.blake2b(data, digest_size=20)
    h.update(f"\0{Path(path).resolve()}\0{fmt}\0{__version__}\0{_SCHEMA}".encode())
    return cache_dir() / f"glossary-{h.hexdigest()}.pickle"


def cached_glossary(path: str | Path, fmt: str | None) -> Glossary | None:
    if not _enabled():
        return None
    key = _key_path(path, fmt)
    if key is None or not key.is_file():
        return None
    try:
        with key.open("rb") as fh:
            glossary = pickle.load(fh)  # our own cache file
    except Exception:  # a damaged or foreign file: ignore it and parse the glossary
        return None
    return glossary if isinstance(glossary, Glossary) else None


def store_glossary(path: str | Path, fmt: str | None, glossary: Glossary) -> None:
    if not _enabled() or len(glossary) < MIN_ENTRIES:
        return
    if any(e.origin not in (None, str(path)) for e in glossary.entries):
        return
    key = _key_path(path, fmt)
    if key is None:
        return
    try:
        key.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=key.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(glossary, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, key)
    except OSError:
        pass
