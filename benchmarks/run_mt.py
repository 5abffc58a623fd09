"""Benchmark: retranslation speed on the tiny test model, and the chrF threshold's evidence.

    python benchmarks/run_mt.py [--segments 200] [--threads 1]

Builds the tests' tiny Marian model (tests/mt/tiny_model.py, about 10 s), converts it to
CTranslate2, and measures on CPU:
  * segments per second, batched (16) versus one at a time, transformers and CTranslate2
    (beam 4, one output);
  * `retranslate` on a bilingual document of 200 segments with 2 flagged, against the same
    document with every segment forced through the model (`segments=` all ids);
  * chrF of unrelated sentence pairs of the seed article (what verification must reject) and of
    each sentence against itself with its glossary fixes applied (what it must accept).
Writes benchmarks/results/mt.json. The tiny model is far smaller than opus-mt (1 layer, d=64), so
absolute speeds say little about a real model; the ratios are what to read.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.mt.tiny_model import PAIRS, build_tiny_marian  # noqa: E402
from tests.mt.tsv_reader import ensure_registered, write_bitsv  # noqa: E402


def rate(translator, requests, settings, one_at_a_time: bool) -> float:
    t = time.perf_counter()
    if one_at_a_time:
        for r in requests:
            translator.translate([r], settings)
    else:
        translator.translate(requests, settings)
    return len(requests) / (time.perf_counter() - t)


def chrf_evidence() -> dict:
    import mtqa
    from mtqa.mt.verify import CHRF_THRESHOLD, chrf

    text = (ROOT / "corpora" / "us-military-presence-in-iraq.md").read_text(encoding="utf-8")
    prose = re.sub(r"[#>*_`|\[\]()]", " ", text)
    sentences = [
        " ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", prose) if 8 <= len(s.split()) <= 60
    ]
    rng = random.Random(0)
    unrelated = []
    for _ in range(2000):
        a, b = rng.sample(sentences, 2)
        unrelated.append(chrf(a, b))
    glossary = mtqa.default_glossary()
    fixed = []
    for s in sentences:
        findings = mtqa.lint_text(s, glossary)
        if any(f.fix for f in findings):
            from mtqa.fixing import apply_fixes

            new, _, _ = apply_fixes(s, [f for f in findings if f.fix])
            fixed.append(chrf(new, s))
    unrelated.sort()
    fixed.sort()

    def pct(xs, p):
        return round(xs[min(len(xs) - 1, int(p * len(xs)))], 1) if xs else None

    return {
        "threshold": CHRF_THRESHOLD,
        "sentences": len(sentences),
        "unrelated_pairs": len(unrelated),
        "unrelated_p50": pct(unrelated, 0.5),
        "unrelated_p99": pct(unrelated, 0.99),
        "unrelated_max": pct(unrelated, 1.0),
        "unrelated_above_threshold": sum(x >= CHRF_THRESHOLD for x in unrelated),
        "fixed_sentences": len(fixed),
        "fixed_min": pct(fixed, 0.0),
        "fixed_p50": pct(fixed, 0.5),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=200)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from mtqa.glossary import load_glossary
    from mtqa.mt import DecodeSettings, Request
    from mtqa.mt.ct2 import CTranslate2Translator, convert
    from mtqa.mt.hf import TransformersTranslator
    from mtqa.mt.stage import retranslate

    results: dict = {"threads": args.threads}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        model = build_tiny_marian(tmp / "tiny")
        results["build_s"] = round(time.perf_counter() - t, 1)
        ct2_folder = convert(model, tmp / "ct2")
        hf = TransformersTranslator(str(model), device="cpu")
        ct = CTranslate2Translator(str(ct2_folder), device="cpu", threads=args.threads)
        requests = [Request(PAIRS[i % len(PAIRS)][0]) for i in range(args.segments)]
        settings = DecodeSettings(num_beams=4, num_return_sequences=1, batch_size=16)
        for name, tr in (("transformers", hf), ("ctranslate2", ct)):
            tr.translate(requests[:4], settings)  # warm up
            results[name] = {
                "batched_seg_per_s": round(rate(tr, requests, settings, False), 1),
                "single_seg_per_s": round(rate(tr, requests, settings, True), 1),
            }
        # Do both backends give the same best translation, greedy and with beam search?
        for beams in (1, 4):
            same = DecodeSettings(num_beams=beams, num_return_sequences=1)
            agree = sum(
                a[0].text == b[0].text
                for a, b in zip(
                    hf.translate(requests[: len(PAIRS)], same),
                    ct.translate(requests[: len(PAIRS)], same),
                    strict=True,
                )
            )
            results[f"ct2_top1_same_as_transformers_beam{beams}"] = f"{agree}/{len(PAIRS)}"

        # A document of 200 segments, 2 of them flagged.
        ensure_registered()
        (tmp / "g.yaml").write_text(
            (ROOT / "tests" / "mt" / "conftest.py")
            .read_text(encoding="utf-8")
            .split('GLOSSARY_YAML = """\\\n')[1]
            .split('"""')[0],
            encoding="utf-8",
        )
        glossary = load_glossary(tmp / "g.yaml")
        # Distinct sources (a number each), so the cache and de-duplication do not help.
        rows = [
            (f"c{i}", f"الجنود في القاعدة {i}", f"the soldiers at the base {i}") for i in range(198)
        ]
        rows[50:50] = [("a", PAIRS[0][0] + " 1", PAIRS[0][1] + " 1")]
        rows[150:150] = [("b", PAIRS[0][0] + " 2", PAIRS[0][1] + " 2")]
        doc = tmp / "doc.bitsv"
        write_bitsv(doc, rows)
        full = DecodeSettings()
        t = time.perf_counter()
        r2 = retranslate([doc], hf, glossary, settings=full)
        two = time.perf_counter() - t
        t = time.perf_counter()
        r_all = retranslate([doc], hf, glossary, settings=full, segments=[r[0] for r in rows])
        every = time.perf_counter() - t
        results["document_200_segments"] = {
            "flagged_translated": r2.translated,
            "flagged_s": round(two, 2),
            "all_forced_translated": r_all.translated,
            "all_forced_s": round(every, 2),
        }
    results["chrf"] = chrf_evidence()
    out = HERE / "results" / "mt.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
