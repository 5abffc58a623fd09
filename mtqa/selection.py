"""Which rules are on: code prefixes to select and to ignore, and per-file ignores (ruff's model).

`check_codes` is the one place a rule code or prefix is validated: a selection checks its own
codes with it, and the configuration checks the codes a file or an option gives. Both ask the
registry only for the check families a code can name (`codes_reached`), so a selection of one
family's rules never imports the others.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .checks import codes_reached
from .errors import MtqaError


def check_codes(
    codes: Iterable[str], where: str | None = None, error: type[MtqaError] = MtqaError
) -> None:
    """Raise `error` for the first of `codes` that is neither ALL nor the start of a rule code;
    `where` (a file and key, an option) begins the message."""
    for code in codes:
        if code != "ALL" and not any(c.startswith(code) for c in codes_reached((code,))):
            prefix = f"{where}: " if where else ""
            raise error(f"{prefix}unknown rule code or prefix {code!r} (see `mtqa rules`)")


@dataclass(frozen=True)
class RuleSelection:
    """Which rule codes are on: code prefixes to select and to ignore (ruff's model)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self):
        check_codes(
            {  # a set: thousands of per-file-ignores repeat a few codes
                *self.select,
                *self.ignore,
                *(c for _, cs in self.per_file_ignores for c in cs),
            }
        )

    def enabled(self, code: str, path: str | None = None) -> bool:
        if not any(p == "ALL" or code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        if path is not None:
            return not any(code.startswith(c) for c in self._ignored_for(path))
        return True

    def codes_for(self, path: str | None) -> frozenset[str]:
        """The codes enabled for one file (per-file ignores applied), computed once per path."""
        if not self.per_file_ignores:
            path = None
        cache = self.__dict__.setdefault("_codes_cache", {})
        codes = cache.get(path)
        if codes is None:
            codes = cache[path] = frozenset(c for c in self._selectable() if self.enabled(c, path))
        return codes

    def _selectable(self) -> tuple[str, ...]:
        """The codes of the families `select` reaches: the only ones it can turn on."""
        codes = self.__dict__.get("_selectable_codes")
        if codes is None:
            codes = self.__dict__["_selectable_codes"] = codes_reached(self.select)
        return codes

    def _ignored_for(self, path: str) -> frozenset[str] | set[str]:
        """The code prefixes the per-file-ignores switch off for `path`. Each glob is compiled
        once per selection (thousands of them cost one pass per file, not one per rule)."""
        memo = self.__dict__.setdefault("_ignored_memo", {})
        if path in memo:
            return memo[path]
        globs = self.__dict__.get("_globs")
        if globs is None:
            globs = self.__dict__["_globs"] = [
                (_compile_glob(pattern), pattern.startswith("/"), codes)
                for pattern, codes in self.per_file_ignores
            ]
        p = Path(path).as_posix()
        name = Path(p).name
        absolute = None
        ignored: set[str] = set()
        for match, anchored, codes in globs:
            if match(p) or match(name):
                ignored.update(codes)
            elif anchored:
                # Configuration files anchor their patterns at their own folder (absolute).
                if absolute is None:
                    absolute = Path(os.path.abspath(path)).as_posix()
                if match(absolute):
                    ignored.update(codes)
        memo[path] = ignored
        return ignored

    @property
    def enabled_codes(self) -> tuple[str, ...]:
        return tuple(c for c in self._selectable() if self.enabled(c))


def _compile_glob(pattern: str):
    """fnmatch's matcher for one glob (fnmatch.fnmatch, less its per-call cache look-up)."""
    import re

    return re.compile(fnmatch.translate(os.path.normcase(pattern))).match
