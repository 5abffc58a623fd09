"""The `mtqa` command: parse options, call one `mtqa.api` function, hand its result to one
reporter, exit with the result's code. Everything else is the library's.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage or input error
(a batch still lints the files it can read, then exits 2).

A new command follows the same shape: options -> `_overrides(...)` -> an api `run_*` function ->
`_errors_first(run)` (input errors on stderr; nothing more where nothing was read) ->
`_emit(kind, data, format, output)` -> `_finish(run, *notes)`.

No `from __future__ import annotations` here, on purpose: typer reads every command's
annotations on every run (it builds all the commands before picking one), and string
annotations cost it an `eval` each, twice (about 13 ms a run); evaluated once at import,
they are objects it only has to look at. (tests/test_cold_start.py keeps it so.)
"""

import functools
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import api
from .config import Overrides, split_codes
from .errors import GlossaryError, MtqaError
from .mt.meta import backend_names
from .reporters import (
    CORPUS,
    LINT,
    REPORT,
    RETRANSLATE,
    SCORE,
    RenderOptions,
    for_output,
    names,
)
from .reporters.registry import extension_format, extensions
from .sanitize import for_terminal
from .terminal import progress_bar, use_color
from .version import __version__
from .wording import count, one_of

app = typer.Typer(
    name="mtqa",
    help="Terminology QA for translated articles: lint, fix, check glossaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(help="Check, test and convert glossaries.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Terminology QA for translated articles: lint, fix, check glossaries."""


# ----------------------------------------------------------------------------- shared options
GlossaryOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary file (repeatable). Default: the project "
        "config's, else the shipped default glossary.",
    ),
]
SourceOpt = Annotated[
    Path | None,
    typer.Option(
        "--source", help="The source file of one monolingual draft, aligned paragraph by paragraph."
    ),
]
NoGlossaryOpt = Annotated[bool, typer.Option("--no-glossary", help="Run without any glossary.")]
SelectOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to enable.")
]
IgnoreOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to disable.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="mtqa.toml or pyproject.toml to use for every file."),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a finding is at or above this severity (info, warning, error).",
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the output here.")]
FollowLinksOpt = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links in folders even where they lead outside the folder.",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes to use (default: the cores not busy when the run starts; one for a "
        "small run).",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Only the findings: no summary, notes or progress bar."),
]
NoColorOpt = Annotated[
    bool,
    typer.Option(
        "--no-color", help="No colour (also: NO_COLOR set; FORCE_COLOR set asks for colour)."
    ),
]
StdinNameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        help="With the path -: the name standard input stands for (its extension picks the "
        "format, its folder the settings; the path shown).",
    ),
]


def _overrides(
    glossary: list[Path] | None = None,
    no_glossary: bool = False,
    select: str | None = None,
    ignore: str | None = None,
    config: Path | None = None,
    fail_on: str | None = None,
    format: str | None = None,
    unsafe: bool | None = None,
    track_changes: bool | None = None,
    author: str | None = None,
    follow_links: bool = False,
) -> Overrides:
    """The explicit options, for the library's settings (None: not given on the command line)."""
    return Overrides(
        glossaries=tuple(str(g) for g in glossary) if glossary else None,
        no_glossary=no_glossary,
        select=split_codes(select),
        ignore=split_codes(ignore),
        fail_on=fail_on,
        format=format,
        unsafe_fixes=unsafe,
        track_changes=track_changes,
        author=author,
        config=str(config) if config is not None else None,
        follow_links=follow_links,
    )


def _guard(func):
    """Turn user errors into one line on stderr and exit code 2; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GlossaryError as exc:
            for p in exc.problems:
                typer.echo(f"mtqa: glossary error: {p}", err=True)
            raise typer.Exit(2) from None
        except MtqaError as exc:
            typer.echo(f"mtqa: error: {exc}", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo("mtqa: interrupted", err=True)
            raise typer.Exit(130) from None

    return wrapper


def _write(output: Path, chunks) -> None:
    from .documents.io import write_chunks_atomic

    data = [chunks] if isinstance(chunks, bytes) else (c.encode("utf-8") for c in chunks)
    try:
        write_chunks_atomic(output, data)
    except OSError as exc:
        raise MtqaError(f"{output}: cannot write ({exc.strerror or exc})") from None


def _format(kind: str, fmt: str | None, output: Path | None, *more_kinds: str) -> str | None:
    """The format `-f` names or, without it, the one `-o`'s extension picks among those of
    `kind` and then `more_kinds` (None: neither says). A format that contradicts the extension
    is refused, so a report is never replaced by text under its own name."""
    if output is None or "." not in output.name:
        return fmt
    by_extension = next(
        (f for k in (kind, *more_kinds) if (f := extension_format(k, output.name))), None
    )
    if fmt is None:
        return by_extension
    if by_extension is not None and by_extension != fmt:
        raise MtqaError(
            f"-o {output}: its extension is that of the {by_extension} format, but --format "
            f"is {fmt}; drop one of them, or make them agree"
        )
    return fmt


def _emit(
    kind: str,
    data,
    fmt: str | None,
    output: Path | None,
    default: str = "text",
    *,
    quiet: bool = False,
    no_color: bool = False,
    line_lookup=None,
    note=None,
) -> None:
    """Render `data` with the reporter the format or the output's extension picks."""
    reporter = for_output(kind, fmt, str(output) if output else None, default)
    options = RenderOptions(
        color=output is None and use_color(sys.stdout, no_color),
        line_lookup=line_lookup if reporter.name == "text" else None,
        quiet=quiet,
        note=note,
    )
    chunks = reporter.render(data, options)
    if output is not None:
        _write(output, chunks)
    elif isinstance(chunks, bytes):
        sys.stdout.buffer.write(chunks)
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)


