"""Find spellings of glossary names that no one listed, and names in running text.

`iter_names` yields the capitalised names of a text (leading sentence words and titles cut off).
`VariantFinder` looks a name up among every spelling a glossary knows, by transliteration key
(see translit.py): an exact key match or a near one, word by word, with the same number of words.
Names made only of common English words ("Camp", "Victory", "Air Base") are never matched
fuzzily: a common noun that is part of a base name is not a spelling of it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ...glossary.model import Entry, Glossary
from ...normalize import fold
from .english import is_ordinary_word
from .translit import NAME, joined, key_distance, name_buckets, name_key, same_name, short_name

# Capitalised words that start a sentence or give a title, cut from the front of a name.
LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "as",
        "by",
        "to",
        "from",
        "with",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "we",
        "they",
        "he",
        "she",
        "after",
        "before",
        "during",
        "since",
        "while",
        "when",
        "where",
        "although",
        "despite",
        "however",
        "both",
        "either",
        "neither",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "only",
        "also",
        "then",
        "thus",
        "so",
        "if",
        "because",
        "between",
        "among",
        "general",
        "president",
        "prime",
        "minister",
        "vice",
        "secretary",
        "sheikh",
        "sayyid",
        "imam",
        "ayatollah",
        "commander",
        "lieutenant",
        "colonel",
        "major",
        "captain",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "former",
        "late",
        "king",
        "prince",
        "emir",
        "sultan",
        # Sentence adverbs and other words that start a sentence before a name ("Later Abu
        # Mahdi al-Muhandis left"): without them the name would be read as a longer one.
        "later",
        "earlier",
        "meanwhile",
        "yesterday",
        "today",
        "now",
        "here",
        "there",
        "such",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "yet",
        "still",
        "instead",
        "indeed",
        "moreover",
        "furthermore",
        "therefore",
        "hence",
        "nevertheless",
        "nonetheless",
        "once",
        "under",
        "over",
        "against",
        "without",
        "within",
        "through",
        "across",
        "about",
        "into",
        "until",
        "unlike",
        "like",
        "last",
        "next",
        "each",
        "every",
        "several",
        "other",
        "another",
        "first",
        "finally",
        "eventually",
        "subsequently",
        "previously",
        "recently",
        "currently",
        "initially",
        "again",
        "even",
        "soon",
        "was",
        "is",
        "were",
        "are",
        "has",
        "had",
        "have",
        "will",
        "would",
        "could",
        "should",
    ]
)

# Common English words: a name made only of these is not a transliteration.
COMMON = LEADING | frozenset(
    [
        "air",
        "base",
        "bases",
        "camp",
        "force",
        "forces",
        "army",
        "council",
        "movement",
        "brigades",
        "brigade",
        "guard",
        "guards",
        "corps",
        "victory",
        "province",
        "governorate",
        "city",
        "university",
        "college",
        "international",
        "airport",
        "security",
        "agreement",
        "forces",
        "coalition",
        "state",
        "states",
        "united",
        "america",
        "american",
        "iraq",
        "iraqi",
        "iran",
        "iranian",
        "syria",
        "syrian",
        "government",
        "parliament",
        "party",
        "organization",
        "organisation",
        "national",
        "republic",
        "revolutionary",
        "islamic",
        "supreme",
        "central",
        "command",
        "operation",
        "resolve",
        "task",
        "joint",
        "special",
        "group",
        "groups",
        "militia",
        "militias",
        "ministry",
        "defense",
        "defence",
        "office",
        "house",
        "center",
        "centre",
        "institute",
        "news",
        "arabic",
        "online",
        "website",
        "studies",
        "study",
        "research",
        "section",
        "introduction",
        "conclusion",
        "abstract",
        "keywords",
        "references",
        "article",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "middle",
        "new",
        "old",
        "great",
        "high",
        "strategic",
        "framework",
        "status",
        "office",
        "embassy",
        "department",
        "policy",
        "foundation",
        "journal",
        "volume",
        "issue",
    ]
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    entry: Entry
    form: str  # the glossary spelling it is closest to
    suggestion: str  # what to write instead
    exact_key: bool
    listed: bool = False  # the name is a spelling the glossary lists


_POSSESSIVE = re.compile(r"['’](?:s)?$")


def iter_names(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) for each capitalised name in text[start:end]."""
    for m in NAME.finditer(text, start, end):
        trimmed = trim_name(m.group())
        if trimmed is not None:
            s = m.start() + trimmed[0]
            yield s, s + len(trimmed[1]), trimmed[1]


