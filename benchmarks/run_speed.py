"""Every speed comparison of mtqa lint in one paired run.

    python benchmarks/run_speed.py [--rounds 5] [--big-copies 2000] [--huge 100000]

Each round runs every command once, in an order that alternates from round to round, so a
change in the machine's load touches both sides of a comparison alike. For each command: the
median wall time with min-max, and the peak memory (largest resident set of the command and
its workers, from wait4). For each comparison: the ratio round by round (same round, both
sides), reported as the median and min-max of those ratios.

Comparisons (200 copies of the seed article; the ten prh rules of prh-ten-rules.yml; JSON):
- textlint + textlint-rule-prh against mtqa lint (default -j), every prh match checked;
- the floor: `grep -c -F -i -w -f` of the same variants, and a bare pyahocorasick pass over the
  files (read, one automaton iteration, count) in a fresh interpreter;
- mtqa -j 2 against -j 1 on 200 and on --big-copies files;
- 10 against 10,000 (and --huge) glossary entries, TERM001; 10 against 10,000 with the
  default rules; the default rules against TERM001 alone;
- `mtqa --version` against `python -c pass`;
- with `--against SRC`: each mtqa lint run of the list above (200 and --big-copies files,
  -j 1 and 2; the large and huge glossaries; the default rules with ten prh rules and with the
  default glossary) against the same command with the mtqa package of SRC (a checkout of
  another branch, first on PYTHONPATH), paired in the same rounds: has a change made lint
  slower?
Prints a Markdown table and writes benchmarks/results/speed.json and speed.md. Timings are of
whole commands on whatever machine runs it: read the ratios, and note the load (printed).
Python commands run with their bytecode cached, as an installed tool runs (PYTHONDONTWRITEBYTECODE
is dropped from their environment; the warm-up round writes the caches).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_lint import (  # noqa: E402
    RULES,
    SEED,
    WORK,
    big_glossary,
    build_corpus,
    ensure_peers,
)
from run_lint import mtqa_cmd as mtqa  # noqa: E402

AHO_PASS = """
import sys, ahocorasick
words = [w.strip().lower() for w in open(sys.argv[1], encoding='utf-8') if w.strip()]
a = ahocorasick.Automaton()
for w in words:
    a.add_word(w, w)
a.make_automaton()
import os
n = 0
for root, _, names in os.walk(sys.argv[2]):
    for name in names:
        with open(os.path.join(root, name), encoding='utf-8') as f:
            n += sum(1 for _ in a.iter(f.read().lower()))
