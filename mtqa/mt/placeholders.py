"""Inline codes (tags, format specifiers, variables, URLs) become numbered placeholders.

A model cannot be trusted to copy `<b>`, `%1$s` or `{{name}}` through unchanged, but it copies a
short standalone token such as `{1}`. Each code is replaced by its placeholder, written as a word
of its own; afterwards each placeholder is put back as the original code, with the spacing the
code had in the source. A candidate that loses, repeats or invents a placeholder is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tags, {{variables}}, {0}-style and printf-style specifiers, `code`, URLs, and the inline codes of
# a bilingual reader's coded text (one private-use character each: mtqa.documents.coded).
CODE = re.compile(
    r"[\ue000-\uf8ff]|</?[A-Za-z][^<>]*>|\{\{[^{}]*\}\}|\{\d+\}|%(?:\d+\$)?[sdif]|`[^`\n]+`|https?://[^\s<>]+"
)
PLACEHOLDER = re.compile(r"\{(\d+)\}")


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    codes: tuple[str, ...]
    # Whether the source had no space before / after each code (a tag glued to its word).
    glued: tuple[tuple[bool, bool], ...]


def mask(source: str, codes: tuple[str, ...] | None = None) -> Masked:
    """Replace inline codes (found, or the given ones in order) with ` {n} `."""
    found = _spans(CODE.finditer(source)) if codes is None else _locate(source, codes)
    parts, kept, glued, pos = [], [], [], 0
    for n, m in enumerate(found, start=1):
        start, end = m
        parts.append(source[pos:start])
        parts.append(f" {{{n}}} ")
        kept.append(source[start:end])
        before = start > 0 and not source[start - 1].isspace()
        after = end < len(source) and not source[end].isspace()
        glued.append((before, after))
        pos = end
    parts.append(source[pos:])
    text = re.sub(r"[ \t]{2,}", " ", "".join(parts)).strip()
    return Masked(text=text, codes=tuple(kept), glued=tuple(glued))


def _locate(source: str, codes: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for code in codes:
        i = source.find(code, pos)
        if i < 0:
            continue
        spans.append((i, i + len(code)))
        pos = i + len(code)
    return spans


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def unmask(masked: Masked, output: str) -> str | None:
    """The output with its placeholders turned back into codes; None when one is missing,
    repeated or unknown."""
    numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(output)]
    if sorted(numbers) != list(range(1, len(masked.codes) + 1)):
        return None

    def put_back(m: re.Match) -> str:
        return f"\0{m.group(1)}\0"

    text = PLACEHOLDER.sub(put_back, output)
    for n, code in enumerate(masked.codes, start=1):
        before, after = masked.glued[n - 1]
        token = f"\0{n}\0"
        pattern = (r"\s*" if before else "") + re.escape(token) + (r"\s*" if after else "")
        text = re.sub(pattern, lambda _m, code=code: code, text, count=1)
    return text
