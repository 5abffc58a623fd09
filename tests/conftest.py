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
