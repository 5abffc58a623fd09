"""The fast reading of large mtqa YAML glossaries (mtqa/glossary/store/fastyaml.py) gives exactly what
PyYAML's reading gives: the same Glossary (entry lines included) or the same problems, whatever
the scalars (YAML 1.1 booleans, numbers, dates, `<<`, quoted or plain, unicode). The size
threshold is lowered so small generated files take the fast path too."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtqa.errors import GlossaryError
from mtqa.glossary import load_glossary
from mtqa.glossary.build import build_glossary
from mtqa.glossary.loaders import read_raw_glossary
from mtqa.glossary.store import fastyaml
from mtqa.glossary.store.fastyaml import FastRawGlossary, fast_mtqa_yaml


@contextmanager
def any_size():
    old = fastyaml.MIN_BYTES
    fastyaml.MIN_BYTES = 0
    try:
        yield
    finally:
        fastyaml.MIN_BYTES = old


def outcome(fn):
    """A glossary, or the problems (path, line, message) it was refused with."""
    try:
        return fn()
    except GlossaryError as exc:
        return [(p.path, p.line, p.message) for p in exc.problems]


def pyyaml_reading(path: Path):
    return outcome(lambda: build_glossary(read_raw_glossary(path), str(path)))


def fast_or_fallback(path: Path):
    """What load_glossary gives (the cache off): the fast reading where it can be used, else
    PyYAML's, and PyYAML's again when validation finds a problem in the fast one."""
    with any_size(), pytest.MonkeyPatch.context() as patched:
        patched.setenv("MTQA_NO_CACHE", "1")
        return outcome(lambda: load_glossary(path))


def write(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mtqa-fastyaml-"))
    path = folder / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return path


PLAIN_FILE = """\
name: demo
language:
  source: ar
  target: en
entries:
# the first entry
- id: erbil
  preferred: Erbil
  variants:
  - Arbil
  - text: Irbil
    replace: Erbil
  note: "a city, in Kurdistan"
  case_sensitive: true

- preferred: Quds Force
  variants: [Quds Corps]
