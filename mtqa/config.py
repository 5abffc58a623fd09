"""Settings: defaults, then the nearest configuration file, then explicit arguments.

The configuration of a file is the nearest `mtqa.toml`, or `pyproject.toml` with a `[tool.mtqa]`
table, found from the file's own folder upwards (so `mtqa lint other-project/` uses
other-project's settings); `--config` names one file for every input instead. Paths in a
configuration file (glossaries, per-file-ignores with a `/`) are relative to that file.

Every value is validated like a glossary: an unknown key, a wrong type (`"false"` is not a
boolean), an unknown severity, output format or rule code is one ConfigError naming the file
and the key, before anything is linted.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .documents import ReadOptions
from .errors import ConfigError
from .findings import Severity
from .reporters.registry import LINT, names
from .selection import RuleSelection, check_codes

# Output formats a configuration may name (those of `mtqa lint`, where `format` applies).
LINT_FORMATS = names(LINT)

_KEYS = {
    "glossaries": "a list of glossary files",
    "select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "fail-on": "one of info, warning, error",
    "format": f"one of {', '.join(LINT_FORMATS)}",
    "per-file-ignores": "a table of glob = [codes]",
    "unsafe-fixes": "true or false",
    "code-shortcodes": "a list of Hugo shortcode names whose body is code",
    "track-changes": "true or false (Word documents: fixes as tracked changes)",
    "author": "the author name of tracked changes and comments",
}


@dataclass(frozen=True)
class Settings:
    """One file's settings, resolved and validated. Hashable: files are grouped by them."""

    glossaries: tuple[str, ...] = ()
    no_glossary: bool = False
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    format: str = "text"
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unsafe_fixes: bool = False
    # Hugo shortcodes whose body is code, beyond the built-in highlight, code, code-toggle.
    code_shortcodes: tuple[str, ...] = ()
    # Word documents: fixes written as tracked changes by `author` (or as plain edits).
    track_changes: bool = True
    author: str = "mtqa"
    source: str | None = None  # the configuration file, if any

    @property
    def selection(self) -> RuleSelection:
        return RuleSelection(self.select, self.ignore, self.per_file_ignores)

    @property
    def read_options(self) -> ReadOptions:
        """How the files of these settings are read (passed with every read)."""
        return ReadOptions(self.code_shortcodes)


@dataclass(frozen=True)
class Overrides:
    """What the caller said explicitly (the command line); None means "not given"."""

    glossaries: tuple[str, ...] | None = None
    no_glossary: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    format: str | None = None
    unsafe_fixes: bool | None = None
    track_changes: bool | None = None
    author: str | None = None
    config: str | None = None  # one configuration file for every input
    isolated: bool = False  # no configuration file at all: the defaults and these overrides
    follow_links: bool = False  # follow symbolic links out of the folders named (walk.py)

    def __post_init__(self):
        # Validate explicit values as strictly as a file's, naming the option.
        if self.fail_on is not None:
            _severity(self.fail_on, "--fail-on")
        if self.format is not None and self.format not in LINT_FORMATS:
            raise ConfigError(
                f"--format: unknown format {self.format!r} (one of {', '.join(LINT_FORMATS)})"
            )
        for option, codes in (("--select", self.select), ("--ignore", self.ignore)):
            _check_codes(codes or (), option)
        if self.author is not None and not self.author.strip():
            raise ConfigError("--author: must be a name, not an empty string")


def _severity(value: object, where: str) -> Severity:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(
            f"{where}: unknown severity {value!r} (one of info, warning, error)"
        ) from None


def _check_codes(codes: Iterable[str], where: str) -> None:
    check_codes(codes, where, ConfigError)


def split_codes(value: str | None) -> tuple[str, ...] | None:
    """`"TERM, WS"` -> ("TERM", "WS"); None stays None (not given)."""
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


