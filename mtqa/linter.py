"""Run the checks over documents: the library's `lint`.

`lint_document` is pure (a Document in, findings out); `lint_paths` adds discovery of files and
collects unreadable ones as errors instead of stopping, so one bad file never hides the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckContext, checks_for
from .documents import Document
from .errors import InputError
from .files import discover
from .findings import Finding, sort_key
from .gcpause import gc_paused
from .glossary.model import Glossary
from .languages import skipped_note, target_language_view
from .parallel import map_files
from .readers import (
    DEFAULT_OPTIONS,
    ReadOptions,
    document_from_text,
    read_document,
    reader_for_path,
    reader_named,
)
from .selection import RuleSelection
from .transport import EncodedFindings, Findings

__all__ = [
    "LintResult",
    "RuleSelection",
    "import_for_workers",
    "lint_document",
    "lint_files",
    "lint_paths",
    "lint_text",
]


def lint_document(
    doc: Document,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    context: CheckContext | None = None,
) -> list[Finding]:
    selection = selection or RuleSelection()
    ctx = context or CheckContext(glossary=glossary)
    on = selection.codes_for(doc.path)
    ctx = ctx.for_codes(on)
    # The terminology and English-style rules see only the segments in the glossary's target
    # language (all of the document when it declares none).
    view = target_language_view(doc, ctx.target_language) if doc.segments else None
    findings: list[Finding] = []
    for check in checks_for(on):  # only the checks of enabled rules (their modules load now)
        seen = view if view is not None and check.target_language_only else doc
        if seen is doc or seen.blocks:
            findings.extend(f for f in check.run(seen, ctx) if f.code in on)
    findings.sort(key=sort_key)
    return findings


def lint_text(
    text: str,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    path: str = "<text>",
) -> list[Finding]:
    return lint_document(document_from_text(text, path), glossary, selection)


@dataclass
class LintResult:
    findings: Findings = field(default_factory=Findings)
    errors: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    words: int = 0
    # One line per file that some rules skipped (a target language not the glossary's).
    notes: list[str] = field(default_factory=list)


def language_note(doc: Document, ctx: CheckContext, selection: RuleSelection) -> str | None:
    """The note for a file whose target-language rules were skipped, when any of them is on."""
    if not doc.segments or not any(
        check.target_language_only for check in checks_for(selection.codes_for(doc.path))
    ):
        return None
    return skipped_note(doc, ctx.source_language, ctx.target_language)


_worker_state: tuple[CheckContext, RuleSelection, bool, ReadOptions] | None = None


def _init_worker(
    context: CheckContext,
    selection: RuleSelection,
    encode: bool = False,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> None:
    global _worker_state
    _worker_state = (context, selection, encode, options)


def _compiled_context(glossary: Glossary | None, selection: RuleSelection) -> CheckContext:
    """A context whose matcher is built now, in the parent: forked workers inherit it instead
    of each compiling the glossary again."""
    ctx = CheckContext(glossary=glossary)
    if glossary is not None and any(c.startswith("TERM") for c in selection.enabled_codes):
        _ = ctx.matcher
    if glossary is not None and {"TERM003", "TERM004"} & set(selection.enabled_codes):
        _ = ctx.variant_finder  # the name index too (TERM003/TERM004), once for all workers
    return ctx


def import_for_workers(files: Sequence[str], selection: RuleSelection) -> None:
    """Import now, in the parent, the check and reader modules the workers will use (both
    registries import them on first use): forked workers inherit them instead of each
    importing its own."""
    checks_for(frozenset(selection.enabled_codes))
    for suffix in {os.path.splitext(path)[1].lower() for path in files}:
        if suffix:
            reader_for_path(f"file{suffix}")
        else:
            reader_named("markdown")  # a file with no extension is read as Markdown


_Outcome = tuple[str, "list[Finding] | EncodedFindings", int, "InputError | None", "str | None"]


def _lint_one(path: str) -> _Outcome:
    ctx, selection, encode, options = _worker_state
    try:
        doc = read_document(path, options=options)
    except InputError as exc:
        return path, [], 0, exc, None
    findings = lint_document(doc, selection=selection, context=ctx)
    note = language_note(doc, ctx, selection)
    return path, EncodedFindings.of(findings) if encode else findings, doc.word_count, None, note


def _lint_batch(paths: list[str]) -> list[_Outcome]:
    # Documents, events and findings are acyclic values that reference counting frees: the
    # cyclic collector's passes over them were some 4% of a run.
    with gc_paused():
        return [_lint_one(p) for p in paths]


def lint_paths(
    paths: Sequence[str | Path],
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    jobs: int | None = None,
    encoded: bool = False,
) -> LintResult:
    """Lint every supported file under `paths`, on all cores when there are many files.

    Results come back in file order whatever the number of processes. `encoded`: pool workers
    send each file's findings back as JSON (EncodedFindings), for a caller that writes JSON
    anyway; `result.findings` still decodes them into objects when it is read.
    """
    files, errors = discover(paths)
    result = lint_files(files, glossary, selection, jobs=jobs, encoded=encoded)
    result.errors[:0] = errors
    return result


def lint_files(
    files: Sequence[str],
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    jobs: int | None = None,
    encoded: bool = False,
    tick: Callable[[int], None] | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> LintResult:
    """`lint_paths` for files already discovered (a run's plan has found them); `tick(n)`:
    told as files are done; `options`: how the files are read."""
    selection = selection or RuleSelection()
    result = LintResult()
    _init_worker(CheckContext(glossary=glossary), selection, options=options)

    def before_fork() -> None:
        # Compiled and imported here, once: the forked workers inherit them.
        _init_worker(_compiled_context(glossary, selection), selection, encoded, options)
        import_for_workers(files, selection)

    outcomes = map_files(_lint_batch, files, jobs, tick=tick, before_fork=before_fork)
    for path, findings, words, error, note in outcomes:
        if error is not None:
            result.errors.append(error)
            continue
        if note:
            result.notes.append(note)
        result.files.append(path)
        result.words += words
        result.findings.extend(findings)
    return result
