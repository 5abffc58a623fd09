"""The forms a glossary gives a term matcher: its key table.

A matcher needs every literal form of every entry (correct forms and literal variants, with
their plurals where the entry inflects), which entry and which form each stands for, and where
the regex and exact variants are. The table is read from the entries' rows where the glossary
keeps rows (one just validated, or read from the cache): a 100,000-entry glossary is then
compiled without an Entry object made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import INFLECTING, Entry
from .rows import (
    ACCEPTED,
    CATEGORY,
    INFLECT,
    PREFERRED,
    V_EXACT,
    VARIANTS,
    RowEntries,
    entry_row,
)

# A form's slot within its entry: bit 0 set for a correct form, bit 1 for a plural, and above
# them the index of the correct form (in Entry.correct_forms) or of the variant.
IS_CORRECT = 1
IS_PLURAL = 2


def slot_index(slot: int) -> int:
    """The index of the correct form or variant that a slot names."""
    return slot >> 2


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Every literal form of a glossary's entries, in glossary order, with what it stands for;
    and the variants that are not literal forms."""

    forms: list[str]  # as the glossary spells them (not folded)
    entry_of: list[int]  # for each form: its entry's index in the glossary
    slot_of: list[int]  # and its slot in that entry (IS_CORRECT, IS_PLURAL, slot_index)
    regexes: list[tuple[int, int]]  # (entry, variant) of each regex variant
    exact: list[tuple[int, int, str]]  # (entry, variant, regex) of each exact variant


def key_table(entries: Sequence[Entry], plural: Callable[[str], str | None]) -> KeyTable:
    """The key table of `entries`; `plural` gives a form's plural (None where it has none)."""
    forms: list[str] = []
    entry_of: list[int] = []
    slot_of: list[int] = []
    regexes: list[tuple[int, int]] = []
    exact: list[tuple[int, int, str]] = []
    rows = (
        entries.rows()
        if isinstance(entries, RowEntries)
        else (entry_row(e, None) for e in entries)
    )
    add_form, add_entry, add_slot = forms.append, entry_of.append, slot_of.append
    for n, row in enumerate(rows):
        preferred, variants, accepted = row[PREFERRED], row[VARIANTS], row[ACCEPTED]
        inflect = row[INFLECT]
        # Entry.inflects, exact_only and correct_forms, of the row.
        inflects = row[CATEGORY] in INFLECTING if inflect is None else inflect
        # An imported rule has no correct forms to protect: prh only skips a match that is
        # exactly its expected text.
        if variants and variants[0][V_EXACT] and all(v[V_EXACT] for v in variants):
            correct: tuple[str, ...] = ()
        elif accepted:
            correct = tuple(f for f in (preferred, *accepted) if f)
        elif not inflects and preferred:
            # The commonest entry (a name): its one correct form, without a loop.
            add_form(preferred)
            add_entry(n)
            add_slot(IS_CORRECT)
            correct = ()
        else:
            correct = (preferred,) if preferred else ()
        for j, form in enumerate(correct):
            add_form(form)
            add_entry(n)
            add_slot((j << 2) | IS_CORRECT)
            if inflects and (p := plural(form)):
                add_form(p)
                add_entry(n)
                add_slot((j << 2) | IS_CORRECT | IS_PLURAL)
        for i, (text, regex, _replace, _fix, is_exact, _empty) in enumerate(variants):
            if is_exact:
                exact.append((n, i, regex))
            elif regex is not None:
                regexes.append((n, i))
            else:
                add_form(text)
                add_entry(n)
                add_slot(i << 2)
                if inflects and (p := plural(text)):
                    add_form(p)
                    add_entry(n)
                    add_slot((i << 2) | IS_PLURAL)
    return KeyTable(forms, entry_of, slot_of, regexes, exact)
