"""One line for an error nobody foresaw: what went wrong, and in which file where that is known.

The CLI turns user errors (MtqaError) into one line itself. Anything else that escapes a
command is a bug or an input no reader expected; the user still gets one line, naming the file
being read when one can be found, and exit code 2 (see __main__).
"""

from __future__ import annotations

import os
from types import TracebackType

from .sanitize import for_terminal

_MAX = 300  # characters of the exception's own message kept


def one_line(exc: BaseException) -> str:
    where = _file_of(exc)
    message = " ".join(str(exc).split())  # one line, whatever the message holds
    if len(message) > _MAX:
        message = message[:_MAX] + "..."
    what = type(exc).__name__ + (f": {message}" if message else "")
    prefix = f"{where}: " if where else ""
    return for_terminal(
        f"mtqa: error: {prefix}cannot be handled ({what}); run with --debug for the traceback"
    )


def _file_of(exc: BaseException) -> str | None:
    """The file the failing code was working on: an OSError's own file name, else the
    innermost frame's `path` (the name mtqa's readers, loaders and writers give it)."""
    filename = getattr(exc, "filename", None)
    if isinstance(filename, str | bytes | os.PathLike):
        return os.fsdecode(filename)
    found = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        value = tb.tb_frame.f_locals.get("path")
        if isinstance(value, str | os.PathLike):
            found = os.fspath(value)
        tb = tb.tb_next
    return found
