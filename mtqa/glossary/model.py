"""The glossary: entries that configure the generic terminology engines.

Adding a term never means adding code: an entry names its preferred form, the forms that are also
correct (`accepted`), the variants to flag (literal or regex, each with its own replacement where
it differs from the preferred form), and the context in which a fix is safe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property

from ..findings import Applicability, Severity


def _restore(cls, values: tuple):
    obj = object.__new__(cls)
    for name, value in zip(_FIELD_NAMES[cls], values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _pickles_by_fields(cls):
    """A slots dataclass pickled as its field values: a glossary sent to other processes (the
    Dask backends pickle it) unpickles without the dataclass __setstate__, which looks up the
    fields again for every object. (The glossary cache pickles nothing: it keeps marshalled
    rows, see store/rows.py.)"""
    names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return _restore, (cls, tuple([getattr(self, n) for n in names]))

    cls.__reduce__ = __reduce__
    return cls


class Category(StrEnum):
    TERMINOLOGY = "terminology"
    TRANSLITERATION = "transliteration"
    NAME = "name"
    STYLE = "style"


# The categories whose entries match plurals too unless they say (Entry.inflect): common
# nouns, not names. (Category is a StrEnum, so a stored row's plain value is found in it too.)
INFLECTING = frozenset({Category.TERMINOLOGY, Category.STYLE})
# The categories whose entries are nouns unless they say (Entry.pos): a verb use of their words
# is not matched.
NOUN_CATEGORIES = frozenset({Category.TERMINOLOGY, Category.NAME, Category.TRANSLITERATION})
POS_VALUES = ("noun", "any")


@_pickles_by_fields
@dataclass(frozen=True, slots=True)
class Variant:
    """A form to flag. Exactly one of `text` and `regex` is set."""

    text: str | None = None
    regex: str | None = None
    # What replaces this variant; None means the entry's preferred form.
    replace: str | None = None
    # Overrides the entry's fix applicability for this variant (e.g. an unsafe paraphrase).
    fix: Applicability | None = None
    # Imported dictionaries keep their own engine's semantics (prh, Vale). An exact variant is
    # a regex run on the prose as written: its own case (`(?i)` to ignore it), no word
    # boundaries unless it has them, ASCII \w \d \b, `^`/`$` at line ends; its replacement may
    # name groups ($1..$9; "" deletes) and is used as written: no re-casing, no article or
    # plural, and no correct-form keys of its entry shadow it.
    exact: bool = False
    # prh's regexpMustEmpty: a match whose group N is not empty is no match.
    must_be_empty: int | None = None

    @property
    def label(self) -> str:
        return self.text if self.text is not None else f"/{self.regex}/"


@_pickles_by_fields
@dataclass(frozen=True, slots=True)
class Context:
    """Where a fix is safe: words in the sentence of the match (at most `window` words each side).

    A word ending in `*` matches as a prefix ("force*" matches "forces"). When `safe_near` is set
    and none of its words is in the sentence, the fix is offered as unsafe. A match with an
    `avoid_near` word in its sentence is another sense of the word ("the existence of a secret
    annex") and not flagged; an `avoid_near` word only in a neighbouring sentence (within
    `window` words) leaves the sense unclear, so the match is flagged with an unsafe fix.
    """

    safe_near: tuple[str, ...] = ()
    avoid_near: tuple[str, ...] = ()
    window: int = 20

    @property
    def is_empty(self) -> bool:
        return not self.safe_near and not self.avoid_near


@_pickles_by_fields
@dataclass(frozen=True, slots=True)
class Example:
    """`bad` must be flagged (and fixed to `good` where given); `ok` must not be flagged."""

    bad: str | None = None
    good: str | None = None
    ok: str | None = None


@_pickles_by_fields
@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    preferred: str
    variants: tuple[Variant, ...] = ()
    accepted: tuple[str, ...] = ()
    category: Category = Category.TERMINOLOGY
    severity: Severity = Severity.WARNING
    note: str = ""
    source: tuple[str, ...] = ()
    context: Context = field(default_factory=Context)
    fix: Applicability = Applicability.SAFE
    case_sensitive: bool = False
    inflect: bool | None = None
    examples: tuple[Example, ...] = ()
    # Where the entry was defined, for messages ("glossary.yaml:42").
    origin: str | None = None
    line: int | None = None
    # The part of speech of its forms: "noun" (a verb use is not matched: "to file", "it
    # links"), "any", or None for the category's default (see part_of_speech).
    pos: str | None = None

    @property
    def correct_forms(self) -> tuple[str, ...]:
        # Asked of every entry when a large glossary is validated and compiled: the commonest
        # entry (no accepted forms) is answered without a generator.
        if not self.accepted:
            return (self.preferred,) if self.preferred else ()
        return tuple(f for f in (self.preferred, *self.accepted) if f)

    @property
    def exact_only(self) -> bool:
        """Every variant keeps an imported engine's semantics (see Variant.exact)."""
        variants = self.variants
        # The first variant settles it for most entries (plain text variants), without a
        # generator.
        return bool(variants) and variants[0].exact and all(v.exact for v in variants)

    @property
    def part_of_speech(self) -> str:
        """"noun" or "any": terminology and names are nouns unless the entry says otherwise."""
        if self.pos is not None:
            return self.pos
        return "noun" if self.category in NOUN_CATEGORIES else "any"

    @property
    def inflects(self) -> bool:
        """Whether plural forms of the variants are matched too (common nouns, not names)."""
        if self.inflect is not None:
            return self.inflect
        return self.category in INFLECTING


# The glossary hash's JSON (HASH_FORM names its form in the cache key: a new form never meets
# hashes stored in the old one).
_HASH_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
HASH_FORM = "json-fixed-order"


@dataclass(frozen=True)
class Glossary:
    """A validated glossary. Its entries are a read-only sequence: a tuple, or the store's
    sequence of rows decoded on use (store/rows.py) for a glossary just validated or read
    from the cache; either compares equal to the tuple of the same entries."""

    name: str
    entries: Sequence[Entry]
    path: str | None = None
    description: str = ""
    source_language: str = "ar"
    target_language: str = "en"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None

    @cached_property
    def hash(self) -> str:
        """A short content hash for reproducibility signatures (independent of file format).
        Computed once (the glossary is frozen) and kept in the glossary cache with it: for
        100,000 entries it takes most of a second."""
        from .writers import glossary_to_data

        # glossary_to_data writes every mapping's keys in one fixed order, so the JSON is
        # canonical without sorting them (sorting was a tenth of caching 100,000 entries).
        payload = _HASH_JSON(glossary_to_data(self))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]

    def merged_with(self, other: Glossary) -> Glossary:
        return Glossary(
            name=f"{self.name}+{other.name}",
            entries=(*self.entries, *other.entries),
            path=None,
            description=self.description,
            source_language=self.source_language,
            target_language=self.target_language,
        )
