"""Apply fixes: one ordered pass, overlaps skipped, verified, repeated to a fixpoint.

A fix applies whole or not at all (its edits — a replacement and the article before it — belong
together). Fixes are taken in order of position; one that overlaps a fix already taken is skipped
and stays reported. A replacement never adds or removes a line break: a variant broken across
lines keeps its break in the replacement.

Every pass is verified before it is kept: the new text is read again by the document's reader,
and its structure (everything that is not prose: holes, block kinds, lines) must equal the old
one's. When it does not, the fixes that cause the change are found by bisection and withheld:
they stay findings, with the reason, and the rest are applied. After a pass the text is linted
again, because one fix can reveal another; this repeats until no applicable fix is left, with a
cap that a test holds the rules to.

Every write of a changed document goes one way, whoever made the edits (`mtqa fix`, an accepted
retranslation, a format's own writer):

    apply_verified(doc, fixes)  -> the new document, the fixes applied and those withheld
    write_fixed(doc, result)    -> encoded by the reader, read back, written atomically
    unified_diff(path, a, b)    -> the one patch format `--diff` prints
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .checks import CheckContext
from .documents import Document
from .documents.io import write_atomic
from .errors import InputError
from .findings import Applicability, Edit, Finding, Fix
from .glossary.model import Glossary
from .linter import import_for_workers, lint_document
from .parallel import map_files
from .readers import DEFAULT_OPTIONS, ReadOptions, read_document, reader_of, reread
from .selection import RuleSelection

MAX_ITERATIONS = 10


def applicable(finding: Finding, unsafe: bool) -> bool:
    if finding.fix is None:
        return False
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    return finding.fix.applicability in allowed


class Fixable(Protocol):
    """Anything that carries a fix: a finding, or an accepted retranslation."""

    @property
    def fix(self) -> Fix | None: ...


def apply_fixes(
    text: str,
    findings: Iterable[Fixable],
    escape: Callable[[str], str] | None = None,
    as_written: bool = False,
) -> tuple[str, list[Fixable], list[Fixable]]:
    """Apply the fixes of `findings` (all given are applied if they do not overlap).

    Returns (new_text, applied, skipped). `escape` writes replacement prose in the file's syntax
    (XML escapes `&` and `<`); line breaks of the replaced text are kept in the replacement.
    `as_written`: the edits are already in the file's syntax (a retranslated target with its
    inline markup), put in as they are.
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
    for e in edits if as_written else written_edits(text, edits, escape):
        parts.append(text[pos : e.start])
        parts.append(e.text)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), chosen, skipped


def written_edits(
    text: str, edits: Iterable[Edit], escape: Callable[[str], str] | None = None
) -> list[Edit]:
    """`edits` as they are written into `text`: each replacement keeps the line breaks of the
    text it replaces and is escaped in the file's syntax (what an editor applies for a fix)."""
    out = []
    for e in edits:
        replacement = keep_line_breaks(text[e.start : e.end], e.text)
        out.append(Edit(e.start, e.end, escape(replacement) if escape else replacement))
    return out


def refused_fixes(doc: Document, findings: Sequence[Finding]) -> list[tuple[Finding, str]]:
    """The fixes of `findings` that verification would withhold in `doc`, each with the reason
    (a fix offered on its own, as an editor's quick fix is, is checked as `fix` checks it)."""
    return apply_verified(doc, findings).withheld


_GAP = re.compile(r"\s+")


def keep_line_breaks(old: str, new: str) -> str:
    """`new` with the line breaks of `old` where `old` had them.

    "For\nexample" replaced by "for instance" becomes "For\ninstance"-shaped: each white-space
    gap of the old text that holds a line break is put, as it was, at the same gap of the new
    text (counted from the start). When the new text has fewer gaps, the line breaks that do
    not fit go at its last gap; verification then decides whether the result is acceptable.
    """
    if "\n" not in old and "\n" not in new:
        return new
    old_gaps = _GAP.findall(old)
    if not any("\n" in g for g in old_gaps):
        # The old text had no break: the new one may not add one.
        return _GAP.sub(" ", new) if "\n" in new else new
    new_parts = _GAP.split(new)
    if len(new_parts) == 1:
        return new  # a one-word replacement cannot hold the break: verification withholds it
    gaps = [" "] * (len(new_parts) - 1)
    for i, gap in enumerate(old_gaps):
        if "\n" in gap:
            gaps[min(i, len(gaps) - 1)] = gap
    out = [new_parts[0]]
    for gap, part in zip(gaps, new_parts[1:], strict=True):
        out.append(gap)
        out.append(part)
    return "".join(out)


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
    # Fixes that verification refused (they would change the document's structure), each with
    # the reason; their findings stay in `remaining`.
    withheld: list[tuple[Finding, str]] = field(default_factory=list)
    # The document's parts whose lines are counted on their own (see
    # `Document.numbered_parts`): a diff shows each with its own numbers.
    parts: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """The changes as a patch (see `unified_diff`)."""
        return unified_diff(self.path, self.original, self.fixed, self.parts)


