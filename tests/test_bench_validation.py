"""benchmarks/bench_validation.py, the measure that keeps validation's fast lane, runs and finds
the fast lane and the validator alone giving the same glossary and hash."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_the_fast_lane_benchmark_builds_the_same_glossary_both_ways(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    import bench_validation

    try:
        assert bench_validation.main(["--entries", "300", "--rounds", "1"]) == 0
    finally:
        sys.modules.pop("bench_validation", None)
    out = capsys.readouterr().out
    assert "same glossary and hash both ways" in out
    assert "fast lane + validator: 300 entries" in out
