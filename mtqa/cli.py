"""The `mtqa` command. Thin: parse options, call the library, pick a reporter, set the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage or input error
(a batch still lints the files it can read, then exits 2).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .api import default_glossary_path
from .checks import ALL_RULES, rules_docs_markdown
from .config import Settings, load_settings
from .documents.io import write_atomic, write_chunks_atomic
from .errors import ConfigError, GlossaryError, InputError, MtqaError
from .findings import Severity
from .glossary import load_glossaries
from .glossary.model import Glossary
from .linter import RuleSelection, discover
from .readers import read_document
from .reporters import REPORTERS, STREAMING, RunReport, Signature

app = typer.Typer(
    name="mtqa",
    help="Terminology QA for translated articles: lint, fix, check glossaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(help="Check, test and convert glossaries.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sarif = "sarif"
    github = "github"


def _die(message: str) -> None:
    typer.echo(f"mtqa: error: {message}", err=True)
    raise typer.Exit(2)


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
NoGlossaryOpt = Annotated[bool, typer.Option("--no-glossary", help="Run without any glossary.")]
SelectOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to enable.")
]
IgnoreOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to disable.")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="mtqa.toml or pyproject.toml to use.")
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a finding is at or above this severity (info, warning, error).",
    ),
]


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


class _Run:
    """Settings, glossary and rule selection resolved once for a command."""

    def __init__(
        self,
        glossary: list[Path] | None,
        no_glossary: bool,
        select: str | None,
        ignore: str | None,
        config: Path | None,
        fail_on: str | None,
    ):
        self.settings: Settings = load_settings(config)
        s = self.settings
        self.selection = RuleSelection(
            select=tuple(_split(select) or s.select),
            ignore=tuple(_split(ignore) if ignore is not None else s.ignore),
            per_file_ignores=tuple((k, tuple(v)) for k, v in s.per_file_ignores.items()),
        )
        try:
            self.fail_on = Severity.parse(fail_on or s.fail_on)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        self.glossary: Glossary | None = None
        if not no_glossary:
            paths = (
                [str(p) for p in glossary]
                if glossary
                else (s.glossaries or [str(default_glossary_path())])
            )
            self.glossary = load_glossaries(paths)
        self.signature = Signature.of(self.glossary, self.selection.enabled_codes)


def _guard(func):
    """Turn user errors into one line on stderr and exit code 2; never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GlossaryError as exc:
            for p in exc.problems:
                typer.echo(f"mtqa: glossary error: {p}", err=True)
            raise typer.Exit(2) from None
        except MtqaError as exc:
            _die(str(exc))
        except KeyboardInterrupt:
            typer.echo("mtqa: interrupted", err=True)
            raise typer.Exit(130) from None

    return wrapper


def _line_lookup():
    cache: dict[str, object] = {}

    def lookup(path: str, line: int) -> str | None:
        doc = cache.get(path)
        if doc is None:
            cache.clear()
            try:
                doc = read_document(path)
            except InputError:
                return None
            cache[path] = doc
        return doc.line_text(line)

    return lookup


def _emit(report: RunReport, fmt: OutputFormat, output: Path | None) -> None:
    if fmt == OutputFormat.text:
        color = output is None and sys.stdout.isatty()
        chunks = [REPORTERS["text"](report, color=color, line_lookup=_line_lookup())]
    elif fmt.value in STREAMING:
        chunks = STREAMING[fmt.value](report)
    else:
        chunks = [REPORTERS[fmt.value](report)]
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
    else:
        try:
            write_chunks_atomic(output, (c.encode("utf-8") for c in chunks))
        except OSError as exc:
            raise MtqaError(f"{output}: cannot write ({exc.strerror or exc})") from None
    for e in report.errors:
        typer.echo(f"mtqa: error: {e}", err=True)


def _exit_code(report: RunReport, fail_on: Severity) -> int:
    if report.errors:
        return 2
    return 1 if any(f.severity.rank >= fail_on.rank for f in report.findings) else 0


