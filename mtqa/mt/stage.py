"""The retranslation stage: flagged segments of many files, one model, verified results.

It runs after linting, as its own stage (a check runs in forked workers and up to ten times per
fix; a model must load once). For each file: apply the safe fixes in memory, lint again, and take
the segments that still carry findings (or the segments / glossary entries asked for). The jobs of
all files go to the translator together, so its length-sorted batches mix files; results come back
by (file, segment id). A document with 2 flagged segments out of 200 costs 2 translations.

Every candidate is verified (`verify.py`). The first one that passes, in order of glossary
compliance and then model score, becomes an unsafe fix; a segment without one keeps its findings
and gets its best candidates as display-only suggestions. Only accepted candidates are ever
written (with `apply`), and the glossary's safe fixes then run on the new text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import CheckContext
from ..documents import Document, Segment
from ..documents.coded import display, plain, render, target_markup
from ..errors import InputError, MtqaError
from ..files import discover
from ..findings import Applicability, Edit, Finding, Fix
from ..fixing import FixResult, apply_verified, fix_document, unified_diff, write_fixed
from ..glossary.model import Glossary
from ..linter import lint_document
from ..readers import DEFAULT_OPTIONS, ReadOptions, read_document, reader_of, reread
from ..selection import RuleSelection
from .base import Candidate, DecodeSettings, Request, Translator, cache_key
from .cache import TranslationCache
from .placeholders import Masked, mask, unmask
from .verify import CHRF_THRESHOLD, current_target, verify

SUGGESTIONS_KEPT = 2
MAX_PLACEHOLDERS = 10


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    segment: Segment
    masked: Masked
    request: Request
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One candidate for one segment: accepted (an unsafe fix) or a display-only suggestion.

    Offsets are into the file's text after its safe fixes (`FileResult.text`)."""

    path: str
    segment_id: str
    start: int
    end: int
    current: str
    candidate: str
    score: float
    chrf: float
    accepted: bool
    reasons: tuple[str, ...]
    fix: Fix
    cleared: tuple[str, ...] = ()
    source: str = ""  # the segment's source, as a reader sees it (for reports)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "segment": self.segment_id,
            "start": self.start,
            "end": self.end,
            "current": self.current,
            "candidate": self.candidate,
            "model_score": round(self.score, 4),
            "chrf": round(self.chrf, 1),
            "accepted": self.accepted,
            "applicability": self.fix.applicability.value,
            "reasons": list(self.reasons),
            "cleared": list(self.cleared),
        }


@dataclass
class FileResult:
    path: str
    original: str
    text: str  # after the safe fixes
    final: str  # after accepted retranslations and the glossary's safe fixes on them
    outcomes: list[Outcome] = field(default_factory=list)
    flagged: int = 0
    written: bool = False
    error: str | None = None
    segments: int = 0  # bilingual segments read (none: the file has no source to translate)
    # The glossary's safe fixes applied before translating (written with the file).
    safe_fixes: FixResult | None = None

    @property
    def accepted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.accepted]

    @property
    def suggestions(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.accepted]

    def diff(self) -> str:
        return unified_diff(self.path, self.original, self.final)


@dataclass
class RetranslateResult:
    files: list[FileResult]
    signature: str
    translated: int = 0
    cache_hits: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def accepted(self) -> list[Outcome]:
        return [o for f in self.files for o in f.accepted]

    @property
    def suggestions(self) -> list[Outcome]:
        return [o for f in self.files for o in f.suggestions]


def segment_findings(
    doc: Document, findings: Sequence[Finding]
) -> list[tuple[Segment, tuple[Finding, ...]]]:
    """Each segment with the findings inside its target (segments without any left out)."""
    out = []
    for seg in doc.segments:
        inside = tuple(
            f for f in findings if f.start >= seg.target_start and f.end <= seg.target_end
        )
        if inside:
            out.append((seg, inside))
    return out