def _skipped(paths) -> list[str]:
    """A note for each document a folder walk left out, and why."""
    from .files import skipped_documents

    return [f"mtqa: skipped {path}: {why}" for path, why in skipped_documents(paths)]


def _errors_first(run) -> bool:
    """Input errors on stderr, before anything else; False where the run read nothing at all
    (it did not happen: no output, no summary, exit 2)."""
    for e in run.errors:
        typer.echo(f"mtqa: error: {e}", err=True)
    return not run.errors or run.read_any


def _finish(run, *notes: str, quiet: bool = False) -> NoReturn:
    """The one way out of a command: notes on stderr (not with --quiet), then the exit code."""
    if not quiet:
        for note in notes:
            typer.echo(for_terminal(note), err=True)
    raise typer.Exit(run.exit_code())


# ----------------------------------------------------------------------------- lint
@app.command()
@_guard
def lint(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders to lint; - for standard input.")
    ],
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{one_of(names(LINT))}; default: from -o.",
        ),
    ] = None,
    output: OutputOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    source: SourceOpt = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count the findings per rule instead.")
    ] = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    stdin_filename: StdinNameOpt = None,
    follow_links: FollowLinksOpt = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="A previous `mtqa lint -f json` report: report only findings not in it.",
        ),
    ] = None,
) -> None:
    """Report terminology and style problems in translated drafts.

    With an HTML, Markdown or XLSX output (-o report.html, or -f html) it writes the review
    report that `mtqa report` writes."""
    fmt = _format(LINT, format, output, REPORT)
    if fmt in names(REPORT) and fmt not in names(LINT):
        report(
            paths,
            output=output,
            format=fmt,
            glossary=glossary,
            no_glossary=no_glossary,
            select=select,
            ignore=ignore,
            config=config,
            fail_on=fail_on,
            quiet=quiet,
            no_color=no_color,
            follow_links=follow_links,
        )
    if statistics:
        if fmt not in (None, "text", "statistics"):
            raise MtqaError(f"--statistics prints a table; it does not go with --format {fmt}")
        fmt = "statistics"
    overrides = _overrides(
        glossary, no_glossary, select, ignore, config, fail_on, fmt, follow_links=follow_links
    )
    run = api.run_lint(
        paths,
        overrides,
        jobs=jobs,
        source=source,
        progress=progress_bar("files", quiet, no_color),
        stdin_filename=stdin_filename,
        baseline=baseline,
    )
    if _errors_first(run):
        _emit(
            LINT,
            run.report,
            run.format,
            output,
            quiet=quiet,
            no_color=no_color,
            line_lookup=api.line_lookup(run.documents),
            note=run.note,
        )
    _finish(run, *run.report.notes, *_skipped(paths), quiet=quiet)


