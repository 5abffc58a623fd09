"""The library's front door: the whole job, exactly as the CLI runs it.

- `run_lint`, `run_fix`, `run_report`, `run_corpus` take paths and `Overrides` (what a caller
  says explicitly); each input file gets its own settings (defaults -> the nearest mtqa.toml or
  [tool.mtqa] from the file upwards, per-file-ignores -> the overrides), files are grouped by
  settings, and each group runs with its own glossary and rule selection. Every result has
  `errors` (unreadable inputs) and `failing` (findings at or above `fail-on`, ...), and
  `exit_code()` maps any of them to 0, 1 or 2 in one place.
- `lint`, `lint_text`, `fix`, `report` are the short forms: one glossary given directly, no
  configuration files; `lint`, `fix` and `report` are `run_lint`, `run_fix` and `run_report`
  with those settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import CheckContext
from .config import Overrides, Settings, SettingsResolver
from .errors import InputError
from .files import discover
from .findings import Finding, Severity, sort_key
from .glossary import Glossary, load_glossaries, load_glossary
from .linter import LintResult, lint_document, lint_files
from .linter import lint_text as _lint_text
from .readers import DEFAULT_OPTIONS, ReadOptions, WriteOptions, read_document, reader_of
from .reporters import RunReport, Signature
from .results import LintRun
from .selection import RuleSelection
from .transport import Findings

if TYPE_CHECKING:  # imported by the functions that use them: lint never loads these
    from .documents import Document
    from .fixing import FixResult
    from .results import (
        CorpusRun,
        FixRun,
        GlossaryCheck,
        GlossaryConversion,
        GlossaryTest,
        ReportRun,
        RetranslateRun,
        ScoreRun,
    )

DEFAULT_GLOSSARY_NAME = "default.yaml"

PathsArg = Sequence[str | Path] | str | Path
# progress(total files) -> tick(n files done)
Progress = Callable[[int], Callable[[int], None]]


def default_glossary_path() -> Path:
    """The shipped default glossary (glossary/default.yaml, installed as mtqa_glossaries)."""
    from importlib import resources

    return Path(str(resources.files("mtqa_glossaries").joinpath(DEFAULT_GLOSSARY_NAME)))


def default_glossary() -> Glossary:
    return load_glossary(default_glossary_path())


def _glossary(glossary: Glossary | str | Path | None) -> Glossary | None:
    if glossary is None or isinstance(glossary, Glossary):
        return glossary
    return load_glossary(glossary)


def _as_list(paths: PathsArg) -> list[str | Path]:
    return [paths] if isinstance(paths, str | Path) else list(paths)


# ----------------------------------------------------------------------------- the run's plan
@dataclass
class _Group:
    settings: Settings
    glossary: Glossary | None
    files: list[str] = field(default_factory=list)

    @property
    def selection(self) -> RuleSelection:
        return self.settings.selection

    @property
    def signature(self) -> Signature:
        return Signature.of(self.glossary, self.selection.enabled_codes)


@dataclass
class _Plan:
    """Input files grouped by their settings, glossaries loaded once each; the errors of
    discovery; and the settings of the run as a whole (those of the first path: the output
    format and, where groups differ, the signature)."""

    groups: list[_Group]
    errors: list[InputError]
    settings: Settings
    order: dict[str, int]

    @property
    def signature(self) -> Signature:
        return self.groups[0].signature if self.groups else _signature_of(self.settings)


def glossary_for(settings: Settings) -> Glossary | None:
    """The glossary the settings name: none, the configured ones merged, or the default."""
    if settings.no_glossary:
        return None
    return load_glossaries(list(settings.glossaries) or [str(default_glossary_path())])


def _signature_of(settings: Settings) -> Signature:
    return Signature.of(glossary_for(settings), settings.selection.enabled_codes)


def _plan(
    paths: PathsArg, overrides: Overrides | None, glossary: Glossary | None = None
) -> _Plan:
    """`glossary`: one glossary given directly, for every file, instead of the settings' own."""
    paths = _as_list(paths)
    resolver = SettingsResolver(overrides or Overrides())
    run_settings = resolver.for_path(paths[0] if paths else None)
    files, errors = discover(paths, (overrides or Overrides()).follow_links)
    groups: dict[Settings, _Group] = {}
    glossaries: dict[tuple, Glossary | None] = {}
    for path in files:
        settings = resolver.for_path(path)
        group = groups.get(settings)
        if group is None:
            key = (settings.no_glossary, settings.glossaries)
            if key not in glossaries:
                # Every glossary is loaded (and validated) before any file is linted.
                glossaries[key] = glossary if glossary is not None else glossary_for(settings)
            group = groups[settings] = _Group(settings, glossaries[key])
        group.files.append(path)
    if not files and glossary is None:
        glossary_for(run_settings)  # a broken glossary is reported even with nothing to lint
    return _Plan(list(groups.values()), errors, run_settings, {f: i for i, f in enumerate(files)})


