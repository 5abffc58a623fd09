"""Run the checks over documents: the library's `lint`.

`lint_document` is pure (a Document in, findings out); `lint_paths` adds discovery of files and
collects unreadable ones as errors instead of stopping, so one bad file never hides the others.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .checks import ALL_RULES, CHECKS, CheckContext
from .documents import Document
from .errors import InputError, MtqaError
from .findings import Finding, sort_key
from .glossary.model import Glossary
from .readers import document_from_text, read_document, supported_extensions


@dataclass(frozen=True)
class RuleSelection:
    """Which rule codes are on: code prefixes to select and to ignore (ruff's model)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self):
        known = {r.code for r in ALL_RULES}
        for prefix in (
            *self.select,
            *self.ignore,
            *(c for _, cs in self.per_file_ignores for c in cs),
        ):
            if prefix != "ALL" and not any(code.startswith(prefix) for code in known):
                raise MtqaError(f"unknown rule code or prefix {prefix!r} (see `mtqa rules`)")

    def enabled(self, code: str, path: str | None = None) -> bool:
        if not any(p == "ALL" or code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        if path is not None:
            for pattern, codes in self.per_file_ignores:
                if _glob_match(path, pattern) and any(code.startswith(c) for c in codes):
                    return False
        return True

    def codes_for(self, path: str | None) -> frozenset[str]:
        """The codes enabled for one file (per-file ignores applied), computed once per path."""
        if not self.per_file_ignores:
            path = None
        cache = self.__dict__.setdefault("_codes_cache", {})
        codes = cache.get(path)
        if codes is None:
            codes = cache[path] = frozenset(r.code for r in ALL_RULES if self.enabled(r.code, path))
        return codes

    @property
    def enabled_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in ALL_RULES if self.enabled(r.code))


def _glob_match(path: str, pattern: str) -> bool:
    p = Path(path).as_posix()
    if fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(Path(p).name, pattern):
        return True
    # Configuration files anchor their patterns at their own folder (an absolute pattern).
    return pattern.startswith("/") and fnmatch.fnmatch(
        Path(os.path.abspath(path)).as_posix(), pattern
    )


def lint_document(
    doc: Document,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    context: CheckContext | None = None,
) -> list[Finding]:
    selection = selection or RuleSelection()
    ctx = context or CheckContext(glossary=glossary)
    on = selection.codes_for(doc.path)
    ctx.enabled = on.__contains__
    findings: list[Finding] = []
    for check in CHECKS:
        if not on.intersection(check.codes):
            continue
        findings.extend(f for f in check.run(doc, ctx) if f.code in on)
    findings.sort(key=sort_key)
    return findings


def lint_text(
    text: str,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    path: str = "<text>",
) -> list[Finding]:
    return lint_document(document_from_text(text, path), glossary, selection)


_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "_site"}


def discover(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    """The supported files under `paths` (sorted), and an error for each path that gives none.

    A file reached twice (a symlink beside its target, a second hard link, a path given twice)
    is listed once, under the first name it was reached by: it is linted once and, by `mtqa
    fix`, written once.
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[tuple[int, int] | str] = set()

    def add(path: str) -> None:
        try:
            st = os.stat(path)  # follows symlinks: a link and its target are one file
            key: tuple[int, int] | str = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.realpath(path)  # unreadable: reading it will say why
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(names):
                    if Path(name).suffix.lower() in supported_extensions():
                        found.append(str(Path(root) / name))
            if not found:
                exts = ", ".join(sorted(supported_extensions()))
                errors.append(
                    InputError(str(raw), f"no supported files in this directory ({exts})")
                )
            for path in found:
                add(path)
        elif p.exists():
            add(str(p))
        else:
            errors.append(InputError(str(raw), "no such file or directory"))
    return files, errors


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    words: int = 0


# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 16

_worker_state: tuple[CheckContext, RuleSelection] | None = None


def _init_worker(glossary: Glossary | None, selection: RuleSelection) -> None:
    global _worker_state
    _worker_state = (CheckContext(glossary=glossary), selection)


def _lint_one(path: str) -> tuple[str, list[Finding], int, InputError | None]:
    ctx, selection = _worker_state
    try:
        doc = read_document(path)
    except InputError as exc:
        return path, [], 0, exc
    return path, lint_document(doc, selection=selection, context=ctx), doc.word_count, None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_paths(
    paths: Sequence[str | Path],
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint every supported file under `paths`, on all cores when there are many files.

    Results come back in file order whatever the number of processes.
    """
    selection = selection or RuleSelection()
    files, errors = discover(paths)
    result = LintResult(errors=errors)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(files) // (jobs * 4))
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(glossary, selection),
        ) as pool:
            outcomes = list(pool.map(_lint_one, files, chunksize=chunk))
    else:
        _init_worker(glossary, selection)
        outcomes = [_lint_one(p) for p in files]
    for path, findings, words, error in outcomes:
        if error is not None:
            result.errors.append(error)
            continue
        result.files.append(path)
        result.words += words
        result.findings.extend(findings)
    return result
