"""Whether a match of a noun entry is used as a verb: "to file a complaint", "it links to",
"they base their claim", "Use the option".

A glossary entry that is a noun ("file" -> "document", "link" -> "hyperlink") must not rewrite
the verb spelled the same way. English marks a verb by the words around it, and a few function
words settle most cases: an infinitive's "to" or a modal before it (with an object after
"to"), a subject pronoun before it, an imperative at the start of a sentence with an object
after it, a third-person -s form with an object after it. Only closed classes of English
function words are listed here (determiners, pronouns, modals), never content words; a use
they do not settle is taken for a noun, as before. (A statistical tagger would need a model
downloaded apart from its package: too heavy for a check that runs on every match.)
"""

from __future__ import annotations

import re

_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "some",
        "any",
        "each",
        "every",
        "all",
        "no",
        "another",
        "either",
        "neither",
    ]
)
_OBJECTS = frozenset(["it", "them", "him", "me", "us", "you", "her"])
_MODALS = frozenset(
    [
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "cannot",
        "can't",
        "won't",
        "don't",
        "doesn't",
        "didn't",
        "do",
        "does",
        "did",
        "please",
        "let's",
    ]
)
_SUBJECTS = frozenset(["i", "we", "they", "you", "he", "she", "it", "who"])
# Words before an -s form that make it a plural noun ("these links to", "two files", "with
# links to"): determiners, quantifiers, numbers, prepositions, a few adjectives.
_NOUN_MARKERS = _DETERMINERS | frozenset(
    [
        "many",
        "few",
        "several",
        "more",
        "most",
        "other",
        "both",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "with",
        "of",
        "in",
        "on",
        "for",
        "from",
        "by",
        "to",
        "into",
        "about",
        "as",
        "at",
        "between",
        "without",
        "via",
        "and",
        "or",
        "external",
        "internal",
        "broken",
        "relative",
        "absolute",
        "direct",
        "useful",
    ]
)

_NUMBERS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'")


def _word_before(folded: str, start: int) -> tuple[str | None, int]:
    """The word of [a-z'] that ends right before `start` (spaces between allowed), and where
    it starts; (None, start) when another character stands there."""
    i = start
    while i > 0 and folded[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and folded[j - 1] in _WORD_CHARS:
        j -= 1
    return (folded[j:i], j) if j < i else (None, start)


_WORDS_AFTER = re.compile(r"[ ]*([a-z']+)(?:[ ]+([a-z']+))?")
# Where a sentence, a clause, a list item or a block starts (\x01: a block break in the folded
# text).
_IMPERATIVE_START = re.compile(r"(?:^|[.!?:;,\n\x01]|\s[-*>#]|\d[.)])[\s\"'“‘(*_]*$")


def used_as_verb(folded: str, start: int, end: int, capitalised: bool = False) -> bool:
    """Whether the single word folded[start:end] (lower case, as the glossary engine folds
    text) is a verb, by the words around it. `capitalised`: the word is written with a capital,
    which inside a sentence makes it a proper noun ("a surprise to Arbil", "sent to Base")."""
    word = folded[start:end]
    if " " in word:
        return False  # a phrase is a term, not a verb
    if capitalised and not _IMPERATIVE_START.search(folded, max(0, start - 8), start):
        return False
    prev, at = _word_before(folded, start)
    after = _WORDS_AFTER.match(folded, end, min(len(folded), end + 40))
    nxt = after.group(1) if after else None
    nxt2 = after.group(2) if after else None
    # An object after it ("that" is as often a relative pronoun after a noun: "pages that").
    has_object = nxt != "that" and (nxt in _DETERMINERS or nxt in _OBJECTS)
    if prev in _MODALS:
        return True
    if prev in ("to", "not") and (has_object or nxt is None):
        return True  # "to file a complaint", "easy to use.", "to use `x`"
    if prev in _SUBJECTS:
        return True
    if (
        has_object
        and prev is not None
        and len(prev) > 3
        and prev.endswith("s")
        and not prev.endswith(("ss", "us", "is"))
        and prev not in _NOUN_MARKERS
    ):
        return True  # after a plural subject: "programs use the name"
    if prev is None and has_object and _IMPERATIVE_START.search(folded, max(0, start - 8), start):
        return True  # an imperative: "Use the option", "If so, link your account"
    if word.endswith("s") and prev in ("that", "which") and (has_object or nxt == "to"):
        return True  # a relative clause: "code that uses the state" ("that" + plural is none)
    if word.endswith("s") and prev is not None and prev not in _NOUN_MARKERS:
        # A third-person verb: "the page links the", "the document links to the" ("the links
        # that ..." is a noun and its relative clause).
        if (nxt in _DETERMINERS and nxt != "that") or nxt in _NUMBERS:
            return True
        # "links to the" only after a noun: not after a verb ("can include links to the",
        # "showing links to the").
        if (
            nxt == "to"
            and nxt2 in _DETERMINERS
            and not prev.endswith(("ing", "ed"))
            and (prev2 := _word_before(folded, at)[0]) not in _MODALS
            and prev2 not in _SUBJECTS
            and prev2 != "to"
        ):
            return True
    return False
