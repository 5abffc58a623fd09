"""The language server: document sync, diagnostics, quick fixes, hover (pygls).

Linting runs on one worker thread, so the server keeps answering while a large document is
checked, and one thread owns the compiled glossaries. An edit after a quiet spell is linted at
once; edits that come while a lint runs wait for a short pause (`debounceMs`) and coalesce into
one lint of the latest text, and a lint whose document has moved on is not published. A document that cannot be checked (malformed XML, a broken glossary) gets one
diagnostic that says why; an error inside mtqa is logged and reported the same way, and the
server goes on with the other documents.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ..errors import GlossaryError, MtqaError
from ..version import __version__
from . import convert
from .library import Applicability, Library, Linted
from .positions import UTF16, LineIndex

log = logging.getLogger("mtqa.server")

# Seconds between the last edit and the lint: long enough to coalesce a burst of edits a client
# sends together, short enough to stay below what a writer notices.
DEBOUNCE_S = 0.02
WATCHED = ("**/mtqa.toml", "**/pyproject.toml", "**/*.{yaml,yml,tbx,csv,tsv,json}")


@dataclass(frozen=True)
class Checked:
    """The last lint of a document version: its findings, or why it could not be checked."""

    version: int | None
    linted: Linted | None
    index: LineIndex
    error: str | None = None


def _error_text(exc: Exception) -> str:
    if isinstance(exc, GlossaryError):
        return "mtqa: glossary error: " + "; ".join(map(str, exc.problems))
    return f"mtqa: {exc}"


class MtqaLanguageServer(LanguageServer):
    def __init__(self, library: Library | None = None, debounce: float = DEBOUNCE_S) -> None:
        super().__init__("mtqa", __version__)
        self.library = library or Library()
        self.debounce = debounce
        self.rules_url = convert.default_rules_url()
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}  # lints scheduled and not yet published
        self._busy = 0  # lints running or queued on the worker
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mtqa-lint")

    # ------------------------------------------------------------------ the documents
    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding  # a PositionEncodingKind, or a string
        return str(getattr(encoding, "value", encoding) or UTF16)

    def _snapshot(self, uri: str) -> tuple[str | None, str, int | None, str | None]:
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return path, doc.source, doc.version, doc.language_id

    def check(self, uri: str) -> Checked | None:
        """Lint a document as it is now (on the worker thread); None: not a format mtqa reads."""
        path, text, version, language = self._snapshot(uri)
        reader = self.library.reader_name(path, language)
        if reader is None:
            return None
        index = LineIndex(text, self.encoding)
        try:
            linted = self.library.lint(path or uri, text, reader)
        except MtqaError as exc:  # the text, its settings or its glossary: the user's to fix
            return Checked(version, None, index, _error_text(exc))
        except Exception as exc:  # a bug in mtqa: this document only, the server goes on
            log.error("checking %s failed:\n%s", uri, traceback.format_exc())
            message = f"mtqa could not check this document (internal error: {exc!r})"
            self.window_log_message(
                lsp.LogMessageParams(type=lsp.MessageType.Error, message=f"{uri}: {message}")
            )
            return Checked(version, None, index, message)
        return Checked(version, linted, index)

    def publish(self, uri: str, checked: Checked | None) -> None:
        if checked is None:
            items: list[lsp.Diagnostic] = []
        elif checked.error is not None:
            items = [convert.error_diagnostic(checked.error)]
        else:
            items = convert.diagnostics(checked.linted, checked.index, self.rules_url)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=items, version=checked.version if checked else None
            )
        )

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint `uri` soon, replacing a lint of it not yet started. The first edit after a
        quiet spell is linted at once; edits that come while a lint runs (or is waiting) wait
        for a pause of `debounce` seconds and then make one lint of the latest text."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        if delay is None:
            delay = self.debounce if (self._busy or pending is not None) else 0.0
        self._pending[uri] = asyncio.get_running_loop().create_task(
            self._lint_later(uri, delay)
        )

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if uri not in self.workspace.text_documents:
            return
        self._busy += 1
        try:
            checked = await self.in_worker(self.check, uri)
        except asyncio.CancelledError:
            raise
        except Exception:  # never let one document's failure end the task loop silently
            log.error("checking %s failed:\n%s", uri, traceback.format_exc())
            return
        finally:
            self._busy -= 1
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]
        doc = self.workspace.text_documents.get(uri)
        if doc is None or (checked is not None and checked.version != doc.version):
            return  # closed, or edited meanwhile: that edit's lint publishes
        self.checked[uri] = checked
        self.publish(uri, checked)

    async def in_worker(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    async def current(self, uri: str) -> Checked | None:
        """The lint of the document's current version (made now if the last one is older)."""
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        checked = self.checked.get(uri)
        if checked is None or checked.version != doc.version:
            checked = await self.in_worker(self.check, uri)
        return checked

    def forget_settings(self) -> None:
        self.library.forget()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)


def create_server(library: Library | None = None, debounce: float = DEBOUNCE_S):
    server = MtqaLanguageServer(library, debounce)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: MtqaLanguageServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options or {}
        if isinstance(options, dict):
            if isinstance(options.get("rulesUrl"), str):
                ls.rules_url = options["rulesUrl"]
            if isinstance(options.get("debounceMs"), int | float):
                ls.debounce = max(0.0, options["debounceMs"] / 1000)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: MtqaLanguageServer, params: lsp.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            await ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="mtqa-settings",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MtqaLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MtqaLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MtqaLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if ls.library.is_settings_file(to_fs_path(params.text_document.uri) or ""):
            ls.forget_settings()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MtqaLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.publish(uri, None)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: MtqaLanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.forget_settings()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, convert.FIX_ALL_KIND]
        ),
    )
    async def code_action(
        ls: MtqaLanguageServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        checked = await ls.current(uri)
        if checked is None or checked.linted is None:
            return None
        only = params.context.only

        def wanted(kind: str) -> bool:
            return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)

        return await ls.in_worker(_actions, ls, uri, checked, params.range, wanted)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: MtqaLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None or checked.linted is None:
            return None
        offset = checked.index.offset(params.position.line, params.position.character)
        return convert.hover(checked.linted, offset, checked.index)

    return server


def _actions(ls: MtqaLanguageServer, uri: str, checked: Checked, where: lsp.Range, wanted):
    """The code actions for a range (on the worker thread: fixes are verified there)."""
    linted, index = checked.linted, checked.index
    start = index.offset(where.start.line, where.start.character)
    end = index.offset(where.end.line, where.end.character)
    actions: list[lsp.CodeAction] = []
    if wanted(lsp.CodeActionKind.QuickFix):
        for f, fp in zip(linted.findings, linted.fingerprints, strict=True):
            if f.fix is None or f.fix.applicability == Applicability.DISPLAY_ONLY:
                continue
            if f.end < start or f.start > end:
                continue
            edits = ls.library.fix_edits(linted, f)
            if edits is None:  # verification would withhold it: offered by no one
                continue
            actions.append(
                convert.quick_fix(
                    linted, f, fp, edits, index, uri, checked.version, ls.rules_url
                )
            )
    safe = any(
        f.fix is not None and f.fix.applicability == Applicability.SAFE for f in linted.findings
    )
    if safe and wanted(convert.FIX_ALL_KIND):
        fixed = ls.library.fix_all(linted)
        if fixed != linted.text:
            actions.append(
                convert.fix_all_action(linted.text, fixed, index, uri, checked.version)
            )
    return actions
