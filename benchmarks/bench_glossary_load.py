"""Load and compile a large glossary, cold and cached, as mtqa YAML and as TBX.

    python benchmarks/bench_glossary_load.py [--entries 100000] [--repeat 3]

The glossaries are run_lint.big_glossary's (the ten prh rules and synthetic name entries), the
TBX written from the same entries by `mtqa glossary convert`'s writer (without the ten prh
rules, which are regexes a TBX cannot hold). Each figure is the best of --repeat fresh
interpreters (so no step profits from another's imports or caches): `cold` parses and validates
the file and builds the term matcher with an empty cache folder (and stores both), `cached`
does the same with the cache that run left. Peak memory is the interpreter's largest resident
set. Prints one line per figure; writes nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_lint import WORK, big_glossary  # noqa: E402

PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
from mtqa.glossary import load_glossary
from mtqa.matching.automaton import term_matcher
t1 = time.perf_counter()
g = load_glossary(sys.argv[1])
t2 = time.perf_counter()
m = term_matcher(g)
t3 = time.perf_counter()
print(json.dumps({"entries": len(g), "keys": m.size, "import_s": t1 - t0, "load_s": t2 - t1,
                  "matcher_s": t3 - t2, "peak_mib": resource.getrusage(
                      resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def big_tbx(n: int) -> Path:
    from mtqa.glossary import load_glossary
    from mtqa.glossary.model import Glossary
    from mtqa.glossary.writers import to_tbx

    path = WORK / f"glossary-{n}.tbx"
    if not path.exists():
        g = load_glossary(big_glossary(n))
        plain = tuple(e for e in g.entries if not any(v.regex for v in e.variants))
        path.write_text(to_tbx(Glossary(g.name, plain)), encoding="utf-8")
    return path


def probe(path: Path, cache: Path) -> dict:
    env = {**os.environ, "MTQA_CACHE_DIR": str(cache)}
    env.pop("MTQA_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    # Made in a child: this process stays small, so the probes it starts inherit no high
    # resident set of its own (Linux reports the larger of the two).
    made = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); from bench_glossary_load import "
            "big_glossary, big_tbx; n = int(sys.argv[2]); print(big_glossary(n)); "
            "print(big_tbx(n))",
            str(HERE),
            str(args.entries),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    for path in map(Path, made.stdout.split()):
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            cache = Path(tempfile.mkdtemp(prefix="mtqa-bench-cache-"))
            try:
                for kind in ("cold", "cached"):
                    r = probe(path, cache)
                    total = r["load_s"] + r["matcher_s"]
                    if kind not in best or total < best[kind]["load_s"] + best[kind]["matcher_s"]:
                        best[kind] = r
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        for kind, r in best.items():
            print(
                f"{path.name} {kind}: {r['entries']:,} entries, {r['keys']:,} keys; "
                f"load {r['load_s']:.3f} s + matcher {r['matcher_s']:.3f} s = "
                f"{r['load_s'] + r['matcher_s']:.3f} s; peak {r['peak_mib']:.0f} MiB "
                f"(imports {r['import_s']:.3f} s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
