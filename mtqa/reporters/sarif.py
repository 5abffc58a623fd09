"""SARIF 2.1.0 for code-scanning dashboards, with the rules' metadata and the fixes."""

from __future__ import annotations

import json
from pathlib import Path

from ..checks import ALL_RULES
from ..findings import place
from ..fingerprints import SARIF_KEY, fingerprints
from .model import RunReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return Path(path).as_posix()


def render(report: RunReport) -> str:
    rules = [r for r in ALL_RULES if r.code in report.signature.rules]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    findings = list(report.findings)
    for f, fingerprint in zip(findings, fingerprints(findings), strict=True):
        result = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "charOffset": f.start,
                            "charLength": f.end - f.start,
                            "snippet": {"text": f.text},
                        },
                    }
                }
            ],
            # Code scanning keeps an alert across commits by these, not by its line.
            "partialFingerprints": {SARIF_KEY: fingerprint},
        }
        if f.term:
            result["properties"] = {"term": f.term, "region": f.region}
        if "story" in f.extra:  # a Word document: the story and paragraph, as Word names them
            result["locations"][0]["logicalLocations"] = [
                {"name": place(f), "kind": "paragraph"}
            ]
            result.setdefault("properties", {}).update(
                {k: f.extra[k] for k in ("story", "paragraph", "char")}
            )
        if f.fix is not None:
            result["fixes"] = [
                {
                    "description": {
                        "text": f"{f.fix.applicability.value} fix: "
                        f"{f.suggestions[0] if f.suggestions else 'edit'}"
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(f.path)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "charOffset": e.start,
                                        "charLength": e.end - e.start,
                                    },
                                    "insertedContent": {"text": e.text},
                                }
                                for e in f.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    sig = report.signature
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtqa",
                        "version": sig.version,
                        "informationUri": "https://pypi.org/project/mtqa/",
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.why},
                                "help": {"text": r.fix_safety, "markdown": r.doc_markdown()},
                                "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
                            }
                            for r in rules
                        ],
                    }
                },
                # Unreadable inputs are tool execution notifications (SARIF 3.20.21).
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": e.reason},
                                "locations": [
                                    {
                                        "physicalLocation": {
                                            "artifactLocation": {"uri": _uri(e.path)}
                                        }
                                    }
                                ],
                            }
                            for e in report.errors
                        ],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "properties": {"signature": str(sig)},
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
