"""Accept every tracked change in LibreOffice and print the text it then holds: the editor's
"Accept All", done by LibreOffice itself, for the Word tests and benchmarks.

    python3 benchmarks/libreoffice_accept.py FILE.docx [FILE.docx ...]

It needs `soffice` and LibreOffice's Python bridge (`import uno`: Debian's python3-uno, which
libreoffice-writer-nogui recommends); run it with the Python that has the bridge, usually the
system's `python3`. One LibreOffice process opens every file in turn, hidden, runs Edit > Track
Changes > Accept All (`.uno:AcceptAllTrackedChanges`) and saves the result as UTF-8 text, one
line per paragraph, as LibreOffice's own text export writes it. Prints one JSON line per file:
{"path": ..., "revisions": tracked changes before, "left": after, "text": ...}, or
{"path": ..., "error": ...} for a file LibreOffice cannot open. Nothing given is changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # LibreOffice's bridge: python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START_SECONDS = 120  # LibreOffice's first start makes its profile: a few seconds, more on CI


def _property(name: str, value) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, soffice: subprocess.Popen):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.1)


def accept_all(paths: list[str]) -> list[dict]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found (apt-get install libreoffice-writer-nogui)")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        pipe = f"mtqa-accept-{os.getpid()}"
        process = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo",
             f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
             f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            context = _connect(pipe, process)
            services = context.ServiceManager
            desktop = services.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            dispatch = services.createInstanceWithContext(
                "com.sun.star.frame.DispatchHelper", context
            )
            text_file = Path(tmp, "accepted.txt")
            for path in paths:
                out.append(_accept_one(desktop, dispatch, path, text_file))
            desktop.terminate()
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return out


def _accept_one(desktop, dispatch, path: str, text_file: Path) -> dict:
    url = Path(path).resolve().as_uri()
    try:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
    except Exception as exc:  # a UNO IllegalArgumentException or IOException
        return {"path": path, "error": f"LibreOffice could not open it ({exc})"}
    if doc is None or not hasattr(doc, "getRedlines"):
        return {"path": path, "error": "LibreOffice could not open it as a text document"}
    try:
        revisions = doc.getRedlines().getCount()
        frame = doc.getCurrentController().getFrame()
        dispatch.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        left = doc.getRedlines().getCount()
        doc.storeToURL(
            text_file.as_uri(),
            (_property("FilterName", "Text (encoded)"), _property("FilterOptions", "UTF8,LF")),
        )
    finally:
        doc.close(True)
    text = text_file.read_text(encoding="utf-8-sig")
    return {"path": path, "revisions": revisions, "left": left, "text": text}


def main() -> None:
    for result in accept_all(sys.argv[1:]):
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
