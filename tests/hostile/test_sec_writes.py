"""Writes that are never a mix: hard links, read-only files, an edit saved during a fix."""

from __future__ import annotations

import os
import textwrap

import pytest

from mtqa.documents import io
from mtqa.errors import InputError

from .bounded import run_mtqa, run_python

OLD = "It was the the first base.\n" + "Line of text that stays as it is.\n" * 200
NEW = "It was the first base.\n" + "Line of text that stays as it is.\n" * 200


def test_read_only_file_is_refused_with_the_reason(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(OLD, encoding="utf-8")
    a.chmod(0o444)
    r = run_mtqa(["fix", str(a)], tmp_path)
    assert r.returncode == 2 and "read-only (mode 0444)" in r.stderr
    assert a.read_text(encoding="utf-8") == OLD


def test_edit_saved_while_the_fix_is_written_is_not_lost(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(OLD, encoding="utf-8")

    def chunks():
        yield NEW.encode("utf-8")[:10]
        a.write_text(OLD + "An edit saved meanwhile.\n", encoding="utf-8")  # the editor
        yield NEW.encode("utf-8")[10:]

    with pytest.raises(InputError, match="changed on disk"):
        io.write_chunks_atomic(a, chunks(), expected_digest=io.digest(OLD.encode("utf-8")))
    assert a.read_text(encoding="utf-8").endswith("An edit saved meanwhile.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


# A fix killed half way through the in-place write of a hard-linked file: the first write
# to the file (opened for update) puts half its bytes down, then the process is killed.
KILLED_MID_WRITE = textwrap.dedent(
    """
    import builtins, os, signal, sys
    from mtqa.documents import io

    class HalfThenKill:
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)
        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        def __getattr__(self, name):
            return getattr(self.fh, name)

    def killing_open(file, mode="r", *args, **kwargs):
        fh = builtins.open(file, mode, *args, **kwargs)
        return HalfThenKill(fh) if mode == "r+b" else fh

    io.open = killing_open
    old = open(sys.argv[1], "rb").read()
    io.write_atomic(sys.argv[1], sys.argv[2].encode("utf-8"), expected_digest=io.digest(old))
    """
)


def test_hard_linked_file_killed_mid_write_keeps_a_whole_copy(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD, encoding="utf-8")
    os.link(a, b)
    r = run_python(["-c", KILLED_MID_WRITE, str(a), NEW], tmp_path)
    assert r.returncode == -9  # killed, as planned
    now = a.read_text(encoding="utf-8")
    assert b.read_text(encoding="utf-8") == now  # still one file under two names
    if now not in (OLD, NEW):
        # A mix on disk: the original must wait beside it, whole.
        backup = io.backup_name(a)
        assert backup.read_text(encoding="utf-8") == OLD


def test_hard_linked_file_is_fixed_under_both_names_and_leaves_nothing_behind(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD, encoding="utf-8")
    os.link(a, b)
    r = run_mtqa(["fix", str(a)], tmp_path)
    assert r.returncode == 0, r.stderr
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8") == NEW
    assert os.stat(a).st_ino == os.stat(b).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]
