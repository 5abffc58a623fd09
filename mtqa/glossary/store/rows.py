"""A glossary's entries as compact rows, turned into Entry objects only when they are used.

A run with a 100,000-entry glossary touches a handful of entries: those whose forms occur in
the text. Unpickling 100,000 Entry objects (with their variants and contexts) costs about a
second every run; reading 100,000 rows of bytes costs milliseconds. So the glossary cache keeps
each entry as one marshalled row of plain values (str, int, bool, None, tuples) in one block of
bytes with an offsets table, and `LazyEntries` decodes an entry the first time it is asked for.
Validation makes the same rows (build.py), and a glossary just validated keeps them
(`BuiltEntries`): its cache file, its hash and its term matcher are made from the rows, so a
cold load of a large glossary makes no Entry object either. Code that walks every entry
(discovery, `glossary check`) gets them all, decoded once.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

from ...findings import Applicability, Severity
from ...gcpause import gc_paused
from ..model import Category, Context, Entry, Example, Variant, entry_data, variant_values

# marshal's format is fixed for a Python version; the cache key carries mtqa's version and the
# model's fields, and this number changes when the row layout below does.
ROW_FORMAT = 2

# The fields of a row, by position (entry_row's order).
(
    ID,
    PREFERRED,
    VARIANTS,
    ACCEPTED,
    CATEGORY,
    SEVERITY,
    NOTE,
    SOURCE,
    CONTEXT,
    FIX,
    CASE_SENSITIVE,
    INFLECT,
    EXAMPLES,
    ORIGIN,
    LINE,
    POS,
) = range(16)
# The fields of a variant's row.
V_TEXT, V_REGEX, V_REPLACE, V_FIX, V_EXACT, V_MUST_BE_EMPTY = range(6)
# The row of an empty context (Context()'s values).
NO_CONTEXT = ((), (), Context().window)


def _new(cls, **values):
    """A frozen slots dataclass without its __init__ (the values are already validated)."""
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def entry_row(entry: Entry, origin: str | None) -> tuple:
    """One entry as plain values; its origin is written 0 when it is the glossary's own (the
    same path in every row of a large file). Enum values are read as `_value_` (the same text
    as `.value`, without a property call each)."""
    return (
        entry.id,
        entry.preferred,
        tuple(map(variant_values, entry.variants)),
        entry.accepted,
        entry.category._value_,
        entry.severity._value_,
        entry.note,
        entry.source,
        (entry.context.safe_near, entry.context.avoid_near, entry.context.window),
        entry.fix._value_,
        entry.case_sensitive,
        entry.inflect,
        tuple((x.bad, x.good, x.ok) for x in entry.examples) if entry.examples else (),
        0 if entry.origin == origin and origin is not None else entry.origin,
        entry.line,
        entry.pos,
    )


_EMPTY_CONTEXT = Context()


def _row_data(row: tuple) -> dict:
    """The canonical mapping of the entry of `row` (model.entry_data of its values)."""
    safe_near, avoid_near, window = row[CONTEXT]
    return entry_data(
        id=row[ID],
        preferred=row[PREFERRED],
        variants=row[VARIANTS],  # each as (text, regex, replace, fix, exact, must_be_empty)
        accepted=row[ACCEPTED],
        category=row[CATEGORY],
        severity=row[SEVERITY],
        note=row[NOTE],
        source=row[SOURCE],
        safe_near=safe_near,
        avoid_near=avoid_near,
        window=window,
        fix=row[FIX],
        case_sensitive=row[CASE_SENSITIVE],
        inflect=row[INFLECT],
        examples=row[EXAMPLES],
        pos=row[POS],
    )


def entry_from_row(row: tuple, origin: str | None) -> Entry:
    (
        id_,
        preferred,
        variants,
        accepted,
        category,
        severity,
        note,
        source,
        (safe_near, avoid_near, window),
        fix,
        case_sensitive,
        inflect,
        examples,
        own_origin,
        line,
        pos,
    ) = row
    context = (
        _EMPTY_CONTEXT
        if not safe_near and not avoid_near and window == _EMPTY_CONTEXT.window
        else _new(Context, safe_near=safe_near, avoid_near=avoid_near, window=window)
    )
    return _new(
        Entry,
        id=id_,
        preferred=preferred,
        variants=tuple(
            _new(
                Variant,
                text=text,
                regex=regex,
                replace=replace,
                fix=None if vfix is None else Applicability(vfix),
                exact=exact,
                must_be_empty=must_be_empty,
            )
            for text, regex, replace, vfix, exact, must_be_empty in variants
        ),
        accepted=accepted,
        category=Category(category),
        severity=Severity(severity),
        note=note,
        source=source,
        context=context,
        fix=Applicability(fix),
        case_sensitive=case_sensitive,
        inflect=inflect,
        examples=tuple(_new(Example, bad=b, good=g, ok=o) for b, g, o in examples),
        origin=origin if own_origin == 0 else own_origin,
        line=line,
        pos=pos,
    )


def pack_rows(rows: Sequence[tuple]) -> tuple[bytes, bytes]:
    """(rows, offsets): the marshalled rows end to end, and where each starts (plus the end)."""
    parts = list(map(marshal.dumps, rows))
    return b"".join(parts), array("Q", accumulate(map(len, parts), initial=0)).tobytes()


def pack_entries(entries: Sequence[Entry], origin: str | None) -> tuple[bytes, bytes]:
    """pack_rows of the entries' rows; the rows themselves where the entries are rows."""
    if isinstance(entries, RowEntries) and entries.origin == origin:
        return entries.packed()
    return pack_rows([entry_row(e, origin) for e in entries])


