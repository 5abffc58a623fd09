"""Shape a replacement like the text it replaces: case, title case, and the article before it."""

from __future__ import annotations

import re

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "as",
        "from",
        "with",
        "into",
        "via",
        "vs",
        "al",
        "el",
    ]
)


def _has_upper(s: str) -> bool:
    return any(c.isupper() for c in s)


def title_case(phrase: str) -> str:
    words = phrase.split(" ")
    out = []
    for i, w in enumerate(words):
        if i > 0 and w.lower() in _SMALL_WORDS:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def is_title_cased(text: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isalpha()]
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) > 1 and bool(significant) and all(w[0].isupper() for w in significant)


def match_case(matched: str, replacement: str) -> str:
    """Give `replacement` the case pattern of `matched`.

    A replacement that is a proper noun (has capitals of its own, "Ain al-Asad") keeps them, except
    that an all-capitals match gives an all-capitals replacement.
    """
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if _has_upper(replacement):
        return replacement
    if is_title_cased(matched):
        return title_case(replacement)
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# Words that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uti|eu|ewe|one|once|ubi|ura|uro|u\b|us\b)", re.I)
_VOWEL_SOUND = re.compile(
    r"^(?:hour|honest|honou?r|heir|[aeiou]|[fhlmnrsx](?:\b|[-\d])|\d*8|11\b|18\b)", re.I
)


def indefinite_article(word: str) -> str:
    if _CONSONANT_SOUND.match(word):
        return "a"
    return "an" if _VOWEL_SOUND.match(word) else "a"


_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))(an?|An?|AN?)([ \t\u00a0]+|\r?\n[ \t]*)$")


def article_edit(text: str, start: int, replacement: str) -> tuple[int, int, str] | None:
    """An edit (start, end, new) for the indefinite article before `start`, if it must change."""
    window = text[max(0, start - 12) : start]
    m = _ARTICLE_BEFORE.search(window)
    if m is None:
        return None
    current = m.group(1)
    needed = indefinite_article(replacement)
    if current.lower() == needed:
        return None
    if current.isupper() and len(current) > 1:
        new = needed.upper()
    elif current[0].isupper():
        new = needed.capitalize()
    else:
        new = needed
    a_start = start - len(window) + m.start(1)
    return a_start, a_start + len(current), new