# ----------------------------------------------------------------------------- fix
@app.command()
@_guard
def fix(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to fix in place.")],
    unsafe: Annotated[bool, typer.Option("--unsafe", help="Apply unsafe fixes too.")] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff; write nothing.")
    ] = False,
    report_file: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Also write a report of what was fixed and what is left "
            f"({one_of(extensions(REPORT))}).",
        ),
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    keep_approved: Annotated[
        bool,
        typer.Option("--keep-approved", help="Leave approved and final segments unchanged."),
    ] = False,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    follow_links: FollowLinksOpt = False,
    track_changes: Annotated[
        bool | None,
        typer.Option(
            "--track-changes/--no-track-changes",
            help="Word documents: write fixes as tracked changes (the default) or plain edits.",
        ),
    ] = None,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean",
            help="Word documents: a clean copy, every fix applied with no revision marks "
            "(plain edits, as --no-track-changes).",
        ),
    ] = False,
    author: Annotated[
        str | None, typer.Option("--author", help="Word documents: the tracked changes' author.")
    ] = None,
    comments: Annotated[
        bool,
        typer.Option("--comments", help="Word documents: add the findings left as comments."),
    ] = False,
) -> None:
    """Apply safe fixes in place (--unsafe for more; --diff to preview).

    The summary goes to stderr, so the diff on stdout is a clean patch.
    """
    if report_file is not None:
        for_output(REPORT, None, str(report_file), "markdown", hint="")  # before fixing
    if clean:
        track_changes = _clean_copy(track_changes, comments)
    overrides = _overrides(
        glossary,
        no_glossary,
        select,
        ignore,
        config,
        fail_on,
        unsafe=True if unsafe else None,
        follow_links=follow_links,
        track_changes=track_changes,
        author=author,
    )
    run = api.run_fix(
        paths,
        overrides,
        write=not diff,
        with_report=report_file is not None,
        source=source,
        keep_approved=keep_approved,
        jobs=jobs,
        progress=progress_bar("files", quiet, no_color),
        comments=comments,
    )
    if not _errors_first(run):
        _finish(run)
    if diff:
        sys.stdout.write(run.diff())
    if report_file is not None:
        _emit(REPORT, run.report_model, None, report_file)
    notes = [
        f"mtqa: withheld: {r.path}:{f.line}:{f.column}: {f.code} {f.text!r}: {reason}"
        for r in run.results
        for f, reason in r.withheld
    ]
    notes += [
        f"mtqa: warning: {r.path}: fixes did not settle after {r.iterations} passes"
        for r in run.unsettled
    ]
    _finish(run, *notes, *_skipped(paths), run.summary(), quiet=quiet)


def _clean_copy(track_changes: bool | None, comments: bool) -> bool:
    """`--clean`: plain edits whatever the settings say; refused beside the marks it leaves out."""
    if track_changes:
        raise MtqaError("--clean writes no tracked changes; it does not go with --track-changes")
    if comments:
        raise MtqaError("--clean writes a copy without marks; it does not go with --comments")
    return False


# ----------------------------------------------------------------------------- report
@app.command()
@_guard
def report(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to report on.")],
    output: Annotated[
        Path | None, typer.Option(
            "--output", "-o", help=one_of("report" + e for e in extensions(REPORT)) + "."
        )
    ] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"{one_of(names(REPORT))}; default: from -o."),
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    fail_on: FailOnOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    follow_links: FollowLinksOpt = False,
) -> None:
    """Write a reviewable report (HTML, Markdown or XLSX) of the findings and their fixes;
    -o draft.review.docx writes a Word review copy (fixes tracked, findings as comments).

    It exits as `mtqa lint` does: 1 when a finding is at or above --fail-on."""
    fmt = _format(REPORT, format, output)
    reporter = for_output(REPORT, fmt, str(output) if output else None, "markdown")
    overrides = _overrides(
        glossary, no_glossary, select, ignore, config, fail_on, follow_links=follow_links
    )
    if reporter.name == "review":
        review = api.run_review(paths, output, overrides)
        _emit(REPORT, review, fmt, output)
        fixed, left = count(len(review.result.applied), "fix"), count(review.comments, "comment")
        _finish(review, f"{output}: {fixed} as tracked changes, {left}", quiet=quiet)
    run = api.run_report(paths, overrides, progress=progress_bar("files", quiet, no_color))
    if not _errors_first(run):
        _finish(run)
    _emit(REPORT, run.model, fmt, output, default="markdown")
    notes = []
    if output is not None:
        s = run.model.summary()
        notes.append(f"{output}: {count(s['findings'], 'finding')} in {count(s['files'], 'file')}")
    _finish(run, *notes, *_skipped(paths), quiet=quiet)


