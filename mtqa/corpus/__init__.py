"""Batch consistency across articles: per-document rows, then one aggregation."""

from .aggregate import Variant, VariantGroup, variant_groups
from .engine import CorpusResult, rows_for_path, run_corpus
from .rows import DISCOVERED, GLOSSARY, Row, document_rows

__all__ = [
    "DISCOVERED",
    "GLOSSARY",
    "CorpusResult",
    "Row",
    "Variant",
    "VariantGroup",
    "document_rows",
    "rows_for_path",
    "run_corpus",
    "variant_groups",
]
