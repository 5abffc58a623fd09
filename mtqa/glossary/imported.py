"""prh dictionaries and Vale substitution rules, read with their own engines' semantics.

Each imported rule becomes an entry whose variants are *exact* (see `Variant.exact`): the regex
its engine would compile, run on the text as written, replaced as its engine replaces. So a
dictionary behaves in mtqa as it does in prh or Vale, even where mtqa's own glossaries default
differently (case folding, whole words, inflection, re-casing).

prh (github.com/prh/prh, lib/rule.ts and lib/utils/regexp.ts), as of 5.4:
- `pattern` / `patterns`: a string is a literal (escaped, case- and width-sensitive as written);
  `/source/flags` is a regex with its flags (`i`); a list is one alternation; no pattern means
  `expected` spread over case and full-width forms (`[jJｊＪ]...`), which makes a case-only rule;
- every pattern gets prh's default flags: global and multiline (`^`/`$` at line ends);
- `options.wordBoundary` adds `\\b` around each pattern (off by default: Japanese and Chinese
  have no spaces between words);
- `expected` may use `$1`..`$9`; `expected: ""` deletes; a match that is exactly `expected` is
  not reported; `regexpMustEmpty: $N` drops a match whose group N is not empty;
- `imports` (a path, or `{path, disableImports, ignoreRules}`) adds the imported file's rules
  whose `expected` is not already there, after the file's own;
- `specs: [{from, to}]` become the entry's examples (from == to: must not be flagged).

Vale (`extends: substitution`): each `swap` key is a regex, matched case-sensitively unless
`ignorecase: true`, between word boundaries unless `nonword: true`; a value lists alternatives
with `|` (the first is the suggestion, all are accepted); `level` is the severity and `message`
the note, its first `%s` the suggestion and the second the text found.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import GlossaryError, GlossaryProblem
from .build import RawEntry, RawGlossary

_REGEX_STRING = re.compile(r"^/(.*)/([gimy]*)$", re.S)
_HANKAKU = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ZENKAKU = (
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９"
)


def _fail(path: str, line: int | None, message: str) -> GlossaryError:
    return GlossaryError([GlossaryProblem(path, line, message)])


def js_regex(source: str) -> str:
    """A JavaScript regex source in Python's syntax: named groups are `(?P<name>...)`. The
    character classes keep JavaScript's ASCII meaning through the exact variant's engine."""
    return re.sub(r"\(\?<(?![=!])", "(?P<", source)


def spread_alnum(text: str) -> str:
    """prh's spreadAlphaNum: each ASCII letter or digit matches either case, half- or
    full-width. Like prh, the rest of `expected` is left as regex source, unescaped."""
    out = []
    for c in text:
        upper, lower = _HANKAKU.find(c.upper()), _HANKAKU.find(c.lower())
        if upper == -1 and lower == -1:
            out.append(c)
        elif upper == lower:  # a digit
            out.append(f"[{c}{_ZENKAKU[upper]}]")
        else:
            out.append(f"[{c.upper()}{c.lower()}{_ZENKAKU[upper]}{_ZENKAKU[lower]}]")
    return "".join(out)


_META = re.compile(r"[\\\[\](){}?*+^$|.]")


def _plain_word(source: str) -> bool:
    """A regex that is only a literal between optional \\b anchors (`/\\bNoori al-Maliki\\b/`):
    its fix is as safe as a literal swap."""
    body = re.sub(r"^\\b|\\b$", "", source)
    body = re.sub(r"\\[-.\s'/&]", "x", body)  # an escaped character is itself
    return bool(body) and not _META.search(body)


def _prh_pattern(pattern, expected: str, word_boundary: bool) -> tuple[str, bool]:
    """(Python regex source, ignore case) for a rule's pattern(s), as prh compiles them."""
    if pattern is None:
        source, ignore_case = spread_alnum(expected), False
    elif isinstance(pattern, list):
        parts = [_prh_pattern(p, expected, word_boundary) for p in pattern]
        if not parts:
            raise ValueError("patterns can't be an empty list")
        if len({ic for _, ic in parts}) > 1:
            raise ValueError("combining different flags: every pattern of a rule needs the same")
        return "(?:" + "|".join(s for s, _ in parts) + ")", parts[0][1]
    else:
        pattern = str(pattern)
        if pattern == "":
            raise ValueError("pattern can't be empty")
        m = _REGEX_STRING.match(pattern)
        if m:
            source, ignore_case = js_regex(m.group(1)), "i" in m.group(2)
        else:
            source, ignore_case = re.escape(pattern), False
    if word_boundary:
        source = rf"\b{source}\b"
    return source, ignore_case


