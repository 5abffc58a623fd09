"""The glossary: entries that configure the generic terminology engines.

Adding a term never means adding code: an entry names its preferred form, the forms that are also
correct (`accepted`), the variants to flag (literal or regex, each with its own replacement where
it differs from the preferred form), and the context in which a fix is safe.

An entry's canonical mapping (`entry_to_data`) is what mtqa YAML writes and what the glossary
hash encodes; it is defined here, beside the model, once for entries and for the values of an
entry kept in another form (`entry_data`, which the store's rows use).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Protocol, runtime_checkable

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


# ----------------------------------------------------------------------------- canonical mapping
# A variant's values, in this order: text, regex, replace, fix (the applicability's value or
# None), exact, must_be_empty.
VariantValues = tuple[str | None, str | None, str | None, str | None, bool, int | None]
_WINDOW = Context().window
_SAFE = Applicability.SAFE._value_


def variant_values(v: Variant) -> VariantValues:
    """A variant's values in VariantValues' order (how the store's rows keep it, too)."""
    # `_value_`, not `.value`: the same text, without the enum property's call.
    return (
        v.text,
        v.regex,
        v.replace,
        None if v.fix is None else v.fix._value_,
        v.exact,
        v.must_be_empty,
    )


def _variant_data(v: VariantValues):
    text, regex, replace, fix, exact, must_be_empty = v
    if regex is None and replace is None and fix is None and not exact:
        return text
    d: dict = {"text": text} if regex is None else {"regex": regex}
    if replace is not None and (replace or exact):
        d["replace"] = replace  # "" deletes, for exact variants
    if fix:
        d["fix"] = fix
    if exact:
        d["exact"] = True
    if must_be_empty is not None:
        d["must_be_empty"] = must_be_empty
    return d


def entry_data(
    *,
    id: str,
    preferred: str,
    variants: Iterable[VariantValues],
    accepted: tuple[str, ...],
    category: str,
    severity: str,
    note: str,
    source: tuple[str, ...],
    safe_near: tuple[str, ...],
    avoid_near: tuple[str, ...],
    window: int,
    fix: str,
    case_sensitive: bool,
    inflect: bool | None,
    examples: Iterable[tuple[str | None, str | None, str | None]],
    pos: str | None,
) -> dict:
    """An entry as its mapping is written (and hashed), from its values: enums as their
    values, each example as (bad, good, ok). The one definition of that mapping, for Entry
    objects (entry_to_data) and for entries kept as rows alike (store/rows.py), so the
    glossary hash of a large glossary is made without an Entry decoded."""
    d: dict = {"id": id, "preferred": preferred}
    if accepted:
        d["accepted"] = list(accepted)
    d["variants"] = list(map(_variant_data, variants))
    d["category"] = category
    d["severity"] = severity
    if fix != _SAFE:
        d["fix"] = fix
    if case_sensitive:
        d["case_sensitive"] = True
    if inflect is not None:
        d["inflect"] = inflect
    if pos is not None:
        d["pos"] = pos
    if note:
        d["note"] = note
    if source:
        d["source"] = list(source)
    if safe_near or avoid_near:
        ctx: dict = {}
        if safe_near:
            ctx["safe_near"] = list(safe_near)
        if avoid_near:
            ctx["avoid_near"] = list(avoid_near)
        if window != _WINDOW:
            ctx["window"] = window
        d["context"] = ctx
    if examples:
        d["examples"] = [
            {k: x for k, x in zip(("bad", "good", "ok"), example, strict=True) if x is not None}
            for example in examples
        ]
    return d


def entry_to_data(e: Entry) -> dict:
    """The entry's canonical mapping: keys in one fixed order, defaults left out."""
    # `_value_`, not `.value`: the same text, without the enum property's call.
    return entry_data(
        id=e.id,
        preferred=e.preferred,
        variants=list(map(variant_values, e.variants)),
        accepted=e.accepted,
        category=e.category._value_,
        severity=e.severity._value_,
        note=e.note,
        source=e.source,
        safe_near=e.context.safe_near,
        avoid_near=e.context.avoid_near,
        window=e.context.window,
        fix=e.fix._value_,
        case_sensitive=e.case_sensitive,
        inflect=e.inflect,
        examples=[(x.bad, x.good, x.ok) for x in e.examples],
        pos=e.pos,
    )


@runtime_checkable
class KeptAsData(Protocol):
    """A sequence of entries kept in another form that makes every entry's mapping itself
    (entry_to_data's, in order) without an Entry decoded: the store's rows (store/rows.py),
    for the hash of a glossary of 100,000 entries. The model asks for the mapping through
    this method and knows nothing of how the entries are kept."""

    def as_data(self) -> list[dict]: ...


def glossary_to_data(g: Glossary) -> dict:
    """The glossary's canonical mapping (what mtqa YAML writes, what the hash encodes)."""
    d: dict = {"name": g.name}
    if g.description:
        d["description"] = g.description
    d["language"] = {"source": g.source_language, "target": g.target_language}
    entries = g.entries
    d["entries"] = (
        entries.as_data()
        if isinstance(entries, KeptAsData)
        else [entry_to_data(e) for e in entries]
    )
    return d


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