# ----------------------------------------------------------------------------- lint
@app.command()
@_guard
def lint(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to lint.")],
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.")
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Processes to use (default: one per core)."),
    ] = None,
) -> None:
    """Report terminology and style problems in translated drafts."""
    from .linter import lint_paths

    run = _Run(glossary, no_glossary, select, ignore, config, fail_on)
    fmt = format or OutputFormat(run.settings.format)
    result = lint_paths(paths, run.glossary, run.selection, jobs=jobs)
    report = RunReport(result.findings, run.signature, result.files, result.errors, result.words)
    _emit(report, fmt, output)
    raise typer.Exit(_exit_code(report, run.fail_on))


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
            help="Also write a report of what was fixed and what is left (.html, .md or .xlsx).",
        ),
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Apply safe fixes in place (--unsafe for more; --diff to preview)."""
    from .checks import CheckContext
    from .fixing import fix_document, write_fixed

    run = _Run(glossary, no_glossary, select, ignore, config, fail_on)
    unsafe = unsafe or run.settings.unsafe_fixes
    files, errors = discover(paths)
    ctx = CheckContext(glossary=run.glossary)
    applied = remaining = changed = 0
    remaining_findings = []
    fixed_pairs = []
    for path in files:
        try:
            doc = read_document(path)
            result = fix_document(doc, selection=run.selection, unsafe=unsafe, context=ctx)
            if not result.converged:
                typer.echo(
                    f"mtqa: warning: {path}: fixes did not settle after {result.iterations} passes",
                    err=True,
                )
            if diff:
                sys.stdout.write(result.diff())
            else:
                write_fixed(doc, result)
        except InputError as exc:
            errors.append(exc)
            continue
        if report_file is not None:
            fixed_pairs.append((doc, result))
        applied += len(result.applied)
        remaining += len(result.remaining)
        remaining_findings.extend(result.remaining)
        changed += result.changed
    for e in errors:
        typer.echo(f"mtqa: error: {e}", err=True)
    if report_file is not None:
        from .reporters.report_model import from_fix

        _write_report(from_fix(fixed_pairs, run.signature, run.glossary, errors), report_file, None)
    verb = "Would fix" if diff else "Fixed"
    typer.echo(
        f"{verb} {applied} finding{'s' if applied != 1 else ''} in {changed} "
        f"file{'s' if changed != 1 else ''}; {remaining} remaining.",
        err=diff,
    )
    if errors:
        raise typer.Exit(2)
    if diff:
        raise typer.Exit(1 if changed else 0)
    raise typer.Exit(
        1 if any(f.severity.rank >= run.fail_on.rank for f in remaining_findings) else 0
    )


# ----------------------------------------------------------------------------- report
class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    xlsx = "xlsx"


_REPORT_EXTENSIONS = {
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".xlsx": ReportFormat.xlsx,
}


def _write_report(model, output: Path | None, fmt: ReportFormat | None) -> None:
    from .reporters import fix_report

    if fmt is None:
        fmt = _REPORT_EXTENSIONS.get(output.suffix.lower()) if output else ReportFormat.markdown
        if fmt is None:
            _die(f"{output}: cannot tell the report format from the extension; use --format")
    if fmt == ReportFormat.xlsx and output is None:
        _die("--format xlsx writes a workbook: give it a file with -o report.xlsx")
    rendered = {
        ReportFormat.html: fix_report.render_html,
        ReportFormat.markdown: fix_report.render_markdown,
        ReportFormat.xlsx: fix_report.render_xlsx,
    }[fmt](model)
    if output is None:
        sys.stdout.write(rendered)
        return
    try:
        write_atomic(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
    except OSError as exc:
        raise MtqaError(f"{output}: cannot write ({exc.strerror or exc})") from None


@app.command()
@_guard
def report(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to report on.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="report.html, report.md or report.xlsx.")
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="Default: from the extension of -o."),
    ] = None,
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write a reviewable report (HTML, Markdown or XLSX) of the findings and their fixes."""
    from .api import report as build_report

    run = _Run(glossary, no_glossary, select, ignore, config, None)
    model = build_report(paths, run.glossary, run.selection.select, run.selection.ignore)
    _write_report(model, output, format)
    errors = [f for f in model.files if f.error]
    for f in errors:
        typer.echo(f"mtqa: error: {f.path}: {f.error}", err=True)
    if output is not None:
        s = model.summary()
        typer.echo(f"{output}: {s['findings']} findings in {s['files']} files", err=True)
    raise typer.Exit(2 if errors else 0)


