"""Checks of a Word review copy against the document it was made from, independent of mtqa's
own write checks.

    python benchmarks/review_copy_check.py BEFORE.docx AFTER.docx [--checker CHECK.py]
                                           [--author mtqa]

A review copy adds comments; a structure checker that compares the comments part as a story
(as one written for fixed copies does) reports every added comment as a change. So:
- `without_own_comments(AFTER)` is the copy with the author's comments taken out again, from
  the comments part and their anchors from every story; `--checker` (a script taking BEFORE
  AFTER --expect tracked, exit status 1 on a problem) judges that;
- `own_problems(BEFORE, AFTER)` checks what the author added: each of its comment and
  revision ids is used by nothing else (Word shares one id space between bookmarks, comments
  and revisions); each of its comments is anchored once (range start, range end, reference);
  the comments already there are kept as they were; and the parts that describe comments by
  their paragraph ids (commentsExtended, commentsIds, commentsExtensible) still name only
  comments that exist.
Prints the problems, one a line; exit status 1 when there is one.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
STORY = re.compile(r"(document\d*|footnotes|endnotes|header\d*|footer\d*)\.xml$")
REVISIONS = tuple(f"{{{W}}}{t}" for t in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
    "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "moveFromRangeStart",
    "moveToRangeStart", "customXmlInsRangeStart", "customXmlDelRangeStart",
))
ANCHORS = tuple(f"{{{W}}}{t}" for t in ("commentRangeStart", "commentRangeEnd", "commentReference"))
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
ID = f"{{{W}}}id"
AUTHOR = f"{{{W}}}author"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name], PARSER)


def _comments_parts(parts: dict[str, bytes]) -> list[str]:
    """Parts whose root is w:comments (a document relates to one; its name may vary)."""
    out = []
    for name, data in parts.items():
        if name.endswith(".xml") and b"comments" in data[:2000]:
            try:
                if _xml(parts, name).tag == f"{{{W}}}comments":
                    out.append(name)
            except etree.XMLSyntaxError:
                pass
    return out


def _stories(parts: dict[str, bytes]) -> list[str]:
    return [n for n in parts if n.startswith("word/") and STORY.search(n)]


def without_own_comments(data: bytes, author: str = "mtqa") -> bytes:
    """The package with `author`'s comments and their anchors taken out."""
    parts = _parts(data)
    own: set[str] = set()
    changed: dict[str, bytes] = {}
    for name in _comments_parts(parts):
        root = _xml(parts, name)
        for comment in list(root):
            if comment.get(AUTHOR) == author:
                own.add(comment.get(ID))
                root.remove(comment)
        changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    for name in _stories(parts):
        root = _xml(parts, name)
        found = [el for el in root.iter(*ANCHORS) if el.get(ID) in own]
        for el in found:
            parent = el.getparent()
            if el.tag == f"{{{W}}}commentReference" and len(parent) == 1 + (
                parent.find(f"{{{W}}}rPr") is not None
            ):
                el = parent  # the run that holds the reference alone
                parent = el.getparent()
            parent.remove(el)
        if found:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                           standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, changed.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def own_problems(before: bytes, after: bytes, author: str = "mtqa") -> list[str]:
    """What is wrong with what `author` added to `before` to make `after`."""
    b, a = _parts(before), _parts(after)
    problems: list[str] = []
    uses: Counter[str] = Counter()  # every id in use, by revisions, bookmarks and comments
    own: set[str] = set()
    anchors: Counter[tuple[str, str]] = Counter()
    for name in _stories(a):
        root = _xml(a, name)
        for el in root.iter(*REVISIONS, f"{{{W}}}bookmarkStart"):
            if el.get(ID) is not None:
                uses[el.get(ID)] += 1
                if el.get(AUTHOR) == author:
                    own.add(el.get(ID))
        for el in root.iter(*ANCHORS):
            anchors[(el.get(ID), etree.QName(el).localname)] += 1
    own_comments: set[str] = set()
    para_ids: set[str] = set()
    for name in _comments_parts(a):
        root = _xml(a, name)
        for comment in root:
            uses[comment.get(ID)] += 1
            if comment.get(AUTHOR) == author:
                own_comments.add(comment.get(ID))
        para_ids.update(p.get(f"{{{W14}}}paraId") for p in root.iter(f"{{{W}}}p"))
        if name in b:
            old = [etree.tostring(c) for c in _xml(b, name)]
            if [etree.tostring(c) for c in root][: len(old)] != old:
                problems.append(f"{name}: the comments already there changed")
    for i in sorted(own | own_comments):
        if uses[i] > 1:
            problems.append(f"id {i} of {author} is used {uses[i]} times")
    for i in sorted(own_comments):
        for kind in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            if anchors[(i, kind)] != 1:
                problems.append(f"comment {i}: {anchors[(i, kind)]} {kind}")
    for name, data in a.items():
        if re.search(r"comments(Extended|Ids|Extensible)\.xml$", name):
            named = {v for el in etree.fromstring(data, PARSER).iter()
                     for k, v in el.attrib.items() if k.endswith("}paraId")}
            if named - para_ids and name != "word/commentsExtensible.xml":
                problems.append(f"{name}: names paragraphs no comment has: {sorted(named - para_ids)[:3]}")
    return problems


def check(before: Path, after: Path, checker: str | None, author: str = "mtqa") -> list[str]:
    data = after.read_bytes()
    problems = own_problems(before.read_bytes(), data, author)
    if checker is not None:
        with tempfile.TemporaryDirectory() as tmp:
            stripped = Path(tmp) / after.name
            stripped.write_bytes(without_own_comments(data, author))
            r = subprocess.run([sys.executable, checker, str(before), str(stripped), "--expect",
                                "tracked"], capture_output=True, text=True)
            if r.returncode != 0:
                problems += [line.strip() for line in r.stdout.splitlines()[1:-1]]
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--checker", help="a structure checker script (BEFORE AFTER --expect tracked)")
    ap.add_argument("--author", default="mtqa")
    args = ap.parse_args()
    problems = check(Path(args.before), Path(args.after), args.checker, args.author)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
