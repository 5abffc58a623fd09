"""Outputs of `mtqa retranslate`: a readable list of verdicts, or JSON for other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable


def render_retranslate_text(result) -> Iterable[str]:
    for o in result.accepted + result.suggestions:
        verdict = "accepted" if o.accepted else "rejected: " + "; ".join(o.reasons)
        yield f"{o.path}:{o.segment_id}: {verdict} (chrF {o.chrf:.1f})\n"
        yield f"  - {o.current}\n  + {o.candidate}\n"


def render_retranslate_json(result) -> Iterable[str]:
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
    written = sum(f.written for f in result.files)
    rejected = len({(o.path, o.segment_id) for o in result.suggestions})
    return (
        f"{len(result.accepted)} accepted, {rejected} rejected; {result.translated} translated, "
        f"{result.cache_hits} from cache; {written} file{'s' if written != 1 else ''} written. "
        f"{result.signature}"
    )
