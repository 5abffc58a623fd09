"""A translation cache on disk (sqlite3): the n-best list of one request under one model.

The key (`base.cache_key`) names the backend, the model and its revision, the languages, the
decoding settings, the text and the terms banned and favoured, so a changed model or setting
never returns a stale translation. Rerunning `mtqa retranslate` on a file costs no model call.

The database lives in the cache folder (`cachedir.py`, or the folder given), with the same
checks: each row carries an HMAC of its key and value under this user's cache key, so a row
planted in the database never comes back as a candidate. A damaged database is started afresh
and a locked or unusable one is left alone, each after one warning line: the cache only saves
time, and the run goes on without it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from pathlib import Path

from .. import cachedir
from .base import Candidate

_FILE = "translations.sqlite3"
_TABLE = "signed_mt"  # rows with an HMAC; tables of older layouts are ignored


def default_cache_dir() -> Path:
    return cachedir.cache_path()


def _warn(message: str) -> None:
    sys.stderr.write(f"mtqa: warning: translation cache {message}; going on without it\n")


class TranslationCache:
    # Seconds to wait for another process's write before going on without the cache.
    BUSY_TIMEOUT = 5.0

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / _FILE
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        place = cachedir.usable_folder(self.folder)
        if place is None:
            return
        self._key = place[1]
        try:
            self._db = self._open()
        except sqlite3.OperationalError as exc:  # locked, read-only, ...
            _warn(f"{self.path} cannot be used ({exc})")
        except sqlite3.DatabaseError as exc:  # not a database, malformed
            _warn(f"{self.path} is damaged ({exc}), removed")
            self.path.unlink(missing_ok=True)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.BUSY_TIMEOUT)
        try:
            # No fsync per row: a crash can lose the last rows or damage the file, and a
            # damaged file is started afresh; a cache is worth its speed only.
            db.execute("PRAGMA synchronous = OFF")
            db.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} (key TEXT PRIMARY KEY, row BLOB)")
        except BaseException:
            db.close()
            raise
        return db

    def _tag(self, key: str, value: bytes) -> bytes:
        return cachedir.sign(self._key, key, value)

    def _give_up(self, exc: sqlite3.Error) -> None:
        _warn(f"{self.path} failed ({exc})")
        self.close()

    def get(self, key: str) -> list[Candidate] | None:
        found = None
        if self._db is not None:
            try:
                row = self._db.execute(
                    f"SELECT row FROM {_TABLE} WHERE key = ?", (key,)
                ).fetchone()
                found = self._verified(key, row[0]) if row is not None else None
            except sqlite3.Error as exc:
                self._give_up(exc)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found

    def _verified(self, key: str, row: object) -> list[Candidate] | None:
        """The candidates of a row this user's mtqa wrote; None for any other."""
        if not isinstance(row, bytes) or len(row) < 32:
            return None
        tag, value = row[:32], row[32:]
        import hmac

        if not hmac.compare_digest(tag, self._tag(key, value)):
            return None
        try:
            return [Candidate(text=t, score=s) for t, s in json.loads(value)]
        except (ValueError, TypeError):
            return None

    def put(self, key: str, nbest: list[Candidate]) -> None:
        if self._db is None:
            return
        value = json.dumps([[c.text, c.score] for c in nbest], ensure_ascii=False).encode()
        try:
            with self._db:
                self._db.execute(
                    f"INSERT OR REPLACE INTO {_TABLE} VALUES (?, ?)",
                    (key, self._tag(key, value) + value),
                )
        except sqlite3.Error as exc:
            self._give_up(exc)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
