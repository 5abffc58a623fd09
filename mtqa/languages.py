"""Which language pair a segment is in, and which rules hold for it.

Bilingual files name their languages (XLIFF `source-language`/`target-language`, `srcLang`/
`trgLang`, TMX `srclang` and each `tuv`'s `xml:lang`, PO `Language`); a glossary names its pair
(`language: {source: ar, target: en}`). The terminology and English-style rules are written for
the glossary's target language: on a segment whose target is in another language they would
report every word, so they run only where the languages agree. The source-aware checks that do
not depend on a language (codes, numbers, untranslated text) run everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

# Languages written in Arabic script (a target in one of them is not "left in Arabic").
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug", "prs", "pnb"})


def tag(value: str | None) -> str:
    """A language tag as compared: lower case, "_" read as "-" ("en_US" = "en-us")."""
    return (value or "").strip().lower().replace("_", "-")


def primary(value: str) -> str:
    """The language of a tag without region or script ("en-us" -> "en", "zh-cn" -> "zh")."""
    return tag(value).split("-")[0]


def same_language(a: str, b: str) -> bool:
    return primary(a) == primary(b)


def arabic_script(language: str) -> bool:
    return primary(language) in ARABIC_SCRIPT


def pair_text(source: str, target: str) -> str:
    return f"{source or '?'} -> {target or '?'}"


def other_targets(targets: Iterable[str], wanted: str) -> set[str]:
    """The declared target languages that are not `wanted` (undeclared ones count as wanted)."""
    return {t for t in targets if t and not same_language(t, wanted)}


def foreign_segments(segments, target: str) -> frozenset[str]:
    """Ids of the segments whose declared target language is not `target`."""
    return frozenset(
        s.id for s in segments if s.target_lang and not same_language(s.target_lang, target)
    )


def target_language_view(doc, target: str):
    """`doc` as the target-language rules see it: without the blocks of segments in another
    target language (None when nothing is left out)."""
    from dataclasses import replace

    foreign = foreign_segments(doc.segments, target) if doc.segments else frozenset()
    if not foreign:
        return None
    return replace(doc, blocks=tuple(b for b in doc.blocks if b.segment not in foreign))


def skipped_note(doc, source: str, target: str) -> str | None:
    """One line saying that the target-language rules skipped (some of) a file, or None."""
    if not doc.segments:
        return None
    others = sorted(other_targets((s.target_lang for s in doc.segments), target))
    if not others:
        return None
    return (
        f"mtqa: note: {doc.path}: target language {', '.join(others)}, not the glossary's "
        f"{target}: terminology and English-style rules skipped there"
    )
