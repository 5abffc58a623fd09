"""Reading files as text without losing a byte, and writing them back atomically.

Decoding keeps everything the fixer must give back unchanged: the BOM, CRLF or LF (the text is
not newline-translated), trailing spaces, a missing final newline. A write goes to a temporary
file in the same folder and is renamed over the original, and only if the file on disk is still
the one that was read.

What a file is stays as it was: a symlink stays a symlink (its target is written), a file with
hard links keeps them (it is rewritten in place, since a rename would leave the other names on
the old text), an existing file keeps its mode, and a new file gets the mode the umask gives
(0644 under the usual 022), as any editor would create it.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError

# Files larger than this are refused with a clear message rather than exhausting memory.
MAX_BYTES = 512 * 1024 * 1024

# Byte-order marks and the encodings they announce (longest first: UTF-32 LE starts like UTF-16 LE).
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def digest(data: bytes) -> str:
    """A fingerprint of a file's bytes, compared in the same run before a write. SHA-256 (cut
    to 128 bits): CPUs compute it in hardware, twice as fast as BLAKE2b here, and every file
    read pays for it."""
    return hashlib.sha256(data).hexdigest()[:32]


def decode(data: bytes, path: str) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of a file's bytes, or an InputError that says what is wrong."""
    if not data:
        # An empty file is an empty document (a placeholder page, a stub): nothing to lint.
        return "", "utf-8", b""
    for bom, encoding in BOMS:
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


def file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` (default MAX_BYTES) of them.

    Anything else (a FIFO, a device, a socket) is refused before a byte is read: reading a FIFO
    waits for a writer for ever, a device such as /dev/zero never ends. The cap counts the bytes
    actually read, not the size the file claims (0 for /proc files, and a file may grow)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer, so it can be refused.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({_reason(exc)})") from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise InputError(str(path), "is a directory")
            if not stat.S_ISREG(st.st_mode):
                raise InputError(str(path), f"is {file_kind(st.st_mode)}, not a regular file")
            if st.st_size > limit:
                raise InputError(
                    str(path), f"file too large ({st.st_size} bytes; the limit is {limit})"
                )
            data = _read_up_to(fh, st.st_size, limit + 1)
        except IsADirectoryError:
            raise InputError(str(path), "is a directory") from None
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({_reason(exc)})") from None
    if len(data) > limit:
        raise InputError(str(path), f"file too large (over {limit} bytes; the limit is {limit})")
    return data


def _read_up_to(fh, claimed: int, most: int) -> bytes:
    """At most `most` bytes of `fh`: the size the file claims in one read (so a read allocates
    what the file holds, not the cap), then, if there is more, the rest in 1 MiB reads."""
    chunks = []
    total = 0
    want = min(claimed + 1, most)
    while total < most:
        chunk = fh.read(min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def regular_file(path: str | Path) -> None:
    """Refuse (InputError) a path that is not a regular file, without opening it: for readers
    that open the file themselves."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(str(path), "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(str(path), f"is {file_kind(st.st_mode)}, not a regular file")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    return exc.strerror or str(exc)


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def write_atomic(path: str | Path, data: bytes, expected_digest: str | None = None) -> None:
    """Replace `path` with `data` atomically; refuse if the file changed since it was read."""
    write_chunks_atomic(path, [data], expected_digest)


def write_chunks_atomic(
    path: str | Path, chunks: Iterable[bytes], expected_digest: str | None = None
) -> None:
    """Write `chunks` over `path` so that nothing is ever left half-written.

    The bytes go to a temporary file beside the real file (the target of a symlink, followed),
    which is renamed over it. A file with more than one hard link is instead rewritten in
    place from the complete, verified temporary copy: renaming would give this name a new file
    and leave every other name on the old text, silently splitting what the user had joined.
    A read-only file is refused: its mode says it is not to be changed. With
    `expected_digest`, a file that changed on disk since it was read is refused, checked once
    before writing and again just before the rename (or the in-place write).
    """
    # Follow symlinks: the link stays a link, its target gets the new text.
    p = Path(os.path.realpath(path))
    if expected_digest is not None:
        _check_unchanged(path, p, expected_digest)
    try:
        st = p.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # A pipe or a device (`-o /dev/stdout`): written as a stream; renaming a file over it
        # would replace the device node.
        with open(p, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    if st is not None and (not st.st_mode & 0o222 or not os.access(p, os.W_OK)):
        raise InputError(
            str(path), f"read-only (mode {st.st_mode & 0o7777:04o}); not overwritten"
        )
    mode = st.st_mode & 0o7777 if st is not None else _new_file_mode()
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".mtqa-tmp", dir=str(p.parent))
    try:
        written = hashlib.sha256()
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
                written.update(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if expected_digest is not None:
            # Again, as late as possible: an edit saved while the new text was written wins.
            _check_unchanged(path, p, expected_digest)
        if st is not None and st.st_nlink > 1:
            _copy_in_place(tmp, p, written.hexdigest())
            os.unlink(tmp)
            return
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _check_unchanged(path: str | Path, real: Path, expected_digest: str) -> None:
    try:
        current = real.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot re-read before writing ({exc})") from None
    if digest(current) != expected_digest:
        raise InputError(str(path), "changed on disk since it was read; not overwritten")


def _new_file_mode() -> int:
    """0666 less the process umask: the mode `open()` would give a new file."""
    # The umask can only be read by setting it; it is put back at once.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def backup_name(target: Path) -> Path:
    """Where the bytes of a hard-linked file wait while it is rewritten in place."""
    return target.with_name(f".{target.name}.mtqa-backup")


def _copy_in_place(source: str, target: Path, sha256: str) -> None:
    """Overwrite `target`'s bytes with `source`'s, keeping its inode (and so its hard links).

    An in-place write cannot be atomic: a process killed half way leaves a mix of the two
    texts under every name. So the original bytes are first saved beside it (fsynced), and
    that backup is removed only once the new bytes are on disk: whatever stops the process,
    one complete copy of each text exists. The new bytes come from the temporary copy, checked
    against what was written to it.
    """
    with open(source, "rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise InputError(str(target), "the temporary copy does not hold what was written")
    original = target.read_bytes()
    backup = backup_name(target)
    try:
        with open(backup, "xb") as fh:  # "x": never over another run's backup
            fh.write(original)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise
    try:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        # Put the original back so the file is never left half-written; the backup goes only
        # once that worked.
        with open(target, "r+b") as fh:
            fh.write(original)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        os.unlink(backup)
        raise
    os.unlink(backup)
