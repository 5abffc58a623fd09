"""Run the examples of glossary entries (`mtqa glossary test`), like prh's specs."""

from __future__ import annotations

from dataclasses import dataclass

from .glossary.model import Entry, Glossary


@dataclass(frozen=True)
class ExampleFailure:
    entry: Entry
    example: str
    problem: str

    def __str__(self) -> str:
        where = (
            f"{self.entry.origin}:{self.entry.line}" if self.entry.line else str(self.entry.origin)
        )
        return f"{where}: entry {self.entry.id!r}: {self.problem}: {self.example!r}"


def run_entry_examples(
    glossary: Glossary, entries: list[Entry] | None = None
) -> list[ExampleFailure]:
    """Check every example of every entry against the whole glossary (entries interact).

    An imported rule (prh's specs; every variant exact) is checked as prh checks a rule's
    specs: alone (its dictionary may hold rules that rewrite the same text further), in one
    pass, on the string: what the rule rewrites it to. Whether `mtqa fix` may then write that
    into a given document (a fix that adds markup is withheld) is the fixer's call, not the
    rule's.
    """
    from dataclasses import replace

    from .checks import CheckContext
    from .fixing import apply_fixes, fix_document
    from .linter import RuleSelection, lint_document
    from .readers import document_from_text

    selection = RuleSelection(select=("TERM",))
    whole = CheckContext(glossary=glossary)
    failures: list[ExampleFailure] = []
    for entry in entries if entries is not None else glossary.entries:
        if entry.examples and entry.exact_only:
            ctx = CheckContext(glossary=replace(glossary, entries=(entry,)))
        else:
            ctx = whole
        for ex in entry.examples:
            if ex.bad is not None:
                doc = document_from_text(ex.bad)
                found = [
                    f
                    for f in lint_document(doc, selection=selection, context=ctx)
                    if f.term == entry.id
                ]
                if not found:
                    failures.append(ExampleFailure(entry, ex.bad, "bad example not flagged"))
                    continue
                if ex.good is not None:
                    if entry.exact_only:
                        fixed = apply_fixes(doc.text, found)[0]
                    else:
                        result = fix_document(doc, selection=selection, unsafe=True, context=ctx)
                        fixed = result.fixed
                    if fixed != ex.good:
                        failures.append(
                            ExampleFailure(
                                entry, ex.bad, f"fixed to {fixed!r}, expected {ex.good!r}"
                            )
                        )
            if ex.ok is not None:
                doc = document_from_text(ex.ok)
                found = [
                    f
                    for f in lint_document(doc, selection=selection, context=ctx)
                    if f.term == entry.id
                ]
                if found:
                    failures.append(
                        ExampleFailure(entry, ex.ok, f"ok example flagged ({found[0].message})")
                    )
    return failures
