"""Building or unpickling hundreds of thousands of small objects at once (a large glossary,
its automaton) with the cyclic garbage collector paused.

Each gen-0 collection during such a build walks the young objects, and the full collections
that follow walk everything built so far: for a 100,000-entry glossary that is most of the
time of a cached load. The objects built are acyclic values; reference counting frees them.

When the collector resumes, everything it tracks is handed to the oldest generation at once
(`gc.freeze()` then `gc.unfreeze()`: two list splices, no object visited). Otherwise the first
young collection after the pause walks every object built during it (about 0.1 s after a
100,000-entry glossary is validated), only to find them all alive. Objects that were young
then are looked at again by the next full collection, as they would have been once they
survived two young ones. Not where something is frozen already (the command line freezes the
modules it imports): unfreezing would hand those back to the collector.
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
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
