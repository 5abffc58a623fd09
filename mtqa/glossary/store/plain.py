"""The fast lane of validation: the row of the commonest entry, made without an Entry.

A large glossary is mostly entries of one plain shape (an id, a preferred form, a list of
variant texts, a category and a severity). `plain_row` checks and keeps such an entry as the
row the store keeps (rows.py), with no Entry, Variant or Context made; anything else (or
anything with a problem to report) goes to build.py's validator, which makes the same row.
Tested equal to that validator on every shape the lane takes.
"""

from __future__ import annotations

from ...findings import Applicability, Severity
from ..model import Category, Entry
from ..raw import GENERATED, RawEntry, as_list, slugify
from .rows import (
    ACCEPTED,
    ID,
    NO_CONTEXT,
    PREFERRED,
    V_TEXT,
    VARIANTS,
    BuiltEntries,
    entry_from_row,
    entry_row,
)

# The keys of the commonest entry (a large glossary's): text values and lists of texts only.
_PLAIN_KEYS = frozenset(
    {"id", "preferred", "variants", "accepted", "category", "severity", "note", "source", "fix"}
)


def _texts(value) -> tuple[str, ...] | None:
    """`as_list` then `text_of` of each (empty ones left out), for None, a text or a list of
    texts; None for anything else."""
    if value is None:
        return ()
    if type(value) is str:
        value = value.strip()
        return (value,) if value else ()
    if type(value) is not list:
        return None
    out = []
    for item in value:
        if type(item) is not str:
            return None
        if item := item.strip():
            out.append(item)
    return tuple(out)


def _value_memo(default) -> dict:
    """Enum text as written -> its member's value, for the plain lane (its rows hold values):
    filled as texts are met, starting with the empty ones (the default)."""
    return {None: default._value_, "": default._value_}


_CATEGORIES = _value_memo(Category.TERMINOLOGY)
_SEVERITIES = _value_memo(Severity.WARNING)
_FIXES = _value_memo(Applicability.SAFE)
_SAFE = Applicability.SAFE._value_


def _plain_value(value, enum_cls, memo: dict) -> str | None:
    """The value of _enum's member for None or a text, or None for anything else or where
    _enum would report a problem."""
    if type(value) is not str:
        return memo[None] if value is None else None
    member = memo.get(value)
    if member is None:
        try:
            member = memo[value] = enum_cls(value.strip().lower())._value_
        except ValueError:
            return None
    return member


# entry_to_data's order of the plain keys (model.py), the keys it always writes, and
# whether each key order met so far is one it writes (a large glossary has one or two).
_DATA_ORDER = ("id", "preferred", "accepted", "variants", "category", "severity", "fix", "note")
_DATA_ORDER += ("source",)
_ALWAYS_WRITTEN = frozenset({"id", "preferred", "variants", "category", "severity"})
_DATA_ORDERS: dict[tuple, bool] = {}


def _in_data_order(keys: tuple) -> bool:
    known = _DATA_ORDERS.get(keys)
    if known is None:
        known = _DATA_ORDERS[keys] = set(keys) >= _ALWAYS_WRITTEN and list(keys) == [
            k for k in _DATA_ORDER if k in keys
        ]
    return known


