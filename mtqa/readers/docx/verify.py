"""Checks on a written Word package before it replaces the file.

The package is opened again from its bytes and must: keep every part the fixes did not touch
byte for byte; read back as the fixed text (pending changes accepted); and, in each edited story,
have the original's element structure with every revision accepted, and with every revision
rejected give back the original's text. Revisions are accepted or rejected here as Word does
it, and runs of equal formatting are merged, since a tracked change splits the runs it touches.
"""

from __future__ import annotations

from .package import Package, open_package
from .stories import read_layout
from .xml import names_for, parse_part


def written_problem(before: Package, data: bytes, fixed_text: str, changed: frozenset[str],
                    path: str, tracked: bool = True) -> str | None:
    """Why the written package `data` is not a faithful fix of `before`, or None. `tracked`:
    the fixes are revisions, so rejecting them all must give the original text back."""
    after = open_package(data, path)
    for name, old in before.parts.items():
        new = after.parts.get(name)
        if new is None:
            return f"{name} went missing"
        if new != old and name not in changed:
            return f"{name} changed, though no fix touched it"
    for name in after.parts:
        if name not in before.parts and name not in changed:
            return f"{name} appeared"
    if read_layout(after, path).text != fixed_text:
        return "the written file does not read back as the fixed text"
    for name in changed:
        if name not in before.parts or name == "[Content_Types].xml" or name.endswith(".rels"):
            continue
        old_root = parse_part(before.parts[name], path, name)
        new_root = parse_part(after.parts[name], path, name)
        if old_root.tag == names_for(old_root).comments:  # new comments after the old ones
            if _kept(old_root, new_root):
                continue
            return f"{name}: the comments already there changed"
        for accept in (True, False):
            if _shape(old_root, accept) != _shape(new_root, accept):
                mode = "accepted" if accept else "rejected"
                return f"{name}: the structure changed (revisions {mode})"
        if tracked and _text(old_root, False) != _text(new_root, False):
            return f"{name}: rejecting every revision does not give the original text back"
    return None


def _kept(old_root, new_root) -> bool:
    """Whether `new_root` begins with `old_root`'s children, unchanged."""
    from lxml import etree

    old, new = list(old_root), list(new_root)
    return len(new) >= len(old) and all(
        etree.tostring(a) == etree.tostring(b) for a, b in zip(old, new, strict=False)
    )


def view(root, accept: bool):
    """A copy of a story part with every revision accepted (or rejected), without comment
    anchors, rsids and proofing marks, and with adjacent text runs of equal formatting merged."""
    import copy

    n = names_for(root)
    root = copy.deepcopy(root)
    keep, drop = ((n.ins, n.moveTo), (n.delete, n.moveFrom))
    if not accept:
        keep, drop = drop, keep
    for el in list(root.iter(*drop)):
        el.getparent().remove(el)
    for el in list(root.iter(*keep)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == n.rPr:
            parent.remove(el)
            continue
        i = parent.index(el)
        for child in reversed(list(el)):
            parent.insert(i, child)
        parent.remove(el)
    if not accept:
        for el in root.iter(n.delText):
            el.tag = n.t
        for el in root.iter(n.delInstrText):
            el.tag = n.instrText
    for el in list(root.iter(n.rPrChange, n.pPrChange, n.commentRangeStart,
                             n.commentRangeEnd, n.proofErr)):
        el.getparent().remove(el)
    for run in list(root.iter(n.r)):
        if run.find(n.commentReference) is not None:
            run.getparent().remove(run)
    for el in root.iter():
        for name in [a for a in el.attrib if "rsid" in a]:
            del el.attrib[name]
    _merge_runs(root, n)
    return root


def _merge_runs(root, n) -> None:
    from lxml import etree

    def rpr(run):
        r = run.find(n.rPr)
        return b"" if r is None else etree.tostring(r)

    def text_only(run):
        return all(c.tag in (n.rPr, n.t) for c in run)

    for parent in list(root.iter()):
        prev = None
        for el in list(parent):
            if el.tag == n.r and text_only(el):
                ts = el.findall(n.t)
                if prev is not None and rpr(prev) == rpr(el):
                    pt = prev.find(n.t)
                    for t in ts:
                        if pt is None:
                            prev.append(t)
                            pt = t
                        else:
                            pt.text = (pt.text or "") + (t.text or "")
                    parent.remove(el)
                    continue
                for extra in ts[1:]:
                    ts[0].text = (ts[0].text or "") + (extra.text or "")
                    el.remove(extra)
                prev = el
            else:
                prev = None


def _shape(root, accept: bool) -> list[tuple]:
    n = names_for(root)
    out = []
    for el in view(root, accept).iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == n.t:
            out.append(("t",))
            continue
        out.append((el.tag, tuple(sorted(el.attrib.items()))))
    return out


def _text(root, accept: bool) -> str:
    n = names_for(root)
    return "\n".join(
        "".join(t.text or "" for t in p.iter(n.t)) for p in view(root, accept).iter(n.p)
    )
