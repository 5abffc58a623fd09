"""Peer comparison: translate-toolkit's pofilter against mtqa's source-aware checks.

    python benchmarks/peer_pofilter.py FOLDER [--show N] [--json OUT] [--time FILE]

translate-toolkit is GPL: it is a measuring stick here, never a dependency. The script installs
it (pinned, once) into a virtual environment of its own under benchmarks/.peer-venv, runs its
checks there on every XLIFF, TMX and PO file under FOLDER, runs mtqa on the same files, and
prints per category each tool's count, how many units both flag, and the units only one of them
flags (the disagreements to read). Units are matched by file and normalised source text, so a
unit that mtqa cuts into segments meets pofilter's whole unit.

--time FILE runs `mtqa lint FILE` and `pofilter -i FILE` one after the other, three pairs, and
prints each wall time (the median pair is the one to quote).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENV = HERE / ".peer-venv"
PEER = "translate-toolkit==3.20.4"
EXTENSIONS = {".xlf": ".xlf", ".xliff": ".xlf", ".sdlxliff": ".xlf", ".mqxliff": ".xlf",
              ".txlf": ".xlf", ".tmx": ".tmx", ".po": ".po"}  # fmt: skip

# category -> (mtqa codes, pofilter tests)
CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "numbers": (("BIL002",), ("numbers",)),
    "untranslated": (("BIL003",), ("untranslated", "blank", "unchanged")),
    "brackets/quotes": (("BIL006",), ("brackets", "doublequoting")),
    "urls/e-mails": (("BIL007",), ("urls", "emails")),
    "end punctuation": (("BIL008",), ("endpunc",)),
    "length": (("BIL009",), ("long", "short")),
    "doubled spaces": (("BIL010",), ("doublespacing",)),
    "inline codes": (("BIL005",), ("xmltags",)),
    "consistency": (("BIL004",), ()),
}

# Run inside the peer's environment: every unit's source, target and failing tests, as JSON.
PEER_SCRIPT = r"""
import json, sys
from translate.filters import checks
from translate.storage import factory
checker = checks.StandardChecker()
out = []
for path in sys.argv[1:]:
    try:
        store = factory.getobject(path)
    except Exception as exc:
        out.append({"path": path, "error": str(exc)})
        continue
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        try:
            failed = checker.run_filters(unit)
        except Exception as exc:
            failed = {"error": str(exc)}
        out.append({"path": path, "id": unit.getid(), "source": str(unit.source),
                    "target": str(unit.target or ""), "failed": sorted(failed)})
json.dump(out, sys.stdout)
"""


def peer_python() -> Path:
    """The peer environment's python, created and filled on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEER], check=True)
    return python


