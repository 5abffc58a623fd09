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

import importlib

from .version import __version__

# Loaded on first use (PEP 562), so `import mtqa.version` or `mtqa --version` does not pay for
# the readers, checks and glossary machinery.
_LAZY = {
    "default_glossary": "api",
    "fix": "api",
    "lint": "api",
    "lint_text": "api",
    "run_corpus": "api",
    "run_fix": "api",
    "run_lint": "api",
    "run_report": "api",
    "Overrides": "config",
    "Applicability": "findings",
    "Edit": "findings",
    "Finding": "findings",
    "Fix": "findings",
    "Severity": "findings",
    "Glossary": "glossary",
    "load_glossaries": "glossary",
    "load_glossary": "glossary",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mtqa' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