@lru_cache(maxsize=65536)
def trim_name(raw: str) -> tuple[int, str] | None:
    """The name in a match of NAME, as (its offset in the match, the name), or None when
    nothing is left. A function of the matched text alone, so cached: an article repeats its
    names, and its "The" and "In" at the start of sentences, many times."""
    s, name = 0, raw
    # A lower-case article standing alone before a name is another language's ("el
    # Importador"); Arabic writes it joined (al-Asad) or inside a name (Nouri al Maliki).
    if name.startswith(("al ", "el ")):
        s, name = 3, name[3:]
    # Cut sentence-initial and title words off the front ("The", "General").
    while True:
        head, sep, rest = name.partition(" ")
        if sep and head.lower().rstrip(".") in LEADING:
            s += len(head) + 1
            name = rest
        else:
            break
    # ...and English words off the end ("Goals As").
    while True:
        rest, sep, tail = name.rpartition(" ")
        if sep and tail.lower() in LEADING:
            name = rest
        else:
            break
    # A possessive or a closing quote is not part of the name ("MkDocs'", "Jekyll's").
    name = _POSSESSIVE.sub("", name)
    if not name or name.lower() in LEADING:
        return None
    return s, name


# Words that name a kind of place or building, which a name stands before or after in running
# text ("the Mosul Dam", "Lake Dukan", "Qayyarah Airfield"): a name found inside such a phrase is
# the phrase less these words.
FEATURES = frozenset(
    [
        "airfield", "airbase", "airport", "barracks", "base", "bases", "border", "bridge",
        "camp", "canal", "checkpoint", "citadel", "city", "crossing", "dam", "desert", "district",
        "field", "gate", "governorate", "harbour", "harbor", "heights", "highway", "hill",
        "hills", "island", "lake", "market", "mosque", "mount", "mountain", "mountains", "oasis",
        "palace", "plain", "port", "prison", "province", "refinery", "region", "reservoir",
        "river", "road", "shrine", "square", "stadium", "station", "street", "subdistrict",
        "town", "university", "valley", "village", "barrage", "air",
    ]
)


@lru_cache(maxsize=65536)
def feature_trimmed(name: str) -> tuple[int, str] | None:
    """(offset, the name) inside a phrase of a name and words of FEATURES around it, or None
    when there are no such words, or nothing else."""
    words = name.split(" ")
    lo, hi = 0, len(words)
    while lo < hi and words[lo].lower() in FEATURES:
        lo += 1
    while hi > lo and words[hi - 1].lower() in FEATURES:
        hi -= 1
    if (lo, hi) == (0, len(words)) or lo == hi:
        return None
    return sum(len(w) + 1 for w in words[:lo]), " ".join(words[lo:hi])


@lru_cache(maxsize=65536)
def is_common_name(name: str) -> bool:
    return all(w in COMMON for w in fold(name).replace("-", " ").split())


# A regnal number after a ruler's name (Mehmed II, Mohammed VI) is written in capitals but is
# no acronym.
_REGNAL = re.compile(r"[IVX]+")


@lru_cache(maxsize=65536)
def has_acronym(name: str) -> bool:
    return any(
        len(w) > 1 and w.isupper() and not _REGNAL.fullmatch(w)
        for w in name.replace("-", " ").split()
    )


# The fewest letters of a name's key that identify it (Qom, Kut); a name of three letters
# differs from another only in its vowels or in how q is written (`translit.short_name`).
_SHORTEST = 3


