"""TERM004: one entity written several ways in one document (glossary entities by entry, and
unlisted names by transliteration key, grouped as the corpus groups them)."""

from __future__ import annotations

from collections.abc import Iterator

from ...documents.model import Document
from ...findings import Applicability, Edit, Finding, Fix
from ...glossary.model import Category, Entry
from ..base import make_finding
from .rules import TERM_MIXED
from .variants import shaped

# Entries that name one entity (a place, a group, a person); vocabulary entries do not count.
_ENTITY_CATEGORIES = (Category.NAME, Category.TRANSLITERATION)


def _lines(doc: Document, starts: dict[str, list[int]]) -> dict[str, list[int]]:
    """The lines each form is used on, so a report can say where to look."""
    return {form: sorted({doc.position(s)[0] for s in at}) for form, at in starts.items()}


class FormTally:
    """The forms each entity is written in within one document, for TERM004: glossary entries
    by id, and names no glossary lists by transliteration key (grouped as the corpus does)."""

    def __init__(self):
        self.forms: dict[str, dict[str, list]] = {}
        # Unlisted names: key -> lower-cased form -> [form, count, [(start, end, heading)]].
        self.names: dict[tuple[str, ...], dict[str, list]] = {}

    def add(self, entry: Entry, label: str, start: int, end: int, correct: bool = False) -> None:
        """One use of a glossary entity, in the form written (`correct`: a form the glossary
        accepts)."""
        forms = self.forms.setdefault(entry.id, {})
        slot = forms.setdefault(label.lower(), [label, 0, start, end, [], correct])
        slot[1] += 1
        slot[4].append(start)

    def add_name(self, key: tuple[str, ...], form: str, start: int, end: int, heading: bool):
        """One use of an unlisted name, by its counted form (names.groups.form_of)."""
        slot = self.names.setdefault(key, {}).setdefault(form.lower(), [form, 0, [], {}])
        slot[1] += 1
        slot[2].append((start, end, heading))
        slot[3][form] = slot[3].get(form, 0) + 1

    def findings(self, doc: Document, entries: dict[str, Entry]) -> Iterator[Finding]:
        for entry_id, forms in self.forms.items():
            entry = entries[entry_id]
            if len(forms) < 2 or entry.category not in _ENTITY_CATEGORIES:
                continue
            if all(f[5] for f in forms.values()):
                continue  # only forms the glossary accepts (Ain al-Asad, Ain al-Asad Air Base)
            ordered = sorted(forms.values(), key=lambda f: f[2])
            first_other = next(f for f in ordered if not f[5])
            counts = ", ".join(f"'{f[0]}' ×{f[1]}" for f in ordered)
            yield make_finding(
                doc,
                TERM_MIXED,
                first_other[2],
                first_other[3],
                f"one entity is written {len(forms)} ways in this document: {counts}; "
                f"the glossary prefers '{entry.preferred}'",
                term=entry.id,
                extra={
                    "forms": {f[0]: f[1] for f in ordered},
                    "lines": _lines(doc, {f[0]: f[4] for f in ordered}),
                    "preferred": entry.preferred,
                },
            )
        yield from self._name_findings(doc)

    def _name_findings(self, doc: Document) -> Iterator[Finding]:
        from ...matching.names.groups import display_form, majority_key, merge_keys

        groups: dict[tuple[str, ...], list[list]] = {}
        for key, root in merge_keys(self.names).items():
            groups.setdefault(root, []).extend(self.names[key].values())
        for forms in groups.values():
            if len(forms) < 2:
                continue
            forms.sort(key=lambda f: f[2][0][0])  # in order of first use
            for f in forms:
                f[0] = display_form(f[3])  # forms that differ only in case, as the corpus
            counts = ", ".join(f"'{f[0]}' ×{f[1]}" for f in forms)
            extra = {
                "forms": {f[0]: f[1] for f in forms},
                "lines": _lines(doc, {f[0]: [at[0] for at in f[2]] for f in forms}),
                "unlisted": True,
            }
            ranked = sorted(f[1] for f in forms)
            if ranked[-1] == ranked[-2]:
                # No majority: a fix would write one correct spelling over another at random.
                first = min(at for f in forms[1:] for at in f[2])
                yield make_finding(
                    doc,
                    TERM_MIXED,
                    first[0],
                    first[1],
                    f"one name is written {len(forms)} ways in this document: {counts}; no "
                    "glossary entry lists it and no form is used most: choose one and write it "
                    "that way",
                    extra={**extra, "preferred": None},
                )
                continue
            majority = min(forms, key=lambda f: majority_key(f[0], f[1]))[0]
            others = [f for f in forms if f[0] != majority]
            where = [at for f in others for at in f[2]]
            first = min(where)
            edits = tuple(
                Edit(s, e, shaped(doc.text[s:e], majority, heading))
                for s, e, heading in sorted(where)
            )
            yield make_finding(
                doc,
                TERM_MIXED,
                first[0],
                first[1],
                f"'{majority}' is written {len(forms)} ways in this document: {counts}; "
                f"no glossary entry lists it: write it one way ('{majority}' is the most used)",
                suggestions=(majority,),
                fix=Fix(Applicability.UNSAFE, edits),
                extra={**extra, "preferred": majority},
            )
