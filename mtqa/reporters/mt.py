"""Outputs of `mtqa retranslate`: a readable list of verdicts, or JSON for other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..wording import count
from .meta import PLAIN, RenderOptions


def render_retranslate_text(result, options: RenderOptions = PLAIN) -> Iterable[str]:
    """Per segment: its verdict, then each candidate, labelled; turned-down ones with why."""
    for o in result.accepted:
        yield f"{o.path}:{o.segment_id}: accepted (chrF {o.chrf:.1f})\n"
        yield f"  - {o.current}\n  + {o.candidate}\n"
    for (path, segment), outcomes in _by_segment(result.suggestions).items():
        yield (
            f"{path}:{segment}: no candidate accepted; "
            f"{count(len(outcomes), 'candidate')} turned down\n"
        )
        yield f"  current:     {outcomes[0].current}\n"
        for k, o in enumerate(outcomes, start=1):
            yield f"  candidate {k}: {o.candidate}\n"
            yield f"    rejected (chrF {o.chrf:.1f}): {'; '.join(o.reasons)}\n"


def _by_segment(outcomes) -> dict:
    grouped: dict = {}
    for o in outcomes:
        grouped.setdefault((o.path, o.segment_id), []).append(o)
    return grouped


def render_retranslate_json(result, options: RenderOptions = PLAIN) -> Iterable[str]:
    data = {
        "signature": result.signature,
        "translated": result.translated,
        "cache_hits": result.cache_hits,
        "files": [
            {
                "path": f.path,
                "flagged": f.flagged,
                "written": f.written,
                "error": f.error,
                "outcomes": [o.to_dict() for o in f.outcomes],
            }
            for f in result.files
        ],
        "errors": [str(e) for e in result.errors],
    }
    yield json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def summary(result) -> str:
    """Segments and candidates counted apart, and a word where a file had nothing to
    translate from (no source)."""
    written = sum(f.written for f in result.files)
    accepted = len({(o.path, o.segment_id) for o in result.accepted})
    rejected = _by_segment(result.suggestions)
    candidates = sum(len(v) for v in rejected.values())
    flagged = sum(f.flagged for f in result.files)
    line = (
        f"{count(flagged, 'segment')} with findings: {accepted} accepted, "
        f"{len(rejected)} with every candidate turned down ({count(candidates, 'candidate')}); "
        f"{result.translated} translated, {result.cache_hits} from cache; "
        f"{count(written, 'file')} written. {result.signature}"
    )
    sourceless = [f.path for f in result.files if not f.segments and not f.error]
    if sourceless:
        shown = ", ".join(sourceless[:3]) + (" ..." if len(sourceless) > 3 else "")
        line += (
            f"\nmtqa: note: {count(len(sourceless), 'file')} with no source to translate from "
            f"({shown}): retranslation reads bilingual files (XLIFF, TMX, PO) whose segments "
            "carry their source"
        )
    return line