print(n)
"""


def prh_variants() -> list[str]:
    import yaml

    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    out = []
    for r in rules:
        p = r["pattern"]
        if p.startswith("/"):
            p = p.strip("/").replace("\\b", "")
        out.append(p)
    return out


TIME = Path("/usr/bin/time")


# Commands run as after `pip install`: with their bytecode cached. A shell that sets
# PYTHONDONTWRITEBYTECODE would make every run compile mtqa's modules from source again (some
# 60 ms of each command on the machine this was written on), which no installed tool pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, str, int]:
    """Wall seconds, peak RSS in KiB (of the command or its largest worker), stdout, exit code.

    The peak comes from GNU time when it is there: a child forked straight from this (large)
    Python process would carry this process's high-water mark over its exec.
    """
    rss_file = WORK / "rss.txt"
    wrapped = [str(TIME), "-f", "%M", "-o", str(rss_file), *cmd] if TIME.exists() else cmd
    t0 = time.perf_counter()
    # Run from the work folder: `python -m mtqa` puts the current folder first on sys.path,
    # so run from a checkout it would import that checkout's code whatever PYTHONPATH says.
    proc = subprocess.run(
        wrapped, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env or ENV, cwd=WORK
    )
    wall = time.perf_counter() - t0
    rss = 0
    if TIME.exists():
        rss = int(rss_file.read_text().split()[-1])
    return wall, rss, proc.stdout.decode("utf-8", "replace"), proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--big-copies", type=int, default=2000, help="0: skip the large corpus")
    ap.add_argument("--large", type=int, default=10_000, help="entries of the large glossary")
    ap.add_argument("--huge", type=int, default=100_000, help="0: skip the huge glossary")
    ap.add_argument("--no-peer", action="store_true", help="skip textlint (no npm)")
    ap.add_argument(
        "--against",
        type=Path,
        help="a folder holding another version of the mtqa package (a checkout of main): "
        "its lint runs are paired with these",
    )
    args = ap.parse_args()

    corpus = build_corpus(args.copies)
    words = len(SEED.read_text(encoding="utf-8").split()) * args.copies
    variants = WORK / "variants.txt"
    variants.write_text("\n".join(prh_variants()) + "\n", encoding="utf-8")
    aho = WORK / "aho_pass.py"
    aho.write_text(AHO_PASS, encoding="utf-8")
    g_large = big_glossary(args.large)
    term = ("--select", "TERM001")

    cmds: dict[str, list[str]] = {}
    if not args.no_peer:
        textlint = ensure_peers()
        rc = WORK / "textlintrc.json"
        rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(RULES)]}}}), "utf-8")
        cmds["textlint+prh"] = [str(textlint), "--config", str(rc), "-f", "json", str(corpus)]
    cmds["mtqa"] = mtqa(corpus, RULES, *term)
    cmds["grep floor"] = ["grep", "-r", "-c", "-F", "-i", "-w", "-f", str(variants), str(corpus)]
    cmds["pyahocorasick pass"] = [sys.executable, str(aho), str(variants), str(corpus)]
    cmds["mtqa -j 1"] = mtqa(corpus, RULES, *term, "-j", "1")
    cmds["mtqa -j 2"] = mtqa(corpus, RULES, *term, "-j", "2")
    if args.big_copies:
        big = build_corpus(args.big_copies)
        cmds["mtqa -j 1, big"] = mtqa(big, RULES, *term, "-j", "1")
        cmds["mtqa -j 2, big"] = mtqa(big, RULES, *term, "-j", "2")
    cmds["10 entries"] = mtqa(corpus, RULES, *term, "-j", "1")
    cmds["large glossary"] = mtqa(corpus, g_large, *term, "-j", "1")
    if args.huge:
        cmds["huge glossary"] = mtqa(corpus, big_glossary(args.huge), *term, "-j", "1")
    cmds["all rules, 10 entries"] = mtqa(corpus, RULES, "-j", "1")
    cmds["all rules, large glossary"] = mtqa(corpus, g_large, "-j", "1")
    cmds["mtqa --version"] = [sys.executable, "-m", "mtqa", "--version"]
    cmds["python -c pass"] = [sys.executable, "-c", "pass"]
    envs: dict[str, dict] = {}
    against = []
    if args.against is not None:
        other = {**ENV, "PYTHONPATH": str(args.against.resolve())}
        default_glossary = HERE.parent / "glossary" / "default.yaml"
        cmds["all rules, default glossary"] = mtqa(corpus, default_glossary, "-j", "1")
        paired = ("mtqa -j 1", "mtqa -j 2", "mtqa -j 1, big", "mtqa -j 2, big")
        loads = ("large glossary", "huge glossary")  # a glossary's load and matcher, cached
        for name in (*paired, *loads, "all rules, 10 entries", "all rules, default glossary"):
            if name in cmds:
                twin = f"{name} @ {args.against.name}"
                cmds[twin], envs[twin] = cmds[name], other
                against.append((name, twin, f"{name} vs the same with {args.against.name}"))

    pairs = [
        ("textlint+prh", "mtqa", "mtqa lint vs textlint+prh (speed-up)"),
        ("mtqa", "grep floor", "mtqa lint vs the grep floor (times slower)"),
        ("mtqa", "pyahocorasick pass", "mtqa lint vs a bare pyahocorasick pass (times slower)"),
        ("mtqa -j 1", "mtqa -j 2", f"-j 2 vs -j 1, {args.copies} files (speed-up)"),
        ("mtqa -j 1, big", "mtqa -j 2, big", f"-j 2 vs -j 1, {args.big_copies} files (speed-up)"),
        ("large glossary", "10 entries", f"{args.large:,} vs 10 entries, TERM001 (times slower)"),
        ("huge glossary", "10 entries", f"{args.huge:,} vs 10 entries, TERM001 (times slower)"),
        (
            "all rules, large glossary",
            "all rules, 10 entries",
            f"{args.large:,} vs 10 entries, default rules (times slower)",
        ),
        ("all rules, 10 entries", "10 entries", "default rules vs TERM001 alone (times slower)"),
        ("mtqa --version", "python -c pass", "mtqa --version vs python -c pass (times slower)"),
    ]
    pairs = [p for p in pairs + against if p[0] in cmds and p[1] in cmds]

    # Warm the caches (glossary cache, page cache) once, and check the findings.
    outs = {name: run(cmd, envs.get(name)) for name, cmd in cmds.items()}
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    peak: dict[str, int] = {name: 0 for name in cmds}
    names = list(cmds)
    for r in range(args.rounds):
        order = names if r % 2 == 0 else names[::-1]
        for name in order:
            wall, rss, _, _ = run(cmds[name], envs.get(name))
            times[name].append(wall)
            peak[name] = max(peak[name], rss)
    load_after = os.getloadavg()

    checks = {}
    ours = json.loads(outs["mtqa"][2])["findings"]
    mine = {(Path(f["path"]).name, f["line"], f["column"]) for f in ours}
    checks["mtqa_matches"] = len(mine)
    if "textlint+prh" in outs:
        prh = {
            (Path(f["filePath"]).name, m["line"], m["column"])
            for f in json.loads(outs["textlint+prh"][2])
            for m in f["messages"]
        }
        checks["prh_matches"] = len(prh)
        checks["prh_matches_missed_by_mtqa"] = len(prh - mine)
    for name in ("large glossary", "huge glossary"):
        if name in outs:
            checks[f"same_findings_{name.split()[0]}"] = len(
                json.loads(outs[name][2])["findings"]
            ) == len(ours)

    def summary(values: list[float]) -> dict:
        return {
            "median": round(statistics.median(values), 3),
            "min": round(min(values), 3),
            "max": round(max(values), 3),
        }

    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "rounds": args.rounds,
        "copies": args.copies,
        "words": words,
        "commands": {
            name: {**summary(times[name]), "peak_rss_mib": round(peak[name] / 1024, 1)}
            for name in cmds
        },
        "comparisons": {},
        "checks": checks,
    }
    lines = [
        f"{result['date']}; {result['machine']}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after; {args.rounds} paired rounds; {args.copies} copies of the "
        f"seed article ({words:,} words); JSON output.",
        "",
        "| comparison | ratio, median (min-max) of pairs | a | b |",
        "|---|---|---|---|",
    ]
    for a, b, label in pairs:
        ratios = [x / y for x, y in zip(times[a], times[b], strict=True)]
        result["comparisons"][label] = summary(ratios)
        ta, tb = result["commands"][a], result["commands"][b]
        lines.append(
            f"| {label} | **{statistics.median(ratios):.2f}x** ({min(ratios):.2f}-{max(ratios):.2f})"
            f" | {a}: {ta['median']:.3f} s, {ta['peak_rss_mib']:.0f} MiB"
            f" | {b}: {tb['median']:.3f} s, {tb['peak_rss_mib']:.0f} MiB |"
        )
    lines.append("")
    lines.append("checks: " + ", ".join(f"{k}={v}" for k, v in checks.items()))
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "speed.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    (HERE / "results" / "speed.md").write_text(text, encoding="utf-8")
    return 1 if checks.get("prh_matches_missed_by_mtqa") else 0


if __name__ == "__main__":
    raise SystemExit(main())
