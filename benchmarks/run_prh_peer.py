"""Peer test: prh's own bundled dictionaries, read by mtqa, against prh itself.

    python benchmarks/run_prh_peer.py

1. Installs the peers pinned in benchmarks/package.json (npm, once), prh among them; its
   bundled dictionaries are in node_modules/prh/prh-rules/.
2. For each bundled dictionary with specs: `mtqa glossary test DICT` must pass.
3. For each spec input of that dictionary (its own `specs`, one paragraph each in one text
   file): `prh --stdout --rules DICT` and `mtqa fix --unsafe -g DICT --select TERM001` on a copy;
   the two outputs are compared paragraph by paragraph.
Prints the agreement and every line that differs, and writes benchmarks/results/prh_peer.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_lint import npm_binary

HERE = Path(__file__).resolve().parent
RULES = HERE / "node_modules" / "prh" / "prh-rules"


def ensure_prh() -> Path:
    return npm_binary("prh")


def dictionaries_with_specs() -> list[Path]:
    found = []
    for path in sorted(RULES.rglob("*.yml")):
        if "node_modules" in path.relative_to(RULES).parts:
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if any(isinstance(r, dict) and r.get("specs") for r in doc.get("rules") or []):
            found.append(path)
    return found


def spec_inputs(path: Path) -> list[str]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        str(spec["from"])
        for rule in doc.get("rules") or []
        if isinstance(rule, dict)
        for spec in rule.get("specs") or []
        if isinstance(spec, dict) and "from" in spec
    ]


def mtqa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mtqa", *args], capture_output=True, text=True, check=False
    )


def main() -> int:
    prh = ensure_prh()
    version = json.loads((HERE / "node_modules" / "prh" / "package.json").read_text())["version"]
    results = []
    total = agree = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for dictionary in dictionaries_with_specs():
            name = str(dictionary.relative_to(RULES))
            test = mtqa("glossary", "test", str(dictionary))
            inputs = spec_inputs(dictionary)
            # One paragraph per spec: both tools match within a paragraph only.
            text = "\n\n".join(inputs) + "\n"
            source = Path(tmp) / f"{dictionary.stem}.txt"
            source.write_text(text, encoding="utf-8")
            theirs = subprocess.run(
                [str(prh), "--stdout", "--rules", str(dictionary), str(source)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            copy = Path(tmp) / f"{dictionary.stem}-mtqa.txt"
            shutil.copy(source, copy)
            fixed = mtqa("fix", "--unsafe", "-g", str(dictionary), "--select", "TERM001", str(copy))
            if fixed.returncode == 2:
                print(fixed.stderr, file=sys.stderr)
                return 2
            ours = copy.read_text(encoding="utf-8")
            prh_lines = theirs.rstrip("\n").split("\n\n")
            our_lines = ours.rstrip("\n").split("\n\n")
            if len(prh_lines) != len(inputs) or len(our_lines) != len(inputs):
                print(f"{name}: paragraphs changed in number; compare by hand", file=sys.stderr)
                return 2
            differ = [
                {"input": i, "prh": p, "mtqa": m}
                for i, p, m in zip(inputs, prh_lines, our_lines, strict=True)
                if p != m
            ]
            total += len(inputs)
            agree += len(inputs) - len(differ)
            results.append(
                {
                    "dictionary": name,
                    "glossary_test": test.stdout.strip().splitlines()[-1],
                    "glossary_test_exit": test.returncode,
                    "spec_inputs": len(inputs),
                    "same_as_prh": len(inputs) - len(differ),
                    "differ": differ,
                }
            )
    elapsed = time.perf_counter() - t0
    print(f"prh {version}; mtqa fix --unsafe --select TERM001 vs prh --stdout; {elapsed:.1f} s\n")
    print("| dictionary | mtqa glossary test | spec inputs | same output as prh |")
    print("|---|---|---|---|")
    for r in results:
        print(
            f"| {r['dictionary']} | {r['glossary_test']} | {r['spec_inputs']} "
            f"| {r['same_as_prh']} |"
        )
    share = agree / total if total else 0.0
    print(f"| **all** | | **{total}** | **{agree} ({share:.1%})** |")
    for r in results:
        for d in r["differ"]:
            print(
                f"\n{r['dictionary']}: {d['input']!r}\n  prh:  {d['prh']!r}\n  mtqa: {d['mtqa']!r}"
            )
    out = HERE / "results" / "prh_peer.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"prh": version, "spec_inputs": total, "same_as_prh": agree, "dictionaries": results},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    passed = all(r["glossary_test_exit"] == 0 for r in results)
    return 0 if passed and share >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
