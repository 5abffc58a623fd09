"""Run the examples of glossary entries (`mtqa glossary test`), like prh's specs."""

from __future__ import annotations

from dataclasses import dataclass

from .glossary.model import Entry, Glossary


@dataclass(frozen=True)
class ExampleFailure:
    entry: Entry
    example: str
    problem: str
    # The example's own line in a YAML glossary (else the entry's line is named).
    line: int | None = None

    def __str__(self) -> str:
        line = self.line or self.entry.line
        where = f"{self.entry.origin}:{line}" if line else str(self.entry.origin)
        return f"{where}: entry {self.entry.id!r}: {self.problem}: {self.example!r}"


def _with_example_lines(failures: list[ExampleFailure]) -> list[ExampleFailure]:
    """Each failure with its example's line, where its glossary is a YAML file (read again
    for the lines: only when something failed)."""
    from dataclasses import replace
    from pathlib import Path

    from .errors import MtqaError
    from .glossary.store.yaml_lines import load_yaml_document

    entries_by_file: dict[str, dict] = {}
    out = []
    for failure in failures:
        origin = str(failure.entry.origin or "")
        if origin not in entries_by_file:
            entries_by_file[origin] = {}
            if origin.endswith((".yaml", ".yml")):
                try:
                    doc = load_yaml_document(Path(origin).read_text(encoding="utf-8"), origin)
                except (OSError, UnicodeDecodeError, MtqaError):
                    doc = None
                listed = doc.get("entries") if isinstance(doc, dict) else doc
                if isinstance(listed, list):
                    entries_by_file[origin] = {
                        getattr(e, "line", None): e for e in listed if isinstance(e, dict)
                    }
        mapping = entries_by_file[origin].get(failure.entry.line)
        examples = mapping.get("examples") if mapping is not None else None
        line = next(
            (
                getattr(x, "key_lines", {}).get(key) or getattr(x, "line", None)
                for x in examples or ()
                if isinstance(x, dict)
                for key in ("bad", "ok")
                if x.get(key) == failure.example
            ),
            None,
        )
        out.append(replace(failure, line=line) if line else failure)
    return out


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
    from .linter import lint_document
    from .readers import document_from_text
    from .selection import RuleSelection

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
    return _with_example_lines(failures) if failures else failures
