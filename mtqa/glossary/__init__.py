"""Glossary model, loaders for every supported format, validation and writers."""

from .build import build_glossary
from .loaders import FORMATS, load_glossaries, load_glossary, read_raw_glossary
from .model import Category, Context, Entry, Example, Glossary, Variant

__all__ = [
    "FORMATS",
    "Category",
    "Context",
    "Entry",
    "Example",
    "Glossary",
    "Variant",
    "build_glossary",
    "load_glossaries",
    "load_glossary",
    "read_raw_glossary",
]
