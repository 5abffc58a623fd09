"""Settings: defaults, then [tool.mtqa] in pyproject.toml or mtqa.toml, then the command line.

The nearest mtqa.toml or pyproject.toml with a [tool.mtqa] table, from the current folder up,
is used; paths in it (glossaries) are relative to the file that names them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

KEYS = {"glossaries", "select", "ignore", "fail-on", "format", "per-file-ignores", "unsafe-fixes"}


@dataclass
class Settings:
    glossaries: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    format: str = "text"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    source: str | None = None  # the file the settings came from


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "mtqa.toml"
        if own.is_file():
            return own, _read_toml(own)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py)
            table = data.get("tool", {}).get("mtqa")
            if table is not None:
                return py, table
    return None


def _str_list(value, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{path}: '{key}' must be a string or a list of strings")


def load_settings(config_file: str | Path | None = None) -> Settings:
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("mtqa", {})
        found = (path, data)
    else:
        found = find_config()
    settings = Settings()
    if found is None:
        return settings
    path, data = found
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown mtqa setting(s): {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(KEYS))})"
        )
    base = path.parent
    if "glossaries" in data:
        settings.glossaries = [
            str(base / g) for g in _str_list(data["glossaries"], "glossaries", path)
        ]
    if "select" in data:
        settings.select = _str_list(data["select"], "select", path)
    if "ignore" in data:
        settings.ignore = _str_list(data["ignore"], "ignore", path)
    if "fail-on" in data:
        settings.fail_on = str(data["fail-on"])
    if "format" in data:
        settings.format = str(data["format"])
    if "unsafe-fixes" in data:
        settings.unsafe_fixes = bool(data["unsafe-fixes"])
    pfi = data.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{path}: 'per-file-ignores' must be a table of glob = [codes]")
    settings.per_file_ignores = {
        k: _str_list(v, f"per-file-ignores.{k}", path) for k, v in pfi.items()
    }
    settings.source = str(path)
    return settings