# ----------------------------------------------------------------------------- corpus
@app.command()
@_guard
def corpus(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files of articles.")],
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"{one_of(names(CORPUS))}; default: from -o."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (needed for xlsx).")
    ] = None,
    engine: Annotated[str, typer.Option(help="local (all cores) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, with --engine dask.")
    ] = None,
    jobs: JobsOpt = None,
    all_entities: Annotated[
        bool, typer.Option("--all", help="Also list entities written one way.")
    ] = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    follow_links: FollowLinksOpt = False,
) -> None:
    """Check that each entity is spelled one way across many articles."""
    fmt = _format(CORPUS, format, output)
    for_output(CORPUS, fmt, str(output) if output else None, "text")
    run = api.run_corpus(
        paths,
        _overrides(glossary, no_glossary, config=config, follow_links=follow_links),
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        include_consistent=all_entities,
        progress=progress_bar("articles", quiet, no_color),
    )
    if _errors_first(run):
        _emit(CORPUS, run.report, fmt, output, quiet=quiet, no_color=no_color)
    _finish(run)


# ----------------------------------------------------------------------------- rules
@app.command()
@_guard
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text, markdown or json.")] = "text",
) -> None:
    """List every rule with its code, description and an example."""
    from .checks import ALL_RULES, rules_docs_markdown

    if format == "markdown":
        sys.stdout.write(rules_docs_markdown())
    elif format == "json":
        import json

        sys.stdout.write(json.dumps(api.rules_data(), ensure_ascii=False, indent=2) + "\n")
    elif format == "text":
        for r in ALL_RULES:
            typer.echo(
                f"{r.code:<10} {r.name:<20} [{r.severity.value}, fix: {r.fix_kind}] {r.summary}"
            )
            ex = next((e for e in r.examples if e.flagged), None)
            if ex is not None:
                fixed = f"  ->  {ex.fixed}" if ex.fixed else ""
                typer.echo(f"{'':<10} e.g. {ex.text}{fixed}")
    else:
        raise MtqaError(f"--format: unknown format {format!r} (one of text, markdown, json)")


@app.command()
@_guard
def rule(code: Annotated[str, typer.Argument(help="A rule code, e.g. TERM001.")]) -> None:
    """Explain one rule: what it does, why, its fix and its examples."""
    from .checks import RULES_BY_CODE

    found = RULES_BY_CODE.get(code.upper())
    if found is None:
        raise MtqaError(f"unknown rule {code!r} (`mtqa rules` lists them)")
    sys.stdout.write(found.doc_markdown())


# ----------------------------------------------------------------------------- glossary
GlossaryPaths = Annotated[
    list[Path] | None, typer.Argument(help="Glossary files (default: the configured ones).")
]


@glossary_app.command("check")
@_guard
def glossary_check(paths: GlossaryPaths = None) -> None:
    """Validate glossaries: syntax, keys, cycles, conflicting variants, regexes."""
    checked = api.check_glossaries([str(p) for p in paths] if paths else None)
    g = checked.glossary
    variants = sum(len(e.variants) for e in g.entries)
    typer.echo(
        f"{', '.join(checked.paths)}: OK ({count(len(g), 'entry')}, "
        f"{count(variants, 'variant')}, hash {g.hash})"
    )


@glossary_app.command("test")
@_guard
def glossary_test(paths: GlossaryPaths = None) -> None:
    """Run every entry's examples: bad ones must be flagged (and fixed to good), ok ones not."""
    run = api.test_glossaries([str(p) for p in paths] if paths else None)
    for f in run.failures:
        typer.echo(for_terminal(f"FAIL {f}"))
    typer.echo(f"{run.passed} passed, {len(run.failures)} failed")
    raise typer.Exit(run.exit_code())


@glossary_app.command("convert")
@_guard
def glossary_convert(
    source: Annotated[
        Path, typer.Argument(help="Glossary to read (yaml, csv, tsv, xlsx, tbx, prh, vale).")
    ],
    target: Annotated[Path, typer.Argument(help="File to write; its extension picks the format.")],
    from_format: Annotated[
        str | None, typer.Option("--from", help="Input format, when the extension does not say.")
    ] = None,
    to_format: Annotated[
        str | None, typer.Option("--to", help="Output format (yaml, csv, tsv, xlsx, tbx).")
    ] = None,
) -> None:
    """Convert a glossary between formats (validating it on the way)."""
    converted = api.convert_glossary(source, target, from_format, to_format)
    if converted.lost_glossary:
        typer.echo(
            f"mtqa: warning: {target}: {converted.format} cannot hold the glossary's "
            f"{', '.join(converted.lost_glossary)}; left out",
            err=True,
        )
    for entry, fields in converted.lost:
        typer.echo(
            f"mtqa: warning: {target}: entry {entry!r}: {converted.format} cannot hold "
            f"{', '.join(fields)}; left out",
            err=True,
        )
    typer.echo(f"{source} -> {target} ({count(converted.entries, 'entry')}, {converted.format})")


