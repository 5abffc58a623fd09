"""A monolingual translation with its source file beside it, aligned paragraph by paragraph.

Many translations arrive as two plain documents (an Arabic article and its English version)
rather than as XLIFF. When both have the same paragraphs in the same order, the n-th prose block
of the target translates the n-th of the source, which is enough for the source-aware checks.
Front matter is not aligned (its keys are not translated). When the counts differ, alignment
would pair the wrong paragraphs, so it is refused with the two counts.
"""

from __future__ import annotations

from dataclasses import replace

from ..documents.model import DEFAULT_OPTIONS, FRONT_MATTER, Document, ReadOptions, Segment
from ..errors import InputError


def _prose_blocks(doc: Document):
    return [i for i, b in enumerate(doc.blocks) if b.kind != FRONT_MATTER and b.spans]


def block_text(doc: Document, index: int) -> str:
    block = doc.blocks[index]
    return " ".join(doc.text[s:e] for s, e in block.spans)


def align_source(target: Document, source: Document) -> Document:
    """`target` with one segment per prose paragraph, its source the paragraph of `source`."""
    t_idx, s_idx = _prose_blocks(target), _prose_blocks(source)
    if len(t_idx) != len(s_idx):
        raise InputError(
            target.path,
            f"cannot align with {source.path}: {len(t_idx)} paragraphs here, "
            f"{len(s_idx)} in the source",
        )
    blocks = list(target.blocks)
    segments = []
    for n, (ti, si) in enumerate(zip(t_idx, s_idx, strict=True), 1):
        block = blocks[ti]
        seg_id = str(n)
        blocks[ti] = block._replace(segment=seg_id)
        segments.append(
            Segment(
                id=seg_id,
                source=block_text(source, si),
                target_start=block.start,
                target_end=block.end,
                target=block_text(target, ti),
                line=target.position(block.start)[0],
                unit=seg_id,
                kind="paragraph",
            )
        )
    return replace(target, blocks=tuple(blocks), segments=tuple(segments))


def read_aligned(
    path: str, source_path: str, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    from . import read_document

    return align_source(
        read_document(path, options=options), read_document(source_path, options=options)
    )
