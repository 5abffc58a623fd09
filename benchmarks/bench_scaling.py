"""How the cost of hostile or large inputs grows with their size: each case is run at a small
and a large size, and the ratio of the times is set against the ratio of the sizes. Then the
time of inputs whose cost must stay bounded whatever they hold (a catastrophic regex, an XML
entity bomb), against the bound.

    python benchmarks/bench_scaling.py [--repeat 3] [--only NAME] [--check]

Linear work costs about as many times more as the input is larger (4x for 4 times the input);
quadratic work costs the square (16x). Each time is the best of --repeat runs in this process.
With --check the exit status is 1 when a case's ratio exceeds `LIMIT` times the linear one,
i.e. when it looks quadratic, or a bounded case exceeds its bound; on a busy machine, run it
again before believing a failure.
The test suite holds what these inputs must give; this script holds what they may cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mtqa.glossary import Category, Entry, Glossary, Variant, load_glossary
from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
from mtqa.glossary.writers import to_tbx
from mtqa.linter import RuleSelection, lint_text
from mtqa.readers import document_from_text, read_document

LIMIT = 2.5  # a ratio above 2.5 times the linear one is reported as superlinear

MARKDOWN_UNITS = (
    "{% raw %}",
    "{{< highlight go >}}\n",
    "{%",
    "{{",
    ":a",
    "> ",
    "- ",
    "[a",
    "<code>",
    "!!! x\n",
)
XLIFF_UNIT = (
    '<trans-unit id="{i}"><source>الوجود العسكري {i}</source>'
    "<target>the military existence {i}</target></trans-unit>\n"
)
SYLLABLES = ["al", "ab", "qa", "sa", "ri", "mu", "ha", "di", "ya", "ka", "zu", "ta", "ni", "ou"]


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _names(n: int) -> list[Entry]:
    """n name entries that occur in no English text, each with two variants."""
    out = []
    for i in range(n):
        word, k = "", i
        while True:
            word += SYLLABLES[k % 14]
            k //= 14
            if not k:
                break
        word = "zu" + word + "q"
        variants = (Variant(text=f"{word.capitalize()} camp"), Variant(text=f"{word}aa base"))
        out.append(
            Entry(f"syn-{i}", f"{word.capitalize()} Base", variants, category=Category.NAME)
        )
    return out


def cases(folder: Path) -> dict[str, tuple[int, Callable[[int], Callable[[], object]]]]:
    """name -> (how many times larger the large input is, size -> the work at that size)."""
    words = build_glossary(
        RawGlossary([RawEntry({"preferred": "primary", "variants": ["main"]}, 1)], "w"), "w.yaml"
    )
    term = RuleSelection(("TERM001",))
    repeats = RuleSelection(("REP001", "WS001"))
    out: dict[str, tuple[int, Callable[[int], Callable[[], object]]]] = {}
    for unit in MARKDOWN_UNITS:
        out[f"markdown read, {unit.strip()!r} repeated"] = (
            4,
            lambda n, unit=unit: lambda: document_from_text(unit * (2500 * n) + "text"),
        )
    out["lint, a blob of joined words (250 kB / 1 MB)"] = (
        4,
        lambda n: lambda: lint_text(f"The main road. {'main_' * (50_000 * n)} end.", words, term),
    )
    out["lint, one long line of repeats (250 kB / 1 MB)"] = (
        4,
        lambda n: lambda: lint_text("Go. The the end,   and x " * (10_000 * n), None, repeats),
    )

    def xliff(n: int) -> Callable[[], object]:
        body = "".join(XLIFF_UNIT.format(i=i) for i in range(5000 * n))
        path = folder / f"units{n}.xlf"
        path.write_text(
            f'<xliff version="1.2"><file><body>\n{body}</body></file></xliff>\n', encoding="utf-8"
        )
        return lambda: read_document(path)

    out["XLIFF read (5,000 / 20,000 units)"] = (4, xliff)

    def tbx(n: int) -> Callable[[], object]:
        path = folder / f"concepts{n}.tbx"
        path.write_text(to_tbx(Glossary("big", tuple(_names(1000 * n)))), encoding="utf-8")
        return lambda: load_glossary(path)  # MTQA_NO_CACHE is set: parsed every time

    out["TBX load and validation (1,000 / 10,000 concepts)"] = (10, tbx)

    def one_name(n: int) -> Callable[[], object]:
        raw = RawGlossary([RawEntry({"preferred": "Base"}, i + 1) for i in range(2000 * n)], "g")
        return lambda: build_glossary(raw, "g.yaml")

    out["validation, every entry of one name (2,000 / 20,000)"] = (10, one_name)

    from mtqa.regexes import compile_regex

    empty_match = compile_regex("x*")  # (refused in glossaries; RE2's offsets at every step)
    out["RE2, a match at every character of non-ASCII text (50,000 / 200,000)"] = (
        4,
        lambda n: lambda: sum(1 for _ in empty_match.finditer("\u00e9" * (50_000 * n))),
    )
    out["lint, repeated phrases (15,000 / 60,000 pairs)"] = (
        4,
        lambda n: lambda: lint_text(_repeated_phrases(15_000 * n), None, RuleSelection(("REP002",))),
    )

    def per_file_ignores(n: int) -> Callable[[], object]:
        globs = tuple((f"docs{i}/*.md", ("WS",)) for i in range(2000 * n))
        files = ("a.md", "docs7/b.md", "other/c.md")
        return lambda: [RuleSelection(per_file_ignores=globs).codes_for(f) for f in files]

    out["per-file-ignores, three files (2,000 / 8,000 globs)"] = (4, per_file_ignores)

    def prh_diamond(n: int) -> Callable[[], object]:
        # Each file imports the next ten times: 4 or 8 files, 10**3 or 10**7 import paths.
        top = folder / f"diamond{n}"
        top.mkdir(exist_ok=True)
        levels = 4 * n
        for i in range(levels):
            imports = "" if i == levels - 1 else "imports:\n" + f"  - d{i + 1}.yml\n" * 10
            (top / f"d{i}.yml").write_text(
                f"version: 1\n{imports}rules:\n  - {{expected: w{i}, pattern: x{i}}}\n",
                encoding="utf-8",
            )
        return lambda: load_glossary(top / "d0.yml")

    out["prh import diamond (4 / 8 files, each importing the next ten times)"] = (2, prh_diamond)
    return out


def _repeated_phrases(count: int) -> str:
    def word(i: int) -> str:
        return "".join(chr(97 + (i // 26**k) % 26) for k in range(4))

    return " ".join(f"{word(i)} q{word(i)} {word(i)} q{word(i)}," for i in range(count))


def bounded(folder: Path) -> dict[str, tuple[float, Callable[[], object]]]:
    """name -> (the most seconds it may take, the work)."""
    from mtqa.errors import InputError
    from mtqa.regexes import Budget, compile_regex

    hostile_glossary = folder / "hostile.yaml"
    hostile_glossary.write_text(
        "entries:\n  - preferred: b\n    variants: [{regex: '(a+)+b'}]\n", encoding="utf-8"
    )
    draft = ("a" * 30 + "c\n\n") * 50

    def hostile_regex() -> None:
        lint_text(draft, load_glossary(hostile_glossary), RuleSelection(("TERM001",)))

    bomb = folder / "bomb.xlf"
    entities = "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    bomb.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [\n <!ENTITY lol "lol">\n{entities}]>\n'
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
        "<target>&lol9;</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )

    def refuse_bomb() -> None:
        try:
            read_document(bomb)
        except InputError:
            return
        raise AssertionError("the entity bomb was read")

    backtracking = compile_regex("((a|a)+)+(?=b)")

    def budgeted() -> None:
        list(backtracking.finditer("a" * 40 + "c", budget=Budget(0.05)))

    aliases = folder / "aliases.yml"
    chain = ['c0: &c0 ["x","x","x","x","x","x","x","x","x","x"]'] + [
        f"c{i}: &c{i} [" + ",".join([f"*c{i - 1}"] * 10) + "]" for i in range(1, 9)
    ]
    aliases.write_text(
        "extends: substitution\n" + "\n".join(chain) + "\nlevel: *c8\nswap:\n  a: b\n",
        encoding="utf-8",
    )

    def refuse_aliases() -> None:
        from mtqa.errors import GlossaryError

        try:
            load_glossary(aliases)
        except GlossaryError:
            return
        raise AssertionError("the alias bomb was read")

    return {
        "lint with `(a+)+b` against 50 lines of 30 a's": (10.0, hostile_regex),
        "nine levels of YAML aliases (a billion values) refused": (0.5, refuse_aliases),
        "an XML entity bomb refused": (0.5, refuse_bomb),
        "a backtracking regex under a 0.05 s budget": (2.0, budgeted),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--check", action="store_true", help="exit 1 on a superlinear ratio")
    args = ap.parse_args()
    os.environ["MTQA_NO_CACHE"] = "1"
    failed = []
    print("| case | small | large | ratio | linear |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (factor, make) in cases(Path(tmp)).items():
            if args.only and args.only not in name:
                continue
            small = _best(make(1), args.repeat)
            large = _best(make(factor), args.repeat)
            ratio = large / small
            print(f"| {name} | {small:.4f} s | {large:.4f} s | {ratio:.1f}x | {factor}x |")
            if ratio > LIMIT * factor:
                failed.append(name)
        print()
        print("| bounded case | time | bound |")
        print("|---|---|---|")
        for name, (bound, work) in bounded(Path(tmp)).items():
            if args.only and args.only not in name:
                continue
            seconds = _best(work, args.repeat)
            print(f"| {name} | {seconds:.4f} s | {bound:g} s |")
            if seconds > bound:
                failed.append(name)
    for name in failed:
        print(f"too slow: {name}", file=sys.stderr)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
