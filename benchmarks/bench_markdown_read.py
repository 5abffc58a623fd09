"""Benchmark: reading Markdown in-process, the seed article and (optionally) a folder of pages.

    python benchmarks/bench_markdown_read.py [--pages FOLDER] [--against CHECKOUT] [--rounds 300]

Times `read_document` and `parse_markdown` (the reader without the file read, decoding and
digest) of the seed article, best of --rounds, and with --pages the sum over every page of the
folder of each page's best parse. With --against, a second checkout's mtqa (an older commit:
`mkdir ../before && git archive HEAD~5 | tar -x -C ../before`) is loaded beside this one under another package
name, and the two run in turns, call by call, so that load from other processes falls on both
alike: on a shared machine that is the comparison to trust. Prints a Markdown table and writes
benchmarks/results/markdown_read.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"


def load(checkout: Path, name: str, into: Path):
    """The readers module and parse_markdown of `checkout`'s mtqa, imported as package `name`
    (its modules import each other relatively, so a copy under another name is independent)."""
    shutil.copytree(checkout / "mtqa", into / name)
    readers = importlib.import_module(f"{name}.readers")
    return readers.read_document, importlib.import_module(f"{name}.readers.markdown").parse_markdown


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=Path, help="a folder of .md pages to parse as well")
    ap.add_argument("--against", type=Path, help="another checkout to compare with")
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        trees = {"this": load(ROOT, "mtqa_this", Path(tmp))}
        if args.against:
            trees["against"] = load(args.against.resolve(), "mtqa_against", Path(tmp))
        text = SEED.read_text(encoding="utf-8")
        pages = []
        if args.pages:
            pages = [p.read_text("utf-8", "replace") for p in sorted(args.pages.rglob("*.md"))]
        best = {name: {"read": 1e9, "parse": 1e9} for name in trees}
        page_best = {name: [1e9] * len(pages) for name in trees}
        clock = time.perf_counter
        every = max(1, args.rounds // 3)  # rounds between two passes over the pages
        for round_ in range(args.rounds):
            for name, (read, parse) in trees.items():  # in turns: a burst of load hits both
                t = clock()
                read(SEED)
                best[name]["read"] = min(best[name]["read"], clock() - t)
                t = clock()
                parse(text)
                best[name]["parse"] = min(best[name]["parse"], clock() - t)
            # Pages: best of three passes, spread over the rounds (so that a burst of load
            # cannot cover every measurement of the seed), each page in turns.
            if pages and round_ % every == 0 and round_ // every < 3:
                for i, page in enumerate(pages):
                    for name, (_, parse) in trees.items():
                        t = clock()
                        parse(page)
                        page_best[name][i] = min(page_best[name][i], clock() - t)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "load_average_before_after": [load_before, round(os.getloadavg()[0], 2)],
        "rounds": args.rounds,
        "seed_chars": len(text),
        "pages": len(pages),
        "trees": {
            name: {
                "read_document_ms": round(b["read"] * 1e3, 3),
                "parse_markdown_ms": round(b["parse"] * 1e3, 3),
                **({"pages_parse_s": round(sum(page_best[name]), 3)} if pages else {}),
            }
            for name, b in best.items()
        },
    }
    print(
        "| checkout | read_document (seed) | parse_markdown (seed) |"
        + (" pages |" if pages else "")
    )
    print("|---|---|---|" + ("---|" if pages else ""))
    for name, r in result["trees"].items():
        row = f"| {name} | {r['read_document_ms']:.3f} ms | {r['parse_markdown_ms']:.3f} ms |"
        print(row + (f" {r['pages_parse_s']:.3f} s |" if pages else ""))
    out = HERE / "results" / "markdown_read.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
