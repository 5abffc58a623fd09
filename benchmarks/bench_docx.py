"""Speed of Word documents against the same text as Markdown, and against python-docx.

    python benchmarks/bench_docx.py [--rounds 7]

The seed article (corpora/us-military-presence-in-iraq.md) is made into a Word document: each
prose paragraph one paragraph, its text cut into runs of 7 characters (mid-word, as Word cuts
text), headings in heading styles. Each round measures, in an order that alternates from round
to round:
- `mtqa lint seed.docx` and `mtqa lint seed.md` (whole commands, default glossary, JSON);
- in this process: mtqa reading the Word document (`read_document`), mtqa reading and linting
  it, and python-docx's `"\\n".join(p.text for p in Document(f).paragraphs)` on the same file.
Reports the median and min-max of each, and the ratios round by round (median, min-max): Word
lint / Markdown lint (target: at most 2) and python-docx extraction / mtqa's read and lint
(target: at least 5). Writes benchmarks/results/word_speed.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from mtqa import default_glossary  # noqa: E402
from mtqa.checks import CheckContext  # noqa: E402
from mtqa.linter import lint_document  # noqa: E402
from mtqa.readers import read_document  # noqa: E402
from tests.docx_builder import from_markdown  # noqa: E402

SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def timed(fn, repeat: int = 5) -> float:
    """The best of `repeat` calls, in seconds (one round's figure for an in-process step)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def summary(values: list[float], scale: float = 1000.0) -> dict:
    return {
        "median": round(statistics.median(values) * scale, 2),
        "min": round(min(values) * scale, 2),
        "max": round(max(values) * scale, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    import docx  # python-docx, from the test extra

    work = Path(tempfile.mkdtemp(prefix="mtqa-word-bench-"))
    md = work / "seed.md"
    md.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    data, _ = from_markdown(read_document(md))
    word = work / "seed.docx"
    word.write_bytes(data)
    lint = [sys.executable, "-m", "mtqa", "lint", "-f", "json"]
    ctx = CheckContext(glossary=default_glossary())

    steps = {
        "mtqa lint seed.docx": lambda: wall([*lint, str(word)]),
        "mtqa lint seed.md": lambda: wall([*lint, str(md)]),
        "mtqa read (in process)": lambda: timed(lambda: read_document(word)),
        "mtqa read + lint (in process)": lambda: timed(
            lambda: lint_document(read_document(word), context=ctx)
        ),
        "python-docx paragraphs text": lambda: timed(
            lambda: "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
        ),
    }
    for step in steps.values():  # warm-up: bytecode, glossary cache, imports
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for r in range(args.rounds):
        order = list(steps) if r % 2 == 0 else list(reversed(steps))
        for name in order:
            times[name].append(steps[name]())
    ratios = {
        "Word lint / Markdown lint": [
            a / b for a, b in zip(times["mtqa lint seed.docx"], times["mtqa lint seed.md"],
                                  strict=True)
        ],
        "python-docx extraction / mtqa read + lint": [
            a / b for a, b in zip(times["python-docx paragraphs text"],
                                  times["mtqa read + lint (in process)"], strict=True)
        ],
        "python-docx extraction / mtqa read": [
            a / b for a, b in zip(times["python-docx paragraphs text"],
                                  times["mtqa read (in process)"], strict=True)
        ],
    }
    result = {
        "rounds": args.rounds,
        "paragraphs": read_document(word).text.count("\n") + 1,
        "times_ms": {k: summary(v) for k, v in times.items()},
        "ratios": {k: summary(v, 1.0) for k, v in ratios.items()},
    }
    print("| step | median ms | min-max ms |")
    print("|---|---|---|")
    for name, s in result["times_ms"].items():
        print(f"| {name} | {s['median']} | {s['min']}-{s['max']} |")
    print()
    print("| ratio (round by round) | median | min-max |")
    print("|---|---|---|")
    for name, s in result["ratios"].items():
        print(f"| {name} | {s['median']} | {s['min']}-{s['max']} |")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "word_speed.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
