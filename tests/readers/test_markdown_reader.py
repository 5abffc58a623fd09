"""The Markdown reader and verified fixes: one fixture per construct, golden outputs, properties.

Each fixture in tests/fixtures/markdown/ holds one kind of syntax that a prose fix must not touch
(reference links, shortcodes, HTML code, fences in lists, attribute lists, admonitions,
containers, emoji, Liquid, front matter, line breaks). Fixing it with the fixture glossary of
common words must give the golden output, leave the structure as markdown-it-py (a different
parser from mtqa's) sees it unchanged, and be idempotent.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.checks import CheckContext
from mtqa.fixing import fix_document, keep_line_breaks
from mtqa.glossary import load_glossary
from mtqa.readers import document_from_text, read_document

from ..conformance.structure import differences
from ..conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "markdown"
GOLDEN = ROOT / "tests" / "golden" / "markdown"
CASES = sorted(p.name for p in FIXTURES.glob("*.md"))


@pytest.fixture(scope="module")
def ctx():
    return CheckContext(glossary=load_glossary(FIXTURES / "glossary.yaml"))


def fixed(text: str, ctx, path: str = "draft.md") -> str:
    return fix_document(document_from_text(text, path), context=ctx).fixed


@pytest.mark.parametrize("name", CASES)
def test_fixture_fix_matches_golden_and_keeps_structure(name, ctx):
    source = (FIXTURES / name).read_text(encoding="utf-8")
    result = fix_document(read_document(FIXTURES / name), context=ctx)
    golden = GOLDEN / name
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        golden.write_text(result.fixed, encoding="utf-8")
    assert result.fixed == golden.read_text(encoding="utf-8")
    assert result.changed, "every fixture has prose to fix"
    assert differences(source, result.fixed) == []
    again = fix_document(document_from_text(result.fixed, name), context=ctx)
    assert again.applied == []


def spans_of(text: str) -> list[str]:
    doc = document_from_text(text)
    return [text[s:e] for b in doc.blocks for s, e in b.spans]


@pytest.mark.parametrize(
    "text, hidden",
    [
        ("See the [example page][] now.\n\n[example page]: /x\n", "example page"),
        ("See the [example page] now.\n\n[example page]: /x\n", "example page"),
        ("See [data][none] here.\n", "data"),
        ("Press <kbd>Use data</kbd> now.\n", "Use data"),
        ("Run <code>use example</code> now.\n", "use example"),
        ('Text {{< ref "example.md" >}} here.\n', "example.md"),
        ("{{< highlight go >}}\nuse data\n{{< /highlight >}}\n", "use data"),
        ("## Data {#data-id}\n", "data-id"),
        ("Para.\n{: .example}\n", ".example"),
        ('!!! example "Title"\n\n    Body.\n', "example"),
        ("::: tip Note\nBody.\n:::\n", "tip"),
        ("An emoji :link: here.\n", "link"),
        ("{% raw %}\nuse {{ data }}\n{% endraw %}\n", "use"),
        ("- item\n\n  ```\n  use data\n  ```\n", "use data"),
        ("Mail example@data.org or https://example.org/use.\n", "example.org"),
        ("---\nslug: use-data\ntitle: Data\n---\nText.\n", "use-data"),
        ('+++\nslug = "use-data"\n+++\nText.\n', "use-data"),
    ],
)
def test_syntax_is_a_hole(text, hidden):
    assert not any(hidden in s for s in spans_of(text)), spans_of(text)


def test_admonition_body_is_prose_and_its_code_is_not():
    text = "!!! note\n\n    Body with data.\n\n    ```\n    code data\n    ```\n"
    spans = spans_of(text)
    assert any("Body with data." in s for s in spans)
    assert not any("code data" in s for s in spans)


def test_offsets_survive_non_ascii_text(ctx):
    text = "Ünïcödé — وجود 😀 and the example data.\n\n| é | example |\n|---|---|\n| ü | data |\n"
    out = fixed(text, ctx)
    assert out == (
        "Ünïcödé — وجود 😀 and the sample information.\n\n"
        "| é | sample |\n|---|---|\n| ü | information |\n"
    )


def test_fix_that_would_change_structure_is_withheld(tmp_path):
    # A preferred form that is Markdown syntax: applying it would create emphasis.
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n  - {id: a, preferred: '*employ*', variants: [use], fix: safe, pos: any}\n"
        "  - {id: b, preferred: sample, variants: [example], fix: safe}\n",
        encoding="utf-8",
    )
    ctx = CheckContext(glossary=load_glossary(g))
    result = fix_document(document_from_text("We use the example.\n"), context=ctx)
    assert result.fixed == "We use the sample.\n"
    assert [f.text for f, _ in result.withheld] == ["use"]
    assert "markup" in result.withheld[0][1]
    assert any(f.text == "use" for f in result.remaining)


def test_multi_word_variant_across_lines_keeps_the_break(ctx):
    out = fixed("It broke for\nexample here.\n\n| a | b |\n|---|---|\n| x | y |\n", ctx)
    assert out.startswith("It broke for\ninstance here.\n")
    assert out.count("\n") == 6


@pytest.mark.parametrize(
    "old, new, want",
    [
        ("for example", "for instance", "for instance"),
        ("for\nexample", "for instance", "for\ninstance"),
        ("For\r\n  example", "for instance", "for\r\n  instance"),
        ("web\npage", "website", "website"),  # cannot hold the break: verification decides
        ("use", "set\nup", "set up"),  # a replacement never adds a line break
        ("in\norder to", "so as to", "so\nas to"),
    ],
)
def test_keep_line_breaks(old, new, want):
    assert keep_line_breaks(old, new) == want


WORDS = ["use", "data", "example", "link", "file", "main", "the", "note"]
# Snippets of every construct; {w} is filled with a word the fixture glossary flags.
SNIPPETS = [
    "{w} and {w}.\n",
    "- {w} item\n  - nested {w}\n",
    "1. {w}\n\n   ```\n   {w} code\n   ```\n",
    "[{w} page][] with [{w}][ref]\n",
    "| {w} | {w} |\n|---|---|\n| {w} | x |\n",
    "`{w}` and <kbd>{w}</kbd> {w}\n",
    "## {w} heading {#{w}-id}\n",
    '!!! {w} "{w}"\n\n    {w} body\n',
    "::: {w} {w}\n{w} text\n:::\n",
    "{{< highlight >}}\n{w}\n{{< /highlight >}}\n",
    "{% if {w} %}{w}{% endif %}\n",
    "> {w} quote\n> {w}\n",
    "Text :{w}: and https://x.org/{w} {w}\n",
    "<div>\n<p>{w} <code>{w}</code></p>\n</div>\n",
    "{w}\n{w}\n",
]
snippet = st.tuples(st.sampled_from(SNIPPETS), st.sampled_from(WORDS)).map(
    lambda pair: pair[0].replace("{w}", pair[1])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(snippet, min_size=1, max_size=8).map(lambda p: "\n".join(p) + "\n[ref]: /r\n"))
def test_fixing_never_changes_structure(ctx, text):
    result = fix_document(document_from_text(text), context=ctx)
    assert differences(text, result.fixed) == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab \n\t`*_[]()<>!{}%#:|-=?>\\&;é😀")) , max_size=300
    )
)
def test_any_text_reads_into_ordered_blocks_within_the_text(text):
    doc = document_from_text(text)
    last = 0
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert block.start >= last or block.kind == "front-matter"
        for s, e in block.spans:
            assert block.start <= s < e <= max(block.end, e) <= len(text)
        last = max(last, block.end)


# Pathological repetitions of one construct, and what the reader makes of them: only the word
# after them is prose ("tail"), all of it is ("all": an unclosed opener is text), or none ("none":
# an unclosed <code> runs to the end). benchmarks/bench_scaling.py measures that reading them
# costs time linear in their length.
HOSTILE_MARKDOWN = {
    "{% raw %}": "tail",
    "{{< highlight go >}}\n": "tail",
    "{%": "all",
    "{{": "all",
    ":a": "all",
    "> ": "tail",
    "- ": "tail",
    "[a": "all",
    "<code>": "none",
    "!!! x\n": "tail",
}


@pytest.mark.parametrize(("unit", "prose"), HOSTILE_MARKDOWN.items())
def test_hostile_markdown_reads_the_same_at_any_length(unit, prose):
    for n in (10, 10000):
        text = unit * n + "text"
        doc = document_from_text(text)
        found = "".join(text[s:e] for block in doc.blocks for s, e in block.spans)
        assert found == {"tail": "text", "all": text, "none": ""}[prose], (unit, n)


def test_definition_list_bodies_are_reported_not_fixed(ctx):
    text = (FIXTURES / "definition-list.md").read_text(encoding="utf-8")
    result = fix_document(document_from_text(text), context=ctx)
    body = text.index(":   Use")
    tail = text.index("After the list")
    assert result.fixed[:body] != text[:body]  # the prose before is fixed
    assert result.fixed[-30:] != text[-30:]  # and after
    locked = [f for f in result.remaining if body <= f.start < tail]
    assert {f.text for f in locked} >= {"Use", "data", "file", "example", "Note", "main", "link"}
    assert all(f.fix is None for f in locked)


def test_configured_code_shortcodes_are_holes(tmp_path):
    from mtqa import api
    from mtqa.config import Overrides

    page = tmp_path / "site" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "Prose with data.\n\n{{< terminal >}}\nuse data\n{{< /terminal >}}\n", encoding="utf-8"
    )
    glossary = str(FIXTURES / "glossary.yaml")

    def found() -> list[str]:
        run = api.run_lint([page], Overrides(glossaries=(glossary,), select=("TERM001",)))
        return [f.text for f in run.report.findings]

    assert found() == ["data", "use", "data"]  # `terminal` is no code shortcode by default
    (tmp_path / "site" / "mtqa.toml").write_text(
        'code-shortcodes = ["terminal"]\n', encoding="utf-8"
    )
    assert found() == ["data"]


def test_code_shortcodes_setting_is_validated(tmp_path):
    from mtqa.config import parse_config
    from mtqa.errors import ConfigError

    cfg = tmp_path / "mtqa.toml"
    for bad in ("3", '["a b"]', '[{x = 1}]'):
        cfg.write_text(f"code-shortcodes = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="code-shortcodes"):
            parse_config(cfg)


@settings(max_examples=300)
@given(st.text(alphabet="!:?=ab \n", max_size=300), st.sampled_from(["!!!", ":::", "???", "==="]))
def test_holds_is_substring_search(text, needle):
    """The memchr-jumping test equals `in`, also past the occurrences it tries one by one."""
    from mtqa.readers.markdown import holds

    assert holds(text, needle) == (needle in text)
    crowded = ":" * 100 + text  # more first characters than it looks at before searching
    assert holds(crowded, needle) == (needle in crowded)