class RowEntries(Sequence[Entry]):
    """A read-only sequence of entries kept as rows and decoded on first access.

    It stands where a Glossary keeps its tuple of entries, and compares, hashes and pickles as
    that tuple would (a pickled glossary carries real entries, not rows). Code that reads every
    entry's fields for itself (the cache, the glossary hash, the term matcher) reads the rows
    (`rows`, `packed`, `as_data`) and decodes nothing.
    """

    __slots__ = ("_decoded", "_pending", "origin")

    def __init__(self, count: int, origin: str | None):
        self.origin = origin
        self._decoded: list[Entry | None] = [None] * count
        self._pending = count  # not 0: some entries may still be undecoded

    def _row(self, i: int) -> tuple:
        raise NotImplementedError

    def rows(self) -> Iterator[tuple]:
        """Every entry's row, in order (see entry_row); origin 0 stands for `self.origin`."""
        return map(self._row, range(len(self)))

    def packed(self) -> tuple[bytes, bytes]:
        """The rows as pack_rows writes them."""
        return pack_rows(list(self.rows()))

    def as_data(self) -> list[dict]:
        """Every entry's canonical mapping (model.entry_to_data's), made from the rows: a
        large glossary is hashed without an Entry decoded (see model.KeptAsData)."""
        return list(map(_row_data, self.rows()))

    def __len__(self) -> int:
        return len(self._decoded)

    def _entry(self, i: int) -> Entry:
        entry = self._decoded[i]
        if entry is None:
            entry = self._decoded[i] = entry_from_row(self._row(i), self.origin)
        return entry

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self._entry(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("entry index out of range")
        return self._entry(index)

    def __iter__(self) -> Iterator[Entry]:
        if self._pending:
            # Code that walks every entry wants them all: decode them in one go, with the
            # cyclic GC paused (see gcpause), rather than one by one between its own work.
            with gc_paused():
                for i in range(len(self)):
                    self._entry(i)
            self._pending = 0
        return iter(self._decoded)  # type: ignore[arg-type]  # no None left

    def as_tuple(self) -> tuple[Entry, ...]:
        return tuple(self)

    def __add__(self, other) -> tuple[Entry, ...]:
        return self.as_tuple() + tuple(other)

    def __radd__(self, other) -> tuple[Entry, ...]:
        return tuple(other) + self.as_tuple()

    def __eq__(self, other) -> bool:
        if isinstance(other, RowEntries | tuple):
            return len(self) == len(other) and self.as_tuple() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.as_tuple())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} entries)"

    def __reduce__(self):
        return tuple, (self.as_tuple(),)


class BuiltEntries(RowEntries):
    """The entries of a glossary just validated, as the rows validation made (build.py): a
    large glossary is cached, hashed and compiled from them without an Entry object made."""

    __slots__ = ("_given", "_rows")

    def __init__(self, rows: list[tuple], origin: str | None, given: list | None = None):
        super().__init__(len(rows), origin)
        self._rows = rows
        # For each row, the file's own mapping of the entry where it is the canonical one.
        self._given = given

    def as_data(self) -> list[dict]:
        """As RowEntries.as_data, with the file's own mapping of each entry where it is
        already the canonical one (see plain.plain_row). Asked once, by the glossary hash:
        those mappings are then let go (they take memory), and a later call makes every
        mapping from the rows."""
        given, self._given = self._given, None
        if given is None:
            return super().as_data()
        return [
            data if data is not None else _row_data(row)
            for data, row in zip(given, self._rows, strict=True)
        ]

    def _row(self, i: int) -> tuple:
        return self._rows[i]

    def rows(self) -> Iterator[tuple]:
        return iter(self._rows)


class LazyEntries(RowEntries):
    """The entries of a cached glossary: marshalled rows in one block of bytes, with the
    offset where each starts."""

    __slots__ = ("_offsets", "_rows")

    def __init__(self, rows: bytes, offsets: bytes, origin: str | None):
        self._rows = memoryview(rows)
        self._offsets = array("Q")
        self._offsets.frombytes(offsets)
        if len(self._offsets) < 1 or self._offsets[-1] != len(rows):
            raise ValueError("offsets do not cover the rows")
        super().__init__(len(self._offsets) - 1, origin)

    def _row(self, i: int) -> tuple:
        return marshal.loads(self._rows[self._offsets[i] : self._offsets[i + 1]])

    def packed(self) -> tuple[bytes, bytes]:
        return bytes(self._rows), self._offsets.tobytes()