def _short(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return sum(map(len, a)) < 4 or sum(map(len, b)) < 4


# Names whose identification a finder remembers at most (a few MB).
MEMO_LIMIT = 1 << 17


class VariantFinder:
    def __init__(self, glossary: Glossary):
        # Entries are held by their position in the glossary: the index is plain data, stored
        # as it is (finder_cache.py), and a cached glossary decodes only the entries it names.
        self._entries = glossary.entries
        # Every known spelling: its key -> (entry, form, suggestion).
        self._exact: dict[tuple[str, ...], tuple[int, str, str]] = {}
        # Candidates by (words in the name, consonant skeleton of a reading of the first
        # word): two names are the same name only if their first words are one word, and
        # then some reading of each has the same skeleton (see translit.word_match). So a
        # lookup compares a name with a handful of entries, however large the glossary.
        self._buckets: dict[
            tuple[int, str], list[tuple[int, tuple[str, ...], int, str, str]]
        ] = {}
        self._known: dict[str, tuple[int, str]] = {}
        self._identified: dict[str, NameMatch | None] = {}
        self._first_words: frozenset[str] | None = None
        from .finder_cache import load_index, store_index

        index = load_index(glossary)
        if index is not None:
            self._exact, self._buckets, self._known = index
            return
        self._build(glossary)
        store_index(glossary, (self._exact, self._buckets, self._known))

    def _build(self, glossary: Glossary) -> None:
        order = itertools.count()
        for position, entry in enumerate(glossary.entries):
            if entry.exact_only:
                continue  # an imported rule (prh, Vale) means only what its engine matches
            forms = [(f, f) for f in entry.correct_forms]
            forms += [(v.text, v.replace or entry.preferred) for v in entry.variants if v.text]
            for form, suggestion in forms:
                self._known.setdefault(fold(form), (position, suggestion))
                # A form written without a capital is a common word ("set up", "main"), not a
                # name: it has no transliterations, and its look-alikes are other words.
                if form.islower() or is_common_name(form) or has_acronym(form):
                    continue
                key = name_key(form)
                if not key or sum(map(len, key)) < _SHORTEST:
                    continue
                self._exact.setdefault(key, (position, form, suggestion))
                # A name of several words is also indexed as one word: its words written
                # together (Jalalabad, Lashkargah) or split otherwise are the same name.
                for k in (key, joined(key)) if len(key) > 1 else (key,):
                    item = (next(order), k, position, form, suggestion)
                    for bucket in name_buckets(k):
                        self._buckets.setdefault(bucket, []).append(item)

    def spellings(self) -> list[tuple[tuple[str, ...], int, str]]:
        """Every spelling an unlisted name is compared with, once each, in glossary order:
        (its transliteration key, the position of its entry, the spelling). The index finds,
        among those a name's key could match, the nearest (the first of two as near)."""
        items = {item[0]: item for bucket in self._buckets.values() for item in bucket}
        return [(key, entry, form) for _, key, entry, form, _ in sorted(items.values())]

    def starts_a_name(self, word: str) -> bool:
        """Whether a known spelling starts with `word` (which trim_name cuts from the front of
        a name: "In", "Emir")."""
        if self._first_words is None:
            self._first_words = frozenset(form.split(" ", 1)[0] for form in self._known)
        return fold(word) in self._first_words

    def is_known(self, name: str) -> bool:
        return fold(name) in self._known

    def lookup(self, name: str) -> NameMatch | None:
        """The glossary entry `name` is an unlisted spelling of, or None."""
        if self.is_known(name):
            return None
        return self.identify(name)

    @property
    def remembered(self) -> int:
        """How many names' identifications are remembered (at most MEMO_LIMIT)."""
        return len(self._identified)

    def identify(self, name: str) -> NameMatch | None:
        """The glossary entry `name` names, listed spelling or not, or None.

        Remembered by name: a document names the same few entities again and again, and
        the answer depends on the name and the glossary alone."""
        try:
            return self._identified[name]
        except KeyError:
            pass
        if len(self._identified) >= MEMO_LIMIT:
            self._identified.clear()  # bounded: a stream of distinct names starts afresh
        match = self._identified[name] = self._identify(name)
        return match

    def _identify(self, name: str) -> NameMatch | None:
        known = self._known.get(fold(name))
        if known is not None:
            return NameMatch(self._entries[known[0]], name, known[1], True, listed=True)
        if is_common_name(name) or has_acronym(name):
            return None
        key = name_key(name)
        if not key or sum(map(len, key)) < _SHORTEST:
            return None
        hit = self._exact.get(key)
        if hit is not None:
            return NameMatch(self._entries[hit[0]], hit[1], hit[2], True)
        best = self._nearest(key)
        if best is None and len(key) > 1:
            # Its words written together: Jalal Abad is Jalalabad, Amirabdollahian is
            # Amir-Abdollahian (both sides joined). Only a spelling whose words are cut
            # otherwise: one of as many words has been compared word by word ("Stay Up" is
            # not "Set Up").
            best = self._nearest(joined(key), other_than=len(key))
        if best is None:
            return None
        if " " not in name and is_ordinary_word(name):
            return None  # an ordinary word one vowel or reading away: "Heart" is not Herat
        return NameMatch(self._entries[best[1]], best[2], best[3], False)

    def _nearest(self, key: tuple[str, ...], other_than: int = 0):
        """(rank, entry, form, suggestion) of the nearest indexed name that is the same name as
        `key`; of two as near, the one listed first in the glossary. None when there is none.
        With `other_than`, spellings of that many words are left out."""
        best = None
        for bucket in name_buckets(key):
            for order, other, entry, form, suggestion in self._buckets.get(bucket, ()):
                if other_than and len(name_key(form)) == other_than:
                    continue
                if same_name(key, other) if not _short(key, other) else short_name(key, other):
                    rank = (key_distance(key, other), order)
                    if best is None or rank < best[0]:
                        best = (rank, entry, form, suggestion)
        return best
