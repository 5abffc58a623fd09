"""Every output format, declared without importing its module.

A format has a kind (the model it renders), a name (`-f NAME`), the file extensions that choose
it (`-o FILE.EXT`), and a function in a module under `mtqa`, imported when the format is written,
so listing the formats never imports pandas or Jinja2. Every function has one signature,
`render(data, options: RenderOptions) -> str | Iterable[str] | bytes`, where `data` is the model
of its kind (RunReport for lint, ReportModel for report, CorpusReport for corpus, ScoreResult for
score, RetranslationResult for retranslate) and `options` the run's display settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import NamedTuple

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


PLAIN = RenderOptions()  # the defaults: no colour, snippets, notes; with summaries


class Reporter(NamedTuple):
    kind: str
    name: str
    module: str  # mtqa.<module>.<function> renders it
    function: str
    extensions: tuple[str, ...] = ()
    binary: bool = False  # a workbook: needs a file (-o)

    def render(self, data: object, options: RenderOptions = PLAIN) -> Iterable[str] | bytes:
        """The output as text chunks (a function's single string is one chunk) or bytes."""
        out = getattr(import_module(f"mtqa.{self.module}"), self.function)(data, options)
        return [out] if isinstance(out, str) else out


REPORTERS: tuple[Reporter, ...] = (
    Reporter(LINT, "text", "reporters.text", "render", (".txt",)),
    Reporter(LINT, "concise", "reporters.text", "render_concise"),
    Reporter(LINT, "statistics", "reporters.text", "render_statistics"),
    Reporter(LINT, "json", "reporters.json_format", "render_chunks", (".json",)),
    Reporter(LINT, "jsonl", "reporters.json_format", "render_lines_chunks", (".jsonl",)),
    Reporter(LINT, "csv", "reporters.csv_format", "render", (".csv",)),
    Reporter(LINT, "sarif", "reporters.sarif", "render", (".sarif",)),
    Reporter(LINT, "github", "reporters.github", "render"),
    Reporter(REPORT, "html", "reporters.fix_report", "render_html", (".html", ".htm")),
    Reporter(REPORT, "markdown", "reporters.fix_report", "render_markdown", (".md", ".markdown")),
    Reporter(REPORT, "xlsx", "reporters.fix_report", "render_xlsx", (".xlsx",), binary=True),
    # A Word review copy: the document's own bytes, written by its reader (api.run_review).
    Reporter(REPORT, "review", "reporters.fix_report", "render_review", (".docx", ".docm"), binary=True),
    Reporter(CORPUS, "text", "reporters.corpus", "render_text", (".txt",)),
    Reporter(CORPUS, "json", "reporters.corpus", "render_json", (".json",)),
    Reporter(CORPUS, "csv", "reporters.corpus", "render_csv", (".csv",)),
    Reporter(CORPUS, "html", "reporters.corpus", "render_html", (".html", ".htm")),
    Reporter(CORPUS, "xlsx", "reporters.corpus", "render_xlsx", (".xlsx",), binary=True),
    # Scores render in mtqa.scoring itself, beside the metrics they print.
    Reporter(SCORE, "text", "scoring", "render_text", (".txt",)),
    Reporter(SCORE, "json", "scoring", "render_json", (".json",)),
    Reporter(SCORE, "csv", "scoring", "render_csv", (".csv",)),
    Reporter(RETRANSLATE, "text", "reporters.mt", "render_retranslate_text", (".txt",)),
    Reporter(RETRANSLATE, "json", "reporters.mt", "render_retranslate_json", (".json",)),
)
