"""One registry for every output: lint findings, fix/review reports, corpus tables, scores and
retranslations. The formats are declared in `meta.py`; this module finds one by kind and name,
or by the output file's extension.
"""

from __future__ import annotations

from ..errors import MtqaError
from .meta import (
    CORPUS,
    LINT,
    PLAIN,
    REPORT,
    REPORTERS,
    RETRANSLATE,
    SCORE,
    RenderOptions,
    Reporter,
)

_REGISTRY: dict[tuple[str, str], Reporter] = {(r.kind, r.name): r for r in REPORTERS}


def register(reporter: Reporter) -> Reporter:
    """Add a format at run time (the built-in ones are declared in `meta.py`)."""
    _REGISTRY[(reporter.kind, reporter.name)] = reporter
    return reporter


def names(kind: str) -> tuple[str, ...]:
    return tuple(name for k, name in _REGISTRY if k == kind)


def extensions(kind: str) -> tuple[str, ...]:
    """Each format's first extension: what an output file of this kind is called."""
    return tuple(r.extensions[0] for (k, _), r in _REGISTRY.items() if k == kind and r.extensions)


def get(kind: str, name: str) -> Reporter:
    reporter = _REGISTRY.get((kind, name))
    if reporter is None:
        raise MtqaError(f"unknown format {name!r} (one of {', '.join(names(kind))})")
    return reporter


def extension_format(kind: str, output: str) -> str | None:
    """The format of `kind` whose extension `output` has, or None."""
    suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
    return next(
        (r.name for (k, _), r in _REGISTRY.items() if k == kind and suffix in r.extensions), None
    )


def for_output(
    kind: str, name: str | None, output: str | None, default: str, hint: str = "; use --format"
) -> Reporter:
    """The reporter named, else the one the output file's extension picks, else the default.
    `hint`: how the caller's user names a format instead (added to the error)."""
    if name is not None:
        reporter = get(kind, name)
    elif output is not None:
        suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
        found = [r for (k, _), r in _REGISTRY.items() if k == kind and suffix in r.extensions]
        if not found:
            known = sorted(
                {e for (k, _), r in _REGISTRY.items() if k == kind for e in r.extensions}
            )
            raise MtqaError(
                f"{output}: cannot tell the format from the extension "
                f"(known: {', '.join(known)}){hint}"
            )
        reporter = found[0]
    else:
        reporter = get(kind, default)
    if reporter.binary and output is None:
        raise MtqaError(
            f"--format {reporter.name} writes a workbook: give it a file with "
            f"-o report.{reporter.extensions[0].lstrip('.')}"
        )
    return reporter

__all__ = [
    "CORPUS",
    "LINT",
    "PLAIN",
    "REPORT",
    "RETRANSLATE",
    "SCORE",
    "RenderOptions",
    "Reporter",
    "extension_format",
    "extensions",
    "for_output",
    "get",
    "names",
    "register",
]