def unified_diff(
    path: str, before: str, after: str, parts: Sequence[tuple[str, Sequence[int]]] = ()
) -> str:
    """A unified diff of one file that `patch -p1` and `git apply` accept.

    Lines are split at "\n" only (a form feed or U+2028 inside a line is not a line end to
    `patch`), a last line without a newline is marked "\\ No newline at end of file", and
    a name with a space ends in a tab, as GNU diff writes it, so `patch` reads it whole.

    `parts`: a document whose lines are counted part by part (a Word document's stories; see
    `Document.numbered_parts`) gets one diff per changed part, the part named after the
    file's name and a tab, where GNU diff writes a date (`--- a/draft.docx\t(footnote 3)`),
    and its lines counted in the part: a hunk at line 12 of the body is at its paragraph 12.
    """
    if not parts:
        return _file_diff(path, "", _patch_lines(before), _patch_lines(after))
    old, new = before.split("\n"), after.split("\n")
    return "".join(
        _file_diff(path, f"({part})", [old[i] + "\n" for i in lines],
                   [new[i] + "\n" for i in lines])
        for part, lines in parts
    )


def _file_diff(path: str, label: str, before: list[str], after: list[str]) -> str:
    import difflib

    name = _patch_name(path)
    if label or any(c.isspace() for c in name):
        name += "\t" + label
    out = []
    for line in difflib.unified_diff(before, after, fromfile=f"a/{name}", tofile=f"b/{name}"):
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
    """`path` as a patch names it: relative to the working folder where it lies under it.

    A path elsewhere loses its leading slash, as `git diff --no-index` writes it (`a/tmp/x.md`,
    applied from `/`): `patch` and `git apply` refuse absolute names.
    """
    import os

    if not path:
        return path
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        path = rel if not rel.startswith("..") else os.path.splitdrive(path)[1].lstrip("/\\")
    return os.path.normpath(path).replace(os.sep, "/")


