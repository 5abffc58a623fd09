"""The unlisted-variant finder's index, kept on disk for large glossaries.

Building the index computes the transliteration key of every spelling a glossary lists: about
0.7 s for 10,000 entries, paid by every run that lints with TERM003 or TERM004 on, whatever
the number of files. Like the validated glossary (glossary/store/cache.py), the index is stored in
the cache folder (`cachedir.py`) after its first build and read back in a few tens of ms.

The key is what the index is made from (each entry's spellings and suggestions, in order)
together with mtqa's version and the source of the modules that compute keys, so an edited
glossary or changed key rules never read a stale index. The index is plain data (marshal:
strings, numbers, tuples, lists and dicts; entries by their position in the glossary, which the
finder looks up when a name matches), and its file is signed like every cache file, so one this
user's mtqa did not write is never read. Any problem with the
cache (unwritable folder, a damaged file) is ignored: the index is then simply built.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from .. import cachedir
from ..gcpause import gc_paused
from ..glossary.model import Glossary

# A smaller glossary's index builds in milliseconds: storing it would only leave files behind.
MIN_ENTRIES = 1000

# The modules whose code decides the index's content.
_SOURCES = ("discovery.py", "translit.py", "normalize.py", "finder_cache.py")


def _key_name(glossary: Glossary) -> str:
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
    return f"finder-{h.hexdigest()}.index"


def wanted(glossary: Glossary) -> bool:
    return cachedir.enabled() and len(glossary.entries) >= MIN_ENTRIES


def load_index(glossary: Glossary):
    """The index stored for this glossary, or None."""
    if not wanted(glossary):
        return None
    payload = cachedir.load(_key_name(glossary))
    if payload is None:
        return None
    try:
        with gc_paused():
            exact, buckets, known = marshal.loads(payload)
    except Exception:  # a file of another layout: build the index
        return None
    if not (isinstance(exact, dict) and isinstance(buckets, dict) and isinstance(known, dict)):
        return None
    return exact, buckets, known


def store_index(glossary: Glossary, index) -> None:
    """Store the finder's index: plain data (entries by their position in the glossary)."""
    if not wanted(glossary):
        return
    with gc_paused():
        payload = marshal.dumps(index)
    cachedir.store(_key_name(glossary), payload)
