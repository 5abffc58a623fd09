"""The process pool: results identical to one process, in file order; batches cut by bytes;
a default number of processes that is never more than the free cores."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtqa import parallel
from mtqa.glossary import load_glossary
from mtqa.linter import RuleSelection, lint_paths
from mtqa.parallel import byte_batches, choose_jobs
from mtqa.transport import finding_json

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"
PRH_RULES = ROOT / "benchmarks" / "prh-ten-rules.yml"


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(1, 12))
def test_byte_batches_keep_order_and_cover_every_file(sizes, batches):
    files = [f"f{i}" for i in range(len(sizes))]
    out = byte_batches(files, sizes, batches)
    assert [f for b in out for f in b] == files
    assert all(out) and len(out) <= batches


def test_byte_batches_balance_bytes_not_files():
    # One large file and many small ones: the large one gets a batch of its own.
    files = [f"f{i}" for i in range(9)]
    sizes = [800] + [100] * 8
    out = byte_batches(files, sizes, 2)
    assert out == [["f0"], files[1:]]


def test_small_work_runs_in_one_process(monkeypatch):
    files = [f"f{i}" for i in range(parallel.PARALLEL_MIN_FILES)]
    assert choose_jobs(4, files[:-1], [10**6] * (len(files) - 1)) == 1
    assert choose_jobs(None, files, [10] * len(files)) == 1  # a few kilobytes in all
    assert choose_jobs(4, files, [10] * len(files)) == 4  # asked for: as asked


def test_default_jobs_leave_busy_cores_alone(monkeypatch):
    files = [f"f{i}" for i in range(100)]
    sizes = [1 << 20] * 100
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    monkeypatch.setattr(parallel, "busy_cores", lambda: 1.0)
    assert choose_jobs(None, files, sizes) == 1  # another process holds a core
    monkeypatch.setattr(parallel, "busy_cores", lambda: 0.0)
    assert choose_jobs(None, files, sizes) == 2
    monkeypatch.setattr(parallel, "busy_cores", lambda: 7.0)
    assert choose_jobs(None, files, sizes) == 1
    assert 0 <= parallel.busy_cores() < 10_000  # the real count reads without error


def test_busy_is_the_runnable_count_else_the_average(monkeypatch):
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (1.3, 0.5, 0.5))
    monkeypatch.setattr(parallel, "runnable_now", lambda: 0.2)
    assert parallel.busy_cores() == 0.2
    monkeypatch.setattr(parallel, "runnable_now", lambda: None)  # no /proc
    assert parallel.busy_cores() == 1.3


def test_pool_gives_what_one_process_gives(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    for i in range(parallel.PARALLEL_MIN_FILES + 4):
        # Files of different sizes, so batches hold different numbers of files.
        (tmp_path / f"a{i:02d}.md").write_text(text[: len(text) // (1 + i % 5)], encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe\x00bad")
    glossary = load_glossary(PRH_RULES)
    for select in (("TERM001",), ("ALL",)):
        sel = RuleSelection(select=select)
        one = lint_paths([tmp_path], glossary, sel, jobs=1)
        two = lint_paths([tmp_path], glossary, sel, jobs=2)
        assert one.findings and two.findings == one.findings
        assert [f.fix for f in two.findings] == [f.fix for f in one.findings]
        assert two.files == one.files and two.words == one.words
        assert [str(e) for e in two.errors] == [str(e) for e in one.errors]
        # JSON output: workers send each file's findings back as JSON lines.
        encoded = lint_paths([tmp_path], glossary, sel, jobs=2, encoded=True)
        assert list(encoded.findings.json_lines()) == [finding_json(f) for f in one.findings]
        assert encoded.findings.tally() == one.findings.tally()
        assert encoded.findings == one.findings


def _copies(folder: Path, n: int) -> Path:
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        # Each copy a little different, so a result in the wrong file would show.
        (folder / f"a{i:02}.md").write_text(
            text + f"\nThe existence of note {i}.\n", encoding="utf-8"
        )
    (folder / "broken.md").write_bytes(b"not text \x00 at all")  # an error among the files
    return folder


def test_fix_on_two_processes_writes_and_reports_what_one_process_does(tmp_path):
    from mtqa.api import run_fix
    from mtqa.config import Overrides

    one, two = _copies(tmp_path / "one", 20), _copies(tmp_path / "two", 20)
    overrides = Overrides(glossaries=(str(PRH_RULES),))
    serial = run_fix([one], overrides, jobs=1)
    pooled = run_fix([two], overrides, jobs=2)
    for a, b in zip(sorted(one.iterdir()), sorted(two.iterdir()), strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert "presence" in (two / "a07.md").read_text(encoding="utf-8")
    assert [Path(r.path).name for r in pooled.results] == [
        Path(r.path).name for r in serial.results
    ]
    assert [(len(r.applied), len(r.remaining)) for r in pooled.results] == [
        (len(r.applied), len(r.remaining)) for r in serial.results
    ]
    assert [Path(e.path).name for e in pooled.errors] == ["broken.md"]
    assert pooled.summary() == serial.summary() and pooled.exit_code() == serial.exit_code()


def test_lint_on_two_processes_reports_unreadable_files(tmp_path):
    folder = _copies(tmp_path / "docs", 20)
    glossary = load_glossary(PRH_RULES)
    serial = lint_paths([folder], glossary, RuleSelection(select=("TERM001",)), jobs=1)
    pooled = lint_paths([folder], glossary, RuleSelection(select=("TERM001",)), jobs=2)
    assert [(e.path, e.reason) for e in pooled.errors] == [
        (e.path, e.reason) for e in serial.errors
    ]
    assert [Path(e.path).name for e in pooled.errors] == ["broken.md"]
    assert list(pooled.findings) == list(serial.findings)


def _lengths(paths: list[str]) -> list[tuple[str, int]]:
    return [(path, len(path)) for path in paths]


def test_map_files_keeps_file_order_and_ticks_every_file(tmp_path):
    files = []
    for i in range(parallel.PARALLEL_MIN_FILES * 3):
        path = tmp_path / f"f{i:03}.txt"
        path.write_text("x" * (1 + (i * 7919) % 5000), encoding="utf-8")
        files.append(str(path))
    for jobs in (1, 2):
        ticked: list[int] = []
        forked: list[bool] = []
        out = parallel.map_files(
            _lengths, files, jobs, tick=ticked.append, before_fork=lambda f=forked: f.append(True)
        )
        assert out == _lengths(files)
        assert sum(ticked) == len(files)
        assert forked == ([True] if jobs > 1 else [])


def _with_suffix(paths: list[str], suffix: str) -> list[str]:
    return [path + suffix for path in paths]


def test_map_files_on_dask_gives_what_it_gives_here():
    distributed = pytest.importorskip("dask.distributed", reason="dask is not installed")
    files = [f"f{i}" for i in range(30)]
    ticked: list[int] = []
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as client:
        dask = parallel.Dask(client, {"suffix": "!"}, batches=7)
        out = parallel.map_files(_with_suffix, files, dask=dask, tick=ticked.append)
    assert out == [f + "!" for f in files]
    assert len(ticked) == 7 and sum(ticked) == len(files)
