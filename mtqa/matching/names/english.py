"""Whether a word is an ordinary English word: one an English dictionary lists in lower case.

A name of one word that is also an ordinary word ("Heart", "Musket", "Samara") is taken for an
unlisted spelling of a glossary name only when its transliteration key is the name's own:
a vowel changed or a letter read another way is not evidence enough against a word every
reader knows. The dictionary is Webster's Second International as packaged by the
`english-words` library (web2, public domain), loaded on first use: only a name that already
looks like a variant asks.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _lower_case_words() -> frozenset[str]:
    from english_words import get_english_words_set

    # As the dictionary writes them: proper nouns (Herat, Mosul, Jordan) keep their capital,
    # so only the words it lists in lower case are kept.
    return frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())


def is_ordinary_word(word: str) -> bool:
    """Whether `word`, in lower case, is a word the dictionary lists in lower case."""
    return word.isascii() and word.isalpha() and word.lower() in _lower_case_words()
