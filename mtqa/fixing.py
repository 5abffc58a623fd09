"""Apply fixes: one ordered pass, overlaps skipped, repeated to a fixpoint, written atomically.

A fix applies whole or not at all (its edits — a replacement and the article before it — belong
together). Fixes are taken in order of position; one that overlaps a fix already taken is skipped
and stays reported. After a pass the text is linted again, because one fix can reveal another;
this repeats until no applicable fix is left, with a cap that a test holds the rules to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks import CheckContext
from .documents import Document
from .documents.io import encode, write_atomic
from .findings import Applicability, Finding
from .glossary.model import Glossary
from .linter import RuleSelection, lint_document
from .readers import reread

MAX_ITERATIONS = 10


def applicable(finding: Finding, unsafe: bool) -> bool:
    if finding.fix is None:
        return False
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    return finding.fix.applicability in allowed


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding], list[Finding]]:
    """Apply the fixes of `findings` (all given are applied if they do not overlap).

    Returns (new_text, applied, skipped). Edits are applied right to left so offsets hold.
    """
    chosen: list[Finding] = []
    skipped: list[Finding] = []
    last_end = -1
    for f in sorted((f for f in findings if f.fix), key=lambda f: (f.fix.start, f.fix.end)):
        if f.fix.start < last_end:
            skipped.append(f)
            continue
        # Zero-width edits at the same point as the previous end are fine; overlaps are not.
        chosen.append(f)
        last_end = max(last_end, f.fix.end)
    edits = sorted((e for f in chosen for e in f.fix.edits), key=lambda e: (e.start, e.end))
    parts = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.text)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), chosen, skipped


@dataclass
class FixResult:
    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    iterations: int = 0
    converged: bool = True
    # (text before the pass, fixes applied in it): the offsets of a fix refer to its pass's
    # text, so a report can show each applied fix in its sentence.
    passes: list[tuple[str, list[Finding]]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff that `patch -p1` and `git apply` accept.

        Lines are split at "\n" only (a form feed or U+2028 inside a line is not a line end to
        `patch`), a last line without a newline is marked "\\ No newline at end of file", and
        a name with a space ends in a tab, as GNU diff writes it, so `patch` reads it whole.
        """
        import difflib

        name = _patch_name(self.path)
        if any(c.isspace() for c in name):
            name += "\t"
        out = []
        for line in difflib.unified_diff(
            _patch_lines(self.original),
            _patch_lines(self.fixed),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        ):
            if line.endswith("\n"):
                out.append(line)
            else:  # the last line of a file that has no final newline
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _patch_lines(text: str) -> list[str]:
    """The lines of `text`, each with its "\n" (CRLF stays in the line, as `patch` expects)."""
    lines = text.split("\n")
    last = lines.pop()
    out = [line + "\n" for line in lines]
    if last:
        out.append(last)
    return out


def _patch_name(path: str) -> str:
    """`path` as a patch names it: relative to the working folder where it lies under it."""
    import os

    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            path = rel
    return os.path.normpath(path).replace(os.sep, "/") if path else path


def fix_document(
    doc: Document,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    unsafe: bool = False,
    context: CheckContext | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> FixResult:
    ctx = context or CheckContext(glossary=glossary)
    result = FixResult(path=doc.path, original=doc.text, fixed=doc.text)
    current = doc
    for iteration in range(1, max_iterations + 1):
        findings = lint_document(current, selection=selection, context=ctx)
        todo = [f for f in findings if applicable(f, unsafe)]
        if not todo:
            result.remaining = findings
            result.iterations = iteration - 1
            return result
        new_text, applied, _ = apply_fixes(current.text, todo)
        result.applied.extend(applied)
        result.passes.append((current.text, applied))
        if new_text == current.text:
            result.remaining = findings
            result.iterations = iteration
            return result
        current = reread(current, new_text)
        result.fixed = new_text
    result.iterations = max_iterations
    result.converged = False
    result.remaining = lint_document(current, selection=selection, context=ctx)
    return result


def write_fixed(doc: Document, result: FixResult) -> None:
    """Write the fixed text over the file, keeping its encoding and BOM; atomic."""
    if not result.changed:
        return
    write_atomic(doc.path, encode(result.fixed, doc.encoding, doc.bom), expected_digest=doc.digest)
