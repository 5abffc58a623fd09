"""Fixtures of the glossary tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The glossary files read and parsed from here on (a glossary from the cache is not)."""
    from mtqa.glossary import loaders

    paths: list[str] = []
    real = loaders.read_raw_glossary

    def counting(path, *args, **kwargs):
        paths.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loaders, "read_raw_glossary", counting)
    return paths
