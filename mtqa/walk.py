"""Which files a run reads: the regular files the user named, and those under the folders the
user named, never anything outside them.

A folder may hold what its owner did not put there (a checkout, an unpacked archive, a shared
drive), so under a named folder:
- only regular files are taken; a FIFO (reading it would wait for ever) or a device
  (/dev/zero never ends) with a supported extension is refused, in one line;
- a symbolic link to a file is followed only when its target lies under the named folder: a
  link `docs/notes.md -> ../../secret.txt` would otherwise show the secret in snippets and let
  `mtqa fix docs` rewrite it. `follow_links` (`--follow-links`) follows every link, folders
  included, each folder once, so a loop of links ends;
- a link that loops or leads nowhere is refused in one line.
A path named on the command line is what the user asked for: a link there is followed, but
it must still lead to a regular file or a folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

from .documents.io import file_kind
from .errors import InputError

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "_site"}
)


def _unreachable(path: str, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(path, "a symbolic link loop")
    if exc.errno == errno.ENOENT:
        return InputError(path, "no such file or directory (or a broken symbolic link)")
    return InputError(path, f"cannot read ({exc.strerror or exc})")


def _under(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(
    top: str,
    extensions: Collection[str],
    follow_links: bool,
    found: list[str],
    errors: list[InputError],
) -> None:
    """The supported files under `top`, in order (each folder's files by name, then its
    folders by name), into `found`; what is refused into `errors`."""
    root = os.path.realpath(top)
    visited: set[tuple[int, int]] = set()
    try:
        st = os.stat(top)
        visited.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    splitext = os.path.splitext  # a Path per file cost 10 us
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(_unreachable(folder, exc))
            continue
        subdirs: list[str] = []
        for entry in entries:
            name = entry.name
            wanted = splitext(name)[1].lower() in extensions
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    if name not in SKIP_DIRS and not name.startswith("."):
                        subdirs.append(entry.path)
                elif wanted:
                    if entry.is_file(follow_symlinks=False):
                        found.append(entry.path)
                    else:
                        try:
                            kind = file_kind(entry.stat(follow_symlinks=False).st_mode)
                        except OSError as exc:  # gone since the folder was listed
                            errors.append(_unreachable(entry.path, exc))
                            continue
                        errors.append(InputError(entry.path, f"is {kind}, not a regular file"))
                continue
            # A symbolic link: what it leads to decides.
            try:
                st = os.stat(entry.path)
            except OSError as exc:
                if wanted:
                    errors.append(_unreachable(entry.path, exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                fresh = (st.st_dev, st.st_ino) not in visited
                if follow_links and fresh and name not in SKIP_DIRS and not name.startswith("."):
                    visited.add((st.st_dev, st.st_ino))
                    subdirs.append(entry.path)
                continue
            if not wanted:
                continue
            if not stat.S_ISREG(st.st_mode):
                reason = f"leads to {file_kind(st.st_mode)}, not a regular file"
                errors.append(InputError(entry.path, reason))
            elif follow_links or _under(os.path.realpath(entry.path), root):
                found.append(entry.path)
            else:
                errors.append(
                    InputError(
                        entry.path,
                        f"a symbolic link to a file outside {top}; not followed "
                        "(--follow-links follows it)",
                    )
                )
        stack.extend(reversed(subdirs))


def discover(
    paths: Iterable[str | Path], extensions: Collection[str], follow_links: bool = False
) -> tuple[list[str], list[InputError]]:
    """The supported files under `paths` (each folder's in order), and an error for each path
    that gives none or is refused.

    A file reached twice (a symlink beside its target, a second hard link, a path given twice)
    is listed once, under the first name it was reached by: it is linted once and, by `mtqa
    fix`, written once.
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[tuple[int, int] | str] = set()

    def add(path: str) -> None:
        try:
            st = os.stat(path)  # follows symlinks: a link and its target are one file
            key: tuple[int, int] | str = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.realpath(path)  # unreadable: reading it will say why
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = str(raw)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno == errno.ENOENT and not os.path.islink(path):
                errors.append(InputError(path, "no such file or directory"))
            else:
                errors.append(_unreachable(path, exc))
            continue
        if stat.S_ISDIR(mode):
            found: list[str] = []
            _walk(path, extensions, follow_links, found, errors)
            if not found:
                exts = ", ".join(sorted(extensions))
                errors.append(InputError(path, f"no supported files in this directory ({exts})"))
            for file in found:
                add(file)
        elif stat.S_ISREG(mode):
            add(path)
        else:
            errors.append(InputError(path, f"is {file_kind(mode)}, not a regular file"))
    return files, errors
