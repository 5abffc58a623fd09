"""The seed article as a Word document reads and fixes as the Markdown seed does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from mtqa import default_glossary
from mtqa.cli import app
from mtqa.fixing import fix_document
from mtqa.linter import lint_document
from mtqa.readers import read_document, reader_of, reread
from mtqa.readers.docx.verify import view

from ..conftest import SEED_ARTICLE
from ..docx_builder import W, from_markdown


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    md = read_document(SEED_ARTICLE)
    data, places = from_markdown(md)
    path = tmp_path_factory.mktemp("seed") / "seed.docx"
    path.write_bytes(data)
    return md, read_document(path), places


def _md_key(finding, places):
    """A Markdown finding as (paragraph, offset in its prose, code, text, severity, fix)."""
    for index, where in enumerate(places):
        for start, end, offset in where:
            if start <= finding.start and finding.end <= end:
                return (index, offset + finding.start - start, *_facts(finding))
    raise AssertionError(f"a finding outside prose: {finding}")


def _facts(f):
    return f.code, f.text, f.severity.value, f.fix and tuple(e.text for e in f.fix.edits)


def test_same_findings_paragraph_for_paragraph(seed):
    md, word, places = seed
    glossary = default_glossary()
    want = sorted(_md_key(f, places) for f in lint_document(md, glossary))
    got = sorted(
        (f.extra["paragraph"] - 1, f.extra["char"], *_facts(f))
        for f in lint_document(word, glossary)
    )
    assert len(got) > 100
    assert got == want


def test_fixes_round_trip(seed):
    """Accept every change and the text is the fixed Markdown's prose; reject every change and
    it is the original."""
    md, word, _ = seed
    glossary = default_glossary()
    fixed_md = fix_document(md, glossary)
    fixed_word = fix_document(word, glossary)
    assert len(fixed_word.applied) == len(fixed_md.applied) > 0
    data = reader_of(word).fixed_bytes(word, fixed_word)
    want, _ = from_markdown(reread(md, fixed_md.fixed))
    root = etree.fromstring(parts_of(data)["word/document.xml"])
    wanted = etree.fromstring(parts_of(want)["word/document.xml"])
    assert paragraphs(view(root, accept=True)) == paragraphs(wanted)
    assert "\n".join(paragraphs(view(root, accept=False))) == word.text


def paragraphs(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def parts_of(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _python_with_uno() -> str | None:
    """A Python that has LibreOffice's bridge (Debian's python3-uno is the system's)."""
    for exe in dict.fromkeys([sys.executable, shutil.which("python3"), "/usr/bin/python3"]):
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    return None


def test_accept_all_in_libreoffice_gives_the_clean_copy(tmp_path):
    """The seed as Word, fixed with tracked changes and every change accepted in LibreOffice,
    reads as `mtqa fix --clean` of the same document does, in LibreOffice and in mtqa."""
    python = _python_with_uno()
    if shutil.which("soffice") is None or python is None:
        pytest.skip("LibreOffice (soffice) or its Python bridge (python3-uno) absent")
    data, _ = from_markdown(read_document(SEED_ARTICLE))
    tracked, clean = tmp_path / "tracked.docx", tmp_path / "clean.docx"
    original = tmp_path / "original.docx"
    for path in (tracked, clean, original):
        path.write_bytes(data)
    fixed = []
    for path, options in ((tracked, []), (clean, ["--clean"])):
        r = CliRunner().invoke(app, ["fix", str(path), *options])
        assert r.exit_code in (0, 1), r.output
        fixed.append(int(re.search(r"Fixed (\d+) findings", r.stderr).group(1)))
    assert fixed[0] == fixed[1] > 0
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "libreoffice_accept.py"
    out = subprocess.run([python, str(script), str(tracked), str(clean)], capture_output=True,
                         text=True, timeout=600, check=True).stdout
    accepted, clean_copy = (json.loads(line) for line in out.splitlines())
    # Each fix is a deletion and an insertion: LibreOffice counts at least one change per fix.
    assert accepted["revisions"] >= fixed[0] and accepted["left"] == 0
    assert clean_copy["revisions"] == 0
    assert accepted["text"] == clean_copy["text"]
    assert accepted["text"] == read_document(clean).text + "\n"
    assert read_document(clean).text != read_document(original).text