def steering(glossary: Glossary | None, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(variants to ban, preferred terms to favour) for one source text.

    Every literal variant of the glossary is banned (a variant is a form the glossary flags; a
    regex variant cannot be tokenised, and verification catches it instead). A preferred term
    is favoured only where one of its entry's source terms occurs in the source."""
    if glossary is None:
        return (), ()
    banned: dict[str, None] = {}
    preferred: dict[str, None] = {}
    for entry in glossary:
        for v in entry.variants:
            if v.text and v.replace is None:
                banned.setdefault(v.text, None)
        terms = [alt.strip() for s in entry.source for alt in s.split("/") if alt.strip()]
        if any(t in source for t in terms):
            preferred.setdefault(entry.preferred, None)
    return tuple(banned), tuple(preferred)


def compliance(text: str, request: Request) -> int:
    """Glossary compliance of an output: preferred terms present minus banned variants present."""
    good = sum(1 for t in request.preferred if _has(text, t))
    bad = sum(1 for t in request.banned if _has(text, t))
    return good - bad


def _has(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def rerank(nbest: list[Candidate], request: Request) -> list[Candidate]:
    """Glossary compliance first, then the model's score (a stable sort keeps beam order)."""
    return sorted(nbest, key=lambda c: (-compliance(c.text, request), -c.score))


def translate_cached(
    translator: Translator,
    requests: list[Request],
    settings: DecodeSettings,
    cache: TranslationCache | None,
) -> tuple[list[list[Candidate]], int]:
    """n-best lists for `requests`; only cache misses reach the model. Returns (lists, misses)."""
    results: list[list[Candidate] | None] = [None] * len(requests)
    keys = [cache_key(translator.info, settings, r) for r in requests]
    todo: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            results[i] = hit
        else:
            todo.setdefault(key, []).append(i)
    if todo:
        firsts = [idxs[0] for idxs in todo.values()]
        fresh = translator.translate([requests[i] for i in firsts], settings)
        for (key, idxs), nbest in zip(todo.items(), fresh, strict=True):
            if cache is not None:
                cache.put(key, nbest)
            for i in idxs:
                results[i] = nbest
    return [r or [] for r in results], len(todo)


def retranslate(
    paths: Iterable[str | Path],
    translator: Translator,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    settings: DecodeSettings | None = None,
    *,
    apply: bool = False,
    cache: TranslationCache | None = None,
    segments: Sequence[str] = (),
    entries: Sequence[str] = (),
    threshold: float = CHRF_THRESHOLD,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> RetranslateResult:
    """Retranslate the flagged segments of bilingual files; write accepted ones with `apply`.

    `segments` picks segment ids instead of "every segment with a finding"; `entries` keeps only
    the segments with a finding of those glossary entries; `options`: how the files are read."""
    settings = settings or DecodeSettings()
    selection = selection or RuleSelection()
    ctx = CheckContext(glossary=glossary)
    files, errors = discover(paths)
    docs: dict[str, tuple[Document, Document, FileResult]] = {}
    jobs: list[Job] = []
    for path in files:
        try:
            doc = read_document(path, options=options)
        except InputError as exc:
            errors.append(exc)
            continue
        fixed = fix_document(doc, selection=selection, context=ctx)
        work = reread(doc, fixed.fixed) if fixed.changed else doc
        result = FileResult(
            path=path,
            original=doc.text,
            text=work.text,
            final=work.text,
            segments=len(work.segments),
            safe_fixes=fixed if fixed.changed else None,
        )
        docs[path] = (doc, work, result)
        if not work.segments:
            continue
        findings = lint_document(work, selection=selection, context=ctx)
        flagged = segment_findings(work, findings)
        if segments:
            wanted = set(segments)
            by_id = dict(flagged)
            flagged = [(s, by_id.get(s, ())) for s in work.segments if s.id in wanted]
        if entries:
            wanted_entries = set(entries)
            flagged = [(s, fs) for s, fs in flagged if any(f.term in wanted_entries for f in fs)]
        # Locked or translate="no" segments are never rewritten, nor a unit without a target.
        flagged = [
            (s, fs)
            for s, fs in flagged
            if not getattr(s, "locked", False) and getattr(s, "target", "") is not None
        ]
        result.flagged = len(flagged)
        for seg, fs in flagged:
            # A segment with inline codes goes as coded text: each code is a placeholder the
            # model must keep, and its markup comes back on writing.
            masked = mask(seg.source_coded if seg.source_inline else seg.source)
            banned, preferred = steering(glossary, seg.source)
            # Placeholders the source does not have must not be invented either.
            banned += tuple(f"{{{n}}}" for n in range(len(masked.codes) + 1, MAX_PLACEHOLDERS))
            jobs.append(Job(path, seg, masked, Request(masked.text, banned, preferred), fs))

    hits_before = cache.hits if cache is not None else 0
    nbests, misses = translate_cached(translator, [j.request for j in jobs], settings, cache)
    for job, nbest in zip(jobs, nbests, strict=True):
        _, work, result = docs[job.path]
        result.outcomes.extend(_judge(job, nbest, work, ctx, selection, threshold))

    for doc, work, result in docs.values():
        _finish(doc, work, result, selection, ctx, apply)
    return RetranslateResult(
        files=[r for _, _, r in docs.values()],
        signature=translator.info.signature(settings),
        translated=misses,
        cache_hits=(cache.hits - hits_before) if cache is not None else 0,
        errors=errors,
    )


def _judge(
    job: Job,
    nbest: list[Candidate],
    work: Document,
    ctx: CheckContext,
    selection: RuleSelection,
    threshold: float,
) -> list[Outcome]:
    seg = job.segment
    current = current_target(work, seg)
    if seg.target_inline and seg.target_coded is not None:
        # Shown with its codes, as the candidate is (chrF reads the words either way).
        current = display(seg.target_coded, [c.markup for c in seg.target_inline])
    escape = reader_of(work).escape
    rejected: list[Outcome] = []
    seen: set[str] = set()
    markup = target_markup(seg.source_inline, seg.target_inline)
    for cand in rerank(nbest, job.request):
        coded = unmask(job.masked, cand.text)
        key = coded if coded is not None else f"\0{cand.text}"
        if key in seen:
            continue
        seen.add(key)
        if coded is None:
            text, written, shown = None, escape(cand.text), cand.text
        elif seg.source_inline:
            text, written, shown = (
                plain(coded),
                render(coded, markup, escape),
                display(coded, markup),
            )
        else:
            text, written, shown = coded, escape(coded), coded
        verdict = verify(work, seg, text, ctx, selection, threshold, written=written, raw=shown)
        edit = Edit(seg.target_start, seg.target_end, written)
        outcome = Outcome(
            path=job.path,
            segment_id=seg.id,
            start=seg.target_start,
            end=seg.target_end,
            current=current,
            candidate=shown,
            score=cand.score,
            chrf=verdict.chrf,
            accepted=verdict.accepted,
            reasons=verdict.reasons,
            fix=Fix(
                Applicability.UNSAFE if verdict.accepted else Applicability.DISPLAY_ONLY, (edit,)
            ),
            cleared=tuple(sorted({f.code for f in job.findings})) if verdict.accepted else (),
            source=seg.source,
        )
        if verdict.accepted:
            return [outcome]
        rejected.append(outcome)
    return rejected[:SUGGESTIONS_KEPT]


def _finish(
    doc: Document,
    work: Document,
    result: FileResult,
    selection: RuleSelection,
    ctx: CheckContext,
    apply: bool,
) -> None:
    """Put the accepted candidates in, run the safe fixes on the new text, write if asked:
    through the fix pipeline, so the result is verified and read back before it is written."""
    step = apply_verified(work, result.accepted, as_written=True)
    text = step.document.text
    if step.applied and text != work.text:
        text = fix_document(step.document, selection=selection, context=ctx).fixed
    result.final = text
    if not apply or text == doc.text:
        return
    if step.withheld:
        problem = step.withheld[0][1]
        result.error = f"{doc.path}: not written, the result would break the file ({problem})"
        return
    try:
        write_fixed(doc, FixResult(path=doc.path, original=doc.text, fixed=text))
    except MtqaError as exc:
        result.error = f"{doc.path}: not written ({exc.reason if isinstance(exc, InputError) else exc})"
        return
    result.written = True
