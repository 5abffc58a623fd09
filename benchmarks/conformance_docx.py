"""Conformance of the Word reader and writer on any folder of Word documents.

    python benchmarks/conformance_docx.py DIR --glossary G.yaml [--checker CHECK.py]
                                          [--libreoffice] [--review] [--work WORKDIR]

The folder is copied twice (only .docx, .docm and .dotx files); `mtqa fix` with the glossary
runs over every copy, once writing tracked changes and once plain edits, one file at a time
through the library, as the command does. `--review` adds a third copy, each file replaced by
its review copy (`mtqa report FILE -o COPY.docx`: fixes tracked, the other findings as
comments), checked by `review_copy_check.py` (the checker judges the copy without mtqa's
comments; mtqa's ids and anchors are checked on their own), and LibreOffice must show every
comment the copy has. For each mode it reports:
- files read, and files refused with a one-line reason (the reasons are listed);
- crashes: any error other than mtqa's one-line refusal (with the traceback's last line);
- fixes made and withheld (with the most common reasons), and files changed;
- structure changes: what an independent checker (`--checker`, a script taking BEFORE AFTER
  --expect tracked|clean, exit status 1 on a problem) says of every changed file; without one,
  mtqa's own read-back check only;
- reject-all failures: files where rejecting every revision does not give the text back (from
  the checker's report);
- files LibreOffice cannot open (`--libreoffice`, when `soffice` is installed);
- the time taken.
Prints a Markdown table and writes benchmarks/results/conformance_docx.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from review_copy_check import check as check_review  # noqa: E402

from mtqa import api  # noqa: E402
from mtqa.config import Overrides  # noqa: E402
from mtqa.errors import InputError  # noqa: E402

WORD = (".docx", ".docm", ".dotx")


def copy_tree(source: Path, target: Path) -> list[Path]:
    files = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix.lower() in WORD:
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            files.append(dest)
    return files


def fix_all(files: list[Path], glossary: str, tracked: bool | None) -> dict:
    """`tracked`: tracked changes, plain edits, or None: each file replaced by its review
    copy."""
    overrides = Overrides(glossaries=(glossary,), track_changes=tracked, unsafe_fixes=False)
    out = {"read": 0, "refused": {}, "crashes": {}, "changed": [], "fixes": 0, "withheld": 0,
           "withheld_reasons": Counter(), "comments": 0}
    start = time.perf_counter()
    for path in files:
        try:
            run = review_in_place(path, overrides) if tracked is None else api.run_fix(
                [str(path)], overrides, jobs=1
            )
        except InputError as exc:  # a review copy's errors are raised, a fix run's collected
            run = SimpleNamespace(errors=[exc])
        except Exception:  # a crash: what this script is here to find
            out["crashes"][str(path)] = traceback.format_exc().strip().splitlines()[-1]
            continue
        if run.errors:
            reason = run.errors[0].reason
            if reason.endswith("not written"):
                out["crashes"][str(path)] = "write refused: " + reason
            else:
                out["refused"][str(path)] = reason
            continue
        out["read"] += 1
        for result in run.results:
            out["fixes"] += len(result.applied)
            out["withheld"] += len(result.withheld)
            out["withheld_reasons"].update(reason for _, reason in result.withheld)
            if result.changed or getattr(run, "comments", 0):
                out["changed"].append(str(path))
        out["comments"] += getattr(run, "comments", 0)
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def review_in_place(path: Path, overrides: Overrides) -> SimpleNamespace:
    """The review copy of `path` written over it; its results and errors as a fix run has
    them, and the number of comments."""
    review = api.run_review([str(path)], None, overrides)
    if review.result.changed or review.comments:
        path.write_bytes(review.data)
    return SimpleNamespace(results=[review.result], errors=[], comments=review.comments)


def check_structure(checker: str | None, before: Path, after: Path, files: list[str],
                    tracked: bool | None) -> dict[str, list[str]]:
    """The checker's problems for each changed file (an empty dict: none); review copies
    (`tracked` None) also get review_copy_check's own checks, with or without a checker."""
    problems = {}
    if tracked is None:
        for f in files:
            found = check_review(before / Path(f).relative_to(after), Path(f), checker)
            if found:
                problems[f] = found
        return problems
    if checker is None:
        return {}
    for f in files:
        rel = Path(f).relative_to(after)
        r = subprocess.run(
            [sys.executable, checker, str(before / rel), f, "--expect",
             "tracked" if tracked else "clean"],
            capture_output=True, text=True,
        )
        if r.returncode != 0:
            problems[f] = [line.strip() for line in r.stdout.splitlines()[1:-1]]
    return problems