@app.command()
def version() -> None:
    """Print the mtqa version."""
    typer.echo(f"mtqa {__version__}")


def main() -> None:
    app()



# ----------------------------------------------------------------------------- MT
@app.command()
@_guard
def score(
    hyp: Annotated[Path, typer.Argument(help="Hypothesis: a file, or a folder of files.")],
    ref: Annotated[Path, typer.Argument(help="Reference: a file, or a folder of the same names.")],
    source: Annotated[
        Path | None, typer.Option("--source", help="Source text, for term accuracy.")
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="A second system: paired significance test against it."),
    ] = None,
    test: Annotated[
        str, typer.Option("--test", help="Significance test: bs (bootstrap) or ar.")
    ] = "bs",
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=one_of(names(SCORE)) + ".")
    ] = None,
    output: OutputOpt = None,
) -> None:
    """BLEU, chrF and TER (sacrebleu, with signatures) and glossary term accuracy."""
    run = api.run_score(
        hyp,
        ref,
        source=source,
        glossaries=glossary or (),
        baseline=baseline,
        test=test,
        overrides=_overrides(no_glossary=no_glossary),
    )
    if _errors_first(run):
        _emit(SCORE, run.result, _format(SCORE, format, output), output)
    _finish(run)


@app.command()
@_guard
def retranslate(
    paths: Annotated[list[Path], typer.Argument(help="Bilingual files or folders.")],
    model: Annotated[
        str,
        typer.Option(
            "--model", help="Hugging Face id or local folder (transformers or CTranslate2)."
        ),
    ] = "Helsinki-NLP/opus-mt-ar-en",
    backend: Annotated[
        str, typer.Option("--backend", help=one_of(backend_names()) + ".")
    ] = "auto",
    revision: Annotated[str | None, typer.Option("--revision", help="Hub revision.")] = None,
    device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda.")] = "auto",
    source_lang: Annotated[
        str | None, typer.Option("--source-lang", help="NLLB/M2M100 source code.")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option("--target-lang", help="NLLB/M2M100 target code.")
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write accepted retranslations (and safe fixes).")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the diff of what would change.")
    ] = False,
    segment: Annotated[
        list[str] | None, typer.Option("--segment", help="Segment id to retranslate (repeatable).")
    ] = None,
    entry: Annotated[
        list[str] | None,
        typer.Option("--entry", help="Only segments with findings of this glossary entry."),
    ] = None,
    beams: Annotated[int, typer.Option("--beams", min=1)] = 5,
    nbest: Annotated[int, typer.Option("--nbest", min=1)] = 4,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 16,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache", help="Translation cache folder (default: the cache folder).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local, or dask (each worker loads the model once).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (--engine dask).")
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=one_of(names(RETRANSLATE)) + ".")
    ] = None,
    output: OutputOpt = None,
    report_file: Annotated[
        Path | None,
        typer.Option(
            "--report", help=f"Also write a review report ({one_of(extensions(REPORT))})."
        ),
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Retranslate segments that still have findings after safe fixes, under the glossary."""
    from .mt import DecodeSettings

    fmt = _format(RETRANSLATE, format, output)
    for_output(RETRANSLATE, fmt, str(output) if output else None, "text")
    if report_file is not None:
        for_output(REPORT, None, str(report_file), "markdown", hint="")  # before translating
    run = api.run_retranslate(
        paths,
        _overrides(glossary, no_glossary, select, ignore, config),
        model=model,
        backend=backend,
        device=device,
        revision=revision,
        source_language=source_lang,
        target_language=target_lang,
        decoding=DecodeSettings(num_beams=beams, num_return_sequences=nbest, batch_size=batch_size),
        apply=apply,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        segments=segment or (),
        entries=entry or (),
        engine=engine,
        scheduler=scheduler,
        with_report=report_file is not None,
    )
    if not _errors_first(run):
        _finish(run)
    if report_file is not None:
        _emit(REPORT, run.report_model, None, report_file)
    if diff:
        for f in run.result.files:
            sys.stdout.write(f.diff())
    else:
        _emit(RETRANSLATE, run.result, fmt, output)
    _finish(run, run.summary())


# ----------------------------------------------------------------------------- server
@app.command()
@_guard
def server(
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Talk over stdin and stdout (the default).")
    ] = True,
) -> None:
    """Run the language server for editors (needs the lsp extra: pip install 'mtqa[lsp]')."""
    from .server import serve  # pygls is imported only here

    serve()


__all__ = ["app", "main"]