def _failing(findings: Sequence[Finding] | Findings, settings: Settings) -> bool:
    if isinstance(findings, Findings):  # from the counts: encoded findings stay encoded
        return any(
            Severity(severity).rank >= settings.fail_on.rank
            for severity, *_ in findings.tally()
        )
    return any(f.severity.rank >= settings.fail_on.rank for f in findings)


# ----------------------------------------------------------------------------- lint
def _lint_aligned(group: _Group, source: str | Path) -> LintResult:
    """One monolingual draft and its source, aligned paragraph by paragraph (`--source`)."""
    from .readers.aligned import read_aligned

    result = LintResult()
    if len(group.files) != 1:
        result.errors.append(InputError(str(source), "--source goes with exactly one draft"))
        return result
    try:
        doc = read_aligned(group.files[0], str(source), group.settings.read_options)
    except InputError as exc:
        result.errors.append(exc)
        return result
    ctx = CheckContext(glossary=group.glossary)
    result.files.append(doc.path)
    result.words = doc.word_count
    result.findings.extend(lint_document(doc, selection=group.selection, context=ctx))
    return result


def run_lint(
    paths: PathsArg,
    overrides: Overrides | None = None,
    jobs: int | None = None,
    source: str | Path | None = None,
    progress: Progress | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    baseline: str | Path | None = None,
    glossary: Glossary | None = None,
) -> LintRun:
    """Lint files and folders with their configured settings; `source`: the source file of
    one monolingual draft, aligned paragraph by paragraph; `progress(total) -> tick(n)`: told
    as files are done. The path `-` is `stdin` (the bytes given, else standard input), read as
    `stdin_filename` says (its extension picks the format, its folder the settings; the path
    shown is that name, else `-`). `baseline`: a previous JSON report whose findings are not
    reported again (mtqa/baseline.py); `glossary`: one glossary given directly, for every file,
    instead of the configured ones."""
    accepted = None
    if baseline is not None:
        from .baseline import Baseline

        accepted = Baseline.load(baseline)  # before linting: a bad file stops the run early
    if STDIN in map(str, _as_list(paths)):
        run = _lint_stdin(paths, overrides, stdin, stdin_filename)
        if accepted is not None:
            settings = SettingsResolver(overrides or Overrides()).for_path(stdin_filename)
            _drop_accepted(run, accepted, lambda path: settings)
        return run
    plan = _plan(paths, overrides, glossary)
    report = RunReport([], plan.signature, errors=list(plan.errors))
    failing = False
    if source is not None and len(plan.groups) > 1:
        raise InputError(str(source), "--source goes with exactly one draft")
    tick = progress(sum(len(g.files) for g in plan.groups)) if progress else None
    for group in plan.groups:
        if source is not None:
            result = _lint_aligned(group, source)
        else:
            # JSON output: pool workers send findings back as the JSON that will be written.
            encoded = plan.settings.format in ("json", "jsonl")
            result = lint_files(
                group.files, group.glossary, group.selection, jobs=jobs, encoded=encoded,
                tick=tick, options=group.settings.read_options,
            )
        report.findings.extend(result.findings)
        report.files.extend(result.files)
        report.errors.extend(result.errors)
        report.words += result.words
        report.notes.extend(result.notes)
        failing = failing or _failing(result.findings, group.settings)
    selection = plan.groups[0].selection if plan.groups else None
    # BIL004 across files (one source translated two ways in two bilingual files): its check
    # module is imported only when the rule is on.
    if source is None and len(report.files) > 1 and selection.enabled("BIL004"):
        from .checks.bilingual import findings_across_files

        across = findings_across_files(report.files, selection.enabled)
        report.findings.extend(across)
        failing = failing or _failing(across, plan.groups[0].settings)
    if len(plan.groups) > 1:  # back to the order of the files
        report.findings.sort(key=lambda f: (plan.order.get(f.path, 0), sort_key(f)))
        report.files.sort(key=lambda p: plan.order.get(p, 0))
    glossaries = [g.glossary for g in plan.groups if g.glossary is not None]
    run = LintRun(report, plan.settings.format, failing, glossaries=glossaries)
    if accepted is not None:
        settings_of = {path: g.settings for g in plan.groups for path in g.files}
        _drop_accepted(run, accepted, lambda path: settings_of.get(path, plan.settings))
    return run