# ----------------------------------------------------------------------------- files
def _read_toml(path: Path) -> dict:
    import tomllib  # here, not at the top: most runs find no configuration file to parse

    from .documents.io import read_bytes
    from .errors import InputError

    try:
        return tomllib.loads(read_bytes(path).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except RecursionError:
        # tomllib reads nested arrays and tables by recursion: thousands deep exhaust it.
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def _table_of(path: Path) -> dict | None:
    """The mtqa table of a configuration file; None for a pyproject.toml without one."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table, not {type(tool).__name__}")
        table = tool.get("mtqa")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.mtqa] must be a table")
        return table
    return data


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest mtqa.toml or pyproject.toml with [tool.mtqa], from `start` upwards.

    The search stops at the root of a repository (a folder with `.git`) and at the home
    folder: what lies above is not the project's. A file that another user owns, in a folder
    others can write to, is skipped with a warning: anyone could have put it there (a shared
    /tmp, a world-writable parent), and its glossaries would rewrite this user's files.
    """
    here = Path(start) if start is not None else Path.cwd()
    here = Path(os.path.realpath(here))  # (Path.resolve raises on a link loop)
    if not here.is_dir():
        here = here.parent
    home = _home()
    for folder in (here, *here.parents):
        own = folder / "mtqa.toml"
        if own.is_file() and _trusted(own):
            return own
        py = folder / "pyproject.toml"
        if py.is_file() and _trusted(py) and _table_of(py) is not None:
            return py
        if folder == home or (folder / ".git").exists():
            break
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):  # no HOME and no password entry
        return None


def _trusted(path: Path) -> bool:
    """False (with a warning) for a file owned by another user in a folder others can write."""
    if not hasattr(os, "getuid"):
        return True  # no POSIX owners (Windows)
    try:
        owner = path.stat().st_uid
        folder_mode = path.parent.stat().st_mode
    except OSError:
        return True  # unreadable: reading it reports the problem
    if owner in (os.getuid(), 0) or not folder_mode & stat.S_IWOTH:
        return True
    import logging

    from .sanitize import for_terminal

    logging.getLogger("mtqa").warning(
        "%s: skipped: owned by another user (uid %d) in a folder others can write to",
        for_terminal(str(path)),
        owner,
    )
    return False


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: must be a string or a list of strings, not {value!r}")


def _anchor(pattern: str, base: Path) -> str:
    """A per-file-ignores glob with a `/` is relative to the configuration file's folder; one
    without matches a file name anywhere (ruff's convention)."""
    if "/" not in pattern:
        return pattern
    return glob.escape(base.as_posix()) + "/" + pattern.removeprefix("./")


