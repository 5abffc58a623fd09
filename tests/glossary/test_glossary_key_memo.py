"""A glossary file's cache key is remembered with the file's status, so a run that finds the
file as it was does not read and hash it again; any write, even one that keeps the size and
the modification time, makes the file read again, and a file changed moments ago is never
remembered (a second write in the same clock tick could leave its status unchanged)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mtqa.documents import io as docio
from mtqa.glossary import load_glossary
from mtqa.glossary.store import cache

GLOSSARY = """\
name: memo
entries:
  - id: presence
    preferred: presence
    variants: [existence]
"""


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _memos(folder: Path) -> list[Path]:
    return sorted(folder.glob("glossary-key-*")) if folder.exists() else []


def _reads_of(path: Path, monkeypatch) -> list[Path]:
    """The glossary file's reads from now on."""
    reads: list[Path] = []
    real = docio.read_bytes

    def counting(file, *args, **kwargs):
        if Path(file) == path:
            reads.append(Path(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(docio, "read_bytes", counting)
    return reads


def test_a_settled_file_is_not_read_again(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # as if written long ago
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    first = load_glossary(path)
    assert len(_memos(cached)) == 1
    reads = _reads_of(path, monkeypatch)
    again = load_glossary(path)
    assert again.entries == first.entries and again.hash == first.hash
    assert reads == []


def test_a_write_that_keeps_size_and_mtime_is_still_seen(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    assert load_glossary(path).entries[0].variants[0].text == "existence"
    before = os.stat(path)
    time.sleep(0.05)  # past the file system's clock tick
    path.write_text(GLOSSARY.replace("existence", "existance"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime set back
    assert os.stat(path).st_size == before.st_size
    reads = _reads_of(path, monkeypatch)
    assert load_glossary(path).entries[0].variants[0].text == "existance"
    assert reads  # the change time told


def test_a_file_changed_moments_ago_is_not_remembered(tmp_path, cached):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    load_glossary(path)
    assert list(cached.glob("glossary-*.entries"))  # the glossary is cached...
    assert _memos(cached) == []  # ...its key is not remembered yet


def test_a_damaged_memo_is_ignored(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    first = load_glossary(path)
    (memo,) = _memos(cached)
    memo.write_bytes(b"not a memo")
    assert load_glossary(path).entries == first.entries


def test_no_memo_when_the_cache_is_off(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    load_glossary(path)
    assert _memos(cached) == []