def _drop_accepted(run: LintRun, accepted, settings_of: Callable[[str], Settings]) -> None:
    """Leave out of `run` the findings a baseline accounts for; `failing` is then said of the
    rest, each against its own file's fail-on."""
    report = run.report
    total = len(report.findings)
    texts = {path: doc.text for path, doc in run.documents.items()}  # standard input
    report.findings = Findings(accepted.new_findings(report.findings, texts))
    run.hidden = total - len(report.findings)
    if run.hidden:
        report.notes.append(f"mtqa: {run.hidden} findings in the baseline not shown")
    run.failing = any(
        f.severity.rank >= settings_of(f.path).fail_on.rank for f in report.findings
    )


STDIN = "-"


def read_stdin(
    data: bytes | None = None,
    filename: str | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Document:
    """The document on standard input (or `data`), read by the reader `filename`'s extension
    picks (Markdown without one), under the path `filename` or `-`; `options`: how it is read."""
    import sys

    from .readers import read_with, reader_for_path, reader_named

    reader = reader_for_path(filename) if filename else None
    if filename and reader is None and Path(filename).suffix:
        raise InputError(filename, f"unsupported file type {Path(filename).suffix.lower()!r}")
    if data is None:
        data = sys.stdin.buffer.read()
    return read_with(reader or reader_named("markdown"), data, filename or STDIN, options)


def _lint_stdin(
    paths: PathsArg, overrides: Overrides | None, data: bytes | None, filename: str | None
) -> LintRun:
    if len(_as_list(paths)) > 1:
        raise InputError(STDIN, "standard input is linted alone (no other paths with -)")
    settings = SettingsResolver(overrides or Overrides()).for_path(filename)
    glossary = glossary_for(settings)
    doc = read_stdin(data, filename, settings.read_options)
    findings = lint_document(
        doc, selection=settings.selection, context=CheckContext(glossary=glossary)
    )
    report = RunReport(
        findings,
        Signature.of(glossary, settings.selection.enabled_codes),
        files=[doc.path],
        words=doc.word_count,
    )
    return LintRun(
        report,
        settings.format,
        _failing(findings, settings),
        documents={doc.path: doc},
        glossaries=[glossary] if glossary is not None else [],
    )


# ----------------------------------------------------------------------------- fix
def run_fix(
    paths: PathsArg,
    overrides: Overrides | None = None,
    write: bool = True,
    with_report: bool = False,
    source: str | Path | None = None,
    keep_approved: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    comments: bool = False,
    glossary: Glossary | None = None,
) -> FixRun:
    """Fix files in place (write=False: only compute, for a diff), each with its settings:
    unsafe fixes where `unsafe-fixes` is on. Without writing, `failing` means "would change";
    after writing, "findings at or above fail-on remain". `source`: the source file of the
    draft, aligned paragraph by paragraph; `keep_approved`: approved and final segments of
    bilingual files are left as they are; `jobs`, `progress` and `glossary`: as for
    `run_lint`; `comments`: Word documents get the findings left as comments."""
    from .fixing import FixJob, fix_files
    from .results import FixRun

    plan = _plan(paths, overrides, glossary)
    run = FixRun([], list(plan.errors), False, write, plan.signature)
    pairs = []
    tick = progress(sum(len(g.files) for g in plan.groups)) if progress else None

    def preparer(options: WriteOptions) -> Callable[[Document], Document]:
        def prepare(doc: Document) -> Document:
            if source is not None:
                from .readers.aligned import align_source

                doc = align_source(doc, read_document(source, options=doc.read_options))
            if keep_approved:
                from .readers import lock_approved

                doc = lock_approved(doc)
            return reader_of(doc).with_options(doc, options)

        return prepare

    for group in plan.groups:
        job = FixJob(
            selection=group.selection,
            context=CheckContext(glossary=group.glossary),
            unsafe=group.settings.unsafe_fixes,
            write=write,
            prepare=preparer(write_options(group.settings, group.glossary, comments)),
            keep_documents=with_report,
            options=group.settings.read_options,
        )
        for _path, doc, result, error in fix_files(group.files, job, jobs=jobs, tick=tick):
            if error is not None:
                run.errors.append(error)
                continue
            run.results.append(result)
            if not result.converged:
                run.unsettled.append(result)
            if with_report:
                pairs.append((doc, result))
            run.failing = run.failing or (
                _failing(result.remaining, group.settings) if write else result.changed
            )
    if with_report:
        from .reporters.report_model import from_fix

        glossary = plan.groups[0].glossary if plan.groups else None
        run.report_model = from_fix(pairs, plan.signature, glossary, run.errors)
    return run


def write_options(settings: Settings, glossary: Glossary | None, comments: bool) -> WriteOptions:
    """How a group's fixes are written, for formats with a choice (Word's tracked changes)."""
    return WriteOptions(
        tracked=settings.track_changes, author=settings.author, comments=comments,
        glossary=glossary,
    )


# ----------------------------------------------------------------------------- report
def _report_model(
    groups: list[_Group], errors: list[InputError], progress: Progress | None = None
):
    from .corpus import document_rows, variant_groups
    from .corpus.engine import CorpusResult
    from .reporters.report_model import from_lint

    pairs, rows = [], []
    errors = list(errors)
    tick = progress(sum(len(g.files) for g in groups)) if progress else (lambda n: None)
    for group in groups:
        ctx = CheckContext(glossary=group.glossary)
        options = group.settings.read_options
        for path in group.files:
            tick(1)
            try:
                doc = read_document(path, options=options)
            except InputError as exc:
                errors.append(exc)
                continue
            pairs.append((doc, lint_document(doc, selection=group.selection, context=ctx)))
            rows.extend(document_rows(doc, ctx))
    signature = groups[0].signature if groups else Signature.of(None, ())
    glossary = groups[0].glossary if groups else None
    model = from_lint(pairs, signature, glossary, errors)
    if len(pairs) > 1:
        model.corpus = CorpusResult(groups=variant_groups(rows), files=[d.path for d, _ in pairs])
    return model, errors


def run_report(
    paths: PathsArg,
    overrides: Overrides | None = None,
    progress: Progress | None = None,
    glossary: Glossary | None = None,
) -> ReportRun:
    """The review report's model for files as they are (every fix pending), with the
    configured settings, per-file-ignores included. For several files it also carries the
    corpus variant groups, for the variants x articles matrix. It fails as a lint run would:
    on findings at or above `fail-on`. `glossary`: as for `run_lint`."""
    from .results import ReportRun

    plan = _plan(paths, overrides, glossary)
    model, errors = _report_model(plan.groups, plan.errors, progress)
    settings_of = {path: g.settings for g in plan.groups for path in g.files}
    failing = any(
        _failing([i.finding for i in f.items], settings_of[f.path])
        for f in model.files
        if f.path in settings_of
    )
    return ReportRun(model=model, errors=errors, failing=failing)


def run_review(paths: PathsArg, output: str | Path | None, overrides: Overrides | None = None):
    """A review copy of one document: its safe fixes as tracked changes and every other
    finding as a comment on its text (formats with revisions: Word). The copy's bytes are
    returned, to be written to `output`, which may not be the document itself."""
    from .fixing import fix_document
    from .results import ReviewRun

    plan = _plan(paths, overrides)
    if plan.errors:
        raise plan.errors[0]
    files = [f for g in plan.groups for f in g.files]
    if len(files) != 1:
        raise InputError(str(output), "a review copy is made of exactly one document")
    group = plan.groups[0]
    doc = read_document(files[0], options=group.settings.read_options)
    reader = reader_of(doc)
    if not reader.revisions:
        raise InputError(doc.path, "a review copy with comments is written for Word documents")
    if output is not None and Path(output).exists() and Path(output).samefile(doc.path):
        raise InputError(str(output), "the review copy would overwrite the document itself")
    options = write_options(group.settings, group.glossary, comments=True)
    doc = reader.with_options(doc, replace(options, tracked=True))
    ctx = CheckContext(glossary=group.glossary)
    result = fix_document(doc, selection=group.selection, context=ctx)
    data = reader.fixed_bytes(doc, result)
    if data is None:  # nothing to say: the copy is the document
        data = Path(doc.path).read_bytes()
    failing = _failing(result.remaining, group.settings)
    return ReviewRun(data, result, len(result.remaining), failing=failing)


# ----------------------------------------------------------------------------- corpus
def run_corpus(
    paths: PathsArg,
    overrides: Overrides | None = None,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    include_consistent: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> CorpusRun:
    """One spelling per entity across many articles. One glossary for the whole corpus: that of
    the first path's settings (consistency is measured against one reference)."""
    from .corpus import run_corpus as corpus_engine
    from .results import CorpusRun

    paths = _as_list(paths)
    overrides = overrides or Overrides()
    settings = SettingsResolver(overrides).for_path(paths[0] if paths else None)
    glossary = glossary_for(settings)
    result = corpus_engine(
        paths,
        glossary,
        follow_links=overrides.follow_links,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        include_consistent=include_consistent,
        progress=progress,
        options=settings.read_options,
    )
    return CorpusRun(result=result, signature=Signature.of(glossary, ("corpus",)))


# ----------------------------------------------------------------------------- MT
def run_retranslate(
    paths: PathsArg,
    overrides: Overrides | None = None,
    *,
    model: str = "Helsinki-NLP/opus-mt-ar-en",
    backend: str = "auto",
    device: str = "auto",
    revision: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
    decoding=None,
    apply: bool = False,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    segments: Sequence[str] = (),
    entries: Sequence[str] = (),
    engine: str = "local",
    scheduler: str | None = None,
    with_report: bool = False,
) -> RetranslateRun:
    """Retranslate the segments of bilingual files that still carry findings after safe fixes,
    with an open MT model under the glossary (the `mt` extra). Accepted candidates are written
    with `apply`; the others stay findings, with their candidates as display-only suggestions.
    The glossary and rules are those of the first path's settings."""
    from .errors import MtqaError
    from .mt import DecodeSettings
    from .mt.cache import TranslationCache, default_cache_dir
    from .results import RetranslateRun

    plan = _plan(paths, overrides)
    files = [f for g in plan.groups for f in g.files]
    glossary = plan.groups[0].glossary if plan.groups else glossary_for(plan.settings)
    selection = plan.settings.selection
    decoding = decoding or DecodeSettings()
    from .cachedir import enabled as caching

    use_cache = use_cache and caching()  # MTQA_NO_CACHE turns off every cache
    cache_path = (cache_dir or default_cache_dir()) if use_cache else None
    if engine == "dask":
        from .mt.distributed import ModelSpec, retranslate_dask

        if scheduler is None:
            raise MtqaError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        if segments or entries:
            raise MtqaError("--segment and --entry work with the local engine only")
        spec = ModelSpec(model, backend, device, revision, source_language, target_language)
        result = retranslate_dask(
            files, spec, scheduler, glossary, selection, decoding, apply=apply,
            cache_dir=cache_path, options=plan.settings.read_options,
        )
    elif engine == "local":
        from .mt.load import load_translator
        from .mt.stage import retranslate

        translator = load_translator(
            model, backend=backend, device=device, revision=revision,
            source_language=source_language, target_language=target_language,
        )
        cache = TranslationCache(cache_path) if cache_path is not None else None
        result = retranslate(
            files, translator, glossary, selection, decoding, apply=apply, cache=cache,
            segments=segments, entries=entries, options=plan.settings.read_options,
        )
    else:
        raise MtqaError(f"unknown engine {engine!r} (local, dask)")
    errors = list(plan.errors) + list(result.errors)
    errors += [InputError(f.path, f.error) for f in result.files if f.error]
    flagged = sum(f.flagged for f in result.files)
    accepted = len({(o.path, o.segment_id) for o in result.accepted})
    run = RetranslateRun(result, errors, flagged > accepted, plan.settings.format)
    if with_report:
        from .reporters.retranslation import from_retranslation

        run.report_model = from_retranslation(result, plan.signature)
    return run


def run_score(
    hypothesis: str | Path,
    reference: str | Path,
    *,
    source: str | Path | None = None,
    glossaries: Sequence[str | Path] = (),
    baseline: str | Path | None = None,
    test: str = "bs",
    overrides: Overrides | None = None,
) -> ScoreRun:
    """Score a translation (or a folder of them) against references; `baseline`: a second
    system, compared with sacrebleu's paired significance test (`bs` or `ar`). Term accuracy
    uses `glossaries`, else the glossary the hypothesis's settings name (the configured ones,
    else the shipped default; none with `overrides.no_glossary`)."""
    from .errors import MtqaError
    from .results import ScoreRun
    from .scoring import score

    if test not in ("bs", "ar"):
        raise MtqaError(f"--test must be bs or ar, not {test!r}")
    if glossaries:
        glossary = load_glossaries([str(p) for p in glossaries])
    else:
        glossary = glossary_for(SettingsResolver(overrides or Overrides()).for_path(hypothesis))
    return ScoreRun(
        score(hypothesis, reference, source=source, glossary=glossary, baseline=baseline, test=test)
    )


def line_lookup(
    documents: dict[str, Document] | None = None,
) -> Callable[[str, int], str | None]:
    """(path, line) -> that line's text, reading each document once (for text snippets);
    `documents`: those already in memory (standard input), by path."""
    cache: dict[str, object] = {}

    def lookup(path: str, line: int) -> str | None:
        doc = (documents or {}).get(path) or cache.get(path)
        if doc is None:
            cache.clear()
            try:
                doc = read_document(path)
            except InputError:
                return None
            cache[path] = doc
        return doc.line_text(line)

    return lookup


# ----------------------------------------------------------------------------- short forms
def _direct(
    glossary: Glossary | str | Path | None,
    select: Sequence[str],
    ignore: Sequence[str],
    unsafe: bool = False,
) -> tuple[Overrides, Glossary | None]:
    """The settings of a short form: no configuration file, these rules, this glossary (None:
    no glossary rules)."""
    overrides = Overrides(
        select=tuple(select),
        ignore=tuple(ignore),
        no_glossary=glossary is None,
        unsafe_fixes=unsafe,
        isolated=True,
    )
    return overrides, _glossary(glossary)


def lint(
    paths: PathsArg,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> LintResult:
    """Lint files or folders. `glossary` is a Glossary, a path, or None for no glossary rules."""
    overrides, glossary = _direct(glossary, select, ignore)
    report = run_lint(paths, overrides, glossary=glossary).report
    return LintResult(report.findings, report.errors, report.files, report.words, report.notes)


def lint_text(
    text: str,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> list[Finding]:
    return _lint_text(text, _glossary(glossary), RuleSelection(tuple(select), tuple(ignore)))


def fix(
    path: str | Path,
    glossary: Glossary | str | Path | None = None,
    unsafe: bool = False,
    write: bool = True,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> FixResult:
    """Fix one file; with write=False only compute the result (see FixResult.diff()). A file
    that cannot be read or written raises InputError."""
    if Path(path).is_dir():
        raise InputError(str(path), "is a directory")
    overrides, glossary = _direct(glossary, select, ignore, unsafe)
    run = run_fix([path], overrides, write=write, glossary=glossary)
    if run.errors:
        raise run.errors[0]
    return run.results[0]


def report(
    paths: PathsArg,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
):
    """The report model for one glossary given directly (no configuration files)."""
    overrides, glossary = _direct(glossary, select, ignore)
    return run_report(paths, overrides, glossary=glossary).model


# ----------------------------------------------------------------------------- rules, glossaries
def rules_data() -> list[dict]:
    """Every rule's metadata as plain data (`mtqa rules -f json`)."""
    from .checks import ALL_RULES

    return [
        {
            "code": r.code,
            "name": r.name,
            "summary": r.summary,
            "why": r.why,
            "severity": r.severity.value,
            "fix": r.fix,
            "fix_applies": r.fix_kind,
            "fix_safety": r.fix_safety,
            "examples": [
                {"text": e.text, "flagged": e.flagged, "fixed": e.fixed} for e in r.examples
            ],
        }
        for r in ALL_RULES
    ]


def check_glossaries(
    paths: Sequence[str | Path] | None = None, overrides: Overrides | None = None
) -> GlossaryCheck:
    """Load and validate glossaries (default: those configured for the current folder, else the
    shipped one). Raises GlossaryError with every problem, each naming its file and line."""
    from .results import GlossaryCheck

    if paths:
        targets = [str(p) for p in paths]
    else:
        settings = SettingsResolver(overrides or Overrides()).for_path(None)
        targets = list(settings.glossaries) or [str(default_glossary_path())]
    return GlossaryCheck(targets, load_glossaries(targets))


def test_glossaries(
    paths: Sequence[str | Path] | None = None, overrides: Overrides | None = None
) -> GlossaryTest:
    """Run every entry's examples against the whole glossary (`mtqa glossary test`)."""
    from .entry_examples import run_entry_examples
    from .results import GlossaryTest

    g = check_glossaries(paths, overrides).glossary
    return GlossaryTest(run_entry_examples(g), sum(len(e.examples) for e in g.entries))


test_glossaries.__test__ = False  # not a pytest test, whatever its name


def convert_glossary(
    source: str | Path,
    target: str | Path,
    from_format: str | None = None,
    to_format: str | None = None,
) -> GlossaryConversion:
    """Read a glossary in any supported format, validate it, write it in another."""
    from .documents.io import write_atomic
    from .errors import MtqaError
    from .glossary.writers import (
        WRITABLE,
        format_for_path,
        lossy_fields,
        lossy_glossary_fields,
        render_glossary,
    )
    from .results import GlossaryConversion

    fmt = to_format or format_for_path(str(target))
    if fmt not in WRITABLE:
        raise MtqaError(
            f"{target}: cannot tell the output format; use --to ({', '.join(WRITABLE)})"
        )
    g = load_glossary(source, from_format)
    lost = lossy_fields(g, fmt)
    try:
        write_atomic(Path(target), render_glossary(g, fmt))
    except OSError as exc:
        raise MtqaError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return GlossaryConversion(fmt, len(g), lost, lossy_glossary_fields(g, fmt))


_RESULTS = (
    "CorpusRun",
    "FixRun",
    "GlossaryCheck",
    "GlossaryConversion",
    "GlossaryTest",
    "ReportRun",
    "RetranslateRun",
    "ReviewRun",
    "ScoreRun",
)


def __getattr__(name: str):
    """The result classes of mtqa.results, as names of this module too (made on first use)."""
    if name in _RESULTS:
        from . import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
