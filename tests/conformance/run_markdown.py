"""Run `mtqa fix` over a copy of any folder of Markdown and report what a writer would fear.

    python -m tests.conformance.run_markdown FOLDER -g GLOSSARY [--work DIR] [--examples N]

The folder is copied (symlinks kept as links) and fixed in the copy with the library, as
`mtqa fix` does it. Reported: files whose structure changed (judged by markdown-it-py, a
different parser from mtqa's own, see structure.py), findings on lines that are code, crashes
(any exception that is not a clean one-line input error), fixes applied and withheld by
verification (with examples and reasons), whether a second run still finds something to fix
(idempotence), and the time taken. Exit 1 when any file changed structure or crashed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from mtqa.checks import CheckContext
from mtqa.errors import InputError
from mtqa.files import discover
from mtqa.fixing import fix_document, write_fixed
from mtqa.glossary import load_glossaries
from mtqa.readers import read_document
from mtqa.selection import RuleSelection

from .structure import code_lines, differences

MARKDOWN = (".md", ".markdown")


def run(folder: Path, glossaries: list[str], work: Path, examples: int = 10) -> dict:
    before, after = work / "before", work / "after"
    for d in (before, after):
        if d.exists():
            shutil.rmtree(d)
        shutil.copytree(folder, d, symlinks=True)
    glossary = load_glossaries(glossaries)
    ctx = CheckContext(glossary=glossary)
    selection = RuleSelection()
    files, _ = discover([after])
    stats: Counter = Counter()
    withheld_examples: list[str] = []
    withheld_reasons: Counter = Counter()
    crashes: list[str] = []
    in_code: list[str] = []
    started = time.perf_counter()
    for path in files:
        stats["files"] += 1
        try:
            doc = read_document(path)
            result = fix_document(doc, selection=selection, context=ctx)
            write_fixed(doc, result)
        except InputError as exc:
            stats["input errors"] += 1
            print(f"input error (clean): {exc}", file=sys.stderr)
            continue
        except Exception:
            crashes.append(f"{path}: {traceback.format_exc(limit=3)}")
            continue
        stats["fixes applied"] += len(result.applied)
        stats["fixes withheld"] += len(result.withheld)
        stats["files changed"] += result.changed
        for f, reason in result.withheld:
            withheld_reasons[reason.split(" (")[0]] += 1
            if len(withheld_examples) < examples:
                rel = Path(path).relative_to(after)
                withheld_examples.append(f"{rel}:{f.line}: {f.code} {f.text!r}: {reason}")
        if path.endswith(MARKDOWN):
            code = code_lines(doc.text)
            for f in result.applied:
                if f.line in code and f.fix and f.fix.start >= 0:
                    in_code.append(f"{Path(path).relative_to(after)}:{f.line}: {f.text!r}")
    stats["seconds (fix)"] = round(time.perf_counter() - started, 1)

    changed: list[str] = []
    for path in files:
        if not path.endswith(MARKDOWN):
            continue
        rel = Path(path).relative_to(after)
        try:
            a = (before / rel).read_text(encoding="utf-8", errors="replace")
            b = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        diff = differences(a, b)
        if diff:
            changed.append(f"{rel}: {', '.join(diff)}")

    # Idempotence: a second run over the fixed copy finds nothing left to fix.
    second = 0
    for path in files:
        try:
            doc = read_document(path)
        except InputError:
            continue
        second += len(fix_document(doc, selection=selection, context=ctx).applied)

    return {
        "stats": stats,
        "structure changed": changed,
        "fixes on code lines": in_code,
        "crashes": crashes,
        "withheld examples": withheld_examples,
        "withheld reasons": withheld_reasons,
        "second run fixes": second,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-g", "--glossary", action="append", required=True)
    ap.add_argument("--work", type=Path, help="where to copy (default: a temporary folder)")
    ap.add_argument("--examples", type=int, default=10)
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="mtqa-conformance-"))
    report = run(args.folder, args.glossary, work, args.examples)
    s = report["stats"]
    print(
        f"files: {s['files']}  changed by fixes: {s['files changed']}  "
        f"input errors: {s['input errors']}  crashes: {len(report['crashes'])}"
    )
    print(
        f"fixes applied: {s['fixes applied']}  withheld by verification: "
        f"{s['fixes withheld']}  second run applies: {report['second run fixes']}"
    )
    print(f"structure changed (markdown-it-py): {len(report['structure changed'])} files")
    print(f"fixes on code lines: {len(report['fixes on code lines'])}")
    print(f"time to fix: {s['seconds (fix)']} s")
    for title in ("structure changed", "fixes on code lines", "crashes", "withheld examples"):
        items = report[title]
        if items:
            print(f"\n{title}:")
            for line in items[: args.examples]:
                print(f"  {line}")
    if report["withheld reasons"]:
        print("\nwithheld, by reason:")
        for reason, n in report["withheld reasons"].most_common():
            print(f"  {n:6d}  {reason}")
    print(f"\n(copies in {work})")
    return 1 if report["structure changed"] or report["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
