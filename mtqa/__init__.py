"""mtqa: glossary-driven terminology QA for translated articles.

The library works without the CLI:

    import mtqa
    glossary = mtqa.load_glossary("glossary/default.yaml")
    result = mtqa.lint(["corpora/"], glossary=glossary)
    fixed = mtqa.fix("corpora/article.md", glossary=glossary, write=False)
"""

from __future__ import annotations

from .api import default_glossary, fix, lint, lint_text
from .findings import Applicability, Edit, Finding, Fix, Severity
from .glossary import Glossary, load_glossaries, load_glossary
from .version import __version__

__all__ = [
    "Applicability",
    "Edit",
    "Finding",
    "Fix",
    "Glossary",
    "Severity",
    "__version__",
    "default_glossary",
    "fix",
    "lint",
    "lint_text",
    "load_glossaries",
    "load_glossary",
]
