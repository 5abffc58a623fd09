"""Benchmark: the language server's latency, from an edit to its diagnostics published.

    python benchmarks/bench_server.py [--edits 40] [--large-edits 15] [--debounce-ms 20]

Starts `mtqa server` as an editor does (its own process, stdio), driven by pygls' own client.
For the seed article (corpora/us-military-presence-in-iraq.md, 6,373 words) and for a document
of the seed repeated to over 100,000 words, it opens the document, then makes edits as a writer
does: an incremental change of one word in the middle of the document, alternating between a
glossary variant and its preferred form, so the findings change with each edit. Each timing runs
from sending the change to receiving the diagnostics of that document version, so it includes
the debounce pause, the lint, the UTF-16 positions, and the JSON both ways: "received" is when
the client has read the message, "handled" when pygls' client has also built its typed objects
(an editor's own parse stands in its place). Prints a Markdown table and writes
benchmarks/results/server.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "corpora" / "us-military-presence-in-iraq.md"
LARGE_WORDS = 100_000


async def measure(text: str, edits: int, debounce_ms: float, folder: Path) -> dict:
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = LanguageClient("bench", "1")
    received: dict[int, float] = {}  # the message read, before the client parses it
    published: dict[int, float] = {}  # ... and after (pygls' client builds typed objects)
    structure = client.protocol.structure_message

    def timed(data):
        if data.get("method") == lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            received[data["params"].get("version")] = time.perf_counter()
        return structure(data)

    client.protocol.structure_message = timed
    counts: dict[int, int] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)
        arrived.set()

    async def wait_for(version: int) -> None:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 120)

    await client.start_io(sys.executable, "-m", "mtqa", "server", cwd=str(folder))
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=folder.as_uri(),
            initialization_options={"debounceMs": debounce_ms},
        )
    )
    client.initialized(lsp.InitializedParams())
    opened = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    await wait_for(1)
    first = published[1] - opened
    # One word in the middle of the document: "presence" and "existence" in turn.
    lines = text.split("\n")
    line = len(lines) // 2
    while not lines[line].strip():
        line += 1
    latencies, raw = [], []
    current = ""
    for i in range(edits):
        word = "existence " if i % 2 == 0 else ""
        version = i + 2
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, len(current))),
                        text=word,
                    )
                ],
            )
        )
        current = word
        await wait_for(version)
        latencies.append(published[version] - sent)
        raw.append(received[version] - sent)
        await asyncio.sleep(0.05)  # a writer's pause between edits
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    ms = sorted(x * 1000 for x in latencies)
    raw_ms = sorted(x * 1000 for x in raw)
    return {
        "words": len(text.split()),
        "diagnostics": counts[1],
        "edits": edits,
        "open_ms": round(first * 1000, 1),
        "received_median_ms": round(statistics.median(raw_ms), 1),
        "received_max_ms": round(raw_ms[-1], 1),
        "median_ms": round(statistics.median(ms), 1),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 1),
        "max_ms": round(ms[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=40, help="edits of the seed article")
    parser.add_argument("--large-edits", type=int, default=15, help="edits of the large one")
    parser.add_argument("--debounce-ms", type=float, default=20.0)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    copies = -(-LARGE_WORDS // len(seed.split()))
    large = "\n".join([seed] * copies)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, edits in (("seed", seed, args.edits), ("large", large, args.large_edits)):
            folder = Path(tmp) / name
            folder.mkdir()
            results[name] = asyncio.run(measure(text, edits, args.debounce_ms, folder))
    out = {
        "debounce_ms": args.debounce_ms,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "results": results,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "server.json").write_text(json.dumps(out, indent=2) + "\n")
    print(f"Edit to diagnostics published (debounce {args.debounce_ms:g} ms included):\n")
    print(
        "| document | words | diagnostics | edits | first lint | received: median, max "
        "| handled: median, p90, max |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['words']:,} | {r['diagnostics']:,} | {r['edits']} | {r['open_ms']} ms "
            f"| {r['received_median_ms']}, {r['received_max_ms']} ms "
            f"| {r['median_ms']}, {r['p90_ms']}, {r['max_ms']} ms |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
