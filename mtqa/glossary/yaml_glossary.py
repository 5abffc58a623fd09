"""mtqa's own YAML glossary: the document read with a line for each key, and its top level
read into raw entries.

Shared by the loaders (loaders.py), the fast reading of large files (store/fastyaml.py), which
checks the top level of its result the same way, and the prh and Vale importers (imported.py),
whose dictionaries are YAML read the same way.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GlossaryError, GlossaryProblem
from .raw import RawEntry, RawGlossary


def _fail(path: str, line: int | None, message: str) -> GlossaryError:
    return GlossaryError([GlossaryProblem(path, line, message)])


def load_yaml_document(text: str, path: str):
    """The YAML document of a glossary file, its mappings with their lines
    (store/yaml_lines.py, which loads PyYAML: imported here, when a file is parsed, so a run
    whose glossary comes from the cache never loads it)."""
    from .store.yaml_lines import load_yaml_document as load

    return load(text, path)


def from_mtqa_yaml(doc, path: str) -> RawGlossary:
    """The raw glossary of an mtqa YAML document: a mapping with `entries` (and optionally
    `name`, `description`, `language`), or a list of entries."""
    if doc is None:
        raise _fail(path, None, "empty glossary")
    if isinstance(doc, list):
        doc = {"entries": doc}
    if not isinstance(doc, dict):
        raise _fail(path, 1, "a glossary is a mapping with 'entries' (or a list of entries)")
    allowed = {"name", "description", "language", "entries"}
    unknown = set(doc) - allowed
    if unknown:
        line = getattr(doc, "key_lines", {}).get(sorted(map(str, unknown))[0])
        raise _fail(path, line, f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}")
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise _fail(path, getattr(doc, "line", None), "'entries' must be a list")
    lang = doc.get("language") or {}
    raw = [
        RawEntry(e, getattr(e, "line", None), dict(getattr(e, "key_lines", {}))) for e in entries
    ]
    return RawGlossary(
        entries=raw,
        name=str(doc.get("name") or Path(path).stem),
        description=str(doc.get("description") or ""),
        source_language=str(lang.get("source", "ar")) if isinstance(lang, dict) else "ar",
        target_language=str(lang.get("target", "en")) if isinstance(lang, dict) else "en",
    )
