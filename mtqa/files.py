"""The files a run reads: every file under the paths named that a reader supports."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .readers import UNREAD_HINTS, supported_extensions
from .walk import discover as walk


def discover(
    paths: Iterable[str | Path], follow_links: bool = False
) -> tuple[list[str], list[InputError]]:
    """The supported files under `paths`, and an error for each path that gives none or is
    refused (see walk.py: regular files only, and nothing outside the folders named)."""
    return walk(paths, supported_extensions(), follow_links)


def skipped_documents(
    paths: Iterable[str | Path], follow_links: bool = False
) -> list[tuple[str, str]]:
    """Documents in the folders of `paths` that no reader takes (a PDF, a legacy .doc), each
    with what to do about it: a folder walk names what it leaves out. The folders are walked
    as `discover` walks them."""
    folders = [p for p in paths if Path(p).is_dir()]
    found, _ = walk(folders, UNREAD_HINTS.keys(), follow_links)
    return [(f, UNREAD_HINTS[os.path.splitext(f)[1].lower()].strip(" ()")) for f in found]
