"""Coded text: a segment's text with each inline code as one private-use character.

A bilingual reader gives the source and target of a segment as coded text plus the list of its
codes (`Segment.source_coded`, `source_inline`). Whatever rewrites the text (a model, through
placeholders) moves the code characters with the words around them; `render` turns the result
back into markup: text escaped for the format, each code character replaced by its code's
original XML. Codes are matched to the target's own codes by (kind, element, id), so a code the
target already had keeps its exact markup (attributes the source lacks, another quoting).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .model import CODE_BASE, CODE_LIMIT, Code

# Any code character (the whole range a coded text may use).
CODE_CHAR = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + CODE_LIMIT)}]")


def code_char(index: int) -> str:
    """The character that stands for the code at `index` of a segment's list of codes."""
    if not 0 <= index <= CODE_LIMIT:
        raise ValueError(f"code index {index} outside 0..{CODE_LIMIT}")
    return chr(CODE_BASE + index)


def code_index(char: str) -> int:
    return ord(char) - CODE_BASE


def indices(coded: str) -> list[int]:
    """The code indices of a coded text, in the order they occur."""
    return [code_index(m.group()) for m in CODE_CHAR.finditer(coded)]


def plain(coded: str) -> str:
    """The words of a coded text: each code becomes a space (a code separates words), and
    runs of spaces it leaves are squashed."""
    if not CODE_CHAR.search(coded):
        return coded
    return re.sub(r" {2,}", " ", CODE_CHAR.sub(" ", coded)).strip()


def display(coded: str, markup: Sequence[str]) -> str:
    """A coded text for people: each code shown as its markup, the text as it reads."""
    return render(coded, markup, str)


def target_markup(source: Sequence[Code], target: Sequence[Code]) -> tuple[str, ...]:
    """The markup to write for each source code: the target's own markup for the code of the same
    kind, element and id (the n-th such source code takes the n-th such target code), else the
    source's."""
    pool: dict[tuple[str, str, str], list[str]] = {}
    for c in target:
        pool.setdefault((c.kind, c.element, c.id), []).append(c.markup)
    out = []
    for c in source:
        same = pool.get((c.kind, c.element, c.id))
        out.append(same.pop(0) if same else c.markup)
    return tuple(out)


def render(coded: str, markup: Sequence[str], escape: Callable[[str], str]) -> str:
    """Coded text as file content: text escaped with `escape`, each code as `markup[index]`.
    ValueError when the text names a code that is not in `markup`."""
    parts: list[str] = []
    pos = 0
    for m in CODE_CHAR.finditer(coded):
        i = code_index(m.group())
        if i >= len(markup):
            raise ValueError(f"coded text names code {i + 1} of {len(markup)}")
        parts.append(escape(coded[pos : m.start()]))
        parts.append(markup[i])
        pos = m.end()
    parts.append(escape(coded[pos:]))
    return "".join(parts)
