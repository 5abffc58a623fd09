"""Building or unpickling hundreds of thousands of small objects at once (a large glossary,
its automaton) with the cyclic garbage collector paused.

Each gen-0 collection during such a build walks the young objects, and the full collections
that follow walk everything built so far: for a 100,000-entry glossary that is most of the
time of a cached load. The objects built are acyclic values; reference counting frees them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
