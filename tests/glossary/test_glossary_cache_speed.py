"""The glossary cache keeps what is slow to compute for a large glossary: the validated entries
(pickled field by field), and the content hash of the run's signature."""

from __future__ import annotations

import pickle
from pathlib import Path

from mtqa.glossary import load_glossary
from mtqa.glossary.store import cache

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "glossary" / "default.yaml"


def test_entries_pickle_to_equal_values():
    glossary = load_glossary(DEFAULT)
    back = pickle.loads(pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.entries == glossary.entries
    assert [type(e.category) for e in back.entries] == [type(e.category) for e in glossary.entries]
    assert back.hash == glossary.hash


def test_cache_keeps_the_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    path = tmp_path / "g.yaml"
    path.write_bytes(DEFAULT.read_bytes())
    first = load_glossary(path)
    assert list((tmp_path / "cache").iterdir())  # stored
    hit = cache.cached_glossary(path, None)
    assert hit is not None and hit.entries == first.entries
    assert "hash" in vars(hit)  # computed before storing: not recomputed per run
    assert vars(hit)["hash"] == load_glossary(DEFAULT).hash
