"""The language server end to end: `mtqa server` in its own process, driven over stdio by
pygls' own client as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from mtqa.server.positions import LineIndex

TIMEOUT = 60

# Arabic, an emoji and a combining mark before the variant on its line: the server's columns
# must count UTF-16 units (the emoji is two), or the fix lands on the wrong characters.
DRAFT = (
    "# Bases\n"
    "\n"
    "وجود 😀 e\u0301: the US military existence in Iraq grew after 2014.\n"
    "\n"
    "Foreign troops kept an existence at the base.\n"
)


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to `text`, as an editor does."""
    index = LineIndex(text)
    spans = [
        (
            index.offset(e.range.start.line, e.range.start.character),
            index.offset(e.range.end.line, e.range.end.character),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Editor:
    """A client with a queue of the diagnostics it receives."""

    def __init__(self) -> None:
        self.client = LanguageClient("mtqa-test", "1")
        self.published: asyncio.Queue[lsp.PublishDiagnosticsParams] = asyncio.Queue()
        self.logs: list[str] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        @self.client.feature(lsp.WINDOW_LOG_MESSAGE)
        def log(params: lsp.LogMessageParams) -> None:
            self.logs.append(params.message)

    async def start(self, root: Path) -> lsp.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "mtqa", "server", cwd=str(root))
        return await self.client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"rulesUrl": "https://example.org/rules"},
            )
        )

    async def diagnostics_for(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri and params.version == version:
                return params.diagnostics

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _change(uri: str, version: int, text: str) -> lsp.DidChangeTextDocumentParams:
    return lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
    )


async def _editing(root: Path) -> None:
    path = root / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    uri = path.as_uri()
    editor = Editor()
    result = await editor.start(root)
    assert result.capabilities.code_action_provider is not None
    assert result.capabilities.hover_provider
    client = editor.client
    client.initialized(lsp.InitializedParams())
    try:
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri, language_id="markdown", version=1, text=DRAFT
                )
            )
        )
        found = await editor.diagnostics_for(uri, 1)
        variants = [d for d in found if d.code == "TERM001"]
        assert len(variants) == 2
        first = variants[0]
        # Line 2, before "existence": the Arabic word is 4 UTF-16 units, the
        # emoji 2, "é" written as e + a combining acute accent 2.
        line = DRAFT.split("\n")[2]
        assert first.range.start == lsp.Position(2, 4 + 1 + 2 + 1 + 2 + len(": the US military "))
        assert len(line[: line.index("existence")]) == 4 + 1 + 1 + 1 + 2 + len(": the US military ")
        assert first.range.end.character - first.range.start.character == len("existence")
        assert first.severity == lsp.DiagnosticSeverity.Warning
        assert first.source == "mtqa"
        assert first.code_description.href == "https://example.org/rules#term001-glossary-variant"
        assert "presence" in first.message and "وجود" in first.message  # the glossary note
        assert len(first.data["fingerprint"]) == 32

        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=first.range.start,
            )
        )
        assert "**presence**" in hover.contents.value and "existence" in hover.contents.value

        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=first.range,
                context=lsp.CodeActionContext(diagnostics=[first]),
            )
        )
        quick = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
        assert [a.is_preferred for a in quick] == [True]
        fix_all = [a for a in actions if a.kind == "source.fixAll.mtqa"]
        assert len(fix_all) == 1
        (change,) = quick[0].edit.document_changes
        assert change.text_document.version == 1
        text = apply(DRAFT, change.edits)
        assert "وجود 😀 e\u0301: the US military presence in Iraq" in text

        client.text_document_did_change(_change(uri, 2, text))
        after = await editor.diagnostics_for(uri, 2)
        assert [d.range for d in after if d.code == "TERM001"] == [variants[1].range]

        # Edit again: a new variant typed, a new diagnostic; then "fix all" clears them all.
        text += "\nThe existence of US forces at the base was cut.\n"
        client.text_document_did_change(_change(uri, 3, text))
        again = await editor.diagnostics_for(uri, 3)
        assert len([d for d in again if d.code == "TERM001"]) == 2
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                context=lsp.CodeActionContext(diagnostics=[], only=["source"]),
            )
        )
        (fix_all,) = actions
        text = apply(text, fix_all.edit.document_changes[0].edits)
        assert "existence" not in text
        client.text_document_did_change(_change(uri, 4, text))
        assert [d for d in await editor.diagnostics_for(uri, 4) if d.code == "TERM001"] == []

        # Settings come from the nearest mtqa.toml, read again when it changes.
        text += "\nThe the troops stayed.\n"
        client.text_document_did_change(_change(uri, 5, text))
        assert "REP001" in {d.code for d in await editor.diagnostics_for(uri, 5)}
        (root / "mtqa.toml").write_text('ignore = ["REP"]\n', encoding="utf-8")
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                changes=[
                    lsp.FileEvent(uri=(root / "mtqa.toml").as_uri(), type=lsp.FileChangeType.Created)
                ]
            )
        )
        assert "REP001" not in {d.code for d in await editor.diagnostics_for(uri, 5)}

        # A document mtqa cannot read gets one diagnostic that says why; the server goes on.
        bad = (root / "broken.xlf").as_uri()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=bad, language_id="xml", version=1, text="<xliff><file>"
                )
            )
        )
        (problem,) = await editor.diagnostics_for(bad, 1)
        assert problem.severity == lsp.DiagnosticSeverity.Error and "mtqa" in problem.message
        text += "\nTheir existence in the camps was noted by troops.\n"
        client.text_document_did_change(_change(uri, 6, text))
        assert "TERM001" in {d.code for d in await editor.diagnostics_for(uri, 6)}
    finally:
        await editor.stop()


def test_server_over_stdio(tmp_path):
    asyncio.run(asyncio.wait_for(_editing(tmp_path), 4 * TIMEOUT))
