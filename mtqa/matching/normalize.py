"""Typography folding lives in `mtqa.normalize` (below the glossary, which validates folded
keys); this name is kept for the matching modules that import it from here."""

from ..normalize import (
    BLOCK_BREAK,
    HOLE,
    FoldedText,
    fold,
    fold_typography,
)

__all__ = ["BLOCK_BREAK", "HOLE", "FoldedText", "fold", "fold_typography", "unescape_references"]


def unescape_references(text: str) -> str:
    """XML text with its character references decoded (for comparing a matched form)."""
    from ..readers.xmltree import unescape

    return unescape(text)
