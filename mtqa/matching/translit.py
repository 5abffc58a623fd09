"""A transliteration-aware key for romanised Arabic names, and a matcher built on it.

Translators spell one Arabic name many ways: Ain/Ayn/Ein, al-/Al-/el-/Al, Asad/Asaad/Assad,
Qayyarah/Qayara, Kata'ib/Kataib. `name_key` maps such spellings to one skeleton per word:

- the article (al-, el-, ad-, as-, ... and "Al" glued to a capital: AlAsaad) is dropped,
- apostrophes, ʿ and ʾ are dropped,
- ai/ay/ei/ey -> ay, aa -> a, ou/oo -> u, ee -> i, q -> k, dh -> z, ph -> f, p -> b, a final h after a
  vowel is dropped (taa marbuta: Qayyarah/Qayara), doubled letters become one, and
  Abdul/Abdel/Abd al- are one element.

Letters with diacritics lose them (Irbīl, Köprü), and "Abdulmahdi" is read as "Abd" + "Mahdi",
so a name written as one word meets its two-word spelling.

Two spellings whose words have equal keys, or keys within a small edit distance (Levenshtein on
the key, via rapidfuzz), are taken as one name. A word may also be read two ways when comparing
(`readings`): with an article glued on in lower case taken off ("Alasad" as "Asad"), and with a
Persian G for Q ("Ghasem" as "Qasem"). These readings are tried only when comparing two names,
never baked into the key, because "Alawi" or "Ghazi" are names in their own right. Words are compared one by one and the number of
words must agree, so a longer name that contains a place ("Salah al-Din Bitar") or a surname that
merely resembles a base ("Bashar al-Assad" against "Ain al-Asad") is not pulled in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .normalize import fold_typography

# The Arabic article as romanised: al/el (also standing alone: "al Asad"), and its assimilated
# forms before sun letters (ad-, ar-, as-, ...), which are only an article when hyphenated:
# standing alone, "as", "an" and "at" are English words.
_ARTICLES = frozenset({"al", "el", "ul", "il"})
_ASSIMILATED = re.compile(r"\b(?:a[dnrstz]|ash|ath|adh)-(?=\w)")
_GLUED_ARTICLE = re.compile(r"\b(?:Al|El)(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[\s\-]+")
_RULES = (
    (re.compile(r"[ʿʾ'`]"), ""),
    (re.compile(r"(?:ai|ay|ei|ey)"), "ay"),
    (re.compile(r"aa+"), "a"),
    (re.compile(r"(?:ou|oo)"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"q"), "k"),
    (re.compile(r"dh"), "z"),
    (re.compile(r"ph"), "f"),
    # Arabic script has no P: Kupri (Turkish) and Kubri (Arabic) are one word.
    (re.compile(r"p"), "b"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
    # Abdul-, Abdel-, Abd al- are one element (عبد ال): the article is merged in or dropped.
    (re.compile(r"^ab(?:du|de|da)l$"), "abd"),
)


# "Abdulmahdi", "Abdelaziz", "Abdurrahman", "Abdmahdi": Abd and the article glued to the name
# after it. Split off when what follows is a name of three letters or more ("Abdul" stays).
_ABD_GLUED = re.compile(r"^abd(?:[aeiou]l|[aeiou](?=([dnrstz])\1)|(?=[^\Waeiou]))(\w{3,})$")


def _plain(text: str) -> str:
    """Letters without their diacritics (ī -> i, ö -> o, ḥ -> h); other characters as they are."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _split_glued_abd(words: list[str]) -> list[str]:
    out = []
    for w in words:
        m = _ABD_GLUED.match(w) if w.startswith("abd") else None
        if m:
            out += ["abd", m.group(2)]
        else:
            out.append(w)
    return out


@lru_cache(maxsize=131072)
def word_key(word: str) -> str:
    key = _plain(word.lower())
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=131072)
def name_key(name: str) -> tuple[str, ...]:
    """The per-word keys of a name, articles dropped: "Ein Al-Asaad" -> ("ayn", "asad")."""
    text = _GLUED_ARTICLE.sub(lambda m: m.group() + "-", fold_typography(name))
    text = _ASSIMILATED.sub("", text.lower())
    words = _split_glued_abd([w for w in _WORD_SPLIT.split(_plain(text.lower())) if w])
    keys = tuple(word_key(w) for w in words if w not in _ARTICLES)
    return tuple(k for k in keys if k)