def _read_yaml(path: str):
    from ..documents.io import read_bytes
    from ..errors import InputError
    from .yaml_glossary import load_yaml_document

    try:
        text = read_bytes(path).decode("utf-8-sig")
    except InputError as exc:
        raise _fail(path, None, exc.reason) from None
    except UnicodeDecodeError as exc:
        raise _fail(path, None, f"cannot read: {exc}") from None
    return load_yaml_document(text, path)


def _scalar(value, path: str, line: int | None, key: str):
    """`value` where one text (or number) is expected; a list or mapping is refused (its text
    could be anything, and printing it in a message as big as the structure)."""
    if isinstance(value, list | dict):
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise _fail(path, line, f"{key!r} must be a single value, not {kind}")
    return value


def _import_specs(imports, path: str, line: int | None) -> list[dict]:
    """`imports` as a list of {path, disableImports, ignoreRules}, or a problem that says why."""
    shape = "'imports' is a path, {path, disableImports, ignoreRules}, or a list of them"
    if isinstance(imports, str | dict):
        imports = [imports]
    if not isinstance(imports, list):
        raise _fail(path, line, f"{shape}, not {type(imports).__name__}")
    specs = []
    for spec in imports:
        spec = {"path": spec} if isinstance(spec, str) else spec
        if not isinstance(spec, dict) or not isinstance(spec.get("path"), str):
            raise _fail(path, line, shape)
        if "\0" in spec["path"] or not spec["path"].strip():
            raise _fail(path, line, f"imported dictionary {spec['path']!r} is not a file name")
        if not isinstance(spec.get("ignoreRules") or [], list):
            raise _fail(path, line, "'ignoreRules' must be a list")
        specs.append(spec)
    return specs


class _Imports:
    """The prh files of one dictionary and its imports, each read and expanded once: a file
    imported from many places (a diamond, ten times over at each level) costs one parse."""

    def __init__(self):
        self.expanded: dict[tuple[str, bool], list[RawEntry]] = {}

    def entries(
        self, doc, path: str, seen: frozenset[str], disable_imports: bool = False
    ) -> list[RawEntry]:
        """The rules of one prh file and, after them, those of its imports (prh's merge)."""
        if not isinstance(doc, dict):
            raise _fail(path, 1, "a prh dictionary is a mapping with 'rules'")
        rules = doc.get("rules") or []
        if not isinstance(rules, list):
            raise _fail(path, getattr(doc, "line", None), "'rules' must be a list")
        entries = [_prh_rule(rule, path) for rule in rules]
        imports = doc.get("imports")
        if disable_imports or imports is None or imports == []:
            return entries
        line = getattr(doc, "key_lines", {}).get("imports")
        have = {e.data.get("_expected") for e in entries}
        for spec in _import_specs(imports, path, line):
            target = str(Path(path).parent / spec["path"])
            key = os.path.realpath(target)
            if key in seen:
                continue  # prh would recurse for ever; once is what it means
            if not os.path.lexists(target):  # a FIFO or a device: _read_yaml says what it is
                raise _fail(path, line, f"imported dictionary {spec['path']!r} not found")
            memo = (key, bool(spec.get("disableImports")))
            imported = self.expanded.get(memo)
            if imported is None:
                imported = self.expanded[memo] = self.entries(
                    _read_yaml(target), target, seen | {key}, memo[1]
                )
            ignore = [{"pattern": r} if isinstance(r, str) else r for r in spec.get("ignoreRules") or []]
            for e in imported:
                if any(_ignored(e, r) for r in ignore) or e.data.get("_expected") in have:
                    continue
                have.add(e.data.get("_expected"))
                entries.append(e)
        return entries


def _ignored(entry: RawEntry, rule) -> bool:
    if not isinstance(rule, dict):
        return False
    if rule.get("expected") is not None and rule["expected"] == entry.data.get("_expected"):
        return True
    return rule.get("pattern") is not None and rule["pattern"] == entry.data.get("_pattern")


