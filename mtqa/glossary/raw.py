"""The raw records every glossary loader produces, before validation (build.py).

Every loader produces the same raw shape, a list of `RawEntry` (a plain dict plus the line it
came from), so one validator serves YAML, CSV, XLSX, TBX, prh and Vale alike and every problem
names file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold


@dataclass
class RawEntry:
    data: dict
    line: int | None = None
    # Line of each key where the format knows it (YAML); falls back to `line`.
    key_lines: dict = field(default_factory=dict)
    # The file the entry comes from, where several glossaries are merged into one.
    origin: str | None = None

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


@dataclass
class RawGlossary:
    entries: list[RawEntry]
    name: str
    description: str = ""
    source_language: str = "ar"
    target_language: str = "en"


def slugify(text: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return slug or "entry"


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def text_of(value) -> str:
    return "" if value is None else str(value).strip()


# Marks an id made from the preferred form (removed before the glossary is returned): such ids
# are made unique ("entry", "entry-2", ...), where two written ids that clash are an error.
GENERATED = "\x00"