"""


def test_a_plain_file_is_read_fast_with_its_entry_lines():
    text = PLAIN_FILE.replace("  variants: [Quds Corps]\n", "  variants:\n  - Quds Corps\n")
    path = write(text)
    with any_size():
        raw = fast_mtqa_yaml(text, str(path))
    assert isinstance(raw, FastRawGlossary)
    assert [e.line for e in raw.entries] == [7, 16]
    g = fast_or_fallback(path)
    assert g == pyyaml_reading(path)
    assert [e.line for e in g.entries] == [7, 16]


def test_small_files_and_flow_style_are_left_to_pyyaml():
    path = write(PLAIN_FILE)  # has a flow list
    with any_size():
        assert fast_mtqa_yaml(PLAIN_FILE, str(path)) is None
    plain = PLAIN_FILE.replace("  variants: [Quds Corps]\n", "")
    assert fast_mtqa_yaml(plain, str(path)) is None  # under MIN_BYTES


# Each of these is read differently by YAML 1.2 (yaml_rs) and YAML 1.1 (PyYAML), or is one the
# fast reading cannot tell apart from such a scalar; all must come out as PyYAML reads them.
TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "~",
    "null",
    "Null",
    "true",
    "False",
    "010",
    "0o17",
    "0x1F",
    "1e3",
    "1_000",
    "1.5",
    ".inf",
    "-.5",
    "+1",
    "12:30",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "<<",
    "=",
    "",
    "é",
    "العراق",
    "a: b",
    "a #b",
    "C#",
    "x:y",
    "- x",
    "[x]",
    "{x}",
    "&a",
    "*a",
    "!x",
    "|",
    ">",
    "'q'",
    '"q"',
    "it's",
    "#c",
    "warning",
    "error",
    "name",
    "terminology",
    "safe",
    "unsafe",
    "Erbil",
    "Arbil",
    "Arbil camp",
    "\u2028",
    "\x85",
    "a\tb",
    " lead",
    "trail ",
]
TRICKY_SCALAR = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.sampled_from("aZ09 :#-'\"é~"), min_size=0, max_size=6),
)
# Scalars the fast reading accepts (half the generated files use only these, so the fast
# path is taken and compared, not only its refusals).
PLAIN_SCALAR = st.one_of(
    st.sampled_from(
        [
            "Erbil",
            "Arbil camp",
            "العراق",
            "Quds Force",
            "C#",
            "x:y",
            "a, b",
            "warning",
            "error",
            "name",
            "style",
            "safe",
            "unsafe",
            "true",
            "false",
            "Erbil",
            "erbil",
            "ERBIL",
        ]
    ),
    st.text(st.sampled_from("abZ é,.-"), min_size=1, max_size=8).filter(
        lambda s: s[0] not in " -" and s[-1] != " "
    ),
)
STYLE = st.sampled_from(["plain", "single", "double"])


def render(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double" and '"' not in value and "\\" not in value:
        return '"' + value + '"'
    return value


KEYS = [
    "id",
    "preferred",
    "variants",
    "accepted",
    "note",
    "category",
    "severity",
    "case_sensitive",
    "inflect",
    "fix",
    "context",
    "<<",
    "yes",
    "bogus",
]


@st.composite
def glossary_text(draw) -> str:
    tricky = draw(st.booleans())
    SCALAR = TRICKY_SCALAR if tricky else PLAIN_SCALAR
    keys_from = KEYS if tricky else KEYS[:-3]
    indent = draw(st.sampled_from(["", "  "]))
    lines = []
    if draw(st.booleans()):
        lines.append(f"name: {render(draw(SCALAR), draw(STYLE))}")
    lines.append("entries:")
    for _ in range(draw(st.integers(1, 4))):
        keys = draw(st.lists(st.sampled_from(keys_from), min_size=1, max_size=5, unique=True))
        if "preferred" not in keys and draw(st.booleans()):
            keys.insert(0, "preferred")
        first = True
        for key in keys:
            lead = indent + ("- " if first else "  ")
            first = False
            if key == "variants":
                lines.append(f"{lead}variants:")
                for _ in range(draw(st.integers(0, 2))):
                    if draw(st.booleans()):
                        lines.append(f"{indent}  - {render(draw(SCALAR), draw(STYLE))}")
                    else:
                        lines.append(f"{indent}  - text: {render(draw(SCALAR), draw(STYLE))}")
                        lines.append(f"{indent}    replace: {render(draw(SCALAR), draw(STYLE))}")
            elif key == "context":
                lines.append(f"{lead}context:")
                lines.append(f"{indent}    window: {render(draw(SCALAR), draw(STYLE))}")
            else:
                lines.append(f"{lead}{key}: {render(draw(SCALAR), draw(STYLE))}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# note", f"{indent}  # deeper"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=300, deadline=None)
@given(glossary_text())
@example("entries:\n- preferred: Erbil\n  note: 12:30\n")
@example("entries:\n- preferred: yes\n  variants:\n  - 'no'\n")
@example("entries:\n- preferred: a\n  <<: b\n")
@example("entries:\n  - preferred: a\n    variants:\n    - 010\n")
@example("entries:\n- preferred: a\n  variants:\n  - c\n   - d\n- preferred: b\n")
def test_the_fast_reading_is_pyyamls(text):
    path = write(text)
    assert fast_or_fallback(path) == pyyaml_reading(path)


def test_without_the_yaml_11_guard_the_readings_would_differ(monkeypatch):
    """The guard is what makes the test above hold: 12:30 is 750 in YAML 1.1 (sexagesimal)."""
    path = write("entries:\n- preferred: Erbil\n  note: 12:30\n")
    expected = pyyaml_reading(path)
    assert expected.entries[0].note == "750"
    assert fast_or_fallback(path) == expected
    monkeypatch.setattr(fastyaml, "yaml_11_resolvers", dict)  # no YAML 1.1 resolver to consult
    assert fast_or_fallback(path).entries[0].note == "12:30"


def test_a_problem_found_in_a_fast_reading_names_the_line_of_its_key():
    text = "entries:\n- preferred: Erbil\n  variants:\n  - Arbil\n  severity: loud\n"
    path = write(text)
    with any_size():
        assert isinstance(fast_mtqa_yaml(text, str(path)), FastRawGlossary)
    problems = fast_or_fallback(path)
    assert problems == pyyaml_reading(path)
    assert [(line, message.split(" (")[0]) for _, line, message in problems] == [
        (5, "unknown severity 'loud'")
    ]


@pytest.mark.parametrize("cached", [False, True])
def test_load_glossary_takes_the_fast_path(tmp_path, monkeypatch, cached):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    if not cached:
        monkeypatch.setenv("MTQA_NO_CACHE", "1")
    monkeypatch.setattr(fastyaml, "MIN_BYTES", 0)
    text = "entries:\n" + "".join(
        f"- preferred: Term{i} Base\n  variants:\n  - Term{i} camp\n  category: name\n"
        for i in range(1200)
    )
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    calls = []
    real = fastyaml.fast_mtqa_yaml
    monkeypatch.setattr(fastyaml, "fast_mtqa_yaml", lambda t, p: calls.append(p) or real(t, p))
    g = load_glossary(path)
    assert calls == [str(path)]
    assert g == build_glossary(read_raw_glossary(path), str(path))
    assert [e.line for e in g.entries][:3] == [2, 6, 10]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["- ", "a: ", "b:", "  ", "\n", "#", "'", '"', ": ", "x y", "é"]),
            st.sampled_from(list("\t\r\x00\x85\u2028\u2029\ufeff\ufffe\uffff\U0001f600")),
            st.characters(codec="utf-8"),
        ),
        max_size=20,
    ).map("".join)
)
def test_the_line_grammar_reads_utf8_bytes_as_it_reads_text(text):
    """line_grammar runs on the text's UTF-8 bytes (no offsets turned back into characters):
    it accepts exactly the texts the same pattern accepts as a str."""
    import re2

    as_text = re2.compile(fastyaml.LINE_GRAMMAR).fullmatch(text) is not None
    assert (fastyaml.line_grammar().fullmatch(text.encode()) is not None) == as_text