def plain_row(raw: RawEntry, origin: str, path: str) -> tuple[tuple, bool] | None:
    """The row (rows.entry_row's, origin 0 where it is `path`) of the entry _build_entry
    makes, made without the entry for the commonest shape (keys of _PLAIN_KEYS, text values,
    lists of texts, no problem), or None for _build_entry to make (and report). A
    100,000-entry glossary is validated in a fraction of the time (tested equal to
    _build_entry).

    With the row, whether the entry's mapping is already the one model.entry_to_data makes
    of the entry (the same keys in the same order, each value as written there): the glossary
    hash then encodes the mapping itself (every entry of a large generated or converted
    glossary is one; tested equal). str.strip gives back the very text it was given when
    there is nothing to strip, so `is` tells a value written as it is kept."""
    data = raw.data
    if not isinstance(data, dict) or not data.keys() <= _PLAIN_KEYS:
        return None
    given = data.get("preferred")
    if type(given) is not str or not (preferred := given.strip()):
        return None
    as_written = preferred is given
    texts = data.get("variants")
    if type(texts) is not list:
        as_written = False
        texts = as_list(texts)
    variants = []
    for text in texts:
        if type(text) is not str or not (stripped := text.strip()):
            return None  # an empty variant or a mapping: _build_entry's
        if stripped is not text:
            as_written = False
        variants.append((stripped, None, None, None, False, None))
    accepted = source = ()
    if "accepted" in data:
        accepted = _texts(given := data["accepted"])
        as_written = as_written and type(given) is list and bool(given) and accepted == (*given,)
    if "source" in data:
        source = _texts(given := data["source"])
        as_written = as_written and type(given) is list and bool(given) and source == (*given,)
    id_, note = data.get("id"), data.get("note")
    if accepted is None or source is None or type(id_) not in (str, type(None)):
        return None
    if note is not None and type(note) is not str:
        return None
    category = _plain_value(given_category := data.get("category"), Category, _CATEGORIES)
    severity = _plain_value(given_severity := data.get("severity"), Severity, _SEVERITIES)
    fix = _plain_value(given_fix := data.get("fix"), Applicability, _FIXES)
    if category is None or severity is None or fix is None:
        return None
    if as_written:
        as_written = (
            _in_data_order(tuple(data))  # so id, category and severity are there
            and bool(id_)
            and id_.strip() is id_
            and given_category == category
            and given_severity == severity
            and ("fix" not in data or (given_fix == fix and fix != _SAFE))
            and ("note" not in data or (bool(note) and note.strip() is note))
        )
    row = (
        (id_ and id_.strip()) or GENERATED + slugify(preferred),
        preferred,
        tuple(variants),
        accepted,
        category,
        severity,
        note.strip() if note else "",
        source,
        NO_CONTEXT,
        fix,
        False,
        None,
        (),
        0 if origin == path else origin,
        raw.line,
        None,
    )
    return row, as_written


def plain_entry(raw: RawEntry, origin: str) -> Entry | None:
    """The entry of _plain_row's row (what build_glossary keeps for such an entry)."""
    made = plain_row(raw, origin, origin)
    return None if made is None else entry_from_row(made[0], origin)




class ValidatedRows:
    """The rows of a glossary being validated (build.build_glossary), in the file's order: an
    entry the fast lane takes (`add_plain`), or one the validator made (`add`)."""

    def __init__(self, path: str):
        self.path = path
        self._rows: list[tuple] = []
        # For each row, the entry's mapping where it is already the one the glossary hash
        # encodes (see plain_row).
        self._as_data: list[dict | None] = []

    def add_plain(self, raw: RawEntry, origin: str) -> bool:
        """Keep the entry when it has the fast lane's shape and no problem; False otherwise."""
        made = plain_row(raw, origin, self.path)
        if made is None:
            return False
        self._rows.append(made[0])
        self._as_data.append(raw.data if made[1] else None)
        return True

    def add(self, entry: Entry) -> None:
        self._rows.append(entry_row(entry, self.path))
        self._as_data.append(None)

    def ids(self) -> list[str]:
        return [r[ID] for r in self._rows]

    def rename(self, ids: dict[int, str]) -> None:
        """Give the entries at these positions these ids."""
        rows = self._rows
        for n, new in ids.items():
            rows[n] = (new, *rows[n][1:])

    def variant_texts(self) -> list[str]:
        """The text of every literal variant, in order."""
        return [v[V_TEXT] for r in self._rows for v in r[VARIANTS] if v[V_TEXT] is not None]

    def correct_forms(self) -> list[str]:
        """Every entry's correct forms (Entry.correct_forms): preferred forms, then accepted."""
        rows = self._rows
        return [r[PREFERRED] for r in rows if r[PREFERRED]] + [
            a for r in rows for a in r[ACCEPTED] if a
        ]

    def entries(self) -> BuiltEntries:
        return BuiltEntries(self._rows, self.path, self._as_data)
