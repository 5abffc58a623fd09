"""Small Word packages for the tests, written from WordprocessingML snippets.

`package(body)` gives the bytes of a valid .docx whose body is `body` (paragraph XML with the
`w:` prefix); footnotes, endnotes, headers, footers and styles are added when given. Each test
writes the one construct it is about, so a failure points at it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'mc:Ignorable="wps"'
)
# The glossary of the Word tests: safe fixes of one word and of two, and one with a note.
GLOSSARY = """\
name: word-tests
language: {source: ar, target: en}
entries:
  - {id: presence, preferred: presence, variants: [existence], fix: safe}
  - {id: for-instance, preferred: for instance, variants: [for example], fix: safe}
  - {id: colour, preferred: color, variants: [colour], fix: safe}
  - {id: site, preferred: website, variants: [site], fix: safe, note: "Say website in full."}
"""
# A text box, as Word writes one: a drawing in mc:Choice, and a VML copy in mc:Fallback for
# older versions; format() with the two copies' paragraphs.
BOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><a:graphic>'
    "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    "<v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def p(*runs: str, style: str | None = None) -> str:
    """A paragraph of run XML (or plain strings, each one run)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(r if r.startswith('<') else run(r) for r in runs)}</w:p>"


def run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def package(
    body: str,
    footnotes: list[str] | None = None,
    endnotes: list[str] | None = None,
    headers: list[str] | None = None,
    footers: list[str] | None = None,
    styles: str | None = None,
    extra_parts: dict[str, bytes] | None = None,
    related: dict[str, tuple[str, str, str]] | None = None,
) -> bytes:
    """`related`: more parts the main document relates to, by name ("word/comments.xml"):
    (relationship type, content type, the part's XML)."""
    parts: dict[str, str] = {}
    rels = []
    overrides = [("/word/document.xml", f"{CT}.document.main+xml")]
    parts["word/document.xml"] = (
        f"{DECL}<w:document {NS}><w:body>{body}"
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>'
    )
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        items = [
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            f"<w:continuationSeparator/></w:r></w:p></w:{kind}>",
        ]
        items += [f'<w:{kind} w:id="{i}">{note}</w:{kind}>' for i, note in enumerate(notes, 1)]
        parts[f"word/{kind}s.xml"] = f"{DECL}<w:{kind}s {NS}>{''.join(items)}</w:{kind}s>"
        rels.append((f"{kind}s", f"{kind}s.xml"))
        overrides.append((f"/word/{kind}s.xml", f"{CT}.{kind}s+xml"))
    for kind, tag, items in (("header", "hdr", headers), ("footer", "ftr", footers)):
        for i, content in enumerate(items or [], 1):
            parts[f"word/{kind}{i}.xml"] = f"{DECL}<w:{tag} {NS}>{content}</w:{tag}>"
            rels.append((kind, f"{kind}{i}.xml"))
            overrides.append((f"/word/{kind}{i}.xml", f"{CT}.{kind}+xml"))
    if styles is not None:
        parts["word/styles.xml"] = f"{DECL}<w:styles {NS}>{styles}</w:styles>"
        rels.append(("styles", "styles.xml"))
        overrides.append(("/word/styles.xml", f"{CT}.styles+xml"))
    for name, (rel_type, content_type, xml) in (related or {}).items():
        parts[name] = xml
        rels.append((rel_type, name.removeprefix("word/")))
        overrides.append((f"/{name}", content_type))
    parts["word/_rels/document.xml.rels"] = (
        f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{kind if ":" in kind else f"{REL}/{kind}"}" '
            f'Target="{target}"/>'
            for i, (kind, target) in enumerate(rels, 1)
        )
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    parts["[Content_Types].xml"] = (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, text in parts.items():
            z.writestr(name, text)
        for name, data in (extra_parts or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def write(path: Path, body: str, **kw) -> Path:
    path.write_bytes(package(body, **kw))
    return path


def part(path: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


# ---------------------------------------------------------------------------- from Markdown
def from_markdown(doc, run_length: int = 7) -> tuple[bytes, list[list[tuple[int, int, int]]]]:
    """A Word document with the prose of a Markdown document, and where each prose span went.

    Each block with prose becomes a paragraph: its spans, with only the white space of the
    markup between them (`**a** *b*` gives "a b", a link its text). The paragraph's text is
    cut into runs of `run_length` characters, mid-word as Word often cuts; headings get a
    heading style, and a block written in bold gets bold runs. Returns the package and, for
    each paragraph, (span start, span end, offset in the paragraph) of each span.
    """
    import re
    from xml.sax.saxutils import escape

    paragraphs = []
    places = []
    for block in doc.blocks:
        if not block.spans:
            continue
        text, where = "", []
        for k, (s, e) in enumerate(block.spans):
            if k:
                text += re.sub(r"\S", "", doc.text[block.spans[k - 1][1] : s])
            where.append((s, e, len(text)))
            text += doc.text[s:e]
        raw = doc.text[block.start : block.end]
        level = len(raw) - len(raw.lstrip("#")) if block.heading else 0
        rpr = "<w:b/>" if "**" in raw else ""
        runs = [
            run(escape(text[i : i + run_length]), rpr) for i in range(0, len(text), run_length)
        ]
        paragraphs.append(p(*runs, style=f"Heading{level}" if level else None))
        places.append(where)
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        "</w:style>"
        for n in range(1, 7)
    )
    return package("".join(paragraphs), styles=styles), places
