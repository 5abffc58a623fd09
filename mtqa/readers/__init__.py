"""The reader registry: every file format mtqa reads, chosen by extension or by name.

`read_document`, `document_from_text` and `reread` are the only ways the rest of mtqa turns
bytes or text into a Document; a new format is a new `Reader` registered here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..documents.io import read_bytes
from ..documents.model import Document
from ..errors import InputError
from .base import Parsed, Reader

_READERS: dict[str, Reader] = {}
_BY_EXTENSION: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader; its extensions (lower case, with the dot) then map to it."""
    _READERS[reader.name] = reader
    for ext in reader.extensions:
        _BY_EXTENSION[ext.lower()] = reader
    return reader


def readers() -> tuple[Reader, ...]:
    return tuple(_READERS.values())


def supported_extensions() -> frozenset[str]:
    """Extensions that a folder walk picks up (a reader may be for named files only)."""
    return frozenset(ext for ext, reader in _BY_EXTENSION.items() if reader.discovered)


def reader_named(name: str) -> Reader:
    try:
        return _READERS[name]
    except KeyError:
        known = ", ".join(sorted(_READERS))
        raise InputError(name, f"unknown format (known: {known})") from None


def reader_for_path(path: str | Path) -> Reader | None:
    """The reader for a file name, or None when no reader claims its extension."""
    name = Path(path).name.lower()
    # Longest extension first, so ".sdlxliff" wins over ".xliff" and ".md.txt" stays ".txt".
    for ext in sorted(_BY_EXTENSION, key=len, reverse=True):
        if name.endswith(ext):
            return _BY_EXTENSION[ext]
    return None


def read_document(path: str | Path, format: str | None = None) -> Document:
    """Read one file. Raises InputError with a one-line reason for anything unreadable."""
    path_str = str(path)
    reader = reader_named(format) if format else reader_for_path(path_str)
    if reader is None:
        ext = Path(path_str).suffix.lower()
        if ext:
            raise InputError(path_str, f"unsupported file type {ext!r}")
        reader = _READERS["markdown"]  # no extension: read as Markdown-like text
    return reader.read(read_bytes(path), path_str)


def document_from_text(text: str, path: str = "<text>", format: str = "markdown") -> Document:
    """A Document for text in memory (the library's entry point for strings)."""
    return reader_named(format).from_text(text, path)


def reread(doc: Document, text: str) -> Document:
    """`doc` with new text (after fixes): parsed by the same reader, file facts kept."""
    fresh = reader_named(doc.format).from_text(text, doc.path)
    return Document(
        path=doc.path,
        text=text,
        blocks=fresh.blocks,
        encoding=doc.encoding,
        bom=doc.bom,
        digest=doc.digest,
        segments=fresh.segments,
        format=doc.format,
    )


def lock_approved(doc: Document) -> Document:
    """`doc` with its approved and final segments read-only (`--keep-approved`).

    Only bilingual formats have approved segments; any other document comes back as it is.
    """
    from dataclasses import replace

    variant = _READERS.get(doc.format + "+keep-approved")
    if variant is None:
        return doc
    fresh = variant.from_text(doc.text, doc.path)
    return replace(doc, blocks=fresh.blocks, segments=fresh.segments, format=variant.name)


def has_references(doc: Document) -> bool:
    """Whether the document's prose holds XML character references (`&apos;`) to decode."""
    reader = _READERS.get(doc.format)
    return bool(reader is not None and getattr(reader, "entities", False))


def configure(code_shortcodes: Sequence[str] = ()) -> None:
    """Site settings that change how files are read, for the files read from now on (the
    run sets them per group of files that share settings, before it reads them)."""
    _READERS["markdown"].configure(tuple(code_shortcodes))


def reader_of(doc: Document) -> Reader:
    return reader_named(doc.format)


# The built-in readers register themselves on import.
from . import markdown as _markdown  # noqa: E402,F401
from . import po as _po  # noqa: E402,F401
from . import tables as _tables  # noqa: E402,F401
from . import text as _text  # noqa: E402,F401
from . import tmx as _tmx  # noqa: E402,F401
from . import xliff as _xliff  # noqa: E402,F401

__all__ = [
    "Parsed",
    "Reader",
    "configure",
    "document_from_text",
    "has_references",
    "lock_approved",
    "read_document",
    "reader_for_path",
    "reader_named",
    "reader_of",
    "readers",
    "register",
    "reread",
    "supported_extensions",
]
