"""Gettext PO catalogues: `msgid` is the source, `msgstr` (or each `msgstr[n]`) the target.

Strings are C-quoted and may continue over several lines; each quoted piece of a `msgstr` is one
prose span (the quotes and the line breaks between pieces are holes), and escapes (`\\"`, `\\n`)
are decoded for the segment texts. The header entry (empty msgid) and obsolete entries (`#~`)
are not segments; `#, fuzzy` entries carry state "fuzzy". The charset is taken from the
header's Content-Type when it is not UTF-8, and the target language from its `Language` field
(PO names no source language).
"""

from __future__ import annotations

import codecs
import re

from ..documents.io import decode
from ..documents.model import PROSE, Block, Segment
from ..errors import InputError
from ..languages import tag as lang
from . import register
from .base import Parsed, Reader

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"', re.M)
_LINES = re.compile(r"[^\n]*\n?")
_PIECE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9._-]+)")
_LANGUAGE = re.compile(r"^Language:[ \t]*([A-Za-z0-9_@.-]*)", re.M)
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "v": "\v",
    "f": "\f",
}


def unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


class PoReader(Reader):
    name = "po"
    bilingual = True

    def decode(self, data: bytes, path: str) -> tuple[str, str, bytes]:
        m = _CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii").lower() if m else "utf-8"
        try:
            charset = codecs.lookup(charset).name
        except LookupError:
            raise InputError(path, f"unknown charset {charset!r} in the PO header") from None
        if charset in ("utf-8", "ascii"):
            return decode(data, path)
        try:
            return data.decode(charset), charset, b""
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid {charset} at byte {exc.start}") from None

    def parse(self, text: str, path: str) -> Parsed:
        blocks: list[Block] = []
        segments: list[Segment] = []
        entry: dict[str, list[tuple[int, int]]] = {}
        entry_start = 0
        entries = 0
        language = ""

        def flush() -> None:
            nonlocal entries, language
            if "msgid" not in entry:
                return
            source = "".join(unquote(text[s:e]) for s, e in entry["msgid"])
            if not source:  # the header
                header = "".join(unquote(text[s:e]) for s, e in entry.get("msgstr", ()))
                m = _LANGUAGE.search(header)
                language = lang(m.group(1).split("@")[0].split(".")[0]) if m else ""
                return
            head = text[entry_start : entry["msgid"][0][0]]
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in head.splitlines())
            entries += 1
            plural = "".join(unquote(text[s:e]) for s, e in entry.get("msgid_plural", ()))
            keys = sorted(k for k in entry if k.startswith("msgstr"))
            for key in keys:
                spans = entry[key]
                n = key[7:-1] if key != "msgstr" else ""
                seg_id = f"{entries}[{n}]" if n else str(entries)
                target = "".join(unquote(text[s:e]) for s, e in spans)
                start, end = spans[0][0], spans[-1][1]
                kept = tuple((s, e) for s, e in spans if e > s)
                if kept:
                    blocks.append(Block(start, end, kept, kind=PROSE, segment=seg_id))
                segments.append(
                    Segment(
                        id=seg_id,
                        source=plural if n and n != "0" and plural else source,
                        target_start=start,
                        target_end=end,
                        target=target,
                        state="fuzzy" if fuzzy else "",
                        line=text.count("\n", 0, start) + 1,
                        unit=seg_id,
                        target_lang=language,
                    )
                )

        current: str | None = None
        pos = 0
        # Lines end at "\n" only: str.splitlines would also cut at U+2028 inside a string.
        for line in _LINES.findall(text):
            if not line:
                continue
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                if current is not None and (not stripped or stripped.startswith("#")):
                    if entry and any(k.startswith("msgstr") for k in entry):
                        flush()
                        entry = {}
                        entry_start = pos
                    current = None
                pos += len(line)
                continue
            m = _KEYWORD.match(line)
            if m:
                if m.group(1) in ("msgctxt", "msgid") and any(
                    k.startswith("msgstr") for k in entry
                ):
                    flush()
                    entry = {}
                    entry_start = pos
                current = m.group(1)
                entry.setdefault(current, [])
                rest = m.end() - 1
            elif stripped.startswith('"') and current is not None:
                rest = line.index('"')
            else:
                raise InputError(path, f"line {text.count(chr(10), 0, pos) + 1}: not PO syntax")
            p = _PIECE.match(line, rest)
            if p is None:
                raise InputError(path, f"line {text.count(chr(10), 0, pos) + 1}: unclosed string")
            entry[current].append((pos + p.start(1), pos + p.end(1)))
            pos += len(line)
        flush()
        return Parsed(tuple(blocks), tuple(segments))

    def escape(self, replacement: str) -> str:
        return (
            replacement.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\t", "\\t")
        )


PO = register(PoReader())
