"""One document's failure stays with that document: it gets one diagnostic saying why, the
error is logged, and the next document is checked as usual."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp

from mtqa.server.app import MtqaLanguageServer
from mtqa.server.library import Library


class FailsOnOneFile(Library):
    """The real library, except that checking one file raises as a bug in mtqa would."""

    def lint(self, path, text, reader):
        if path.endswith("bad.md"):
            raise RuntimeError("a bug")
        return super().lint(path, text, reader)


class Recording(MtqaLanguageServer):
    """The server with its messages to the client kept instead of sent."""

    def __init__(self, library):
        super().__init__(library)
        self.logged: list[str] = []
        # Initialized as a client without a workspace folder would initialize it.
        initializing = self.protocol.lsp_initialize(
            lsp.InitializeParams(capabilities=lsp.ClientCapabilities())
        )
        for handler, args, _ in initializing:  # the server's own initialize handler, if any
            handler(*args)

    def window_log_message(self, params):
        self.logged.append(params.message)


def _open(server, path, text, language="markdown"):
    uri = path.as_uri()
    server.workspace.put_text_document(
        lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
    )
    return uri


def test_a_crash_in_one_document_is_one_diagnostic_and_a_log_line(tmp_path):
    server = Recording(FailsOnOneFile())
    bad = server.check(_open(server, tmp_path / "bad.md", "The existence of troops.\n"))
    assert bad.linted is None and "internal error" in bad.error and "a bug" in bad.error
    assert len(server.logged) == 1 and "bad.md" in server.logged[0]
    good = server.check(_open(server, tmp_path / "good.md", "The US military existence.\n"))
    assert good.error is None and [f.code for f in good.linted.findings] == ["TERM001"]


def test_a_broken_glossary_is_the_users_to_fix_and_said_as_such(tmp_path):
    (tmp_path / "mtqa.toml").write_text('glossaries = ["g.yaml"]\n', encoding="utf-8")
    (tmp_path / "g.yaml").write_text("entries:\n  - id: x\n", encoding="utf-8")
    server = Recording(Library())
    checked = server.check(_open(server, tmp_path / "a.md", "Text.\n"))
    assert checked.error.startswith("mtqa: glossary error:") and server.logged == []
    # Fixed on disk: the next check reads it again without a restart.
    (tmp_path / "g.yaml").write_text(
        "entries:\n  - id: presence\n    preferred: presence\n    variants: [existence]\n",
        encoding="utf-8",
    )
    checked = server.check(_open(server, tmp_path / "a.md", "The existence.\n"))
    assert checked.error is None and [f.code for f in checked.linted.findings] == ["TERM001"]


def test_files_mtqa_does_not_read_get_no_diagnostics(tmp_path):
    server = Recording(Library())
    assert server.check(_open(server, tmp_path / "a.py", "existence = 1\n", "python")) is None
    # An unsaved buffer is read as its editor language says.
    untitled = "untitled:Untitled-1"
    server.workspace.put_text_document(
        lsp.TextDocumentItem(uri=untitled, language_id="markdown", version=1, text="The existence.")
    )
    assert [f.code for f in server.check(untitled).linted.findings] == ["TERM001"]


class Gated(Library):
    """The real library, whose lint waits for the test to let it go and records each text."""

    def __init__(self):
        super().__init__()
        import threading

        self.gate = threading.Event()
        self.texts: list[str] = []

    def lint(self, path, text, reader):
        self.texts.append(text)
        self.gate.wait(30)
        return super().lint(path, text, reader)


def test_edits_during_a_lint_coalesce_into_one_lint_of_the_latest_text(tmp_path):
    import asyncio

    library = Gated()
    server = Recording(library)
    server.debounce = 0.01
    published = []
    server.text_document_publish_diagnostics = published.append
    uri = _open(server, tmp_path / "a.md", "The existence.\n")

    async def edits():
        server.schedule(uri)  # idle: linted at once, and held at the gate
        while not library.texts:
            await asyncio.sleep(0.001)
        for version in range(2, 7):  # five edits while that lint runs
            server.workspace.put_text_document(
                lsp.TextDocumentItem(
                    uri=uri, language_id="markdown", version=version,
                    text=f"Edit {version}: the existence.\n",
                )
            )
            server.schedule(uri)
        library.gate.set()
        while not published or published[-1].version != 6:
            await asyncio.sleep(0.005)

    asyncio.run(asyncio.wait_for(edits(), 30))
    # The first text, then only the latest: the four edits between were never linted, and the
    # first lint, outdated when it ended, was never published.
    assert library.texts == ["The existence.\n", "Edit 6: the existence.\n"]
    assert [p.version for p in published] == [6]
    assert [d.code for d in published[0].diagnostics] == ["TERM001"]
