"""Benchmark: `mtqa corpus` on 2,000 articles made from the seed (about 13 M words).

    python benchmarks/run_corpus.py [--articles 2000]

Each article is the seed with its names respelled from a small pool (so the corpus really has
spelling variants to find). Reports articles per second, the corpus pass against a plain
`mtqa lint` over the same files (wall time, all cores), and peak memory of a one-process run.
Writes benchmarks/results/corpus.json. Compare ratios, not seconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"
WORK = HERE / "work"

RESPELL = {
    "Ein Al-Asaad": ["Ein Al-Asaad", "Ayn al-Asad", "Ain el-Assad", "Ain al-Asad"],
    "Qassim Soleimani": ["Qassim Soleimani", "Qasem Soleimani", "Qassem Suleimani"],
    "Haidar al-Abadi": ["Haidar al-Abadi", "Haider al-Abadi", "Haydar al-Abadi"],
    "Mike Pompeo": ["Mike Pompeo", "Mike Pompeyo"],
}


def build(n: int) -> Path:
    corpus = WORK / f"articles{n}"
    if corpus.exists() and len(list(corpus.glob("*.md"))) == n:
        return corpus
    corpus.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(11)
    for i in range(n):
        text = seed
        for original, choices in RESPELL.items():
            text = text.replace(original, rng.choice(choices))
        (corpus / f"article-{i:05d}.md").write_text(text, encoding="utf-8")
    return corpus


def wall(cmd: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - t0, p.returncode


def peak_rss_mib(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    corpus = build(args.articles)
    words = len(SEED.read_text(encoding="utf-8").split()) * args.articles
    mtqa = [sys.executable, "-m", "mtqa"]
    t_corpus, _ = wall(
        [*mtqa, "corpus", str(corpus), "-f", "json", "-o", str(WORK / "corpus.json")]
    )
    t_lint, _ = wall([*mtqa, "lint", str(corpus), "-f", "json", "-o", str(WORK / "lint.json")])
    rss = peak_rss_mib(
        [*mtqa, "corpus", str(corpus), "-j", "1", "-f", "json", "-o", str(WORK / "c1.json")]
    )
    groups = json.loads((WORK / "corpus.json").read_text(encoding="utf-8"))["variant_groups"]
    result = {
        "articles": args.articles,
        "words": words,
        "corpus_s": round(t_corpus, 1),
        "articles_per_s": round(args.articles / t_corpus),
        "lint_s": round(t_lint, 1),
        "corpus_to_lint": round(t_corpus / t_lint, 2),
        "peak_rss_one_process_mib": round(rss),
        "variant_groups": len(groups),
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "corpus.json").write_text(
        json.dumps(result, indent=2) + "\n", encoding="utf-8"
    )
    print(f"| corpus | {args.articles} articles from the seed, {words:,} words |")
    print("|---|---|")
    print(
        f"| mtqa corpus (2 cores) | {t_corpus:.1f} s, {args.articles / t_corpus:.0f} articles/s |"
    )
    print(f"| mtqa lint, same files | {t_lint:.1f} s (corpus / lint = {t_corpus / t_lint:.2f}) |")
    print(f"| peak memory, one process | {rss:.0f} MiB |")
    print(f"| variant groups found | {len(groups)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
