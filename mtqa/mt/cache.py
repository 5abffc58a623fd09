"""A translation cache on disk (sqlite3): the n-best list of one request under one model.

The key (`base.cache_key`) names the backend, the model and its revision, the languages, the
decoding settings, the text and the terms banned and favoured, so a changed model or setting
never returns a stale translation. Rerunning `mtqa retranslate` on a file costs no model call.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from .base import Candidate


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa"


class TranslationCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "translations.sqlite3"
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, nbest TEXT)")
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> list[Candidate] | None:
        row = self._db.execute("SELECT nbest FROM mt WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return [Candidate(text=t, score=s) for t, s in json.loads(row[0])]

    def put(self, key: str, nbest: list[Candidate]) -> None:
        value = json.dumps([[c.text, c.score] for c in nbest], ensure_ascii=False)
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO mt VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self._db.close()
