"""The document model (Document, Block, Segment) and byte-exact file I/O.

Formats live in `mtqa.readers`; this package knows none of them.
"""

from __future__ import annotations

from .model import (
    CITATION,
    FRONT_MATTER,
    LOCKED,
    PROSE,
    Block,
    Document,
    ReadOptions,
    Segment,
)

__all__ = ["CITATION", "FRONT_MATTER", "LOCKED", "PROSE", "Block", "Document", "ReadOptions", "Segment"]
