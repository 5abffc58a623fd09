"""Reading files as text without losing a byte, and writing them back atomically.

Decoding keeps everything the fixer must give back unchanged: the BOM, CRLF or LF (the text is
not newline-translated), trailing spaces, a missing final newline. A write goes to a temporary
file in the same folder and is renamed over the original, and only if the file on disk is still
the one that was read.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError

# Files larger than this are refused with a clear message rather than exhausting memory.
MAX_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode(data: bytes, path: str) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of a file's bytes, or an InputError that says what is wrong."""
    if not data:
        raise InputError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"not valid {encoding.upper()} at byte {exc.start + len(bom)}"
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not valid UTF-8 at byte {exc.start} (line {line})") from None


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(str(path), "is a directory")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def write_atomic(path: str | Path, data: bytes, expected_digest: str | None = None) -> None:
    """Replace `path` with `data` atomically; refuse if the file changed since it was read."""
    write_chunks_atomic(path, [data], expected_digest)


def write_chunks_atomic(
    path: str | Path, chunks: Iterable[bytes], expected_digest: str | None = None
) -> None:
    """Write `chunks` to a temporary file beside `path`, then rename it over `path`.

    Nothing is left half-written: on any error the temporary file is removed and `path` is as
    it was. With `expected_digest`, a file that changed on disk since it was read is refused.
    """
    p = Path(path)
    if expected_digest is not None:
        try:
            current = digest(p.read_bytes())
        except OSError as exc:
            raise InputError(str(path), f"cannot re-read before writing ({exc})") from None
        if current != expected_digest:
            raise InputError(str(path), "changed on disk since it was read; not overwritten")
    mode = None
    with contextlib.suppress(OSError):
        mode = p.stat().st_mode & 0o7777
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".mtqa-tmp", dir=str(p.parent) or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
