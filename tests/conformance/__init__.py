"""Conformance runs over folders of real documents (see run_markdown.py)."""
