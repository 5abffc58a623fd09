"""The files a run reads: every file under the paths named that a reader supports."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .readers import supported_extensions
from .walk import discover as walk


def discover(
    paths: Iterable[str | Path], follow_links: bool = False
) -> tuple[list[str], list[InputError]]:
    """The supported files under `paths`, and an error for each path that gives none or is
    refused (see walk.py: regular files only, and nothing outside the folders named)."""
    return walk(paths, supported_extensions(), follow_links)
