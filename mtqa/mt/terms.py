"""Glossary terms as token sequences: every tokenisation a model could use to write them.

A sentencepiece model writes "existence" as "▁existence" at the start of a word, and may write it
without the word-start marker after a hyphen or quote; capitalised at a sentence start it is other
pieces again. Banning one tokenisation leaves the others open, so each form is tokenised in all
these shapes (a ban that misses one is still caught by verification, which re-lints the output).
"""

from __future__ import annotations

from collections.abc import Iterable

MARKER = "▁"  # sentencepiece's word-start marker


def surface_forms(term: str) -> list[str]:
    """The term as written, lower-cased, and capitalised (distinct, in that order)."""
    forms = [term, term.lower(), term[:1].upper() + term[1:]]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def token_sequences(tokenizer, terms: Iterable[str]) -> list[list[int]]:
    """Target-side token id sequences for each term: with and without the word-start marker."""
    unk = getattr(tokenizer, "unk_token_id", None)
    seen: dict[tuple[int, ...], None] = {}
    for term in terms:
        for form in surface_forms(term):
            ids = _target_ids(tokenizer, form)
            if not ids:
                continue
            seen.setdefault(tuple(ids), None)
            pieces = tokenizer.convert_ids_to_tokens(ids)
            first = pieces[0]
            if first == MARKER:
                alt = ids[1:]
            elif first.startswith(MARKER):
                alt_id = tokenizer.convert_tokens_to_ids(first[len(MARKER) :])
                alt = [alt_id, *ids[1:]] if alt_id is not None and alt_id != unk else []
            else:
                alt = []
            if alt:
                seen.setdefault(tuple(alt), None)
    return [list(s) for s in seen if unk is None or unk not in s]


def _target_ids(tokenizer, text: str) -> list[int]:
    try:
        ids = tokenizer(text_target=text, add_special_tokens=False)["input_ids"]
    except TypeError:  # tokenizers without a separate target side
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    # End-of-sequence and language codes are dropped; <unk> stays so that a form the vocabulary
    # cannot write is recognised (and skipped) rather than shortened.
    special = set(getattr(tokenizer, "all_special_ids", ()) or ())
    special.discard(getattr(tokenizer, "unk_token_id", None))
    return [i for i in ids if i not in special]


def token_pieces(tokenizer, terms: Iterable[str]) -> list[list[str]]:
    """The same sequences as token strings (CTranslate2 takes tokens, not ids)."""
    return [tokenizer.convert_ids_to_tokens(s) for s in token_sequences(tokenizer, terms)]
