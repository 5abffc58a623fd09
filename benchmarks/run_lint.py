"""Benchmark: mtqa lint against textlint + textlint-rule-prh, and glossary-size scaling.

    python benchmarks/run_lint.py [--copies 200] [--repeat 3]

1. Builds a corpus of N copies of the seed article (benchmarks/work/, ignored by git).
2. Installs the peers pinned in benchmarks/package.json (npm, once).
3. Runs both tools with the same ten rules (benchmarks/prh-ten-rules.yml: textlint reads it as a
   prh dictionary, mtqa imports the very same file) and compares wall time and matches: every
   (file, line, column) prh reports must be among mtqa's findings.
4. Times mtqa with a 10-entry and a 10,000-entry glossary on the same corpus, and the load of the
   10,000-entry glossary.
Prints a Markdown table (for docs/benchmarks.md) and writes benchmarks/results/lint.json.
Timings are wall time of whole commands, best of --repeat; compare them only as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"
RULES = HERE / "prh-ten-rules.yml"


def npm_binary(name: str) -> Path:
    """A peer's command from benchmarks/node_modules, installing the pinned peers (package.json)
    with npm the first time."""
    binary = HERE / "node_modules" / ".bin" / name
    if not binary.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True
        )
    return binary


def ensure_peers() -> Path:
    return npm_binary("textlint")


def build_corpus(copies: int) -> Path:
    corpus = WORK / f"corpus{copies}"
    if not corpus.exists() or len(list(corpus.glob("*.md"))) != copies:
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        text = SEED.read_text(encoding="utf-8")
        for i in range(copies):
            (corpus / f"article-{i:04d}.md").write_text(text, encoding="utf-8")
    return corpus


def big_glossary(n: int) -> Path:
    """The ten real rules plus synthetic transliteration-like entries, as mtqa YAML."""
    import yaml

    from mtqa.glossary import load_glossary
    from mtqa.glossary.model import glossary_to_data

    path = WORK / f"glossary-{n}.yaml"
    if path.exists():
        return path
    WORK.mkdir(parents=True, exist_ok=True)  # git-ignored: absent in a fresh clone
    data = glossary_to_data(load_glossary(RULES))
    rng = random.Random(7)
    syllables = ["al", "ab", "qa", "sa", "ri", "mu", "ha", "di", "ya", "ka", "zu", "ta", "ni", "ou"]
    seen = set()
    while len(data["entries"]) < n:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(3, 5)))
        if word in seen:
            continue
        seen.add(word)
        data["entries"].append(
            {
                "id": f"syn-{len(data['entries'])}",
                "preferred": f"{word.capitalize()} Base",
                "variants": [f"{word.capitalize()} camp", f"{word}aa base"],
                "category": "name",
                "severity": "warning",
            }
        )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(cmd: list[str], repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    times = []
    proc = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
    return min(times), proc


TERM001 = ("--select", "TERM001")


def mtqa_cmd(corpus: Path, glossary: Path, *extra: str) -> list[str]:
    """`mtqa lint CORPUS -g GLOSSARY -f json` and any further options."""
    return [
        sys.executable,
        "-m",
        "mtqa",
        "lint",
        str(corpus),
        "-g",
        str(glossary),
        "-f",
        "json",
        *extra,
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-repeat", type=int, default=1)
    args = ap.parse_args()

    textlint = ensure_peers()
    corpus = build_corpus(args.copies)
    words = len(SEED.read_text(encoding="utf-8").split()) * args.copies
    rc = WORK / "textlintrc.json"
    rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(RULES)]}}}), encoding="utf-8")

    t_textlint, p = timed(
        [str(textlint), "--config", str(rc), "-f", "json", str(corpus)], args.peer_repeat
    )
    prh = {
        (Path(f["filePath"]).name, m["line"], m["column"])
        for f in json.loads(p.stdout)
        for m in f["messages"]
    }

    t_mtqa, p = timed(mtqa_cmd(corpus, RULES, *TERM001), args.repeat)
    ours = json.loads(p.stdout)["findings"]
    mine = {(Path(f["path"]).name, f["line"], f["column"]) for f in ours}
    missed = sorted(prh - mine)

    g10k = big_glossary(10_000)
    t_10, _ = timed(mtqa_cmd(corpus, RULES, *TERM001), args.repeat)
    t_10k, p10k = timed(mtqa_cmd(corpus, g10k, *TERM001), args.repeat)
    same = len(json.loads(p10k.stdout)["findings"]) == len(ours)

    # Load and compile the 10,000-entry glossary in a fresh process, without and with the cache.
    probe = (
        "import time; t=time.perf_counter(); from mtqa.glossary import load_glossary; "
        "from mtqa.matching.automaton import term_matcher; "
        f"term_matcher(load_glossary({str(g10k)!r})); print(time.perf_counter()-t)"
    )
    cold, warm = [], []
    for _ in range(args.repeat):
        env = dict(os.environ, MTQA_NO_CACHE="1")
        cold.append(
            float(
                subprocess.run(
                    [sys.executable, "-c", probe],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
        )
        warm.append(
            float(
                subprocess.run(
                    [sys.executable, "-c", probe], capture_output=True, text=True, check=True
                ).stdout
            )
        )

    result = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "copies": args.copies,
        "words": words,
        "textlint_prh_s": round(t_textlint, 2),
        "mtqa_s": round(t_mtqa, 2),
        "speedup": round(t_textlint / t_mtqa, 1),
        "prh_matches": len(prh),
        "mtqa_matches": len(mine),
        "prh_matches_missed_by_mtqa": len(missed),
        "mtqa_10_entries_s": round(t_10, 2),
        "mtqa_10000_entries_s": round(t_10k, 2),
        "ratio_10000_to_10": round(t_10k / t_10, 2),
        "same_findings_with_10000": same,
        "load_10000_entries_cold_s": round(min(cold), 3),
        "load_10000_entries_cached_s": round(min(warm), 3),
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "lint.json").write_text(
        json.dumps(result, indent=2) + "\n", encoding="utf-8"
    )
    print(f"| corpus | {args.copies} copies of the seed article, {words:,} words |")
    print("|---|---|")
    print(f"| textlint + prh (10 rules) | {t_textlint:.2f} s, {len(prh)} matches |")
    print(f"| mtqa lint (same 10 rules) | {t_mtqa:.2f} s, {len(mine)} matches |")
    print(f"| speed-up | {t_textlint / t_mtqa:.1f}x; prh matches missed by mtqa: {len(missed)} |")
    print(f"| mtqa, 10 vs 10,000 entries | {t_10:.2f} s vs {t_10k:.2f} s ({t_10k / t_10:.2f}x) |")
    print(
        f"| load + compile 10,000 entries | {min(cold):.2f} s first time, "
        f"{min(warm):.2f} s from the cache |"
    )
    if missed:
        print("missed:", missed[:10])
    return 0 if not missed else 1


if __name__ == "__main__":
    raise SystemExit(main())
