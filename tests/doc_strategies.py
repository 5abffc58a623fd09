"""Hypothesis strategies for documents made directly (text, blocks, spans), so a check's fast
path can be compared with its plain one on any layout of prose and holes."""

from __future__ import annotations

from hypothesis import strategies as st

from mtqa.documents.model import Block, Document


@st.composite
def documents(draw, alphabet: str, max_size: int = 200) -> Document:
    text = draw(st.text(alphabet=alphabet, max_size=max_size))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    blocks, i = [], 0
    while i < len(spans):  # one or two spans to a block
        group = spans[i : i + 1 + draw(st.integers(0, 1))]
        blocks.append(Block(group[0][0], group[-1][1], tuple(group)))
        i += len(group)
    return Document(path="t", text=text, blocks=tuple(blocks))
