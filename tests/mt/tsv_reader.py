"""A two-column bilingual format for the tests, until the XLIFF/TMX readers fill segments.

Each line is `id<TAB>source<TAB>target`; the target is the prose, one block per line, and names
its segment, as a bilingual reader's target blocks do.
"""

from __future__ import annotations

from mtqa.documents import Block, Segment
from mtqa.readers import Parsed, Reader, readers, register


class TsvReader(Reader):
    name = "test-bitsv"
    extensions = (".bitsv",)
    bilingual = True

    def parse(self, text: str, path: str) -> Parsed:
        blocks, segments, pos = [], [], 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            parts = body.split("\t")
            if len(parts) == 3:
                seg_id, source, target = parts
                start = pos + len(seg_id) + len(source) + 2
                end = start + len(target)
                segments.append(Segment(seg_id, source, start, end, target=target))
                blocks.append(Block(start, end, ((start, end),), segment=seg_id))
            pos += len(line)
        return Parsed(tuple(blocks), tuple(segments))


def ensure_registered() -> None:
    if not any(r.name == TsvReader.name for r in readers()):
        register(TsvReader())


def write_bitsv(path, rows) -> None:
    path.write_text("".join(f"{i}\t{s}\t{t}\n" for i, s, t in rows), encoding="utf-8")
