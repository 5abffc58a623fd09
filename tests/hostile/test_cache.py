"""The caches cannot be turned against the user: a file planted in the cache folder never runs
code or changes what mtqa reports or writes, and a folder others control is not used."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mtqa
from mtqa.cli import app
from mtqa.glossary import load_glossary
from mtqa.glossary.store.cache import file_key
from mtqa.matching import finder_cache
from mtqa.matching.discovery import VariantFinder

ONE = "entries:\n- preferred: Iraq\n  variants: [Irak]\n"
# What the attacker wants loaded instead: two entries, one rewriting "Iraq" to "Iran".
TWO = "entries:\n- preferred: Iran\n  variants: [Iraq]\n- preferred: Mosul\n  variants: [Mawsil]\n"


@pytest.fixture
def victim(tmp_path, monkeypatch):
    """The user's own cache folder (not yet created)."""
    folder = tmp_path / "victim-cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return folder


class _Planted:
    """A pickle that, when loaded, creates a file: code run from the cache."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


def test_a_planted_pickle_in_the_cache_runs_nothing(victim, tmp_path, monkeypatch):
    monkeypatch.setattr(finder_cache, "MIN_ENTRIES", 1)  # the default glossary is small
    glossary = mtqa.default_glossary()
    VariantFinder(glossary)  # stores the index: now we know which file the next run reads
    (stored,) = [p for p in victim.iterdir() if p.name.startswith("finder-")]
    marker = tmp_path / "code-ran"
    stored.write_bytes(pickle.dumps(_Planted(marker)))
    finder = VariantFinder(glossary)
    assert not marker.exists()
    assert finder.identify("Ayn al-Asad") is not None  # the index was simply built again


def test_no_unpickling_anywhere():
    root = Path(mtqa.__file__).parent
    for source in root.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "pickle.load" not in text and "Unpickler" not in text, source


def _forged_entry(tmp_path: Path, glossary: Path) -> Path:
    """Another user's cache file for the 1-entry `glossary`, holding 2 entries: made in the
    attacker's own cache folder from the 2-entry version and renamed to the key of the
    1-entry version (a key anyone can compute from the file)."""
    attacker = tmp_path / "attacker-cache"
    saved = os.environ["MTQA_CACHE_DIR"]
    os.environ["MTQA_CACHE_DIR"] = str(attacker)
    try:
        glossary.write_text(TWO, encoding="utf-8")
        assert len(load_glossary(glossary).entries) == 2
        key_two = file_key(glossary, None)
        glossary.write_text(ONE, encoding="utf-8")
        key_one = file_key(glossary, None)
    finally:
        os.environ["MTQA_CACHE_DIR"] = saved
    (made,) = attacker.glob(f"glossary-{key_two}.entries")
    return made, f"glossary-{key_one}.entries"


def test_a_planted_glossary_entry_changes_nothing(victim, tmp_path):
    glossary = tmp_path / "terms.yaml"
    forged, name = _forged_entry(tmp_path, glossary)
    victim.mkdir(mode=0o700)
    shutil.copy(forged, victim / name)
    assert [e.preferred for e in load_glossary(glossary).entries] == ["Iraq"]
    draft = tmp_path / "draft.md"
    draft.write_text("Troops left Iraq in 2011.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["fix", str(draft), "-g", str(glossary)])
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == "Troops left Iraq in 2011.\n"


def test_the_folder_is_private_and_the_key_is_secret(victim):
    load_glossary(Path(mtqa.default_glossary().path))
    assert stat.S_IMODE(victim.stat().st_mode) == 0o700
    key = victim / "hmac-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32


def _refused(victim: Path, capsys, why: str) -> None:
    glossary = load_glossary(Path(mtqa.default_glossary().path))
    assert len(glossary.entries) > 0
    load_glossary(Path(mtqa.default_glossary().path))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mtqa: warning: ") and why in err
    assert not [p for p in victim.iterdir() if p.name.startswith("glossary-")]


def test_a_folder_others_can_write_is_not_used(victim, capsys):
    victim.mkdir()
    victim.chmod(0o777)
    _refused(victim, capsys, "writable by others")


def test_a_folder_of_another_user_is_not_used(victim, capsys, monkeypatch):
    victim.mkdir(mode=0o700)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)
    _refused(victim, capsys, "another user")


def test_a_key_file_others_can_read_is_replaced(victim):
    victim.mkdir(mode=0o700)
    key = victim / "hmac-key"
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)
    load_glossary(Path(mtqa.default_glossary().path))
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.read_bytes() != b"k" * 32


def test_temporary_files_are_removed_when_a_store_fails(victim, monkeypatch):
    monkeypatch.setattr(finder_cache, "MIN_ENTRIES", 1)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert VariantFinder(mtqa.default_glossary()).identify("Ayn al-Asad") is not None
    load_glossary(Path(mtqa.default_glossary().path))
    assert victim.exists()
    assert [p.name for p in victim.iterdir()] == ["hmac-key"]


def test_no_cache_turns_every_cache_off(victim, monkeypatch):
    from mtqa.mt.base import Candidate
    from mtqa.mt.cache import TranslationCache

    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    monkeypatch.setattr(finder_cache, "MIN_ENTRIES", 1)
    load_glossary(Path(mtqa.default_glossary().path))
    VariantFinder(mtqa.default_glossary())
    cache = TranslationCache(victim)
    cache.put("k", [Candidate(text="t", score=0.0)])
    assert cache.get("k") is None
    cache.close()
    assert not victim.exists() or not list(victim.iterdir())


def test_one_cache_root_for_every_cache(victim):
    from mtqa import cachedir
    from mtqa.mt.cache import default_cache_dir

    assert default_cache_dir() == victim == cachedir.cache_path()
