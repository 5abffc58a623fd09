"""Read glossaries from the formats people already keep term lists in.

- mtqa YAML (hand-edited, the richest),
- CSV / TSV / XLSX with columns `preferred`, `variants` (`|`-separated) and optional `id`,
  `category`, `severity`, `note`, `source`, `accepted`, `replace`, `fix`,
- TBX (ISO 30042): the preferred and deprecated terms of each concept entry,
- prh dictionaries (`rules: [{expected, pattern(s), specs}]`),
- Vale substitution rules (`extends: substitution`, `swap:`).

Each loader produces a RawGlossary; `build_glossary` validates it the same way for all.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import GlossaryError, GlossaryProblem
from ..gcpause import gc_paused
from .build import ENTRY_KEYS, RawEntry, RawGlossary, build_glossary
from .model import Glossary
from .yaml_glossary import from_mtqa_yaml, load_yaml_document

FORMATS = ("yaml", "csv", "tsv", "xlsx", "tbx", "prh", "vale")
_EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".tbx": "tbx",
    ".xml": "tbx",
}


def _fail(path: str, line: int | None, message: str) -> GlossaryError:
    return GlossaryError([GlossaryProblem(path, line, message)])


def _sniff_yaml_kind(doc) -> str:
    if isinstance(doc, dict):
        if "swap" in doc or str(doc.get("extends", "")) == "substitution":
            return "vale"
        rules = doc.get("rules")
        # prh: rules (possibly none, with imports), never mtqa's `entries`.
        if "entries" not in doc and (isinstance(rules, list) or "imports" in doc):
            return "prh"
    return "yaml"


# ----------------------------------------------------------------------------- spreadsheets
# Spreadsheet columns: the entry keys a table can hold, plus the per-variant replacements.
_COLUMNS = (ENTRY_KEYS - {"context", "examples"}) | {"replace"}


def _split(cell) -> list[str]:
    return [p.strip() for p in str(cell or "").split("|") if p.strip()]


def _rows_to_raw(rows: list[dict], line_numbers: list[int], path: str) -> RawGlossary:
    if not rows:
        raise _fail(path, None, "no rows")
    header = {str(k).strip().lower() for k in rows[0] if k is not None}
    if "preferred" not in header:
        raise _fail(path, 1, "missing column 'preferred' (columns: preferred, variants, ...)")
    unknown = header - _COLUMNS - {""}
    if unknown:
        raise _fail(path, 1, f"unknown column(s): {', '.join(sorted(unknown))}")
    entries = []
    for row, line in zip(rows, line_numbers, strict=True):
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        if not any(str(v or "").strip() for v in row.values()):
            continue
        data: dict = {"preferred": row.get("preferred")}
        variants = _split(row.get("variants"))
        # `replace` is positional: one value for all variants, or one per variant ('' = preferred).
        cell = str(row.get("replace") or "")
        replaces = [p.strip() for p in cell.split("|")] if cell.strip() else []
        if replaces and len(replaces) not in (1, len(variants)):
            raise _fail(path, line, "'replace' needs one value, or one per variant")
        data["variants"] = [
            {
                "text": v,
                **(
                    {"replace": r}
                    if (
                        r := (replaces[i] if len(replaces) > 1 else replaces[0] if replaces else "")
                    )
                    else {}
                ),
            }
            for i, v in enumerate(variants)
        ]
        for key in ("id", "category", "severity", "note", "fix", "case_sensitive", "inflect"):
            if str(row.get(key) or "").strip():
                data[key] = str(row[key]).strip()
        if _split(row.get("accepted")):
            data["accepted"] = _split(row.get("accepted"))
        if _split(row.get("source")):
            data["source"] = _split(row.get("source"))
        entries.append(RawEntry(data, line))
    return RawGlossary(entries=entries, name=Path(path).stem)


def sniff_delimiter(text: str, default: str) -> str:
    """The delimiter of a table's header line: a spreadsheet saved where the decimal mark is a
    comma separates its cells with semicolons. The header decides: the delimiter that splits
    it into the most known column names wins (csv.Sniffer guesses from character counts, and
    the `|` between variants inside cells misleads it)."""
    header = text.split("\n", 1)[0]
    best, best_known = default, -1
    for delimiter in (default, ",", ";", "\t"):
        known = sum(
            1 for cell in header.split(delimiter) if cell.strip().strip('"').lower() in _COLUMNS
        )
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _from_delimited(text: str, path: str, delimiter: str) -> RawGlossary:
    import csv  # here: YAML glossaries, the common case, do not need it

    from ..sanitize import from_csv_cell

    delimiter = sniff_delimiter(text, delimiter)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, lines = [], []
    try:
        for row in reader:
            # mtqa writes a cell a spreadsheet would run as a formula with a `'` before it.
            rows.append({k: from_csv_cell(v) if type(v) is str else v for k, v in row.items()})
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise _fail(path, reader.line_num, f"CSV error: {exc}") from None
    return _rows_to_raw(rows, lines, path)


# An XLSX file is a zip of XML: a few megabytes can unpack to gigabytes (one 3 GB cell, 80
# million rows). What the zip declares is checked before anything is unpacked (zipfile never
# inflates an entry past its declared size), and the rows are counted as they are read.
MAX_XLSX_UNPACKED = 256 * 1024 * 1024
MAX_XLSX_RATIO = 200  # unpacked / packed, for entries over a megabyte (real sheets: 5-20)
MAX_XLSX_ROWS = 1_000_000


def _check_xlsx_zip(path: str) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(path, None, f"not a readable XLSX workbook: {exc}") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNPACKED:
        raise _fail(
            path,
            None,
            f"refused: the workbook unpacks to {total} bytes (the limit is {MAX_XLSX_UNPACKED})",
        )
    for i in infos:
        if i.file_size > 1 << 20 and i.file_size > MAX_XLSX_RATIO * max(i.compress_size, 1):
            raise _fail(
                path,
                None,
                f"refused: {i.filename} unpacks {i.file_size // max(i.compress_size, 1)} times "
                f"its size (a zip bomb? the limit is {MAX_XLSX_RATIO})",
            )


def _from_xlsx(path: str) -> RawGlossary:
    _check_xlsx_zip(path)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise _fail(path, None, f"not a readable XLSX workbook: {exc}") from None
    rows, lines = [], []
    try:
        # The sheet's XML is parsed as the rows are read: a broken sheet fails here.
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = next(it, None)
        if header is None:
            raise _fail(path, None, "empty workbook")
        for i, values in enumerate(it, start=2):
            if i > MAX_XLSX_ROWS + 1:
                raise _fail(path, i, f"refused: more than {MAX_XLSX_ROWS} rows")
            rows.append(dict(zip(header, values, strict=False)))
            lines.append(i)
    except GlossaryError:
        raise
    except Exception as exc:  # lxml, zipfile and openpyxl errors from inside the sheet
        message = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise _fail(path, None, f"not a readable XLSX workbook: {message}") from None
    finally:
        wb.close()
    return _rows_to_raw(rows, lines, path)


# ----------------------------------------------------------------------------- TBX
def _from_tbx(data: bytes, path: str) -> RawGlossary:
    from .tbx import parse_tbx

    return parse_tbx(data, path)


# ----------------------------------------------------------------------------- entry point
def detect_format(path: str, text: str | None = None) -> str:
    ext = Path(path).suffix.lower()
    fmt = _EXTENSIONS.get(ext)
    if fmt is None:
        raise _fail(
            path, None, f"unknown glossary format {ext!r} (use one of: {', '.join(FORMATS)})"
        )
    return fmt


def read_raw_glossary(
    path: str | Path, fmt: str | None = None, fast: bool = False, data: bytes | None = None
) -> RawGlossary:
    """The raw entries of one glossary file. `fast` lets a large mtqa YAML file be read by
    `fastyaml` (the same entries and entry lines, but no line per key): for callers that read
    the file again without it when validation reports a problem (`_validated`). `data`: the
    file's bytes, where the caller has read them already."""
    from ..documents.io import read_bytes, regular_file
    from ..errors import InputError

    path = str(path)
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise _fail(path, None, "no such glossary file")
    if p.is_dir():
        raise _fail(path, None, "is a directory, not a glossary file")
    try:
        regular_file(path)  # a FIFO or a device is refused before anything opens it
        fmt = fmt or detect_format(path)
        if fmt == "xlsx":
            return _from_xlsx(path)
        if data is None:
            data = read_bytes(path)
    except InputError as exc:
        raise _fail(path, None, exc.reason) from None
    if fmt == "tbx":
        return _from_tbx(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, None, f"not UTF-8 (byte {exc.start})") from None
    if fmt in ("csv", "tsv"):
        return _from_delimited(text, path, "," if fmt == "csv" else "\t")
    if fast and fmt == "yaml":
        from .store.fastyaml import fast_mtqa_yaml

        raw = fast_mtqa_yaml(text, path)
        if raw is not None:
            return raw
    doc = load_yaml_document(text, path)
    kind = fmt if fmt in ("prh", "vale") else _sniff_yaml_kind(doc)
    if kind in ("prh", "vale"):
        from .imported import from_prh, from_vale

        return (from_prh if kind == "prh" else from_vale)(doc, path)
    return from_mtqa_yaml(doc, path)


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Load and validate one glossary file (any supported format). Raises GlossaryError.

    Large glossaries are cached, validated, in the user's cache folder (see `cache.py`), keyed
    by their bytes: the next run skips parsing and validation.
    """
    from .store.cache import (
        cached_glossary,
        file_key,
        file_status,
        remember_key,
        remembered_key,
        store_glossary,
    )

    # A file as it was when its key was made: its glossary comes from the cache unread.
    status = file_status(path)  # (before reading: a write after it changes the status)
    key = remembered_key(path, fmt, status)
    if key is not None:
        hit = cached_glossary(path, fmt, key)
        if hit is not None:
            return hit
    # Read and hashed once: the cache key, the parse and the stored glossary are all of these
    # bytes (a large file takes a noticeable time to read and hash again). None where the
    # file cannot be read: read_raw_glossary then says why.
    from ..documents.io import read_bytes
    from ..errors import InputError

    try:
        data: bytes | None = read_bytes(path)
    except InputError:
        data = None
    key = None if data is None else file_key(path, fmt, data)
    remember_key(path, fmt, status, key)
    hit = cached_glossary(path, fmt, key)
    if hit is not None:
        return hit
    # Parsing, validating and storing build many small objects (see gcpause): paused over all
    # three, so no collection walks the new entries between them.
    with gc_paused():
        glossary = _validated([path], fmt, data)
        store_glossary(path, fmt, glossary, key)
    return glossary


def load_glossaries(paths: list[str | Path]) -> Glossary:
    """Load several glossaries and merge them into one, validated together; each problem names
    the file it is in. They must agree on the language pair, which the merge keeps."""
    if len(paths) == 1:
        return load_glossary(paths[0])
    return _validated(paths, None)


def _validated(paths: list[str | Path], fmt: str | None, data: bytes | None = None) -> Glossary:
    """Read (fast where it can) and validate; when validation finds a problem in a fast
    reading, read again with PyYAML, whose line per key the messages name. `data`: the bytes
    of the one file of `paths`, where they have been read already."""
    from .store.fastyaml import FastRawGlossary

    given = data if len(paths) == 1 else None
    raws = [read_raw_glossary(p, fmt, fast=True, data=given) for p in paths]
    try:
        return _merged(raws, paths)
    except GlossaryError:
        if not any(isinstance(r, FastRawGlossary) for r in raws):
            raise
    return _merged([read_raw_glossary(p, fmt, data=given) for p in paths], paths)


def _merged(raws: list[RawGlossary], paths: list[str | Path]) -> Glossary:
    if len(raws) == 1:
        return build_glossary(raws[0], str(paths[0]))
    first = raws[0]
    for path, raw in zip(paths[1:], raws[1:], strict=True):
        pair = (raw.source_language, raw.target_language)
        if pair != (first.source_language, first.target_language):
            raise _fail(
                str(path),
                None,
                f"language pair {pair[0]}->{pair[1]} differs from {paths[0]}'s "
                f"({first.source_language}->{first.target_language}); glossaries merged into "
                "one run must share it",
            )
    entries = []
    for path, raw in zip(paths, raws, strict=True):
        for e in raw.entries:
            e.origin = str(path)
            entries.append(e)
    merged = RawGlossary(
        entries=entries,
        name="+".join(r.name for r in raws),
        description=first.description,
        source_language=first.source_language,
        target_language=first.target_language,
    )
    return build_glossary(merged, "+".join(str(p) for p in paths))
