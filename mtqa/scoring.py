"""Score translations against references: BLEU, chrF, TER (sacrebleu) and term accuracy.

Hypothesis and reference are read the way mtqa reads any document: a bilingual file gives its
segments' targets (and their sources), Markdown its prose blocks, plain text one segment per line
(the usual MT test-set shape). Segments pair up by id when both files are bilingual, by position
otherwise.

Term accuracy follows the WMT21 terminology task's exact-match accuracy: for each segment, each
glossary entry required there (one of its source terms occurs in the source, or one of its correct
forms in the reference) counts once; it is a hit when the hypothesis contains one of the entry's
correct forms (preferred or accepted; whole words, any case). Accuracy is hits over required.

`baseline` adds sacrebleu's paired significance test (paired bootstrap resampling, 1,000
samples, or approximate randomisation) of the system against the baseline on each metric.

Equal scores get p = 1, not sacrebleu's figure. sacrebleu counts the resampled differences that
are strictly greater than the observed one and returns (count + 1) / (samples + 1). When the two
systems have the same sufficient statistics on every segment (identical output, or different
words with the same edit counts, as TER often sees), every resampled difference is exactly 0,
equal to the observed 0, none is counted, and p comes out as its floor, 1/1001 = 0.001: the
smallest p the test can give, for two systems that do not differ at all. An observed difference
of 0 is the least extreme outcome there is, so its two-sided p-value is 1.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, MtqaError
from .glossary.model import Glossary
from .readers import read_document
from .sanitize import SafeCsvWriter


@dataclass(frozen=True, slots=True)
class Segments:
    path: str
    ids: tuple[str, ...]
    targets: tuple[str, ...]
    sources: tuple[str, ...] = ()


def read_segments(path: str | Path) -> Segments:
    """The segments of a file: bilingual targets, prose blocks, or lines of plain text."""
    p = str(path)
    if Path(p).suffix.lower() in (".txt", ".text", ".hyp", ".ref", ".src", ""):
        from .documents.io import read_bytes

        try:
            text = read_bytes(p).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(p, f"cannot read ({exc})") from None
        lines = text.splitlines()
        return Segments(p, tuple(str(i) for i in range(1, len(lines) + 1)), tuple(lines))
    doc = read_document(p)
    if doc.segments:
        return Segments(
            p,
            tuple(s.id for s in doc.segments),
            tuple(doc.text[s.target_start : s.target_end] for s in doc.segments),
            tuple(s.source for s in doc.segments),
        )
    texts = tuple(" ".join(doc.text[b.start : b.end].split()) for b in doc.blocks)
    return Segments(p, tuple(str(i) for i in range(1, len(texts) + 1)), texts)


def align(hyp: Segments, ref: Segments) -> tuple[list[str], list[str], list[int]]:
    """(hypotheses, references, index into ref) paired by id or by position."""
    if hyp.sources and ref.sources:
        where = {i: k for k, i in enumerate(ref.ids)}
        missing = [i for i in hyp.ids if i not in where]
        if missing or len(hyp.ids) != len(ref.ids):
            raise MtqaError(
                f"{hyp.path} and {ref.path} do not have the same segment ids "
                f"({len(hyp.ids)} vs {len(ref.ids)} segments)"
            )
        order = [where[i] for i in hyp.ids]
        return list(hyp.targets), [ref.targets[k] for k in order], order
    if len(hyp.targets) != len(ref.targets):
        raise MtqaError(
            f"{hyp.path} has {len(hyp.targets)} segments and {ref.path} {len(ref.targets)}; "
            "they must pair up one to one"
        )
    return list(hyp.targets), list(ref.targets), list(range(len(ref.targets)))


def _has(text: str, form: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class TermAccuracy:
    required: int
    hits: int
    # entry id -> (required, hits)
    by_entry: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.required if self.required else None


def term_accuracy(
    hyps: list[str], refs: list[str], sources: list[str] | None, glossary: Glossary
) -> TermAccuracy:
    required = hits = 0
    by_entry: dict[str, list[int]] = {}
    for k, (hyp, ref) in enumerate(zip(hyps, refs, strict=True)):
        src = sources[k] if sources else ""
        for entry in glossary:
            terms = [a.strip() for s in entry.source for a in s.split("/") if a.strip()]
            need = any(t in src for t in terms) or any(_has(ref, f) for f in entry.correct_forms)
            if not need:
                continue
            hit = any(_has(hyp, f) for f in entry.correct_forms)
            required += 1
            hits += hit
            counts = by_entry.setdefault(entry.id, [0, 0])
            counts[0] += 1
            counts[1] += hit
    return TermAccuracy(required, hits, {k: tuple(v) for k, v in by_entry.items()})


@dataclass
class FileScore:
    hyp: str
    ref: str
    segments: int
    scores: dict[str, float]
    terms: TermAccuracy | None = None
    baseline: dict[str, dict] | None = None

    def to_dict(self) -> dict:
        d = {
            "hyp": self.hyp,
            "ref": self.ref,
            "segments": self.segments,
            **{k: round(v, 2) for k, v in self.scores.items()},
        }
        if self.terms is not None:
            d["term_accuracy"] = (
                None if self.terms.accuracy is None else round(self.terms.accuracy, 4)
            )
            d["terms_required"] = self.terms.required
            d["terms_hit"] = self.terms.hits
        if self.baseline is not None:
            d["baseline"] = self.baseline
        return d


@dataclass
class ScoreResult:
    files: list[FileScore]
    overall: FileScore
    signatures: dict[str, str]


def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"BLEU": BLEU(), "chrF": CHRF(), "TER": TER()}


def _corpus_scores(hyps: list[str], refs: list[str]) -> tuple[dict[str, float], dict[str, str]]:
    scores, sigs = {}, {}
    for name, metric in _metrics().items():
        scores[name] = metric.corpus_score(hyps, [refs]).score
        sigs[name] = str(metric.get_signature())
    return scores, sigs


def paired_significance(base: list[str], hyps: list[str], refs: list[str], test: str, samples: int) -> dict:
    from sacrebleu.significance import PairedTest

    metrics = _metrics()
    pt = PairedTest(
        [("baseline", base), ("system", hyps)],
        metrics,
        references=[refs],
        test_type=test,
        n_samples=samples,
    )
    sigs, scores = pt()
    out = {}
    # sacrebleu renames metrics in its output (chrF -> chrF2); pair them up by position.
    names = [k for k in scores if k != "System"]
    for ours, theirs in zip(metrics, names, strict=True):
        b, s = scores[theirs]
        p = paired_p_value(b.score, s.score, s.p_value)
        out[ours] = {
            "baseline": round(b.score, 2),
            "system": round(s.score, 2),
            "p_value": None if p is None else round(p, 4),
            "significant": p is not None and p < SIGNIFICANCE,
            "signature": str(sigs[theirs]),
        }
    return out


SIGNIFICANCE = 0.05


def paired_p_value(baseline: float, system: float, p_value: float | None) -> float | None:
    """sacrebleu's p-value, except 1.0 where the scores are equal (see the module's note: its
    strict comparison gives equal systems the smallest p there is)."""
    if p_value is None:
        return None
    return 1.0 if system == baseline else float(p_value)


def score(
    hyp: str | Path,
    ref: str | Path,
    source: str | Path | None = None,
    glossary: Glossary | None = None,
    baseline: str | Path | None = None,
    test: str = "bs",
    samples: int = 1000,
) -> ScoreResult:
    """Score `hyp` against `ref` (files, or folders holding files of the same names)."""
    pairs = _pairs(Path(hyp), Path(ref))
    files: list[FileScore] = []
    all_h, all_r, all_s, all_b = [], [], [], []
    signatures: dict[str, str] = {}
    for h_path, r_path in pairs:
        h, r = read_segments(h_path), read_segments(r_path)
        hyps, refs, order = align(h, r)
        sources: list[str] | None = None
        if source is not None:
            src_path = Path(source) / h_path.name if Path(source).is_dir() else Path(source)
            s = read_segments(src_path)
            if len(s.targets) != len(hyps):
                raise MtqaError(f"{s.path} has {len(s.targets)} segments, {h.path} {len(hyps)}")
            sources = list(s.targets)
        elif h.sources:
            sources = list(h.sources)
        elif r.sources:
            sources = [r.sources[k] for k in order]
        scores, signatures = _corpus_scores(hyps, refs)
        fs = FileScore(str(h_path), str(r_path), len(hyps), scores)
        if glossary is not None:
            fs.terms = term_accuracy(hyps, refs, sources, glossary)
        if baseline is not None:
            b_path = Path(baseline) / h_path.name if Path(baseline).is_dir() else Path(baseline)
            base, _, _ = align(read_segments(b_path), r)
            if len(base) != len(hyps):
                raise MtqaError(f"{b_path}: not the same segments as {h.path}")
            fs.baseline = paired_significance(base, hyps, refs, test, samples)
            all_b.extend(base)
        files.append(fs)
        all_h.extend(hyps)
        all_r.extend(refs)
        all_s.extend(sources or [""] * len(hyps))
    scores, signatures = _corpus_scores(all_h, all_r)
    overall = FileScore("(all)", "(all)", len(all_h), scores)
    if glossary is not None:
        overall.terms = term_accuracy(all_h, all_r, all_s, glossary)
    if baseline is not None and len(files) > 1:
        overall.baseline = paired_significance(all_b, all_h, all_r, test, samples)
    elif baseline is not None:
        overall.baseline = files[0].baseline
    return ScoreResult(files, overall, signatures)


def _pairs(hyp: Path, ref: Path) -> list[tuple[Path, Path]]:
    if hyp.is_dir() != ref.is_dir():
        raise MtqaError(f"{hyp} and {ref}: give two files or two folders")
    if not hyp.is_dir():
        for p in (hyp, ref):
            if not p.is_file():
                raise InputError(str(p), "no such file")
        return [(hyp, ref)]
    pairs = [(h, ref / h.name) for h in sorted(hyp.iterdir()) if h.is_file()]
    missing = [str(r) for _, r in pairs if not r.is_file()]
    if missing or not pairs:
        raise MtqaError(f"{ref}: no reference for {', '.join(missing) or 'any file'}")
    return pairs


# ---- output


# Each takes the reporters' display options (`mtqa.reporters.meta.RenderOptions`) as every
# output format does; a score table uses none of them.


def render_json(result: ScoreResult, options: object = None) -> str:
    rows = [f.to_dict() for f in result.files]
    overall = result.overall.to_dict()
    return (
        json.dumps(
            {"files": rows, "overall": overall, "signatures": result.signatures},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def render_csv(result: ScoreResult, options: object = None) -> str:
    rows = [f.to_dict() for f in result.files]
    overall = result.overall.to_dict()
    buf = io.StringIO()
    cols = [
        "hyp",
        "ref",
        "segments",
        "BLEU",
        "chrF",
        "TER",
        "term_accuracy",
        "terms_required",
        "terms_hit",
        "p_BLEU",
        "p_chrF",
        "p_TER",
    ]
    w = SafeCsvWriter(
        csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    )
    w.writeheader()
    for row in [*rows, overall]:
        for m, test in (row.get("baseline") or {}).items():
            row[f"p_{m}"] = test["p_value"]
        w.writerow(row)
    return buf.getvalue()


def render_text(result: ScoreResult, options: object = None) -> str:
    rows = [f.to_dict() for f in result.files]
    overall = result.overall.to_dict()
    out = []
    for row in [*rows, overall] if len(rows) > 1 else [overall | {"hyp": rows[0]["hyp"]}]:
        line = (
            f"{row['hyp']}: {row['segments']} segments  BLEU {row['BLEU']:.2f}  "
            f"chrF {row['chrF']:.2f}  TER {row['TER']:.2f}"
        )
        if "term_accuracy" in row:
            acc = row["term_accuracy"]
            shown = "n/a" if acc is None else f"{acc:.3f}"
            line += f"  term accuracy {shown} ({row['terms_hit']}/{row['terms_required']})"
        out.append(line)
        for m, test in (row.get("baseline") or {}).items():
            p = test["p_value"]
            verdict = ""
            if p is not None:
                same = test["baseline"] == test["system"]
                verdict = (
                    " (equal: no difference)"
                    if same
                    else " (significant)"
                    if test.get("significant")
                    else " (not significant)"
                )
            out.append(
                f"  {m}: baseline {test['baseline']:.2f} -> {test['system']:.2f}"
                f"  p = {p if p is not None else 'n/a'}{verdict}"
            )
    out.extend(f"{name} signature: {sig}" for name, sig in result.signatures.items())
    return "\n".join(out) + "\n"
