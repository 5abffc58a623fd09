"""A Word package opened safely: a zip of XML parts, bounded before anything is decompressed.

A .docx file is an OPC package: a zip whose parts are XML. Files arrive from clients and the web,
so the package is judged before its parts are read: a zip bomb (too much decompressed, or too
high a compression ratio), an encrypted document (which Word stores as an OLE compound file, not
a zip), a legacy binary .doc, or a zip without a main document each get one line. Parts are
parsed by lxml with entities, DTDs and the network shut off.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ...errors import InputError

# Bounds on what a package may decompress to: the largest real Word documents (a book with
# images) are a few hundred MB at most; text parts are far smaller.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # XML compresses about 10:1; a part 200 times its compressed size is a bomb
RATIO_FLOOR = 1024 * 1024  # small parts may compress better than that, harmlessly
MAX_PARTS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_MAIN_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


@dataclass(frozen=True)
class Package:
    """The parts of a Word package, as bytes, in the zip's own order, and its zip entries."""

    parts: dict[str, bytes]
    infos: tuple[zipfile.ZipInfo, ...]
    main: str  # the main document part, e.g. "word/document.xml"

    def rels_of(self, part: str) -> str:
        """The name of the relationships part of `part` (word/_rels/document.xml.rels)."""
        folder, _, name = part.rpartition("/")
        return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def open_package(data: bytes, path: str) -> Package:
    """The package in `data`, or an InputError with a one-line reason."""
    if data.startswith(OLE_MAGIC):
        raise InputError(
            path,
            "password-protected or legacy Word document (an OLE compound file, not a zip): "
            "remove the password, or save it as .docx",
        )
    if data[:4] == b"{\\rt":
        raise InputError(path, "an RTF file with a Word extension: save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        hint = " (a legacy .doc? save it as .docx)" if path.lower().endswith(".doc") else ""
        raise InputError(path, f"not a Word document: not a zip package{hint}") from None
    infos = tuple(archive.infolist())
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"refused: the package has {len(infos)} parts (limit {MAX_PARTS})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(path, "password-protected document (its parts are encrypted)")
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(
                path, "refused: the package decompresses to more than mtqa reads (a zip bomb?)"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                path, f"refused: {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 (a zip bomb?)"
            )
    names = {info.filename for info in infos}
    main = _main_part(archive, names, path)
    parts: dict[str, bytes] = {}
    try:
        for info in infos:
            if info.is_dir():
                continue
            # Read in bounded pieces: the sizes above are what the zip claims, not what it holds.
            parts[info.filename] = _read_bounded(archive, info, path)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise InputError(path, f"damaged Word package ({exc})") from None
    return Package(parts=parts, infos=infos, main=main)


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    limit = info.file_size
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"refused: {info.filename} is larger than its zip entry says")
    return data


def _main_part(archive: zipfile.ZipFile, names: set[str], path: str) -> str:
    """The main document part: where _rels/.rels points, else word/document.xml."""
    from .xml import parse_part

    main = "word/document.xml"
    if "_rels/.rels" in names:
        rels = parse_part(archive.read("_rels/.rels"), path, "_rels/.rels")
        for rel in rels:
            if rel.get("Type") in (MAIN_TYPE, STRICT_MAIN_TYPE):
                main = rel.get("Target", "").lstrip("/")
                break
    if main not in names:
        if "content.xml" in names and "mimetype" in names:
            raise InputError(
                path, "an OpenDocument file, not a Word document: save it as .docx"
            )
        raise InputError(path, "not a Word document: the package has no word/document.xml")
    return main


def write_package(package: Package, changed: dict[str, bytes]) -> bytes:
    """The package with `changed` parts replaced or added; every other entry copied as it was
    (same bytes, same order, same compression), new parts at the end."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in package.infos:
            if info.is_dir():
                target.writestr(info, b"")
                continue
            data = changed.get(info.filename, package.parts[info.filename])
            target.writestr(info, data, compress_type=info.compress_type)
        for name, data in changed.items():
            if name not in package.parts:
                target.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
