"""What each check costs: the documents of a folder read once, then each check run over all of
them (best of --rounds), in-process, beside TERM001 alone.

    python benchmarks/rule_costs.py [FOLDER] [-g GLOSSARY] [--rounds 3]

The default folder is benchmarks/work/corpus200 (run_speed.py builds it), the default glossary
the ten prh rules. Times are wall seconds of the checks only (no reading, no output); a check
that shares work with another (the code point tables of matching/chars.py) pays for it here.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mtqa.checks import CHECKS, CheckContext
from mtqa.files import discover
from mtqa.glossary import load_glossary
from mtqa.readers import read_document
from mtqa.selection import RuleSelection

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(HERE / "work" / "corpus200"))
    ap.add_argument("-g", "--glossary", default=str(HERE / "prh-ten-rules.yml"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    files, _ = discover([args.folder])
    docs = [read_document(p) for p in files]
    ctx = CheckContext(glossary=load_glossary(args.glossary))
    _ = ctx.matcher, ctx.variant_finder  # built once per run, as the linter does
    on = RuleSelection().codes_for(None)
    runs = [("+".join(c.codes), c, on) for c in CHECKS]
    runs.append(("TERM001 alone", CHECKS[0], frozenset({"TERM001"})))
    print(f"{len(docs)} documents, glossary {Path(args.glossary).name}")
    for label, check, codes in runs:
        on_ctx = ctx.for_codes(codes)
        best, found = float("inf"), 0
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            found = sum(1 for d in docs for f in check.run(d, on_ctx) if f.code in codes)
            best = min(best, time.perf_counter() - t0)
        print(f"{label:36s} {best:7.3f} s  {found:7d} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
