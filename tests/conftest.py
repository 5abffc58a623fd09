from __future__ import annotations

from pathlib import Path

import pytest

import mtqa

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEED_ARTICLE = CORPORA / "us-military-presence-in-iraq.md"
SEED_PAGE = CORPORA / "us-military-presence-conclusion.md"


@pytest.fixture(scope="session")
def glossary():
    return mtqa.default_glossary()


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Glossaries are cached on first load: the tests' cache lives in a folder of their own,
    never in the user's (a test that looks at the cache sets its own folder)."""
    import os

    saved = {k: os.environ.get(k) for k in ("MTQA_CACHE_DIR", "MTQA_NO_CACHE")}
    os.environ["MTQA_CACHE_DIR"] = str(tmp_path_factory.mktemp("mtqa-cache"))
    os.environ.pop("MTQA_NO_CACHE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