def parse_config(path: str | Path) -> Settings:
    """Read and validate one configuration file into Settings (defaults for what it omits)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    data = _table_of(path)
    if data is None:
        raise ConfigError(f"{path}: no [tool.mtqa] table")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown mtqa setting(s): {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_KEYS))})"
        )
    base = Path(os.path.realpath(path)).parent
    values: dict = {"source": str(path)}
    if "glossaries" in data:
        values["glossaries"] = tuple(
            str(base / g) for g in _str_list(data["glossaries"], f"{path}: glossaries")
        )
    for key in ("select", "ignore"):
        if key in data:
            codes = _str_list(data[key], f"{path}: {key}")
            _check_codes(codes, f"{path}: {key}")
            values[key] = codes
    if "fail-on" in data:
        values["fail_on"] = _severity(data["fail-on"], f"{path}: fail-on")
    if "format" in data:
        fmt = data["format"]
        if fmt not in LINT_FORMATS:
            raise ConfigError(
                f"{path}: format: unknown format {fmt!r} (one of {', '.join(LINT_FORMATS)})"
            )
        values["format"] = fmt
    if "unsafe-fixes" in data:
        flag = data["unsafe-fixes"]
        if not isinstance(flag, bool):
            raise ConfigError(f"{path}: unsafe-fixes: must be true or false, not {flag!r}")
        values["unsafe_fixes"] = flag
    if "track-changes" in data:
        flag = data["track-changes"]
        if not isinstance(flag, bool):
            raise ConfigError(f"{path}: track-changes: must be true or false, not {flag!r}")
        values["track_changes"] = flag
    if "author" in data:
        author = data["author"]
        if not isinstance(author, str) or not author.strip():
            raise ConfigError(f"{path}: author: must be a name, not {author!r}")
        values["author"] = author.strip()
    if "code-shortcodes" in data:
        names = _str_list(data["code-shortcodes"], f"{path}: code-shortcodes")
        bad = [n for n in names if not re.fullmatch(r"[\w./-]+", n)]
        if bad:
            raise ConfigError(f"{path}: code-shortcodes: not a shortcode name: {bad[0]!r}")
        values["code_shortcodes"] = tuple(names)
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: per-file-ignores: must be a table of glob = [codes]")
        pfi = []
        for pattern, codes in table.items():
            where = f"{path}: per-file-ignores.{pattern}"
            codes = _str_list(codes, where)
            _check_codes(codes, where)
            pfi.append((_anchor(pattern, base), codes))
        values["per_file_ignores"] = tuple(pfi)
    return Settings(**values)


def apply_overrides(settings: Settings, overrides: Overrides) -> Settings:
    """Explicit arguments over a file's settings."""
    changes: dict = {}
    if overrides.glossaries is not None:
        changes["glossaries"] = tuple(overrides.glossaries)
    if overrides.no_glossary:
        changes["no_glossary"] = True
    for key in ("select", "ignore", "format", "unsafe_fixes", "track_changes", "author"):
        value = getattr(overrides, key)
        if value is not None:
            changes[key] = value
    if overrides.fail_on is not None:
        changes["fail_on"] = _severity(overrides.fail_on, "--fail-on")
    return replace(settings, **changes)


@dataclass
class SettingsResolver:
    """Settings for each input file, looked up once per folder and per configuration file."""

    overrides: Overrides = field(default_factory=Overrides)
    _by_config: dict[str | None, Settings] = field(default_factory=dict)
    _by_folder: dict[Path, str | None] = field(default_factory=dict)
    # A file's folder as given -> that folder resolved: resolving every file's path (a stat
    # of each of its parts) was a tenth of a small run's start.
    _resolved: dict[str, Path] = field(default_factory=dict)

    def _for_config(self, config: Path | None) -> Settings:
        key = str(config) if config is not None else None
        settings = self._by_config.get(key)
        if settings is None:
            base = parse_config(config) if config is not None else Settings()
            settings = self._by_config[key] = apply_overrides(base, self.overrides)
        return settings

    def for_path(self, path: str | Path | None) -> Settings:
        """The settings that apply to `path` (a file or folder; None: the current folder)."""
        if self.overrides.config is not None:
            return self._for_config(Path(self.overrides.config))
        if self.overrides.isolated:
            return self._for_config(None)
        if path is not None and os.path.isfile(path) and not os.path.islink(path):
            parent = os.path.dirname(os.fspath(path)) or "."
            folder = self._resolved.get(parent)
            if folder is None:
                folder = self._resolved[parent] = Path(os.path.realpath(parent))
        else:
            folder = Path(os.path.realpath(path if path is not None else os.getcwd()))
            if not folder.is_dir():
                folder = folder.parent
        if folder not in self._by_folder:
            found = find_config(folder)
            self._by_folder[folder] = str(found) if found is not None else None
        config = self._by_folder[folder]
        return self._for_config(Path(config) if config is not None else None)


def load_settings(
    config_file: str | Path | None = None, start: str | Path | None = None
) -> Settings:
    """The settings of one configuration file, or of the nearest one from `start` upwards."""
    return SettingsResolver(Overrides(config=str(config_file) if config_file else None)).for_path(
        start
    )
