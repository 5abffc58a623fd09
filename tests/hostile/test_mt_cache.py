"""The translation cache database: damaged, locked or planted, it never breaks a run and never
hands back a translation this user's mtqa did not store."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from mtqa.mt.base import Candidate
from mtqa.mt.cache import TranslationCache

GOOD = [Candidate(text="US forces in Iraq", score=-0.5)]
PLANTED = [Candidate(text="US forces in Iran", score=0.0)]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _filled(folder, rows: int = 1) -> TranslationCache:
    cache = TranslationCache(folder)
    for i in range(rows):
        cache.put(f"key-{i}", [Candidate(text=f"translation {i} " + "x" * 200, score=-1.0)])
    cache.close()
    return cache


def _one_warning(capsys) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mtqa: warning: translation cache"), err


def test_a_stored_translation_comes_back(folder):
    cache = TranslationCache(folder)
    cache.put("k", GOOD)
    assert cache.get("k") == GOOD
    cache.close()
    assert TranslationCache(folder).get("k") == GOOD


def test_rows_from_another_users_database_are_not_candidates(folder, tmp_path):
    attacker = TranslationCache(tmp_path / "attacker")
    attacker.put("k", PLANTED)
    attacker.close()
    TranslationCache(folder).close()  # the victim's folder and key exist
    shutil.copy(attacker.path, folder / attacker.path.name)
    assert TranslationCache(folder).get("k") is None


def test_a_garbage_database_is_started_afresh(folder, capsys):
    folder.mkdir(mode=0o700)
    (folder / "translations.sqlite3").write_bytes(b"not a database " * 100)
    cache = TranslationCache(folder)
    _one_warning(capsys)
    assert cache.get("k") is None
    again = TranslationCache(folder)
    again.put("k", GOOD)
    assert again.get("k") == GOOD


def test_a_truncated_database_is_one_line(folder, capsys):
    path = _filled(folder, 2000).path
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    cache = TranslationCache(folder)
    for i in range(0, 2000, 50):
        assert cache.get(f"key-{i}") in (None, [Candidate(f"translation {i} " + "x" * 200, -1.0)])
    cache.put("new", GOOD)
    _one_warning(capsys)


def test_a_locked_database_is_one_line(folder, capsys, monkeypatch):
    path = _filled(folder).path
    monkeypatch.setattr(TranslationCache, "BUSY_TIMEOUT", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = TranslationCache(folder)
        assert cache.get("key-0") is None
        cache.put("k", GOOD)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _one_warning(capsys)
