"""The reader registry: every file format mtqa reads, chosen by extension or by name.

`read_document`, `document_from_text` and `reread` are the only ways the rest of mtqa turns
bytes or text into a Document; a new format is a new `Reader` registered here. Each takes the
`ReadOptions` of the file's settings (`Settings.read_options`); nothing is configured globally.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module
from pathlib import Path

from ..documents.io import read_bytes
from ..documents.model import DEFAULT_OPTIONS, Document, ReadOptions
from ..errors import InputError
from .base import Parsed, Reader, WriteOptions
from .meta import FORMATS, Format

_DECLARED: dict[str, Format] = {f.name: f for f in FORMATS}

# What to do with files of common document formats that no reader takes.
UNREAD_HINTS = {
    ".doc": " (a legacy Word document: save it as .docx)",
    ".rtf": " (save it as .docx)",
    ".odt": " (an OpenDocument text: save it as .docx)",
    ".pages": " (export it as .docx)",
    ".pdf": " (PDF is not read: lint the document it was made from)",
}

_READERS: dict[str, Reader] = {}  # the readers imported (or registered) so far
_BY_EXTENSION: dict[str, str] = {  # extension (lower case, with the dot) -> reader name
    ext: f.name for f in FORMATS for ext in f.extensions
}
_DISCOVERED: dict[str, bool] = {f.name: f.discovered for f in FORMATS}


def register(reader: Reader) -> Reader:
    """Add a reader. A built-in reader takes its extensions and discovery from its declaration
    in `meta.py`; a reader added at run time brings its own (lower case, with the dot)."""
    declared = _DECLARED.get(reader.name)
    if declared is not None:
        reader.extensions, reader.discovered = declared.extensions, declared.discovered
    _READERS[reader.name] = reader
    _DISCOVERED[reader.name] = reader.discovered
    for ext in reader.extensions:
        _BY_EXTENSION[ext.lower()] = reader.name
    return reader


def _lookup(name: str) -> Reader | None:
    """The reader of that name, its module imported on first use; None when there is none."""
    reader = _READERS.get(name)
    if reader is None and name in _DECLARED:
        import_module(f"{__name__}.{_DECLARED[name].module}")  # registers its readers
        reader = _READERS.get(name)
    return reader


def readers() -> tuple[Reader, ...]:
    for name in _DECLARED:
        _lookup(name)
    return tuple(_READERS.values())


def supported_extensions() -> frozenset[str]:
    """Extensions that a folder walk picks up (a reader may be for named files only)."""
    return frozenset(ext for ext, name in _BY_EXTENSION.items() if _DISCOVERED[name])


def reader_named(name: str) -> Reader:
    reader = _lookup(name)
    if reader is None:
        known = ", ".join(sorted(set(_DECLARED) | set(_READERS)))
        raise InputError(name, f"unknown format (known: {known})")
    return reader


def reader_for_path(path: str | Path) -> Reader | None:
    """The reader for a file name, or None when no reader claims its extension."""
    name = Path(path).name.lower()
    # Longest extension first, so ".sdlxliff" wins over ".xliff" and ".md.txt" stays ".txt".
    for ext in sorted(_BY_EXTENSION, key=len, reverse=True):
        if name.endswith(ext):
            return _lookup(_BY_EXTENSION[ext])
    return None


def read_document(
    path: str | Path, format: str | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    """Read one file. Raises InputError with a one-line reason for anything unreadable."""
    path_str = str(path)
    reader = reader_named(format) if format else reader_for_path(path_str)
    if reader is None:
        ext = Path(path_str).suffix.lower()
        if ext:
            hint = UNREAD_HINTS.get(ext, "")
            raise InputError(path_str, f"unsupported file type {ext!r}{hint}")
        reader = reader_named("markdown")  # no extension: read as Markdown-like text
    return read_with(reader, read_bytes(path), path_str, options)


def read_with(reader: Reader, data: bytes, path: str, options: ReadOptions) -> Document:
    """`data` read by `reader` as `options` configure it; the document keeps the options."""
    doc = reader.for_options(options).read(data, path)
    return doc if options == DEFAULT_OPTIONS else replace(doc, read_options=options)


def document_from_text(
    text: str,
    path: str = "<text>",
    format: str = "markdown",
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Document:
    """A Document for text in memory (the library's entry point for strings)."""
    doc = reader_named(format).for_options(options).from_text(text, path)
    return doc if options == DEFAULT_OPTIONS else replace(doc, read_options=options)


def reread(doc: Document, text: str) -> Document:
    """`doc` with new text (after fixes): parsed by the same reader with the same options,
    file facts kept."""
    return reader_named(doc.format).for_options(doc.read_options).reread(doc, text)


def lock_approved(doc: Document) -> Document:
    """`doc` with its approved and final segments read-only (`--keep-approved`).

    Only bilingual formats have approved segments; any other document comes back as it is.
    """
    variant = _lookup(doc.format + "+keep-approved")
    if variant is None:
        return doc
    fresh = variant.for_options(doc.read_options).from_text(doc.text, doc.path)
    return replace(doc, blocks=fresh.blocks, segments=fresh.segments, format=variant.name)


def has_references(doc: Document) -> bool:
    """Whether the document's prose holds XML character references (`&apos;`) to decode."""
    reader = _lookup(doc.format)
    return bool(reader is not None and getattr(reader, "entities", False))


def reader_of(doc: Document) -> Reader:
    return reader_named(doc.format)


__all__ = [
    "DEFAULT_OPTIONS",
    "Parsed",
    "ReadOptions",
    "Reader",
    "WriteOptions",
    "document_from_text",
    "has_references",
    "lock_approved",
    "read_document",
    "read_with",
    "reader_for_path",
    "reader_named",
    "reader_of",
    "readers",
    "register",
    "reread",
    "supported_extensions",
]
