"""A baseline: the findings a team has accepted for now, so a run reports only new ones.

The baseline is a previous `mtqa lint -f json` report. A finding of this run is old when the
baseline has a finding of the same file with the same fingerprint (mtqa/fingerprints.py): rule,
glossary entry, matched text and the words around it, not its line, so editing a paragraph
above it does not make it new. Each baseline finding accounts for one finding of this run.

A report written before findings had fingerprints is read too: its findings are then matched
on file, rule, entry and text, without context.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import MtqaError
from .findings import Finding
from .fingerprints import fingerprints


def _path_key(path: str) -> str:
    """A path as both runs name it: relative to the working folder where it lies under it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return Path(absolute if relative.startswith("..") else relative).as_posix()


def _plain_key(path: str, code: str, term: str | None, text: str) -> tuple:
    return (_path_key(path), code, term or "", " ".join(text.split()).casefold())


@dataclass(frozen=True)
class Baseline:
    by_fingerprint: Counter  # (path, fingerprint) -> how many
    by_text: Counter  # (path, code, term, text) -> how many, for reports without fingerprints

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a `-f json` report; a file that is not one is a one-line MtqaError."""
        where = f"--baseline {path}"
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise MtqaError(f"{where}: cannot read ({exc.strerror or exc})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MtqaError(f"{where}: not a JSON report of `mtqa lint -f json` ({exc})") from None
        findings = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(findings, list):
            raise MtqaError(f"{where}: not a JSON report of `mtqa lint -f json` (no findings)")
        by_fingerprint: Counter = Counter()
        by_text: Counter = Counter()
        try:
            for f in findings:
                if f.get("fingerprint"):
                    by_fingerprint[(_path_key(f["path"]), f["fingerprint"])] += 1
                else:
                    by_text[_plain_key(f["path"], f["code"], f.get("term"), f["text"])] += 1
        except (AttributeError, KeyError, TypeError) as exc:
            raise MtqaError(f"{where}: a finding without {exc} is not one mtqa wrote") from None
        return cls(by_fingerprint, by_text)

    def new_findings(
        self, findings: Iterable[Finding], texts: Mapping[str, str] | None = None
    ) -> list[Finding]:
        """The findings the baseline does not account for, in order."""
        findings = list(findings)
        left = self.by_fingerprint.copy()
        left_text = self.by_text.copy()
        new = []
        for f, fingerprint in zip(findings, fingerprints(findings, texts), strict=True):
            key = (_path_key(f.path), fingerprint)
            plain = _plain_key(f.path, f.code, f.term, f.text)
            if left[key] > 0:
                left[key] -= 1
            elif left_text[plain] > 0:
                left_text[plain] -= 1
            else:
                new.append(f)
        return new
