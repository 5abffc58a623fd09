"""What validation's fast lane (glossary/store/plain.py) saves: a large glossary validated and
hashed with it and with the one general validator alone, in the same process, alternating.

    python benchmarks/bench_validation.py [--entries 100000] [--rounds 3]

The glossary is run_lint.big_glossary's (the ten prh rules and synthetic name entries), read
once; each round builds it both ways and takes its hash (what a first, uncached load does
besides parsing and storing). Figures are CPU seconds (time.process_time), which a busy machine
disturbs less than wall time. Both ways must give the same glossary and the same hash; the
script exits 1 where they do not. Prints one line per way; writes nothing else.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_lint import big_glossary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    import mtqa.glossary.store.plain as plain
    from mtqa.glossary.build import build_glossary
    from mtqa.glossary.loaders import read_raw_glossary

    path = str(big_glossary(args.entries))
    raw = read_raw_glossary(path)
    fast_lane = plain.plain_row
    ways = {"fast lane + validator": fast_lane, "validator alone": lambda *a: None}
    times: dict[str, list[float]] = {name: [] for name in ways}
    made: dict[str, tuple] = {}
    try:
        for _ in range(args.rounds):
            for name, lane in ways.items():
                plain.plain_row = lane
                gc.collect()
                t = time.process_time()
                g = build_glossary(raw, path)
                digest = g.hash
                times[name].append(time.process_time() - t)
                made[name] = (tuple(g.entries), digest)
    finally:
        plain.plain_row = fast_lane
    for name, spent in times.items():
        print(
            f"{name}: {args.entries:,} entries validated and hashed in "
            f"{statistics.median(spent):.3f} CPU s (median; "
            + ", ".join(f"{s:.3f}" for s in spent)
            + ")"
        )
    same = len({m for m in made.values()}) == 1
    print("same glossary and hash both ways" if same else "the two ways DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
