"""Benchmark: the cost of reading (and linting) a large XLIFF next to the same text as Markdown.

    python benchmarks/bench_bilingual_read.py [FILE] [--repeat 5]

FILE defaults to the 1.4 MB Angular i18n XLIFF of the real-world set (2,517 units). The Markdown
twin holds the same target texts, one paragraph per segment, so the difference is what the XML
costs: decoding, lxml's well-formedness and safety pass, the offset scan, and the segments.
Prints a Markdown table (for docs/benchmarks.md) and writes benchmarks/results/bilingual_read.json.
Times are in-process wall times, best of --repeat.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from mtqa import default_glossary  # noqa: E402
from mtqa.checks import CheckContext  # noqa: E402
from mtqa.linter import lint_document  # noqa: E402
from mtqa.readers import document_from_text, read_document  # noqa: E402

DEFAULT = ROOT.parent / "shared/realworld/bilingual/xliff12/orcid-messages.ar.xlf"


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.file)
    size = path.stat().st_size
    t_xlf, doc = best(lambda: read_document(path), args.repeat)
    markdown = "\n\n".join((s.target or "").replace("\n", " ") for s in doc.segments) + "\n"
    t_md, md = best(lambda: document_from_text(markdown, "twin.md"), args.repeat)
    ctx = CheckContext(glossary=default_glossary())
    lint_document(md, context=ctx)  # warm the glossary automaton once
    t_lint_xlf, f_xlf = best(lambda: lint_document(doc, context=ctx), args.repeat)
    t_lint_md, f_md = best(lambda: lint_document(md, context=ctx), args.repeat)
    result = {
        "file": path.name,
        "bytes": size,
        "segments": len(doc.segments),
        "markdown_chars": len(markdown),
        "read_xliff_s": t_xlf,
        "read_markdown_s": t_md,
        "lint_xliff_s": t_lint_xlf,
        "lint_markdown_s": t_lint_md,
        "findings_xliff": len(f_xlf),
        "findings_markdown": len(f_md),
        "python": platform.python_version(),
    }
    (HERE / "results" / "bilingual_read.json").write_text(json.dumps(result, indent=1) + "\n")
    print("| input | size | segments/paragraphs | read | lint (read excluded) | findings |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {path.name} (XLIFF) | {size / 1e6:.2f} MB | {len(doc.segments)} "
        f"| {t_xlf * 1000:.0f} ms | {t_lint_xlf * 1000:.0f} ms | {len(f_xlf)} |"
    )
    print(
        f"| same targets as Markdown | {len(markdown.encode()) / 1e6:.2f} MB "
        f"| {len(md.blocks)} | {t_md * 1000:.0f} ms | {t_lint_md * 1000:.0f} ms | {len(f_md)} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