_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=131072)
def skeleton(key: str) -> str:
    """The consonants of a word key, and whether it ends in a vowel (Maliki is not Malik)."""
    return _VOWELS.sub("", key) + ("V" if key[-1:] in "aeiouy" else "")


def _tolerance(key: str) -> int:
    """How many edits a word key may differ by: none for short words, more for long ones."""
    if len(key) <= 3:
        return 0
    if len(key) <= 6:
        return 1
    return 2


# Vowels that stand for different short vowels (fatha a/e, kasra i/e, damma u/o): inside a
# short word, a for i or u makes another word (Harar is not Harir). A first vowel is free
# (Erbil/Arbil/Irbil): translators hear it differently.
_FAR_VOWELS = frozenset({frozenset("ai"), frozenset("au"), frozenset("iu")})


def word_distance_ok(a: str, b: str) -> bool:
    """Two word keys are one word when only vowels differ, and not by much.

    Transliterations of one Arabic word differ in their vowels (Qasem/Qasim, Hezbollah/
    Hizbullah); a different consonant makes a different word (Irbil/Irbid, Mahdi/Hadi).
    """
    if a == b:
        return True
    if skeleton(a) != skeleton(b):
        return False
    if a[0] != b[0] and not ({a[0], b[0]} <= set("aeiouy")):
        return False
    if len(a) == len(b) <= 5 and any(
        frozenset((x, y)) in _FAR_VOWELS for x, y in zip(a[1:], b[1:], strict=True) if x != y
    ):
        return False
    limit = min(_tolerance(a), _tolerance(b))
    return limit > 0 and _levenshtein(a, b, limit) <= limit


# An article glued on in lower case ("Alasad", "Elasad", "Alqayyarah"): only taken off when a
# word of four letters or more is left, so "Alan", "Alawi" and "Ali" stay whole.
_GLUED_LOWER_ARTICLE = re.compile(r"^(?:al|el)(?=\w{4,}$)")


@lru_cache(maxsize=131072)
def readings(key: str) -> tuple[str, ...]:
    """The ways a word key may be read when comparing: itself, without a glued article, with
    Persian G for Q (Ghasem/Qasem, Ghods/Quds)."""
    out = [key]
    bare = _GLUED_LOWER_ARTICLE.sub("", key)
    if bare != key:
        out.append(bare)
    for k in tuple(out):
        if "gh" in k:
            out.append(k.replace("gh", "k"))
    return tuple(out)


def word_match(a: str, b: str) -> bool:
    """Two word keys are one word, in any of their readings."""
    if word_distance_ok(a, b):
        return True
    ra, rb = readings(a), readings(b)
    if len(ra) == 1 and len(rb) == 1:
        return False
    return any(word_distance_ok(x, y) for x in ra for y in rb if (x, y) != (a, b))


@lru_cache(maxsize=131072)
def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    # Remembered: each article of a corpus compares the same pairs of its names again.
    return len(a) == len(b) and all(word_match(x, y) for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=131072)
def name_buckets(key: tuple[str, ...]) -> frozenset[tuple[int, str]]:
    """Index keys of a name key: two names can be the same name (`same_name`) only if they
    share one. Finer than the first letter: same_name needs the first words to be one word, and
    word_match then needs some reading of each with the same consonant skeleton."""
    if not key:
        return frozenset({(0, "")})
    return frozenset((len(key), skeleton(r)) for r in readings(key[0]))


def key_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return sum(
        min(_levenshtein(x, y) for x in readings(p) for y in readings(q))
        for p, q in zip(a, b, strict=True)
    )


def _levenshtein(a: str, b: str, cutoff: int | None = None) -> int:
    # Imported on first use: plain linting never needs it, and every run pays for imports.
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=cutoff)


# Capitalised names as they occur in running text: a run of capitalised words, with the
# particles that join Arabic names (al-, bin, ibn, abu, abd, of) allowed inside.
_PARTICLE = r"(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|bin|ibn|[Aa]bu|[Aa]bd|ul)[-\u2010\u2011 ]|[Aa]l(?=[A-Z]))"
_CAP_WORD = r"[A-Z\u00c0-\u00de][\w'’ʿʾ\u00c0-\u024f]*(?:[-\u2010\u2011][A-Za-z\u00c0-\u024f][\w'’ʿʾ\u00c0-\u024f]*)*"
NAME = re.compile(
    rf"(?<![\w'’-])(?:{_PARTICLE})?{_CAP_WORD}(?:[ \u00a0](?:{_PARTICLE})?{_CAP_WORD}|[-\u2010\u2011](?:{_PARTICLE})?{_CAP_WORD})*"
)
