"""prh and Vale dictionaries behave in mtqa as in their own engines; no glossary regex can hang
a run. Each case is a small dictionary and the text prh (or Vale) would make of an input."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.fixing import fix_document
from mtqa.glossary import load_glossary
from mtqa.linter import RuleSelection, lint_text
from mtqa.readers import document_from_text
from mtqa.regexes import BACKTRACKING, RE2, Budget, compile_regex

runner = CliRunner()
TERM = RuleSelection(("TERM",))


def _prh(tmp_path: Path, rules: str, name: str = "prh.yml") -> Path:
    p = tmp_path / name
    p.write_text("version: 1\n" + rules, encoding="utf-8")
    return p


def read_raw_glossary_text(yaml_text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "prh.yml"
        p.write_text(yaml_text, encoding="utf-8")
        return load_glossary(p)


def rebuild(glossary):
    """The same glossary, its matcher compiled afresh (contexts cache them per glossary)."""
    from dataclasses import replace

    return replace(glossary, name=glossary.name + "'")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as m:
        yield m


def _fixed(glossary, text: str) -> str:
    doc = document_from_text(text)
    return fix_document(doc, glossary, TERM, unsafe=True).fixed


# (rules, input, what prh --stdout makes of it)
CASES = [
    # A string pattern is a literal, case- and width-sensitive as written.
    ("- {expected: Re:VIEW, pattern: ReVIEW}", "ReVIEW and review", "Re:VIEW and review"),
    # No pattern: expected spread over case and full width (a case-only rule).
    (
        "- {expected: JavaScript}",
        "javascript, ＪＡＶＡＳＣＲＩＰＴ, JavaScript",
        "JavaScript, JavaScript, JavaScript",
    ),
    # /.../i: the regex with its flags.
    (
        "- {expected: webpack, pattern: '/\\bwebpack\\b/i'}",
        "WebPack or Webpacks",
        "webpack or Webpacks",
    ),
    # No word boundaries unless asked: Japanese has no spaces between words.
    ("- {expected: 作$1, pattern: '/つく([らりるれろっ])/'}", "これをつくる", "これを作る"),
    ("- {expected: dog, pattern: cat}", "concatenate", "condogenate"),
    (
        "- {expected: dog, pattern: cat, options: {wordBoundary: true}}",
        "concatenate cat",
        "concatenate dog",
    ),
    # Deletion.
    ("- {expected: '', pattern: 'えーと、'}", "えーと、そうです", "そうです"),
    # regexpMustEmpty: a match whose group is not empty is none.
    (
        "- {expected: さらに, pattern: '/(変)?更に/', regexpMustEmpty: $1}",
        "変更に更に",
        "変更にさらに",
    ),
    # $n in expected; a group that took no part is "".
    ("- {expected: '（$1）', pattern: '/\\((.+?)\\)/'}", "そうですね(笑)", "そうですね（笑）"),
    # Several patterns are one alternation; a rule without an id is fine, and so is a repeat.
    (
        "- {expected: Erbil, patterns: [Arbil, '/Irbi+l/']}\n- {expected: Erbil, pattern: Arbil}",
        "Irbiil and Arbil",
        "Erbil and Erbil",
    ),
    # prh's overlaps: the longer match at one place, the first of two that overlap.
    (
        "- {expected: X, pattern: ab}\n- {expected: Y, pattern: abc}\n- {expected: Z, pattern: cd}",
        "abcd",
        "Yd",
    ),
    # Lookbehind and lookahead (RE2 cannot run them: the time-budgeted engine does).
    (
        "- {expected: で, pattern: '/(?<!ま)でで(?!(きる|きます|す))/'}",
        "そこでで、までです",
        "そこで、までです",
    ),
]


@pytest.mark.parametrize(("rules", "text", "expected"), CASES)
def test_prh_semantics(tmp_path, rules, text, expected):
    g = load_glossary(_prh(tmp_path, "rules:\n" + "\n".join("  " + r for r in rules.split("\n"))))
    assert _fixed(g, text) == expected


def test_a_match_across_markup_keeps_the_markup(tmp_path):
    """prh sees raw text; mtqa edits only the prose around an inline tag inside the match."""
    g = load_glossary(_prh(tmp_path, "rules:\n  - {expected: '（$1）', pattern: '/\\((.+?)\\)/'}"))
    assert _fixed(g, "(@<fn>{test})") == "（@<fn>{test}）"


def test_prh_imports_merge_as_prh_does(tmp_path):
    (tmp_path / "base").mkdir()
    _prh(
        tmp_path / "base",
        "rules:\n  - {expected: Erbil, pattern: Irbil}\n  - {expected: Duhok, pattern: Dohuk}\n",
        "base.yml",
    )
    main = _prh(
        tmp_path,
        "imports: [base/base.yml]\nrules:\n  - {expected: Erbil, pattern: Arbil}\n",
    )
    g = load_glossary(main)
    # The import's rule with the same expected is left out; the others follow the file's own.
    assert [e.preferred for e in g.entries] == ["Erbil", "Duhok"]
    assert _fixed(g, "Arbil, Irbil, Dohuk") == "Erbil, Irbil, Duhok"
    assert g.entries[1].origin == str(tmp_path / "base" / "base.yml")
    ignoring = _prh(
        tmp_path,
        "imports: [{path: base/base.yml, ignoreRules: [Dohuk]}]\nrules: []\n",
        "ignoring.yml",
    )
    assert [e.preferred for e in load_glossary(ignoring).entries] == ["Erbil"]


def test_prh_specs_are_examples_run_per_rule(tmp_path):
    p = _prh(
        tmp_path,
        "rules:\n"
        "  - expected: Web\n"  # also rewrites the 'web' of 'webpack', in prh as in mtqa
        "  - expected: webpack\n"
        "    pattern: /\\bwebpack\\b/i\n"
        "    specs: [{from: Webpack, to: webpack}, {from: webpack, to: webpack}]\n",
    )
    r = runner.invoke(app, ["glossary", "test", str(p)])
    assert r.exit_code == 0 and "2 passed, 0 failed" in r.stdout
    p.write_text(p.read_text().replace("to: webpack}, {", "to: WEBPACK}, {"), encoding="utf-8")
    r = runner.invoke(app, ["glossary", "test", str(p)])
    assert r.exit_code == 1 and "expected 'WEBPACK'" in r.stdout


def test_prh_errors_name_file_and_line(tmp_path):
    p = _prh(tmp_path, "rules:\n  - {expected: a, pattern: /b/}\n  - {pattern: c}\n")
    r = runner.invoke(app, ["glossary", "check", str(p)])
    assert r.exit_code == 2 and f"{p}:4: a prh rule needs 'expected'" in r.stderr


def test_vale_nonword_and_case(tmp_path):
    p = tmp_path / "Rule.yml"
    p.write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: suggestion\n"
        "nonword: true\nswap:\n  colour: color|hue\n  '(?:e|E)-mail': email\n",
        encoding="utf-8",
    )
    g = load_glossary(p)
    # Case-sensitive (no ignorecase), inside words (nonword).
    assert _fixed(g, "watercolour, Colour, e-mail, E-mail") == "watercolor, Colour, email, email"
    colour = next(e for e in g.entries if e.preferred == "color")
    assert colour.accepted == ("hue",) and colour.severity.value == "info"
    assert colour.note == "Use 'color or hue' instead of '%s'."
    (found,) = lint_text("watercolour", g, RuleSelection(("TERM001",)))
    assert found.message.endswith("Use 'color or hue' instead of 'colour'.")


# ----------------------------------------------------------------------------- regex safety
def test_a_hostile_regex_runs_on_re2(tmp_path):
    """`(a+)+b` and 30 a's then c keep a backtracking engine for minutes; RE2 runs it in linear
    time (benchmarks/bench_scaling.py measures the run)."""
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n  - preferred: b\n    variants: [{regex: '(a+)+b'}]\n", encoding="utf-8"
    )
    draft = tmp_path / "d.md"
    draft.write_text(("a" * 30 + "c\n\n") * 50, encoding="utf-8")
    r = runner.invoke(app, ["lint", str(draft), "-g", str(g)])
    assert r.exit_code == 0, r.output
    assert compile_regex("(a+)+b", ignore_case=True).engine == RE2


def test_glossary_check_refuses_a_pattern_it_cannot_run_safely(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n  - preferred: b\n    variants:\n      - {regex: '((a|a)+)+(?=b)'}\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["glossary", "check", str(g)])
    assert r.exit_code == 2 and f"{g}:3:" in r.stderr and "cannot run safely" in r.stderr
    prh = _prh(tmp_path, "rules:\n  - {expected: b, pattern: '/((a|a)+)+(?=b)/'}\n")
    r = runner.invoke(app, ["lint", str(g.parent), "-g", str(prh)])
    assert r.exit_code == 2 and "cannot run safely" in r.stderr


def test_backtracking_has_a_budget_per_document(caplog):
    hostile = compile_regex("((a|a)+)+(?=b)")  # compiled directly: no check in the way
    assert hostile.engine == BACKTRACKING
    budget = Budget(0.05)
    with caplog.at_level(logging.WARNING, logger="mtqa"):
        assert list(hostile.finditer("a" * 40 + "c", budget=budget)) == []
    assert budget.exhausted == {"((a|a)+)+(?=b)"} and "time budget" in caplog.text


def test_exact_variants_in_mtqa_yaml_round_trip(tmp_path):
    """The same semantics written in mtqa's own YAML (docs/glossary-format.md), kept by convert."""
    p = tmp_path / "g.yaml"
    p.write_text(
        "entries:\n"
        "  - preferred: 作$1\n"
        "    variants: [{regex: 'つく([らりるれろっ])', replace: 作$1, exact: true}]\n"
        "  - preferred: さらに\n"
        "    variants: [{regex: '(変)?更に', replace: さらに, exact: true, must_be_empty: 1}]\n"
        "  - preferred: ''\n"
        "    variants: [{regex: 'えーと、', replace: '', exact: true}]\n",
        encoding="utf-8",
    )
    text = "えーと、変更に更にこれをつくる"
    assert _fixed(load_glossary(p), text) == "変更にさらにこれを作る"
    out = tmp_path / "copy.yaml"
    assert runner.invoke(app, ["glossary", "convert", str(p), str(out)]).exit_code == 0
    assert _fixed(load_glossary(out), text) == "変更にさらにこれを作る"
    p.write_text(
        "entries:\n  - preferred: ''\n    variants: [{regex: 'x', exact: yes please}]\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["glossary", "check", str(p)])
    assert r.exit_code == 2 and "exact must be true or false" in r.stderr


def test_prh_fix_safety(tmp_path):
    """A literal (or a word between \\b) is a safe swap; a stranger's real regex is unsafe."""
    g = load_glossary(
        _prh(
            tmp_path,
            "rules:\n"
            "  - {expected: Erbil, pattern: Arbil}\n"
            "  - {expected: Nouri al-Maliki, pattern: '/\\bNoori al-Maliki\\b/'}\n"
            "  - {expected: 作$1, pattern: '/つく([らりるれろっ])/'}\n",
        )
    )
    assert [e.fix.value for e in g.entries] == ["safe", "safe", "unsafe"]
    doc = document_from_text("Arbil, Noori al-Maliki, つくる")
    assert fix_document(doc, g, TERM).fixed == "Erbil, Nouri al-Maliki, つくる"


def test_a_rule_that_writes_markup_passes_its_spec_but_fix_withholds_it(tmp_path):
    """prh's Re:VIEW rule writes `<list>` into the text: its spec holds (prh checks the string),
    and mtqa fix withholds the fix, which would add a tag to the document's structure."""
    p = _prh(
        tmp_path,
        "rules:\n"
        "  - expected: '@<$1>{$2}'\n"
        "    pattern: '/@([^{<>]+)\\{([^}]+)\\}/'\n"
        "    specs: [{from: '@list{foo}', to: '@<list>{foo}'}]\n",
    )
    r = runner.invoke(app, ["glossary", "test", str(p)])
    assert r.exit_code == 0 and "1 passed, 0 failed" in r.stdout
    draft = tmp_path / "d.txt"
    draft.write_text("See @list{foo}.\n", encoding="utf-8")
    r = runner.invoke(app, ["fix", "--unsafe", "-g", str(p), str(draft)])
    assert draft.read_text(encoding="utf-8") == "See @list{foo}.\n"
    assert "withheld" in r.stderr


LITERALS = ["ab", "aab", "b a", "ba", "a-b"]


@given(
    text=st.text(alphabet="ab -_\n", max_size=40),
    rules=st.lists(
        st.tuples(st.sampled_from(LITERALS), st.booleans(), st.sampled_from(["X", "", "$1"])),
        min_size=1,
        max_size=4,
    ),
)
@settings(max_examples=150, deadline=None)
def test_literal_fast_path_is_the_regex_scan(monkeypatch_module, text, rules):
    """Literal exact variants go through one automaton pass; the result must be what a regex
    scan of each would give (prh's semantics), boundaries, overlaps and all."""
    lines = "".join(
        f"  - {{expected: '{exp}', pattern: '{lit}', options: {{wordBoundary: {str(wb).lower()}}}}}\n"
        for lit, wb, exp in rules
    )
    raw = read_raw_glossary_text("version: 1\nrules:\n" + lines)
    fast = _fixed(raw, text)
    with monkeypatch_module.context() as m:
        m.setattr("mtqa.matching.automaton.exact_literal", lambda regex: None)
        slow = _fixed(rebuild(raw), text)
    assert fast == slow
