"""gc_paused: no collection during the pause, and none that walks what was built when it ends."""

from __future__ import annotations

import gc

from mtqa.gcpause import gc_paused


def test_what_was_built_during_a_pause_goes_to_the_oldest_generation():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        built = [[i] for i in range(1000)]
    assert gc.isenabled()
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(item) in young for item in built)
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in built)
    assert gc.get_freeze_count() == 0


def test_what_is_frozen_stays_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            built = [[i] for i in range(10)]
        assert gc.get_freeze_count() == frozen and built
    finally:
        gc.unfreeze()