# ----------------------------------------------------------------------------- corpus
class CorpusFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def _progress_bar():
    """A progress bar on an interactive terminal; nothing when output is piped or in CI."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "articles", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    )

    def start(total: int):
        progress.start()
        task = progress.add_task("", total=total)

        def tick():
            progress.advance(task)
            if progress.tasks[task].finished:
                progress.stop()

        return tick

    return start


@app.command()
@_guard
def corpus(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files of articles.")],
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    format: Annotated[
        CorpusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CorpusFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (needed for xlsx).")
    ] = None,
    engine: Annotated[str, typer.Option(help="local (all cores) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, with --engine dask.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Local processes (default: one per core)."),
    ] = None,
    all_entities: Annotated[
        bool, typer.Option("--all", help="Also list entities written one way.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Check that each entity is spelled one way across many articles."""
    from .corpus import run_corpus
    from .reporters import corpus as corpus_reports

    run = _Run(glossary, no_glossary, None, None, config, None)
    if format == CorpusFormat.xlsx and output is None:
        _die("--format xlsx writes a workbook: give it a file with -o report.xlsx")
    result = run_corpus(
        paths,
        run.glossary,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        include_consistent=all_entities,
        progress=_progress_bar(),
    )
    signature = Signature.of(run.glossary, ("corpus",))
    render = {
        CorpusFormat.text: corpus_reports.render_text,
        CorpusFormat.json: corpus_reports.render_json,
        CorpusFormat.csv: corpus_reports.render_csv,
        CorpusFormat.html: corpus_reports.render_html,
        CorpusFormat.xlsx: corpus_reports.render_xlsx,
    }[format]
    rendered = render(result, signature)
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if output is None:
        sys.stdout.write(rendered)
    else:
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise MtqaError(f"{output}: cannot write ({exc.strerror or exc})") from None
    for e in result.errors:
        typer.echo(f"mtqa: error: {e}", err=True)
    if result.errors:
        raise typer.Exit(2)
    raise typer.Exit(
        1
        if any(
            not g.consistent or g.variants[0].text.lower() != g.preferred.lower()
            for g in result.groups
        )
        else 0
    )


# ----------------------------------------------------------------------------- rules
class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.text,
) -> None:
    """List every rule with its code, description and an example."""
    if format == RulesFormat.markdown:
        sys.stdout.write(rules_docs_markdown())
        return
    if format == RulesFormat.json:
        import json

        sys.stdout.write(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "why": r.why,
                        "severity": r.severity.value,
                        "fix": r.fix,
                        "fix_safety": r.fix_safety,
                        "examples": [
                            {"text": e.text, "flagged": e.flagged, "fixed": e.fixed}
                            for e in r.examples
                        ],
                    }
                    for r in ALL_RULES
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return
    for r in ALL_RULES:
        typer.echo(f"{r.code:<10} {r.name:<20} [{r.severity.value}, fix: {r.fix}] {r.summary}")
        ex = next((e for e in r.examples if e.flagged), None)
        if ex is not None:
            fixed = f"  ->  {ex.fixed}" if ex.fixed else ""
            typer.echo(f"{'':<10} e.g. {ex.text}{fixed}")


# ----------------------------------------------------------------------------- glossary
@glossary_app.command("check")
@_guard
def glossary_check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Glossary files (default: the configured ones).")
    ] = None,
) -> None:
    """Validate glossaries: syntax, keys, cycles, conflicting variants, regexes."""
    targets = (
        [str(p) for p in paths]
        if paths
        else (load_settings().glossaries or [str(default_glossary_path())])
    )
    g = load_glossaries(targets)
    variants = sum(len(e.variants) for e in g.entries)
    typer.echo(f"{', '.join(targets)}: OK ({len(g)} entries, {variants} variants, hash {g.hash})")


@glossary_app.command("test")
@_guard
def glossary_test(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Glossary files (default: the configured ones).")
    ] = None,
) -> None:
    """Run every entry's examples: bad ones must be flagged (and fixed to good), ok ones not."""
    from .entry_examples import run_entry_examples

    targets = (
        [str(p) for p in paths]
        if paths
        else (load_settings().glossaries or [str(default_glossary_path())])
    )
    g = load_glossaries(targets)
    failures = run_entry_examples(g)
    total = sum(len(e.examples) for e in g.entries)
    for f in failures:
        typer.echo(f"FAIL {f}")
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


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
    from .glossary import load_glossary
    from .glossary.writers import WRITABLE, format_for_path, lossy_fields, render_glossary

    fmt = to_format or format_for_path(str(target))
    if fmt not in WRITABLE:
        _die(f"{target}: cannot tell the output format; use --to ({', '.join(WRITABLE)})")
    g = load_glossary(source, from_format)
    lost = lossy_fields(g, fmt)
    if lost:
        typer.echo(
            f"mtqa: warning: {fmt} cannot hold {', '.join(lost)}; those are left out", err=True
        )
    try:
        write_atomic(target, render_glossary(g, fmt))
    except OSError as exc:
        _die(f"{target}: cannot write ({exc.strerror or exc})")
    typer.echo(f"{source} -> {target} ({len(g)} entries, {fmt})")


@app.command()
def version() -> None:
    """Print the mtqa version."""
    typer.echo(f"mtqa {__version__}")


def main() -> None:
    app()


__all__ = ["app", "main"]