def fix_document(
    doc: Document,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    unsafe: bool = False,
    context: CheckContext | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> FixResult:
    ctx = context or CheckContext(glossary=glossary)
    result = FixResult(
        path=doc.path, original=doc.text, fixed=doc.text, parts=doc.numbered_parts()
    )
    withheld_keys: set[tuple] = set()
    current = doc
    for iteration in range(1, max_iterations + 1):
        findings = lint_document(current, selection=selection, context=ctx)
        keys = _withheld_keys(findings)
        todo = [f for f in findings if applicable(f, unsafe) and keys[id(f)] not in withheld_keys]
        if not todo:
            result.remaining = findings
            result.iterations = iteration - 1
            return result
        new_doc, applied, refused = apply_verified(current, todo)
        for f, reason in refused:
            withheld_keys.add(keys[id(f)])
            result.withheld.append((f, reason))
        if not applied:
            continue
        if new_doc.text == current.text:  # fixes that change nothing: settled
            result.remaining = findings
            result.iterations = iteration
            return result
        result.applied.extend(applied)
        result.passes.append((current.text, applied))
        current = new_doc
        result.fixed = new_doc.text
    result.iterations = max_iterations
    result.converged = False
    result.remaining = lint_document(current, selection=selection, context=ctx)
    return result


def _withheld_keys(findings: list[Finding]) -> dict[int, tuple]:
    """Names for fixes that stay the same across passes, whose offsets move as other fixes
    land: the rule, the text, the replacement, and which occurrence of that it is."""
    seen: dict[tuple, int] = {}
    keys: dict[int, tuple] = {}
    for f in findings:
        base = (f.code, f.text, tuple(e.text for e in f.fix.edits) if f.fix else ())
        n = seen[base] = seen.get(base, 0) + 1
        keys[id(f)] = (*base, n)
    return keys


class Verified(NamedTuple):
    """What `apply_verified` made: the new document, the fixes in it, and those withheld."""

    document: Document
    applied: list[Fixable]
    withheld: list[tuple[Fixable, str]]  # (fix, why it would change the structure)


def apply_verified(doc: Document, fixes: Sequence[Fixable], as_written: bool = False) -> Verified:
    """Apply `fixes` to `doc`, keeping only those whose result has the document's structure.

    The edited text is read again by the document's reader and compared with `doc` (see
    `Reader.structure_change`); a fix that changes the structure, or makes the text unreadable,
    is withheld with the reason. `as_written`: the edits are in the file's syntax already (see
    `apply_fixes`). The common case, every fix fine, costs one re-read; otherwise bisection
    finds the culprits in O(k log n) re-reads.
    """
    current = doc
    reader = reader_of(doc)
    escape = None if as_written else reader.escape

    def attempt(fixes: list[Fixable]) -> tuple[Document | None, list[Fixable], str | None]:
        text, chosen, _ = apply_fixes(current.text, fixes, escape, as_written)
        if text == current.text:
            return current, chosen, None
        try:
            candidate = reread(current, text)
        except InputError as exc:  # the edited text no longer parses (malformed XML)
            return None, chosen, exc.reason
        reason = reader.structure_change(current, candidate)
        return (None if reason else candidate), chosen, reason

    new_doc, chosen, reason = attempt(list(fixes))
    if reason is None:
        return Verified(new_doc, chosen, [])
    refused: list[tuple[Fixable, str]] = []
    good: list[Fixable] = []

    def bisect(fixes: list[Fixable], reason: str) -> None:
        if len(fixes) == 1:
            refused.append((fixes[0], reason))
            return
        mid = len(fixes) // 2
        for half in (fixes[:mid], fixes[mid:]):
            _, _, why = attempt(half)
            if why is None:
                good.extend(half)
            else:
                bisect(half, why)

    bisect(chosen, reason)
    # Fixes fine one by one can still clash together: add them one at a time until one does.
    good.sort(key=lambda f: (f.fix.start, f.fix.end))
    new_doc, applied, why = attempt(good)
    if why is not None:
        accepted: list[Fixable] = []
        new_doc = current
        for f in good:
            doc, _, why = attempt([*accepted, f])
            if why is None:
                accepted.append(f)
                new_doc = doc
            else:
                refused.append((f, why))
        applied = accepted
    return Verified(new_doc, applied, refused)


def write_fixed(doc: Document, result: FixResult) -> None:
    """Write the fixed text over the file, keeping its encoding and BOM; atomic.

    The one way a changed document reaches the disk: `result.fixed` is the text after
    `apply_verified` (its original is `doc.text`).

    A symlink is written through to its target and hard links are kept (see `write_atomic`).
    A file that cannot be written (a read-only folder, a full disk) is an InputError with a
    one-line reason, left as it was.
    """
    reader = reader_of(doc)
    # The reader encodes (a character an XML file's encoding lacks becomes a reference), and
    # reads the bytes back before they replace the original: what is written must be readable.
    data = reader.fixed_bytes(doc, result)
    if data is None:
        return
    if reader.bilingual:
        back, fixed = reader.read(data, doc.path), reread(doc, result.fixed)
        if [(s.id, s.target) for s in back.segments] != [(s.id, s.target) for s in fixed.segments]:
            raise InputError(doc.path, "the fixed file does not read back as fixed; not written")
    try:
        write_atomic(doc.path, data, expected_digest=doc.digest)
    except OSError as exc:
        raise InputError(
            doc.path, f"cannot write ({exc.strerror or exc}); left as it was"
        ) from None


# ----------------------------------------------------------------------------- many files
@dataclass(frozen=True)
class FixJob:
    """How to fix each file of a run: what `fix_files` hands its workers (by fork, not pickle)."""

    selection: RuleSelection
    context: CheckContext
    unsafe: bool = False
    write: bool = True
    # Turns a document as read into the one to fix (a source aligned beside a draft, approved
    # segments locked); None: fixed as read.
    prepare: Callable[[Document], Document] | None = None
    keep_documents: bool = False  # a report needs each document beside its result
    options: ReadOptions = DEFAULT_OPTIONS  # how the files are read (their settings say)


# (path, the document as fixed (or None), its result, or the error that stopped it)
FileFix = tuple[str, Document | None, FixResult | None, InputError | None]

_job: FixJob | None = None


def fix_files(
    files: Sequence[str],
    job: FixJob,
    jobs: int | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[FileFix]:
    """Read, fix and (with `job.write`) write each file, in file order; on several processes
    when the files are many, as `mtqa lint` does. Each file's write is atomic and checked
    against the bytes that were read, so workers never write over each other's files (every
    file is listed once) nor over a file changed meanwhile."""
    global _job

    def before_fork() -> None:  # compiled and imported here, once: the workers inherit them
        _ = job.context.matcher
        import_for_workers(files, job.selection)

    _job = job
    try:
        return map_files(_fix_batch, files, jobs, tick=tick, before_fork=before_fork)
    finally:
        _job = None


def _fix_batch(paths: list[str]) -> list[FileFix]:
    return [_fix_one(path) for path in paths]


def _fix_one(path: str) -> FileFix:
    job = _job
    try:
        doc = read_document(path, options=job.options)
        if job.prepare is not None:
            doc = job.prepare(doc)
        result = fix_document(
            doc, selection=job.selection, unsafe=job.unsafe, context=job.context
        )
        if job.write:
            write_fixed(doc, result)
    except InputError as exc:
        return path, None, None, exc
    return path, doc if job.keep_documents else None, result, None
