"""Shipped glossaries (installed as the data package `mtqa_glossaries`)."""
