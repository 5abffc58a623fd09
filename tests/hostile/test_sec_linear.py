"""Paths that must stay linear in the size of the input: RE2 offsets, the regex budget, the
repetition check, per-file-ignores."""

from __future__ import annotations

import fnmatch
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from mtqa.regexes import Subject

from .bounded import run_mtqa, run_python


def test_re2_offsets_on_non_ascii_text_are_counted_on_not_recounted(tmp_path):
    # An empty match at every one of 400,000 characters: each step asks for a byte offset.
    code = textwrap.dedent(
        """
        from mtqa.regexes import compile_regex
        pattern = compile_regex("x*")
        assert pattern.engine == "re2"
        print(sum(1 for _ in pattern.finditer("\u00e9" * 400_000)))
        """
    )
    r = run_python(["-c", code], tmp_path, timeout=30)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["400001"]


@given(st.text(alphabet=st.sampled_from("aé€😀\n"), max_size=40), st.data())
def test_subject_offsets_agree_with_plain_counting_in_any_order(text, data):
    subject = Subject(text)
    for _ in range(6):
        char = data.draw(st.integers(0, len(text)))
        byte = len(text[:char].encode("utf-8"))
        assert subject.byte(char) == byte
        assert subject.char(byte) == char


def test_pattern_that_matches_the_empty_string_is_refused(tmp_path):
    p = tmp_path / "prh.yml"
    p.write_text('version: 1\nrules:\n  - {expected: z, pattern: "/x*/"}\n', encoding="utf-8")
    r = run_mtqa(["glossary", "check", str(p)], tmp_path)
    assert r.returncode == 2 and "matches the empty string" in r.stderr


def slow_pattern_corpus(tmp_path, files: int = 5):
    """A prh rule `glossary check` lets through (it is fast on short lines) that takes
    seconds on a long one, and `files` documents made of such a line."""
    p = tmp_path / "prh.yml"
    p.write_text(
        "version: 1\nrules:\n  - expected: z\n    pattern: '/(?<=a)a*a*a*\\d/'\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(files):
        (docs / f"f{i}.md").write_text("a" * 1500 + "\n", encoding="utf-8")
    return p, docs


def test_regex_budget_spans_the_run_and_drops_the_pattern(tmp_path):
    glossary, docs = slow_pattern_corpus(tmp_path)
    assert run_mtqa(["glossary", "check", str(glossary)], tmp_path).returncode == 0
    r = run_mtqa(
        ["lint", "-j", "1", "-g", str(glossary), str(docs)],
        tmp_path,
        env={"MTQA_REGEX_BUDGET": "0.3"},
        timeout=30,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    warnings = [line for line in r.stderr.splitlines() if "time budget" in line]
    assert len(warnings) == 1 and "dropped" in warnings[0], r.stderr


def repeated_phrases(count: int) -> str:
    """`count` different two-word phrases, each written twice: a REP002 finding each."""

    def word(i: int) -> str:
        return "".join(chr(97 + (i // 26**k) % 26) for k in range(4))

    return " ".join(f"{word(i)} q{word(i)} {word(i)} q{word(i)}," for i in range(count))


def test_repeated_phrase_check_is_not_quadratic(tmp_path):
    (tmp_path / "rep.md").write_text(repeated_phrases(120_000) + "\n", encoding="utf-8")
    code = textwrap.dedent(
        """
        from mtqa.linter import RuleSelection, lint_document
        from mtqa.readers import read_document
        doc = read_document("rep.md")
        found = lint_document(doc, selection=RuleSelection(select=("REP002",)))
        print(len(found))
        """
    )
    r = run_python(["-c", code], tmp_path, timeout=40)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["120000"]


def test_per_file_ignores_are_compiled_once_not_matched_per_rule(monkeypatch):
    from mtqa.linter import RuleSelection

    translated, matched = [], []
    real_translate, real_fnmatch = fnmatch.translate, fnmatch.fnmatch
    monkeypatch.setattr(fnmatch, "translate", lambda p: translated.append(p) or real_translate(p))
    monkeypatch.setattr(
        fnmatch, "fnmatch", lambda n, p: matched.append(p) or real_fnmatch(n, p)
    )
    patterns = tuple((f"docs{i}/*.md", ("WS",)) for i in range(2000))
    selection = RuleSelection(per_file_ignores=(*patterns, ("a.md", ("REP",))))
    for path in ("a.md", "docs7/b.md", "other/c.md"):
        selection.codes_for(path)
    assert "REP001" not in selection.codes_for("a.md")
    assert "WS001" not in selection.codes_for("docs7/b.md")
    assert "WS001" in selection.codes_for("other/c.md")
    # Each glob translated once for the selection; none matched glob by glob, rule by rule.
    assert len(translated) == len(patterns) + 1
    assert matched == []