def collect(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def run_peer(files: list[Path], folder: Path, work: Path) -> dict[tuple[str, str], dict]:
    """(file, source) -> {"tests": set, "target": str} from pofilter's checker."""
    copies = {}
    for path in files:
        # pofilter picks its reader by extension: tool flavours of XLIFF go as .xlf.
        copy = work / (
            str(path.relative_to(folder)).replace(os.sep, "__") + EXTENSIONS[path.suffix.lower()]
        )
        shutil.copyfile(path, copy)
        copies[str(copy)] = str(path.relative_to(folder))
    proc = subprocess.run(
        [str(peer_python()), "-c", PEER_SCRIPT, *copies], capture_output=True, text=True
    )
    if proc.returncode:
        sys.exit(f"pofilter checks failed: {proc.stderr.strip()[-500:]}")
    units: dict[tuple[str, str], dict] = {}
    for row in json.loads(proc.stdout):
        if "error" in row and "id" not in row:
            continue
        key = (copies[row["path"]], _norm(row["source"]))
        entry = units.setdefault(key, {"tests": set(), "target": row["target"], "id": row["id"]})
        entry["tests"].update(row["failed"])
    return units


def run_mtqa(files: list[Path], folder: Path) -> dict[tuple[str, str], dict]:
    """(file, source) -> {"codes": set, "target": str, "id": segment} from mtqa."""
    sys.path.insert(0, str(REPO))
    from mtqa.api import default_glossary
    from mtqa.checks import CheckContext
    from mtqa.errors import InputError
    from mtqa.linter import RuleSelection, lint_document
    from mtqa.readers import read_document

    selection = RuleSelection(select=("BIL",))
    ctx = CheckContext(glossary=default_glossary())
    units: dict[tuple[str, str], dict] = {}
    for path in files:
        try:
            doc = read_document(path)
        except InputError:
            continue
        rel = str(path.relative_to(folder))
        by_segment = {s.id: s for s in doc.segments}
        for seg in doc.segments:
            units.setdefault(
                (rel, _norm(seg.source)), {"codes": set(), "target": seg.target or "", "id": seg.id}
            )
        for f in lint_document(doc, selection=selection, context=ctx):
            seg = by_segment.get(f.extra.get("segment", ""))
            if seg is not None:
                units[rel, _norm(seg.source)]["codes"].add(f.code)
    return units


def compare(folder: Path, show: int) -> dict:
    files = collect(folder)
    with tempfile.TemporaryDirectory() as tmp:
        peer = run_peer(files, folder, Path(tmp))
    ours = run_mtqa(files, folder)
    report = {}
    for name, (codes, tests) in CATEGORIES.items():
        mine = {k for k, v in ours.items() if v["codes"] & set(codes)}
        theirs = {k for k, v in peer.items() if v["tests"] & set(tests)}
        only_mtqa = sorted(mine - theirs)
        only_peer = sorted(theirs - mine)
        report[name] = {
            "mtqa": len(mine),
            "pofilter": len(theirs),
            "both": len(mine & theirs),
            "only_mtqa": [_row(k, ours.get(k) or peer.get(k)) for k in only_mtqa],
            "only_pofilter": [_row(k, peer.get(k) or ours.get(k)) for k in only_peer],
        }
    print(f"{len(files)} files; {len(ours)} mtqa segments, {len(peer)} pofilter units\n")
    print(
        f"{'category':18} {'mtqa':>6} {'pofilter':>9} {'both':>6} {'only mtqa':>10} {'only pofilter':>14}"
    )
    for name, r in report.items():
        print(
            f"{name:18} {r['mtqa']:>6} {r['pofilter']:>9} {r['both']:>6} "
            f"{len(r['only_mtqa']):>10} {len(r['only_pofilter']):>14}"
        )
    for name, r in report.items():
        for side in ("only_mtqa", "only_pofilter"):
            for row in r[side][:show]:
                print(f"\n[{name}] {side.replace('_', ' ')}: {row['file']} {row['id']}")
                print(f"    source: {row['source'][:200]}")
                print(f"    target: {row['target'][:200]}")
    return report


def _row(key: tuple[str, str], unit: dict | None) -> dict:
    unit = unit or {}
    return {
        "file": key[0],
        "id": unit.get("id", ""),
        "source": key[1],
        "target": unit.get("target", ""),
    }


def paired_time(path: Path, pairs: int = 3) -> None:
    """Wall time of `mtqa lint` and of `pofilter` on one file, run in alternation."""
    mtqa = [sys.executable, "-m", "mtqa", "lint", str(path), "-f", "json", "-o", os.devnull]
    pofilter = [str(VENV / "bin" / "pofilter"), "-i", str(path)]
    peer_python()
    with tempfile.TemporaryDirectory() as tmp:
        pofilter += ["-o", str(Path(tmp) / ("out" + EXTENSIONS[path.suffix.lower()]))]
        times: dict[str, list[float]] = defaultdict(list)
        for _ in range(pairs):
            for name, cmd in (("mtqa", mtqa), ("pofilter", pofilter)):
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, cwd=REPO)
                times[name].append(time.perf_counter() - start)
    for name, values in times.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:9} {statistics.median(values):.2f} s median ({shown})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--show", type=int, default=5, help="disagreements shown per category")
    parser.add_argument("--json", type=Path, help="write every disagreement to this file")
    parser.add_argument("--time", type=Path, help="time mtqa and pofilter on this one file")
    args = parser.parse_args()
    if args.time:
        paired_time(args.time)
    if args.folder:
        report = compare(args.folder, args.show)
        if args.json:
            args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