def libreoffice_failures(files: list[str], review: bool = False) -> list[str] | None:
    """The files LibreOffice cannot open; `review`: also those where it shows fewer comments
    than the copy's comments part holds."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return None
    from libreoffice_view import view

    failed = []
    for i in range(0, len(files), 50):  # one LibreOffice start per 50 files
        for seen in view(files[i : i + 50]):
            if "error" in seen or (
                review and len(seen["comments"]) < comment_count(seen["path"])
            ):
                failed.append(seen["path"])
    return failed


def comment_count(path: str) -> int:
    import zipfile

    from lxml import etree

    from mtqa.readers.docx.xml import W_NS

    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"word/comments\d*\.xml", n)]
        return sum(len(etree.fromstring(z.read(n)).findall(f"{{{W_NS}}}comment")) for n in names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--glossary", "-g", required=True)
    ap.add_argument("--checker", help="an independent structure checker script")
    ap.add_argument("--libreoffice", action="store_true")
    ap.add_argument("--review", action="store_true", help="also make and check review copies")
    ap.add_argument("--work", help="where the copies go (default: a temporary folder)")
    args = ap.parse_args()
    source = Path(args.folder)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="mtqa-docx-"))
    rows = {}
    modes = [("tracked", True), ("plain", False)] + ([("review", None)] if args.review else [])
    for mode, tracked in modes:
        target = work / mode
        if target.exists():
            shutil.rmtree(target)
        files = copy_tree(source, target)
        result = fix_all(files, args.glossary, tracked)
        structure = check_structure(args.checker, source, target, result["changed"], tracked)
        reject = [f for f, ps in structure.items() if any("rejecting" in p for p in ps)]
        lo = libreoffice_failures(result["changed"], tracked is None) if args.libreoffice else None
        rows[mode] = {
            "files": len(files),
            "read": result["read"],
            "refused": result["refused"],
            "crashes": result["crashes"],
            "changed": len(result["changed"]),
            "fixes": result["fixes"],
            "withheld": result["withheld"],
            "comments": result["comments"],
            "withheld_reasons": dict(result["withheld_reasons"].most_common(8)),
            "structure_changes": structure,
            "reject_all_failures": reject,
            "libreoffice_failures": lo,
            "seconds": result["seconds"],
        }
    print("| mode | files | read | refused | crashes | changed | fixes | withheld | comments | "
          "structure changes | reject-all failures | LibreOffice failures | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for mode, r in rows.items():
        lo = "n/a" if r["libreoffice_failures"] is None else len(r["libreoffice_failures"])
        checked = args.checker or mode == "review"
        print(f"| {mode} | {r['files']} | {r['read']} | {len(r['refused'])} | "
              f"{len(r['crashes'])} | {r['changed']} | {r['fixes']} | {r['withheld']} | "
              f"{r['comments'] if mode == 'review' else '-'} | "
              f"{len(r['structure_changes']) if checked else 'n/a'} | "
              f"{len(r['reject_all_failures']) if args.checker else 'n/a'} | {lo} | "
              f"{r['seconds']} |")
    for mode, r in rows.items():
        for f, why in list(r["refused"].items()):
            print(f"{mode}: refused {Path(f).relative_to(work / mode)}: {why}")
        for f, why in r["crashes"].items():
            print(f"{mode}: CRASH {Path(f).relative_to(work / mode)}: {why}")
        for f, ps in list(r["structure_changes"].items())[:20]:
            print(f"{mode}: structure {Path(f).relative_to(work / mode)}: {'; '.join(ps[:2])}")
        for f in r["libreoffice_failures"] or []:
            print(f"{mode}: LibreOffice cannot open {Path(f).relative_to(work / mode)}")
        for reason, count in r["withheld_reasons"].items():
            print(f"{mode}: withheld {count}x: {reason}")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "conformance_docx.json").write_text(
        json.dumps(_relative(rows, work), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    bad = any(r["crashes"] or r["structure_changes"] or r["libreoffice_failures"]
              for r in rows.values())
    return 1 if bad else 0


def _relative(rows: dict, work: Path) -> dict:
    """The results with the copies' paths relative to their mode's folder."""
    def rel(mode: str, f: str) -> str:
        return str(Path(f).relative_to(work / mode))

    out = {}
    for mode, r in rows.items():
        r = dict(r)
        for key in ("refused", "crashes", "structure_changes"):
            r[key] = {rel(mode, f): v for f, v in r[key].items()}
        r["reject_all_failures"] = [rel(mode, f) for f in r["reject_all_failures"]]
        if r["libreoffice_failures"] is not None:
            r["libreoffice_failures"] = [rel(mode, f) for f in r["libreoffice_failures"]]
        out[mode] = r
    return out


if __name__ == "__main__":
    sys.exit(main())