def _prh_rule(rule, path: str) -> RawEntry:
    if isinstance(rule, str):
        rule = {"expected": rule}
    if not isinstance(rule, dict):
        raise _fail(path, None, "a prh rule must be a mapping (or the expected text)")
    line = getattr(rule, "line", None)
    expected = _scalar(rule.get("expected"), path, line, "expected")
    if expected is None:
        raise _fail(path, line, "a prh rule needs 'expected'")
    expected = str(expected)
    options = rule.get("options") or {}
    word_boundary = bool(options.get("wordBoundary", False)) if isinstance(options, dict) else False
    pattern = rule.get("pattern") if rule.get("pattern") is not None else rule.get("patterns")
    try:
        source, ignore_case = _prh_pattern(pattern, expected, word_boundary)
    except ValueError as exc:
        raise _fail(path, line, str(exc)) from None
    variant: dict = {
        "regex": ("(?i)" if ignore_case else "") + source,
        "replace": expected,
        "exact": True,
    }
    must_be_empty = rule.get("regexpMustEmpty")
    if must_be_empty is not None:
        m = re.fullmatch(r"\$([0-9]+)", str(must_be_empty))
        if m is None:
            raise _fail(path, line, "regexpMustEmpty must be written $1, $2, ...")
        variant["must_be_empty"] = int(m.group(1))
    written_regex = any(
        isinstance(p, str) and (m := _REGEX_STRING.match(p)) and not _plain_word(m.group(1))
        for p in (pattern if isinstance(pattern, list) else [pattern])
    )
    examples = []
    specs = rule.get("specs") or []
    if not isinstance(specs, list):
        raise _fail(path, line, "'specs' must be a list of {from, to}")
    for spec in specs:
        if isinstance(spec, dict) and "from" in spec:
            src = str(_scalar(spec.get("from"), path, line, "from"))
            to = str(_scalar(spec.get("to"), path, line, "to"))
            examples.append({"ok": src} if src == to else {"bad": src, "good": to})
    data = {
        "preferred": expected,
        "variants": [variant],
        "examples": examples,
        # A stranger's regex with back-references is for a reviewer to look at; a literal
        # swap is as safe as one in mtqa's own glossaries.
        "fix": "unsafe" if written_regex else "safe",
        "_expected": expected,
        "_pattern": None if pattern is None else str(pattern),
    }
    if rule.get("prh"):
        data["note"] = str(_scalar(rule["prh"], path, line, "prh"))
    return RawEntry(data, line, origin=path)


def from_prh(doc, path: str) -> RawGlossary:
    entries = _Imports().entries(doc, path, frozenset({os.path.realpath(path)}))
    for e in entries:  # the import bookkeeping is no entry key
        e.data.pop("_expected", None)
        e.data.pop("_pattern", None)
        if e.origin == path:
            e.origin = None
    return RawGlossary(entries=entries, name=Path(path).stem)


# ----------------------------------------------------------------------------- Vale
_LEVELS = {"suggestion": "info", "warning": "warning", "error": "error"}


def from_vale(doc, path: str) -> RawGlossary:
    swap = doc.get("swap")
    if not isinstance(swap, dict):
        raise _fail(
            path, getattr(doc, "line", None), "a Vale substitution rule needs a 'swap' mapping"
        )
    line = getattr(doc, "key_lines", {}).get("level")
    level = str(_scalar(doc.get("level", "warning"), path, line, "level"))
    if level not in _LEVELS:
        raise _fail(path, line, f"unknown level {level!r} (suggestion, warning, error)")
    for key in ("ignorecase", "nonword"):
        if not isinstance(doc.get(key, False), bool):
            line = getattr(doc, "key_lines", {}).get(key)
            raise _fail(path, line, f"{key} must be true or false, not {doc.get(key)!r}")
    prefix = "(?i)" if doc.get("ignorecase") else ""
    bounded = not doc.get("nonword")
    message = str(
        _scalar(doc.get("message") or "", path, getattr(doc, "key_lines", {}).get("message"), "message")
    )
    entries = []
    for bad, good in swap.items():
        bad, good = str(bad), str(_scalar(good, path, swap.key_lines.get(bad), bad))
        alternatives = [a.strip() for a in good.split("|") if a.strip()]
        if not alternatives:
            raise _fail(path, swap.key_lines.get(bad), f"empty replacement for {bad!r}")
        preferred = alternatives[0]
        source = js_regex(bad)
        regex = prefix + (rf"\b(?:{source})\b" if bounded else f"(?:{source})")
        note = ""
        if message:
            # Vale's message: the first %s is what to use, the second what was found.
            # The second stays "%s": each finding fills in its own text.
            note = message.replace("%s", " or ".join(alternatives), 1)
        line = getattr(swap, "key_lines", {}).get(bad, getattr(swap, "line", None))
        data = {
            "preferred": preferred,
            "accepted": alternatives[1:],
            "variants": [{"regex": regex, "replace": preferred, "exact": True}],
            "severity": _LEVELS[level],
            "fix": "unsafe" if any(c in bad for c in "()[]|?*+\\") else "safe",
        }
        if note:
            data["note"] = note
        entries.append(RawEntry(data, line))
    return RawGlossary(entries=entries, name=Path(path).stem)
