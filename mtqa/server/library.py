"""Everything the language server asks of mtqa, in one place.

The server lints text an editor holds, not files: it finds each file's settings as the command
line does (the nearest mtqa.toml or [tool.mtqa], from the file's folder upwards), loads the
glossary they name, reads the text with the reader of the file's extension, and lints and fixes
it with the library's own functions. Nothing else in mtqa/server/ imports the rest of mtqa.

Settings and glossaries are kept between edits and dropped when they change: before each lint,
the configuration files on the way up from the file and the glossary files are looked at
(one `stat` each), so an edited mtqa.toml or glossary is picked up at the next keystroke even
where the editor does not report file changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..api import default_glossary_path, glossary_for
from ..checks import RULES_BY_CODE, CheckContext, Rule
from ..config import Overrides, Settings, SettingsResolver
from ..documents import Document
from ..findings import Applicability, Edit, Finding
from ..fingerprints import fingerprints_of
from ..fixing import fix_document, refused_fixes, written_edits
from ..gcpause import gc_paused
from ..glossary import Entry, Glossary
from ..linter import lint_document
from ..readers import document_from_text, reader_for_path, reader_of

__all__ = [
    "Applicability",
    "Edit",
    "Entry",
    "Finding",
    "Library",
    "Linted",
    "Rule",
]

# The files that hold settings, in the order `mtqa.config.find_config` looks for them.
CONFIG_NAMES = ("mtqa.toml", "pyproject.toml")
# Editors' language ids for documents with no file name mtqa knows (an unsaved buffer).
_LANGUAGE_READERS = {"markdown": "markdown", "plaintext": "text", "text": "text"}


@dataclass(frozen=True)
class Linted:
    """One version of one document, linted: what diagnostics, code actions and hover use."""

    path: str
    text: str
    document: Document
    findings: tuple[Finding, ...]
    fingerprints: tuple[str, ...]
    settings: Settings
    glossary: Glossary | None
    context: CheckContext = field(repr=False, compare=False)


def _stamp(paths: list[Path]) -> tuple:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            pass
    return tuple(out)


def _config_candidates(folder: Path) -> list[Path]:
    return [f / name for f in (folder, *folder.parents) for name in CONFIG_NAMES]


@dataclass
class _Loaded:
    glossary: Glossary | None
    context: CheckContext
    stamp: tuple


class Library:
    """Settings, glossaries, lint and fixes for the server, as the command line has them."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides or Overrides()
        self._resolver = SettingsResolver(self.overrides)
        self._folders: dict[Path, tuple] = {}  # folder -> the stamp of its config candidates
        self._glossaries: dict[tuple, _Loaded] = {}

    def forget(self) -> None:
        """Drop every setting and glossary: a configuration or glossary file changed."""
        self._resolver = SettingsResolver(self.overrides)
        self._folders.clear()
        self._glossaries.clear()

    def settings_for(self, path: str | None) -> Settings:
        folder = Path(path).resolve().parent if path else Path.cwd().resolve()
        stamp = _stamp(_config_candidates(folder))
        if self._folders.get(folder, stamp) != stamp:
            self._resolver = SettingsResolver(self.overrides)  # a configuration file changed
        self._folders[folder] = stamp
        return self._resolver.for_path(path)

    def _loaded(self, settings: Settings) -> _Loaded:
        key = (settings.no_glossary, settings.glossaries)
        files = [] if settings.no_glossary else [Path(g) for g in settings.glossaries]
        stamp = _stamp(files or [default_glossary_path()])
        loaded = self._glossaries.get(key)
        if loaded is None or loaded.stamp != stamp:
            glossary = glossary_for(settings)
            loaded = self._glossaries[key] = _Loaded(glossary, CheckContext(glossary), stamp)
        return loaded

    @staticmethod
    def reader_name(path: str | None, language_id: str | None = None) -> str | None:
        """The reader for a document: by its file's extension, else its editor language; None
        when mtqa reads no such file."""
        if path:
            reader = reader_for_path(path)
            if reader is not None:
                return reader.name
            if not Path(path).suffix:
                return "markdown"  # as `mtqa lint` reads a file without an extension
        return _LANGUAGE_READERS.get(language_id or "")

    def lint(self, path: str, text: str, reader: str) -> Linted:
        """Lint `text` as the file `path` holds it. Raises MtqaError (InputError, ConfigError,
        GlossaryError) with a one-line reason for text, settings or a glossary it cannot use."""
        settings = self.settings_for(path)
        loaded = self._loaded(settings)
        # A lint builds many small acyclic values; the collector's passes over them were a
        # tenth of a large document's time.
        with gc_paused():
            doc = document_from_text(text, path, format=reader, options=settings.read_options)
            findings = tuple(
                lint_document(doc, selection=settings.selection, context=loaded.context)
            )
            prints = tuple(fingerprints_of(findings, text))
        return Linted(
            path, text, doc, findings, prints, settings, loaded.glossary, loaded.context
        )

    @staticmethod
    def fix_all(linted: Linted, unsafe: bool = False) -> str:
        """The text with every safe fix applied (and unsafe ones with `unsafe`), verified and
        repeated to a fixpoint exactly as `mtqa fix` does."""
        result = fix_document(
            linted.document,
            selection=linted.settings.selection,
            unsafe=unsafe,
            context=linted.context,
        )
        return result.fixed

    @staticmethod
    def fix_edits(linted: Linted, finding: Finding) -> list[Edit] | None:
        """The edits of one finding's fix as they would be written; None when verification
        would withhold the fix (it would change more than prose)."""
        if finding.fix is None or refused_fixes(linted.document, [finding]):
            return None
        escape = reader_of(linted.document).escape
        return written_edits(linted.text, finding.fix.edits, escape)

    @staticmethod
    def entry(linted: Linted, term: str | None) -> Entry | None:
        if term is None:
            return None
        return linted.context.entries_by_id.get(term)

    @staticmethod
    def rule(code: str) -> Rule | None:
        return RULES_BY_CODE.get(code)

    @staticmethod
    def is_settings_file(path: str) -> bool:
        """Whether a changed file can change settings (a configuration file)."""
        return Path(path).name in CONFIG_NAMES

