"""Which sense a glossary match has, from the context words of its sentence (an entry's `context`).

"existence" of forces is a presence; of a document, it is not: an `avoid_near` word in the
sentence means another sense, a `safe_near` word makes the fix safe.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...glossary.model import Context
from ...matching.sentences import sentence_bounds
from ...normalize import BLOCK_BREAK

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _sentence(folded: str, start: int, end: int, reach: int) -> tuple[int, int, int, int]:
    """(paragraph lo, sentence lo, sentence hi, paragraph hi) around a match, within `reach`."""
    lo = max(0, start - reach)
    lo = max(lo, folded.rfind(BLOCK_BREAK, lo, start) + 1)
    hi = min(len(folded), end + reach)
    cut = folded.find(BLOCK_BREAK, end, hi)
    hi = hi if cut == -1 else cut
    s_lo, s_hi = sentence_bounds(folded, start, end, lo, hi)
    return lo, s_lo, s_hi, hi


@lru_cache(maxsize=1024)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """One regex for a list of context words ("force*" is a prefix, "a b" a phrase)."""
    alternatives = [
        re.escape(w[:-1]) + r"[^\s|]*" if w.endswith("*") else re.escape(w) for w in words
    ]
    return re.compile(r" (?:" + "|".join(alternatives) + r")(?= )")


def context_verdict(ctx: Context, folded: str, start: int, end: int) -> tuple[bool, str | None]:
    """(skip, unsafe_reason): skip when another sense is meant; unsafe when no safe context.

    The context of a match is its own sentence (at most `window` words each side): an
    `avoid_near` word there means another sense (not reported), unless a `safe_near` word is
    there too (mixed: reported, fix unsafe); a `safe_near` word alone makes the fix safe.
    Neighbouring sentences count only when the sentence has neither kind of word: an avoid
    word there makes the sense unclear (reported, fix unsafe). A fix whose entry lists safe
    words is safe only with one of them in the sentence.
    """
    if ctx.is_empty:
        return False, None
    reach = ctx.window * 24  # generous characters per word; bounded so huge blocks stay linear
    lo, s_lo, s_hi, hi = _sentence(folded, start, end, reach)
    before = _WORD.findall(folded, s_lo, start)[-ctx.window :]
    after = _WORD.findall(folded, end, s_hi)[: ctx.window]
    sentence = " " + " ".join(before) + " | " + " ".join(after) + " "
    avoid = _pattern(ctx.avoid_near) if ctx.avoid_near else None
    safe = _pattern(ctx.safe_near).search(sentence) if ctx.safe_near else None
    avoided = avoid.search(sentence) if avoid is not None else None
    if avoided and safe:
        return False, (
            f"its sentence has both '{safe.group().strip()}' and "
            f"'{avoided.group().strip()}': the sense is unclear"
        )
    if avoided:
        return True, None
    if safe:
        return False, None
    if avoid is not None:
        window_left = ctx.window - len(before)
        window_right = ctx.window - len(after)
        neighbours = (_WORD.findall(folded, lo, s_lo)[-window_left:] if window_left > 0 else []) + (
            _WORD.findall(folded, s_hi, hi)[:window_right] if window_right > 0 else []
        )
        found = avoid.search(" " + " ".join(neighbours) + " ")
        if found:
            return False, (
                f"'{found.group().strip()}' in a neighbouring sentence may mean another sense"
            )
    if ctx.safe_near:
        shown = ", ".join(ctx.safe_near[:4])
        return False, f"no context word ({shown}, ...) in its sentence"
    return False, None
