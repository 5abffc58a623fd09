"""The unlisted-variant finder's index, kept on disk for large glossaries.

Building the index computes the transliteration key of every spelling a glossary lists: about
0.7 s for 10,000 entries, paid by every run that lints with TERM003 or TERM004 on, whatever
the number of files. Like the validated glossary (glossary/cache.py, whose folder and switch
it shares), the index is stored after its first build and read back in a few tens of ms.

The key is what the index is made from (each entry's spellings and suggestions, in order)
together with mtqa's version and the source of the modules that compute keys, so an edited
glossary or changed key rules never read a stale index. Entries are stored by their position
in the glossary and read back as the loaded glossary's own Entry objects. Any problem with the
cache (unwritable folder, a damaged file) is ignored: the index is then simply built.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path

from ..gcpause import gc_paused
from ..glossary.cache import cache_dir
from ..glossary.model import Entry, Glossary

# A smaller glossary's index builds in milliseconds: storing it would only leave files behind.
MIN_ENTRIES = 1000

# The modules whose code decides the index's content.
_SOURCES = ("discovery.py", "translit.py", "normalize.py", "finder_cache.py")


def _enabled() -> bool:
    return os.environ.get("MTQA_NO_CACHE", "") in ("", "0")


def _key_path(glossary: Glossary) -> Path:
    from ..version import __version__

    h = hashlib.blake2b(digest_size=20)
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    h.update(f"\0{__version__}\0".encode())
    for e in glossary.entries:
        spellings = tuple((v.text, v.replace) for v in e.variants)
        h.update(repr((e.exact_only, e.preferred, e.correct_forms, spellings)).encode())
        h.update(b"\0")
    return cache_dir() / f"finder-{h.hexdigest()}.pickle"


class _Pickler(pickle.Pickler):
    def __init__(self, fh, entries: dict[int, int]):
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._entries = entries

    def persistent_id(self, obj):
        if isinstance(obj, Entry):
            return self._entries[id(obj)]
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh, entries: tuple[Entry, ...]):
        super().__init__(fh)
        self._entries = entries

    def persistent_load(self, pid):
        return self._entries[pid]


def wanted(glossary: Glossary) -> bool:
    return _enabled() and len(glossary.entries) >= MIN_ENTRIES


def load_index(glossary: Glossary):
    """The index stored for this glossary, or None."""
    if not wanted(glossary):
        return None
    try:
        path = _key_path(glossary)
        data = path.read_bytes()
        with gc_paused():
            return _Unpickler(io.BytesIO(data), glossary.entries).load()
    except Exception:  # none yet, or a damaged or foreign file: build the index
        return None


def store_index(glossary: Glossary, index) -> None:
    if not wanted(glossary):
        return
    try:
        path = _key_path(glossary)
        buffer = io.BytesIO()
        _Pickler(buffer, {id(e): i for i, e in enumerate(glossary.entries)}).dump(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        pass
