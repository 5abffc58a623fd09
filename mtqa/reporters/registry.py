"""One registry for every output: lint findings, fix/review reports and corpus tables.

A reporter has a name, the file extensions that choose it, and one signature:
`render(data, options) -> Iterable[str] | bytes`, where `data` is the model of its kind
(RunReport for lint, ReportModel for report and fix, CorpusReport for corpus) and every model
carries the run's input errors, which every format shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import MtqaError

LINT, REPORT, CORPUS = "lint", "report", "corpus"
SCORE, RETRANSLATE = "score", "retranslate"


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    # (path, line) -> the text of that line, for the text format's snippets.
    line_lookup: Callable[[str, int], str | None] | None = None
    # Findings only: no summary lines.
    quiet: bool = False
    # glossary entry id -> its note (said once per entry, not under every finding).
    note: Callable[[str], str] | None = None


@dataclass(frozen=True)
class Reporter:
    kind: str
    name: str
    render: Callable[[object, RenderOptions], Iterable[str] | bytes]
    extensions: tuple[str, ...] = ()
    binary: bool = False  # a workbook: needs a file (-o)


_REGISTRY: dict[tuple[str, str], Reporter] = {}


def register(reporter: Reporter) -> Reporter:
    _REGISTRY[(reporter.kind, reporter.name)] = reporter
    return reporter


def names(kind: str) -> tuple[str, ...]:
    return tuple(name for k, name in _REGISTRY if k == kind)


def get(kind: str, name: str) -> Reporter:
    reporter = _REGISTRY.get((kind, name))
    if reporter is None:
        raise MtqaError(f"unknown format {name!r} (one of {', '.join(names(kind))})")
    return reporter


def extension_format(kind: str, output: str) -> str | None:
    """The format of `kind` whose extension `output` has, or None."""
    suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
    return next(
        (r.name for (k, _), r in _REGISTRY.items() if k == kind and suffix in r.extensions), None
    )


def for_output(
    kind: str, name: str | None, output: str | None, default: str, hint: str = "; use --format"
) -> Reporter:
    """The reporter named, else the one the output file's extension picks, else the default.
    `hint`: how the caller's user names a format instead (added to the error)."""
    if name is not None:
        reporter = get(kind, name)
    elif output is not None:
        suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
        found = [r for (k, _), r in _REGISTRY.items() if k == kind and suffix in r.extensions]
        if not found:
            known = sorted(
                {e for (k, _), r in _REGISTRY.items() if k == kind for e in r.extensions}
            )
            raise MtqaError(
                f"{output}: cannot tell the format from the extension "
                f"(known: {', '.join(known)}){hint}"
            )
        reporter = found[0]
    else:
        reporter = get(kind, default)
    if reporter.binary and output is None:
        raise MtqaError(
            f"--format {reporter.name} writes a workbook: give it a file with "
            f"-o report.{reporter.extensions[0].lstrip('.')}"
        )
    return reporter


def _lazy(module: str, function: str) -> Callable:
    """A reporter module's function, imported on first use: listing the formats must not import
    pandas or Jinja2 on every run."""

    def call(*args, **kwargs):
        from importlib import import_module

        return getattr(import_module(f"{__package__}.{module}"), function)(*args, **kwargs)

    return call


def _register_all() -> None:
    text = _lazy("text", "render")
    concise = _lazy("text", "render_concise")
    statistics = _lazy("text", "render_statistics")
    json_chunks = _lazy("json_format", "render_chunks")
    jsonl_chunks = _lazy("json_format", "render_lines_chunks")
    csv, sarif, github = (_lazy(m, "render") for m in ("csv_format", "sarif", "github"))
    lint = [
        (
            "text",
            lambda d, o: [
                text(d, color=o.color, line_lookup=o.line_lookup, quiet=o.quiet, note=o.note)
            ],
            (".txt",),
        ),
        ("concise", lambda d, o: [concise(d, color=o.color, quiet=o.quiet)], ()),
        ("statistics", lambda d, o: [statistics(d)], ()),
        ("json", lambda d, o: json_chunks(d), (".json",)),
        ("jsonl", lambda d, o: jsonl_chunks(d), (".jsonl",)),
        ("csv", lambda d, o: [csv(d)], (".csv",)),
        ("sarif", lambda d, o: [sarif(d)], (".sarif",)),
        ("github", lambda d, o: [github(d)], ()),
    ]
    for name, render, exts in lint:
        register(Reporter(LINT, name, render, exts))

    html, markdown, xlsx = (
        _lazy("fix_report", f"render_{n}") for n in ("html", "markdown", "xlsx")
    )
    register(Reporter(REPORT, "html", lambda d, o: [html(d)], (".html", ".htm")))
    register(Reporter(REPORT, "markdown", lambda d, o: [markdown(d)], (".md", ".markdown")))
    register(Reporter(REPORT, "xlsx", lambda d, o: xlsx(d), (".xlsx",), binary=True))
    # A Word review copy: its bytes are the document's own, written by its reader (api.run_review).
    register(Reporter(REPORT, "review", lambda d, o: d.data, (".docx", ".docm"), binary=True))

    exts = {"text": (".txt",), "json": (".json",), "csv": (".csv",), "html": (".html", ".htm")}
    for name, suffixes in exts.items():
        fn = _lazy("corpus", f"render_{name}")
        register(Reporter(CORPUS, name, lambda d, o, fn=fn: [fn(d.result, d.signature)], suffixes))
    corpus_xlsx = _lazy("corpus", "render_xlsx")
    register(
        Reporter(
            CORPUS,
            "xlsx",
            lambda d, o: corpus_xlsx(d.result, d.signature),
            (".xlsx",),
            binary=True,
        )
    )

    for name, suffixes in (("text", (".txt",)), ("json", (".json",)), ("csv", (".csv",))):
        register(Reporter(SCORE, name, lambda d, o, n=name: [_score_render()(d, n)], suffixes))
    mt_text, mt_json = (_lazy("mt", f"render_retranslate_{n}") for n in ("text", "json"))
    register(Reporter(RETRANSLATE, "text", lambda d, o: mt_text(d), (".txt",)))
    register(Reporter(RETRANSLATE, "json", lambda d, o: mt_json(d), (".json",)))


_register_all()


def _score_render():
    # Scores render in mtqa.scoring itself, beside the metrics they print (sacrebleu loads
    # only when a score is computed).
    from ..scoring import render

    return render
