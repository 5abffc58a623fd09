"""Readers that turn files into Documents, and the writer that puts edited text back."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .io import decode, digest, read_bytes
from .markdown import scan_markdown
from .model import CITATION, FRONT_MATTER, PROSE, Block, Document, Segment

# Extensions read as Markdown-like text. Bilingual formats register here as they arrive.
TEXT_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS


def document_from_text(text: str, path: str = "<text>") -> Document:
    """A Document for text in memory (the library's entry point for strings)."""
    return Document(path=path, text=text, blocks=scan_markdown(text))


def read_document(path: str | Path) -> Document:
    """Read one file. Raises InputError with a one-line reason for anything unreadable."""
    path_str = str(path)
    data = read_bytes(path)
    text, encoding, bom = decode(data, path_str)
    ext = Path(path_str).suffix.lower()
    if ext and ext not in SUPPORTED_EXTENSIONS:
        raise InputError(path_str, f"unsupported file type {ext!r}")
    return Document(
        path=path_str,
        text=text,
        blocks=scan_markdown(text),
        encoding=encoding,
        bom=bom,
        digest=digest(data),
    )


__all__ = [
    "CITATION",
    "FRONT_MATTER",
    "PROSE",
    "SUPPORTED_EXTENSIONS",
    "Block",
    "Document",
    "Segment",
    "document_from_text",
    "read_document",
]
