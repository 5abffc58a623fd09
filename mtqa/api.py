"""The library's front door: lint and fix without the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .findings import Finding
from .fixing import FixResult, fix_document, write_fixed
from .glossary import Glossary, load_glossary
from .linter import LintResult, RuleSelection, lint_paths
from .linter import lint_text as _lint_text
from .readers import read_document

DEFAULT_GLOSSARY_NAME = "default.yaml"


def default_glossary_path() -> Path:
    """The shipped default glossary (glossary/default.yaml, installed as mtqa_glossaries)."""
    from importlib import resources

    return Path(str(resources.files("mtqa_glossaries").joinpath(DEFAULT_GLOSSARY_NAME)))


def default_glossary() -> Glossary:
    return load_glossary(default_glossary_path())


def _glossary(glossary: Glossary | str | Path | None) -> Glossary | None:
    if glossary is None or isinstance(glossary, Glossary):
        return glossary
    return load_glossary(glossary)


def lint(
    paths: Sequence[str | Path] | str | Path,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> LintResult:
    """Lint files or folders. `glossary` is a Glossary, a path, or None for no glossary rules."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return lint_paths(paths, _glossary(glossary), RuleSelection(tuple(select), tuple(ignore)))


def lint_text(
    text: str,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> list[Finding]:
    return _lint_text(text, _glossary(glossary), RuleSelection(tuple(select), tuple(ignore)))


def fix(
    path: str | Path,
    glossary: Glossary | str | Path | None = None,
    unsafe: bool = False,
    write: bool = True,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
) -> FixResult:
    """Fix one file; with write=False only compute the result (see FixResult.diff())."""
    doc = read_document(path)
    result = fix_document(
        doc, _glossary(glossary), RuleSelection(tuple(select), tuple(ignore)), unsafe=unsafe
    )
    if write:
        write_fixed(doc, result)
    return result


def report(
    paths: Sequence[str | Path] | str | Path,
    glossary: Glossary | str | Path | None = None,
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
):
    """The fix report's model for files as they are (every fix pending). For several files it
    also carries the corpus variant groups, for the variants x articles matrix."""
    from .checks import CheckContext
    from .corpus import document_rows, variant_groups
    from .corpus.engine import CorpusResult
    from .linter import discover, lint_document
    from .reporters import Signature
    from .reporters.report_model import from_lint

    if isinstance(paths, str | Path):
        paths = [paths]
    glossary = _glossary(glossary)
    selection = RuleSelection(tuple(select), tuple(ignore))
    ctx = CheckContext(glossary=glossary)
    files, errors = discover(paths)
    pairs, rows = [], []
    for path in files:
        try:
            doc = read_document(path)
        except InputError as exc:
            errors.append(exc)
            continue
        pairs.append((doc, lint_document(doc, selection=selection, context=ctx)))
        rows.extend(document_rows(doc, ctx))
    model = from_lint(pairs, Signature.of(glossary, selection.enabled_codes), glossary, errors)
    if len(pairs) > 1:
        model.corpus = CorpusResult(groups=variant_groups(rows), files=[d.path for d, _ in pairs])
    return model
