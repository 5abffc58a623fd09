"""Hostile Word packages: bombs, parts that lie about their size, too many parts, entities.

Each runs `mtqa fix` in a bounded child: the package is refused in one line, nothing is
written, and memory stays small."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from ..docx_builder import p, package
from .bounded import one_line_error, run_mtqa

DOCUMENT = "word/document.xml"


def _with_part(name: str, write) -> bytes:
    """A valid package whose part `name` is written by `write(stream)`."""
    base = zipfile.ZipFile(io.BytesIO(package(p("Text."))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in base.infolist():
            if info.filename == name:
                with z.open(name, "w", force_zip64=True) as stream:
                    write(stream)
            else:
                z.writestr(info, base.read(info.filename))
    return out.getvalue()


def _refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    line = one_line_error(run_mtqa(["fix", "draft.docx"], tmp_path))
    assert reason in line, line
    assert path.read_bytes() == data


def test_a_part_that_unpacks_to_gigabytes(tmp_path):
    def write(stream):
        chunk = b" " * (1 << 20)
        stream.write(b"<w:document>")
        for _ in range(2048):  # 2 GB of spaces, a few MB compressed
            stream.write(chunk)

    _refused(tmp_path, _with_part(DOCUMENT, write), "zip bomb")


def test_a_part_that_lies_about_its_size(tmp_path):
    """The zip says 100 bytes; the stream holds 50 MB: reading stops at what was declared."""
    data = _with_part(DOCUMENT, lambda s: s.write(b"<a>" + b" " * 50_000_000 + b"</a>"))
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT).file_size
    for width in ("<Q", "<I"):  # the zip64 fields and the classic ones
        data = data.replace(struct.pack(width, size), struct.pack(width, 100))
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT).file_size == 100
    _refused(tmp_path, data, "damaged Word package")


def test_too_many_parts(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(DOCUMENT, b"<w:document/>")
        for i in range(10_001):
            z.writestr(f"word/media/{i}.bin", b"")
    _refused(tmp_path, out.getvalue(), "parts")


def test_entities_in_a_part(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                   % ((98 + i,) + (97 + i,) * 10) for i in range(8))
        + b"]><d>&i;</d>"
    )
    _refused(tmp_path, _with_part(DOCUMENT, lambda s: s.write(laughs)), "DOCTYPE")
