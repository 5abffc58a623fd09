"""Conformance of the bilingual readers on real files (XLIFF 1.x/2.x, TMX from CAT tools and
localisation frameworks, the OASIS and Okapi test suites).

    python benchmarks/conformance_bilingual.py [DIR]   (default: ../shared/realworld/bilingual)

For every file:
1. a file outside `invalid/` and `hostile/` must be read without error; a file inside them must
   be refused with a one-line InputError or read safely (never a crash or a hang);
2. writing the document back with no edits must give the same bytes;
3. an edit to a target (the first word of the first target, replaced by text that needs XML
   escaping) must leave a file that the same reader and lxml accept, whose segments are the same,
   and whose bytes before and after the edited text are unchanged;
4. `mtqa fix` with the default glossary must leave a file that passes the same checks;
5. every target's coded text (each inline code one character: what retranslation rewrites),
   rendered back with its own codes' markup, must read back as the same words and codes.
PO catalogues get the same checks but lxml's. Files of a format mtqa has no reader for are
listed as skipped. Prints a Markdown summary (for docs/benchmarks.md) and writes
benchmarks/results/conformance_bilingual.json. Exit status 1 when a file fails.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from mtqa import default_glossary  # noqa: E402
from mtqa.checks import CheckContext  # noqa: E402
from mtqa.documents.coded import render  # noqa: E402
from mtqa.errors import InputError  # noqa: E402
from mtqa.fixing import fix_document  # noqa: E402
from mtqa.readers import read_document, reader_for_path, reader_of, reread  # noqa: E402
from mtqa.readers.xmlbase import XmlReader  # noqa: E402

_WORD = re.compile(r"(?<![&#\w])[^\W\d_]{2,}(?![\w;])")
_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
EDIT = "mtqa & <edit>"


def _lxml_accepts(data: bytes) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return True


def _is_xml(doc) -> bool:
    return isinstance(reader_of(doc), XmlReader)


def _verify(doc, new_text: str, start: int, end: int, original: bytes) -> str | None:
    """Why a target edit of [start, end) left a bad file, or None."""
    reader = reader_of(doc)
    try:
        after = reread(doc, new_text)
    except InputError as exc:
        return f"reread failed: {exc.reason}"
    why = reader.structure_change(doc, after)
    if why:
        return f"structure changed: {why}"
    if [s.id for s in after.segments] != [s.id for s in doc.segments]:
        return "segments changed"
    out = reader.encode(doc, new_text)
    if _is_xml(doc) and not _lxml_accepts(out):
        return "lxml refuses the written file"
    before = reader.encode(doc, doc.text[:start])
    after_bytes = doc.text[end:].encode(doc.encoding, errors="xmlcharrefreplace")
    if not (out.startswith(before) and original.startswith(before)):
        return "bytes before the edit changed"
    if not (out.endswith(after_bytes) and original.endswith(after_bytes)):
        return "bytes after the edit changed"
    return None


def _edit_first_word(doc, data: bytes) -> tuple[bool, str | None]:
    reader = reader_of(doc)
    for block in doc.blocks:
        if block.kind != "prose":
            continue
        for s, e in block.spans:
            m = _WORD.search(doc.text, s, e)
            if m is None or "&" in doc.text[m.start() : m.end()]:
                continue
            new = doc.text[: m.start()] + reader.escape(EDIT) + doc.text[m.end() :]
            why = _verify(
                doc, new, m.start(), m.end() + len(reader.escape(EDIT)) - len(m.group()), data
            )
            if why is None:
                edited = reread(doc, new)
                seg = next(x for x in edited.segments if x.id == block.segment)
                if EDIT not in (seg.target or ""):
                    why = "the edited target does not read back as written"
            return True, why
    return False, None


def _check_coded(doc) -> tuple[int, str | None]:
    """(targets with inline codes, why a target's coded text does not render back, or None)."""
    reader = reader_of(doc)
    with_codes = 0
    for seg in doc.segments:
        if seg.target_coded is None:
            continue
        with_codes += bool(seg.target_inline)
        markup = [c.markup for c in seg.target_inline]
        out = render(seg.target_coded, markup, reader.escape)
        if out == doc.text[seg.target_start : seg.target_end]:
            continue
        # Another escaping or CDATA: the reader must still see the same words and codes.
        again = reread(doc, doc.text[: seg.target_start] + out + doc.text[seg.target_end :])
        same = next((x for x in again.segments if x.target_start == seg.target_start), None)
        if same is None or (same.target, same.target_coded, same.target_inline) != (
            seg.target,
            seg.target_coded,
            seg.target_inline,
        ):
            return with_codes, f"segment {seg.id}: its coded text does not render back"
    return with_codes, None


def _check_fix(doc, data: bytes, ctx: CheckContext) -> tuple[bool, str | None]:
    result = fix_document(doc, context=ctx)
    if not result.changed:
        return False, None
    reader = reader_of(doc)
    try:
        after = reread(doc, result.fixed)
    except InputError as exc:
        return True, f"fixed text refused: {exc.reason}"
    why = reader.structure_change(doc, after)
    if why:
        return True, f"fix changed structure: {why}"
    if _is_xml(doc) and not _lxml_accepts(reader.encode(doc, result.fixed)):
        return True, "lxml refuses the fixed file"
    return True, None


def run(folder: Path) -> dict:
    ctx = CheckContext(glossary=default_glossary())
    rows = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix in (".md", ".py"):
            continue
        rel = path.relative_to(folder).as_posix()
        expect_valid = not ({"invalid", "hostile"} & set(path.parts))
        row = {"file": rel, "bytes": path.stat().st_size, "expect_valid": expect_valid}
        rows.append(row)
        if reader_for_path(path) is None:
            row["status"] = "skipped (no reader)"
            continue
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            doc = read_document(path)
        except InputError as exc:
            row["read_s"] = time.perf_counter() - t0
            row["status"] = "fail" if expect_valid else "refused"
            row["reason"] = exc.reason
            continue
        except Exception as exc:  # a crash is a failure whatever the file
            row["status"] = "fail"
            row["reason"] = f"crash: {type(exc).__name__}: {exc}"
            continue
        row["read_s"] = time.perf_counter() - t0
        row["segments"] = len(doc.segments)
        problems = []
        if reader_of(doc).encode(doc, doc.text) != data:
            problems.append("write-back not byte-identical")
        edited, why = _edit_first_word(doc, data)
        row["edited"] = edited
        if why:
            problems.append(f"edit: {why}")
        row["coded_targets"], why = _check_coded(doc)
        if why:
            problems.append(f"coded: {why}")
        fixed, why = _check_fix(doc, data, ctx)
        row["fixed"] = fixed
        if why:
            problems.append(f"fix: {why}")
        row["status"] = "fail" if problems else ("ok" if expect_valid else "read safely")
        if problems:
            row["reason"] = "; ".join(problems)
    return {"rows": rows}


def summary(result: dict) -> str:
    rows = result["rows"]
    count = lambda st: sum(1 for r in rows if r["status"] == st)  # noqa: E731
    valid = [r for r in rows if r["expect_valid"] and not r["status"].startswith("skipped")]
    bad = [r for r in rows if not r["expect_valid"]]
    lines = [
        "| files | read | byte-identical write-back | target edit verified | mtqa fix verified "
        "| invalid/hostile refused or read safely | skipped (no reader) | failures |",
        "|---|---|---|---|---|---|---|---|",
        f"| {len(rows)} | {sum(1 for r in valid if r['status'] == 'ok')}/{len(valid)} "
        f"| {sum(1 for r in rows if 'segments' in r and 'write-back' not in r.get('reason', ''))}"
        f"/{sum(1 for r in rows if 'segments' in r)} "
        f"| {sum(1 for r in rows if r.get('edited') and 'edit:' not in r.get('reason', ''))}"
        f"/{sum(1 for r in rows if r.get('edited'))} "
        f"| {sum(1 for r in rows if r.get('fixed') and 'fix:' not in r.get('reason', ''))}"
        f"/{sum(1 for r in rows if r.get('fixed'))} "
        f"| {count('refused') + count('read safely')}/{len(bad)} "
        f"| {count('skipped (no reader)')} | {count('fail')} |",
    ]
    for r in rows:
        if r["status"] == "fail":
            lines.append(f"- FAIL {r['file']}: {r.get('reason')}")
    return "\n".join(lines)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/realworld/bilingual"
    if not folder.is_dir():
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    result = run(folder)
    out = HERE / "results" / "conformance_bilingual.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(result))
    return 1 if any(r["status"] == "fail" for r in result["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
