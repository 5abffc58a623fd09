"""What LibreOffice makes of Word documents: their body text with every tracked change
accepted, and their comments. An independent reader for the Word tests and benchmarks.

    python benchmarks/libreoffice_view.py FILE.docx [FILE.docx ...]

LibreOffice (`soffice`, Debian's libreoffice-writer-nogui) converts each file to OpenDocument,
which keeps tracked changes: deleted text moves to a list of changes, and the paragraphs hold
the text as it reads with every change accepted. Prints one JSON line per file:
{"path": ..., "paragraphs": [...], "comments": [...]}, or {"path": ..., "error": ...} for a
file LibreOffice cannot open.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SKIP = {f"{{{TEXT}}}tracked-changes", f"{{{OFFICE}}}annotation"}


def _text(el) -> str:
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            pass
        elif tag == f"{{{TEXT}}}s":
            out.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        elif tag == f"{{{TEXT}}}tab":
            out.append("\t")
        elif tag == f"{{{TEXT}}}line-break":
            out.append("\u2028")
        else:
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def read_odt(data: bytes) -> dict:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        root = etree.fromstring(z.read("content.xml"))
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    paragraphs = []
    for el in body.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
        if any(a.tag in _SKIP for a in el.iterancestors()):
            continue
        paragraphs.append(_text(el))
    comments = [
        "\n".join(_text(p) for p in a.iter(f"{{{TEXT}}}p"))
        for a in body.iter(f"{{{OFFICE}}}annotation")
    ]
    return {"paragraphs": paragraphs, "comments": comments}


def view(paths: list[str]) -> list[dict]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found (apt-get install libreoffice-writer-nogui)")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        # Each file under a name of its own: LibreOffice names its output after the input's
        # stem, and files of one name from two folders would overwrite each other's.
        (Path(tmp) / "in").mkdir()
        copies = []
        for i, path in enumerate(paths):
            copies.append(Path(tmp) / "in" / f"{i}{Path(path).suffix}")
            shutil.copyfile(path, copies[-1])
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "odt", "--outdir", tmp, *map(str, copies)],
            capture_output=True, text=True, timeout=1800,
        )
        for path, copy in zip(paths, copies, strict=True):
            odt = Path(tmp) / (copy.stem + ".odt")
            if not odt.exists():
                out.append({"path": path, "error": "LibreOffice could not open it"})
                continue
            out.append({"path": path, **read_odt(odt.read_bytes())})
    return out


def main() -> None:
    for result in view(sys.argv[1:]):
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
