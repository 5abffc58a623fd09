"""The one cache folder (glossaries, the name index, translations), and files in it that only
this user's mtqa can have written.

A cache is only worth its speed if it cannot be turned against the user: a file planted in it
(a CI cache restored from another branch, a shared machine) must never change what mtqa
reports or writes. So:
- the folder is $MTQA_CACHE_DIR, else $XDG_CACHE_HOME/mtqa, else ~/.cache/mtqa, for every
  cache; MTQA_NO_CACHE=1 turns them all off;
- it is created 0700, and refused (the run goes on without a cache, after one warning line)
  when it is not a folder, belongs to another user or others can write to it;
- it holds a secret: a random key in `hmac-key`, created 0600 and readable by this user only;
- every file stored in it carries an HMAC-SHA256 of its name and content under that key, and
  a file whose HMAC does not match is ignored. Only plain data is stored (marshal, JSON):
  reading a cache file never runs code.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import stat
import sys
from pathlib import Path

_MAGIC = b"mtqa-cache\x02"
_TAG = 32  # bytes of HMAC-SHA256
_KEY_NAME = "hmac-key"
_KEY_BYTES = 32

# Per folder, what this process found: (usable folder or None, key). Forked workers inherit it.
_checked: dict[Path, tuple[Path | None, bytes]] = {}


def enabled() -> bool:
    return os.environ.get("MTQA_NO_CACHE", "") in ("", "0")


def cache_path() -> Path:
    """Where the cache lives (whether or not it may be used)."""
    if os.environ.get("MTQA_CACHE_DIR"):
        return Path(os.environ["MTQA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa"


def _warn(message: str) -> None:
    sys.stderr.write(f"mtqa: warning: {message}; going on without a cache\n")


def _refusal(folder: Path) -> str | None:
    """Why `folder` must not be used as a cache, or None. Created (0700) if missing."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError as exc:
        return f"cache folder {folder} cannot be used ({exc.strerror or exc})"
    if not stat.S_ISDIR(st.st_mode):
        return f"cache folder {folder} is not a folder"
    if st.st_uid != os.geteuid():
        return f"cache folder {folder} belongs to another user"
    if st.st_mode & 0o022:
        return f"cache folder {folder} is writable by others (chmod 700 it to use it)"
    return None


def _read_key(path: Path) -> bytes | None:
    """The key in `path` when it is this user's own, private, whole key file; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if (
            not stat.S_ISREG(st.st_mode)
            or st.st_uid != os.geteuid()
            or st.st_mode & 0o077
            or st.st_size != _KEY_BYTES
        ):
            return None
        key = fh.read(_KEY_BYTES + 1)
    return key if len(key) == _KEY_BYTES else None


def _make_key(folder: Path) -> bytes | None:
    """This user's key, created when missing (or replaced when not private or not whole)."""
    path = folder / _KEY_NAME
    key = _read_key(path)
    if key is not None:
        return key
    with contextlib.suppress(FileNotFoundError):
        if path.is_symlink() or path.exists():
            path.unlink()  # not ours, not private or damaged: what it signed is dropped too
    # Written whole under another name, then linked into place: a second process that starts
    # at the same time either links its own key first or reads this one, never half a key.
    tmp = folder / f".key-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(_KEY_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return _read_key(path)


def usable_folder(folder: str | Path | None = None) -> tuple[Path, bytes] | None:
    """(folder, key) for a cache in `folder` (default: `cache_path()`), or None when caching
    is off or the folder is refused (said once per process, in one line)."""
    if not enabled():
        return None
    folder = Path(folder) if folder is not None else cache_path()
    found = _checked.get(folder)
    if found is None:
        why = _refusal(folder)
        key = _make_key(folder) if why is None else None
        if why is None and key is None:
            why = f"cache folder {folder}: its key file cannot be made"
        if why is not None:
            _warn(why)
        found = _checked[folder] = (None, b"") if why is not None else (folder, key or b"")
    usable, key = found
    return None if usable is None else (usable, key)


def sign(key: bytes, name: str, payload: bytes | memoryview) -> bytes:
    """The tag of `payload` stored as `name`: a file moved to another name does not verify."""
    mac = hmac.new(key, name.encode() + b"\0", "sha256")
    mac.update(payload)
    return mac.digest()


def load(name: str) -> memoryview | None:
    """The payload stored as `name`, or None: missing, damaged, or not written by this user's
    mtqa (another key, or none)."""
    place = usable_folder()
    if place is None:
        return None
    folder, key = place
    try:
        data = (folder / name).read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _TAG
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    payload = memoryview(data)[head:]
    if not hmac.compare_digest(sign(key, name, payload), data[len(_MAGIC) : head]):
        return None
    return payload


def store(name: str, payload: bytes) -> None:
    """Store `payload` as `name`, signed: written whole to a temporary file, then renamed, so a
    reader never sees half a file; the temporary file is removed if anything fails. A cache
    that cannot be written is no error: the next run computes again."""
    import tempfile  # here: most runs only read

    place = usable_folder()
    if place is None:
        return
    folder, key = place
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC)
            fh.write(sign(key, name, payload))
            fh.write(payload)
        os.replace(tmp, folder / name)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise


def names() -> list[str]:
    """The names of the files in the cache folder (none when it is refused)."""
    place = usable_folder()
    if place is None:
        return []
    try:
        return os.listdir(place[0])
    except OSError:
        return []


def remove(name: str) -> None:
    place = usable_folder()
    if place is not None:
        with contextlib.suppress(OSError):
            (place[0] / name).unlink()
