"""mtqa: glossary-driven terminology QA for translated articles.

The library works without the CLI:

    import mtqa
    glossary = mtqa.load_glossary("glossary/default.yaml")
    result = mtqa.lint(["corpora/"], glossary=glossary)
    fixed = mtqa.fix("corpora/article.md", glossary=glossary, write=False)

    # What `mtqa lint drafts/ --select TERM` does, configuration files included:
    run = mtqa.run_lint(["drafts/"], mtqa.Overrides(select=("TERM",)))
    run.report.findings, run.exit_code()
"""

from __future__ import annotations

from .api import (
    default_glossary,
    fix,
    lint,
    lint_text,
    run_corpus,
    run_fix,
    run_lint,
    run_report,
)
from .config import Overrides
from .findings import Applicability, Edit, Finding, Fix, Severity
from .glossary import Glossary, load_glossaries, load_glossary
from .version import __version__

__all__ = [
    "Applicability",
    "Edit",
    "Finding",
    "Fix",
    "Glossary",
    "Overrides",
    "Severity",
    "__version__",
    "default_glossary",
    "fix",
    "lint",
    "lint_text",
    "load_glossaries",
    "load_glossary",
    "run_corpus",
    "run_fix",
    "run_lint",
    "run_report",
]
