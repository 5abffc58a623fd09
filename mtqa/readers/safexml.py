"""Untrusted XML: decoded as its declaration says, parsed by lxml with every dangerous door shut.

Translation files come from clients, vendors and the web, so a file is never allowed to make mtqa
expand entities (billion laughs), load a DTD or anything over the network, or read a local file
(XXE). Entity declarations are refused before lxml sees the bytes: XLIFF and TMX never need them,
and refusing them by a scan of the prolog costs microseconds and no memory whatever the file says.
lxml then parses with `resolve_entities=False`, `no_network=True`, `load_dtd=False` and without
`huge_tree`, so libxml2's own depth and size limits hold too.
"""

from __future__ import annotations

import codecs
import re

from ..documents.io import BOMS
from ..errors import InputError

# XML files larger than this are refused (a CAT-tool export of a whole book is a few MB).
MAX_XML_BYTES = 64 * 1024 * 1024

# The declaration's encoding pseudo-attribute (on the ASCII-compatible view of the first bytes).
_ENCODING_DECL = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)



def decode_xml(data: bytes, path: str) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of an XML file, honouring BOM, UTF-16 without BOM and the declaration.

    The text is decoded without newline translation, so `encode_xml` gives the same bytes back.
    """
    if not data:
        raise InputError(path, "empty file")
    if len(data) > MAX_XML_BYTES:
        raise InputError(path, f"XML file too large ({len(data)} bytes; limit {MAX_XML_BYTES})")
    bom = b""
    encoding = None
    for mark, name in BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom) :]
    if encoding is None:
        if body.startswith(b"<\x00?\x00") or body.startswith(b"<\x00"):
            encoding = "utf-16-le"
        elif body.startswith(b"\x00<\x00?") or body.startswith(b"\x00<"):
            encoding = "utf-16-be"
    if encoding is None:
        m = _ENCODING_DECL.match(body[:200])
        declared = m.group(1).decode("ascii") if m else "utf-8"
        try:
            info = codecs.lookup(declared)
        except LookupError:
            raise InputError(
                path, f"unknown encoding {declared!r} in the XML declaration"
            ) from None
        if not _is_text_encoding(info):
            raise InputError(
                path, f"{declared!r} in the XML declaration is not a text encoding"
            )
        encoding = info.name
        if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
            # Declared UTF-16 but written in an ASCII-compatible encoding: trust the bytes.
            encoding = "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"not valid {encoding} at byte {exc.start + len(bom)} (line {line})"
        ) from None
    return text, encoding, bom


# Every ASCII character a file's markup is made of, and escape sequences: a text encoding an XML
# file may declare reads and writes them as ASCII does. Python also has codecs that are not
# text encodings (rot13, hex, zlib) or that read `\u0041` as "A" and write a line break as
# `\n` (unicode_escape): a fix through one of those would rewrite the whole file.
_ASCII_PROBE = bytes(range(9, 14)) + bytes(range(32, 127)) + rb"\u0041\x41+-"


def _is_text_encoding(info: codecs.CodecInfo) -> bool:
    if not getattr(info, "_is_text_encoding", True):
        return False
    text = _ASCII_PROBE.decode("ascii")
    try:
        return _ASCII_PROBE.decode(info.name) == text and text.encode(info.name) == _ASCII_PROBE
    except (UnicodeError, TypeError, ValueError, LookupError):
        return False


def encode_xml(text: str, encoding: str, bom: bytes) -> bytes:
    """The bytes of `text`; a character the file's encoding lacks becomes a character reference.

    A fix may bring in a character (é, ’) that a windows-1252 or ASCII file cannot hold; `&#233;`
    is the same character to every XML reader, so the file stays valid and means what it should.
    """
    return bom + text.encode(encoding, errors="xmlcharrefreplace")


def refuse_hostile_prolog(text: str, path: str) -> None:
    """InputError for a DOCTYPE with an internal subset (`<!DOCTYPE x [ ... ]>`); the rest of
    the file is not read.

    An internal subset can declare entities, default attributes and comments that hold `]>`
    and markup: what a DTD-reading parser makes of the file is then not the text mtqa's offset
    scanner walks. No translation file needs one, so it is refused, and what mtqa checks is
    what every reader of the file sees. A DOCTYPE that only names a DTD (`<!DOCTYPE tmx SYSTEM
    "tmx14.dtd">`, common in TMX) is allowed: the parser never loads it.
    """
    subset = _internal_subset(text)
    if subset is None:
        return
    if _ENTITY_DECL.search(text, subset):
        raise InputError(
            path, "refused: the file declares XML entities (<!ENTITY>), which mtqa never expands"
        )
    raise InputError(
        path,
        "refused: the DOCTYPE has an internal subset ([...]), which mtqa does not read; "
        "remove it",
    )


def _internal_subset(text: str) -> int | None:
    """Where the DOCTYPE's internal subset opens (its `[`), or None. The prolog is read as XML
    defines it (declaration, comments, processing instructions, then the DOCTYPE), so a
    comment or instruction before the DOCTYPE, whatever it holds, cannot hide it."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n\ufeff":
            i += 1
        if text.startswith("<?", i):
            close = text.find("?>", i + 2)
        elif text.startswith("<!--", i):
            close = text.find("-->", i + 4)
        elif text.startswith("<!DOCTYPE", i):
            break
        else:
            return None  # the root element (or not XML): no DOCTYPE
        if close == -1:
            return None
        i = close + 2 + (text[close] == "-")
    # The name and the external ID (keywords and quoted literals, which may hold `[` or `>`).
    i += len("<!DOCTYPE")
    while i < n:
        c = text[i]
        if c in "\"'":
            close = text.find(c, i + 1)
            if close == -1:
                return None
            i = close + 1
        elif c == "[":
            return i
        elif c == ">":
            return None
        else:
            i += 1
    return None


def _parse(data: bytes):
    """lxml's root of `data` (None for no root element), or the one-line reason it is not
    well-formed. lxml loads here, when an XML file is read, not on every run."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        strip_cdata=False,
    )
    try:
        return etree.fromstring(data, parser), None
    except etree.XMLSyntaxError as exc:
        msg = str(exc).splitlines()[0] if str(exc) else "syntax error"
        return None, f"not well-formed XML: {msg}"


def parse_bytes(data: bytes, path: str, text: str | None = None):
    """The root element of a well-formed, non-hostile XML file, or a one-line InputError."""
    if text is not None:
        refuse_hostile_prolog(text, path)
    root, problem = _parse(data)
    if problem is not None:
        raise InputError(path, problem)
    if root is None:
        raise InputError(path, "not well-formed XML: no root element")
    return root


def well_formed_problem(data: bytes) -> str | None:
    """Why `data` is not well-formed XML, or None (for checking a fixed file before writing)."""
    return _parse(data)[1]
