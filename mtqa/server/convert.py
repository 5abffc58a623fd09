"""Findings as the Language Server Protocol shows them: diagnostics, code actions and hovers.

Pure functions from mtqa's values (through mtqa/server/library.py) to lsprotocol's types; the
server (app.py) decides when to call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types as lsp

from .library import Applicability, Edit, Entry, Finding, Library, Linted
from .positions import LineIndex

SOURCE = "mtqa"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.mtqa"
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


def default_rules_url() -> str:
    """Where the rules' documentation is: docs/rules.md beside the package in a source checkout,
    else the project's page (a client may name another with the `rulesUrl` option)."""
    local = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    if local.is_file():
        return local.as_uri()
    return "https://pypi.org/project/mtqa/"


def lsp_range(index: LineIndex, start: int, end: int) -> lsp.Range:
    (l1, c1), (l2, c2) = index.position(start), index.position(end)
    return lsp.Range(lsp.Position(l1, c1), lsp.Position(l2, c2))


def _message(finding: Finding, entry: Entry | None) -> str:
    message = finding.message
    if entry is not None and entry.note and entry.note not in message:
        message += f" Glossary: {entry.note}"
    return message


def diagnostic(
    finding: Finding, fingerprint: str, index: LineIndex, entry: Entry | None, rules_url: str
) -> lsp.Diagnostic:
    rule = Library.rule(finding.code)
    return lsp.Diagnostic(
        range=lsp_range(index, finding.start, finding.end),
        message=_message(finding, entry),
        severity=_SEVERITY[finding.severity.value],
        code=finding.code,
        code_description=lsp.CodeDescription(
            href=f"{rules_url}#{rule.anchor}" if rule is not None else rules_url
        ),
        source=SOURCE,
        data={
            "fingerprint": fingerprint,
            "rule": finding.rule,
            "term": finding.term,
            "fix": None if finding.fix is None else finding.fix.applicability.value,
        },
    )


def diagnostics(linted: Linted, index: LineIndex, rules_url: str) -> list[lsp.Diagnostic]:
    return [
        diagnostic(f, fp, index, Library.entry(linted, f.term), rules_url)
        for f, fp in zip(linted.findings, linted.fingerprints, strict=True)
    ]


def error_diagnostic(message: str) -> lsp.Diagnostic:
    """The one diagnostic of a document mtqa could not check: what went wrong, at its start."""
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        message=message,
        severity=lsp.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def text_edits(index: LineIndex, edits: Sequence[Edit]) -> list[lsp.TextEdit]:
    return [lsp.TextEdit(range=lsp_range(index, e.start, e.end), new_text=e.text) for e in edits]


def _workspace_edit(uri: str, version: int | None, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    # Versioned: a client refuses the edit if the document changed since it was computed.
    return lsp.WorkspaceEdit(
        document_changes=[
            lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=edits,
            )
        ]
    )


def _title(finding: Finding, edits: Sequence[Edit], original: str) -> str:
    if len(edits) == 1 and edits[0].text:
        return f"{finding.code}: replace '{finding.text}' with '{edits[0].text}'"
    if len(edits) == 1:
        return f"{finding.code}: remove '{original}'"
    new = finding.suggestions[0] if finding.suggestions else "the suggestion"
    return f"{finding.code}: replace '{finding.text}' with '{new}'"


def quick_fix(
    linted: Linted,
    finding: Finding,
    fingerprint: str,
    edits: Sequence[Edit],
    index: LineIndex,
    uri: str,
    version: int | None,
    rules_url: str,
) -> lsp.CodeAction:
    """A finding's fix as a quick fix: preferred when safe; an unsafe one is offered, marked
    for review and never preferred (an editor applies a preferred fix on one key)."""
    safe = finding.fix.applicability == Applicability.SAFE
    original = linted.text[edits[0].start : edits[0].end] if edits else ""
    title = _title(finding, edits, original)
    if not safe:
        title += " (unsafe: check the meaning)"
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[
            diagnostic(finding, fingerprint, index, Library.entry(linted, finding.term), rules_url)
        ],
        is_preferred=safe,
        edit=_workspace_edit(uri, version, text_edits(index, edits)),
    )


def fix_all_action(
    old: str, new: str, index: LineIndex, uri: str, version: int | None
) -> lsp.CodeAction:
    """The source action that applies every safe fix: one edit over the span that changed."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    edit = Edit(start, end_old, new[start:end_new])
    return lsp.CodeAction(
        title="mtqa: fix all safe problems in this file",
        kind=FIX_ALL_KIND,
        edit=_workspace_edit(uri, version, text_edits(index, [edit])),
    )


def entry_markdown(entry: Entry) -> str:
    """A glossary entry as a hover shows it."""
    lines = [f"**{entry.preferred}** — glossary entry `{entry.id}` ({entry.category.value})"]
    if entry.accepted:
        lines.append("Also correct: " + ", ".join(entry.accepted))
    if entry.variants:
        lines.append("Flagged: " + ", ".join(v.label for v in entry.variants))
    if entry.source:
        lines.append("Source: " + ", ".join(entry.source))
    if entry.note:
        lines.append(entry.note)
    if entry.origin:
        lines.append(f"Defined in {entry.origin}" + (f":{entry.line}" if entry.line else ""))
    return "\n\n".join(lines)


def hover(linted: Linted, offset: int, index: LineIndex) -> lsp.Hover | None:
    for f in linted.findings:
        if f.term and f.start <= offset <= f.end:
            entry = Library.entry(linted, f.term)
            if entry is not None:
                return lsp.Hover(
                    contents=lsp.MarkupContent(
                        kind=lsp.MarkupKind.Markdown, value=entry_markdown(entry)
                    ),
                    range=lsp_range(index, f.start, f.end),
                )
    return None
