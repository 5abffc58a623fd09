"""Glossaries of tens of thousands of entries: the cache keeps them as compact rows decoded on use
and keeps the compiled matcher beside them; the findings never depend on the cache, on the
matcher's form (whole keys or prefixes) or on entries that do not match."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtqa.checks.base import CheckContext
from mtqa.findings import Applicability, Severity
from mtqa.glossary import Category, Context, Entry, Example, Glossary, Variant, load_glossary
from mtqa.glossary.store.rows import LazyEntries, entry_from_row, entry_row, pack_entries
from mtqa.glossary.writers import to_tbx
from mtqa.linter import RuleSelection, lint_document, lint_text
from mtqa.matching.automaton import TermMatcher, prefix_groups, term_matcher
from mtqa.normalize import fold
from mtqa.readers import document_from_text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "glossary" / "default.yaml"
TERM001 = RuleSelection(("TERM001",))
SYLLABLES = ["al", "ab", "qa", "sa", "ri", "mu", "ha", "di", "ya", "ka", "zu", "ta", "ni", "ou"]


def synthetic(n: int, start: int = 0) -> list[Entry]:
    """n name entries that occur in no English text: "Xxx Base" with two variants each."""
    out = []
    for i in range(start, start + n):
        word, k = "", i
        while True:  # i written in base 14 with syllables for digits: all distinct
            word += SYLLABLES[k % 14]
            k //= 14
            if not k:
                break
        word = "zu" + word + "q"
        out.append(
            Entry(
                id=f"syn-{i}",
                preferred=f"{word.capitalize()} Base",
                variants=(
                    Variant(text=f"{word.capitalize()} camp"),
                    Variant(text=f"{word}aa base"),
                ),
                category=Category.NAME,
            )
        )
    return out


def with_entries(glossary: Glossary, entries: list[Entry]) -> Glossary:
    return replace(glossary, entries=glossary.entries + tuple(entries))


TEXT = (
    "The US military existence in Iraq grew after Daesh took Mosul. Troops at Ain al-Asad "
    "and Ayn al-Asad, near Arbil, stayed; the existence of a secret annex was denied.\n\n"
    "Quds Corps officers met Kata'ib Hezbollah at Zuqaq camp in 2020.\n"
)


def findings(text: str, glossary: Glossary) -> list[tuple]:
    return [
        (f.start, f.end, f.code, f.message, f.suggestions, f.fix)
        for f in lint_text(text, glossary, TERM001)
    ]


# ----------------------------------------------------------------------------- compact rows
def every_field() -> Entry:
    return Entry(
        id="x",
        preferred="presence",
        variants=(
            Variant(text="existence", replace="presences", fix=Applicability.UNSAFE),
            Variant(regex=r"\bbeing\b", exact=True, replace="", must_be_empty=1),
        ),
        accepted=("presences",),
        category=Category.STYLE,
        severity=Severity.ERROR,
        note="a note",
        source=("وجود",),
        context=Context(safe_near=("troop*",), avoid_near=("annex",), window=7),
        fix=Applicability.UNSAFE,
        case_sensitive=True,
        inflect=False,
        examples=(Example(bad="b", good="g"), Example(ok="o")),
        origin="other.yaml",
        line=12,
    )


@contextmanager
def decoded_rows() -> Iterator[list[tuple]]:
    """The rows that stored entries decode (compact.entry_from_row) inside the block."""
    import mtqa.glossary.store.rows as compact

    rows: list[tuple] = []
    real = compact.entry_from_row

    def counting(row, origin):
        rows.append(row)
        return real(row, origin)

    compact.entry_from_row = counting
    try:
        yield rows
    finally:
        compact.entry_from_row = real


def test_rows_give_back_equal_entries():
    entries = [*load_glossary(DEFAULT).entries, every_field(), *synthetic(3)]
    for e in entries:
        back = entry_from_row(entry_row(e, "default.yaml"), "default.yaml")
        assert back == e
        assert type(back.category) is type(e.category) and type(back.fix) is type(e.fix)


def test_lazy_entries_stand_for_the_tuple_and_decode_only_what_is_used():
    entries = (*synthetic(50), every_field())
    lazy = LazyEntries(*pack_entries(entries, None), None)
    assert len(lazy) == 51
    with decoded_rows() as decoded:
        assert lazy[3] == entries[3] and lazy[-1] == entries[-1] and lazy[2:5] == entries[2:5]
        assert lazy[3] == entries[3]
    assert len(decoded) == 4  # only those asked for, each once
    assert list(lazy) == list(entries) and lazy == entries
    assert hash(lazy) == hash(entries)
    assert pickle.loads(pickle.dumps(lazy)) == entries  # a real tuple goes out
    assert lazy + (every_field(),) == (*entries, every_field())  # noqa: RUF005 (__add__)
    with pytest.raises(IndexError):
        lazy[51]


# ----------------------------------------------------------------------------- the matcher
@pytest.mark.parametrize("mode", ["whole keys", "prefixes"])
def test_extra_entries_that_do_not_match_change_no_finding(mode):
    small = with_entries(load_glossary(DEFAULT), synthetic(3))  # "Zuqaq camp" is one
    big = with_entries(small, synthetic(3000, start=3))
    matcher = TermMatcher(big, prefix_min_keys=0 if mode == "prefixes" else 10**9)
    assert matcher.by_prefix == (mode == "prefixes")
    want = findings(TEXT, small)
    assert any("Zuqaq" in f[3] for f in want) and len(want) > 3
    ctx = CheckContext(glossary=big, compiled={"matcher": matcher})  # this form's matcher
    got = lint_document(document_from_text(TEXT, "<text>"), selection=TERM001, context=ctx)
    assert [(f.start, f.end, f.code, f.message, f.suggestions, f.fix) for f in got] == want


KEY_CHARS = st.sampled_from(["a", "b", "q", " ", "-", "'", "."])
KEYS = st.text(KEY_CHARS, min_size=1, max_size=9).map(str.strip).filter(bool)
# Keys that extend others ("ab", "ab-q", "abab"): many keys under one prefix.
KEY_SETS = st.lists(KEYS, min_size=1, max_size=6, unique=True).flatmap(
    lambda base: st.lists(
        st.tuples(st.sampled_from(base), st.text(KEY_CHARS, max_size=4)).map("".join),
        max_size=6,
    ).map(lambda more: list(dict.fromkeys([*base, *(k.strip() for k in more if k.strip())])))
)
NOISE = st.sampled_from([" ", "ab", "x", "-", "'s ", "\x00", "/", "_", "a.b"])


@st.composite
def keys_and_text(draw):
    keys = draw(KEY_SETS)
    pieces = draw(st.lists(st.one_of(st.sampled_from(keys), KEYS, NOISE), max_size=30))
    return keys, "".join(pieces)


@settings(max_examples=300, deadline=None)
@example(case=(["ab", "abab"], "x ab"), q=2)  # a longer key cut by the text's end
@given(keys_and_text(), st.integers(1, 4))
def test_prefix_matching_finds_what_whole_keys_find(case, q):
    """Every key starts with its prefix, so looking whole keys up where a prefix starts a word
    finds exactly the occurrences an automaton of whole keys finds."""
    import mtqa.matching.automaton as automaton

    keys, text = case
    entries = tuple(
        Entry(id=f"e{i}", preferred=f"P{i}", variants=(Variant(text=k),), category=Category.NAME)
        for i, k in enumerate(keys)
    )
    glossary = Glossary("g", entries)
    whole = TermMatcher(glossary, prefix_min_keys=10**9)
    old = automaton.PREFIX
    automaton.PREFIX = q
    try:
        parts = TermMatcher(glossary, prefix_min_keys=0)
    finally:
        automaton.PREFIX = old
    assert parts.by_prefix
    assert parts.find(text) == whole.find(text)


def test_prefix_groups():
    assert prefix_groups(["abcdefgh", "abcdefg", "abc", "abcdefgh x"], 6) == (
        ["abcdef", "abc"],
        [(7, 8, 10), (3,)],
    )


# ----------------------------------------------------------------------------- the cache
def _yaml(entries: list[Entry]) -> str:
    from mtqa.glossary.writers import render_glossary

    return render_glossary(Glossary("big", tuple(entries)), "yaml").decode("utf-8")


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _big_file(tmp_path) -> Path:
    p = tmp_path / "big.yaml"
    p.write_text(_yaml([*load_glossary(DEFAULT).entries, *synthetic(400)]), encoding="utf-8")
    return p


def test_cache_round_trip_gives_the_same_findings(tmp_path, cached, parsed, monkeypatch):
    p = _big_file(tmp_path)
    before = set(cached.iterdir())  # (the default glossary _big_file read)
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    uncached = load_glossary(p)
    want = findings(TEXT, uncached)
    assert want and set(cached.iterdir()) == before
    for f in before:
        f.unlink()
    monkeypatch.delenv("MTQA_NO_CACHE")
    first = load_glossary(p)  # parsed, stored
    assert findings(TEXT, first) == want  # the matcher is built and stored
    assert set(cached.iterdir()) - before  # stored
    parsed.clear()
    hit = load_glossary(p)
    assert parsed == []  # from the cache
    with decoded_rows() as decoded:
        assert findings(TEXT, hit) == want
    # Forms that match decode their entries; the others (of 400 and more) stay rows.
    assert 0 < len(decoded) < 40
    assert hit == uncached and hit.hash == uncached.hash


def test_an_edited_glossary_is_never_read_from_the_cache(tmp_path, cached, parsed):
    p = _big_file(tmp_path)
    load_glossary(p)
    findings(TEXT, load_glossary(p))
    stored = sorted(cached.iterdir())
    text = p.read_text(encoding="utf-8").replace("Zuqaq camp", "Zuqaq outpost")
    assert text != p.read_text(encoding="utf-8")
    p.write_text(text, encoding="utf-8")
    parsed.clear()
    edited = load_glossary(p)
    assert parsed == [str(p)]
    assert "Zuqaq camp" not in {f[3].split("'")[1] for f in findings(TEXT, edited)}
    # The new version is stored in place of the stale one: one glossary, one version.
    assert len(list(cached.iterdir())) == len(stored)
    assert sorted(cached.iterdir()) != stored
    again = load_glossary(p)
    assert parsed == [str(p)] and again == edited  # the new version, from the cache


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"damaged",
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),
        lambda b: b"",
    ],
)
def test_damaged_cache_files_are_ignored(tmp_path, cached, damage):
    p = _big_file(tmp_path)
    want = findings(TEXT, load_glossary(p))
    for f in cached.iterdir():
        f.write_bytes(damage(f.read_bytes()))
    again = load_glossary(p)
    assert findings(TEXT, again) == want


def test_a_matcher_file_of_another_glossary_is_ignored(tmp_path, cached):
    p = _big_file(tmp_path)
    want = findings(TEXT, load_glossary(p))
    findings(TEXT, load_glossary(p))
    other = tmp_path / "other.yaml"
    other.write_text(_yaml(synthetic(300)), encoding="utf-8")
    findings(TEXT, load_glossary(other))
    mine, theirs = (
        next(f for f in cached.iterdir() if f.suffix == ".matcher" and f.stat().st_size == s)
        for s in sorted({f.stat().st_size for f in cached.iterdir() if f.suffix == ".matcher"})[
            ::-1
        ]
    )
    mine.write_bytes(theirs.read_bytes())  # a valid file, for 300 entries
    assert findings(TEXT, load_glossary(p)) == want


# ----------------------------------------------------------------------------- scale
# (benchmarks/bench_scaling.py measures that these loads cost time linear in the entries.)
def test_a_large_tbx_loads_through_the_cache(tmp_path, monkeypatch, parsed):
    """A TBX of 10,000 concepts, parsed and validated; then cached, and matched through the
    prefix automaton (60,000 keys with the plurals) as through whole keys."""
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    tbx = tmp_path / "g10000.tbx"
    tbx.write_text(to_tbx(Glossary("big", tuple(synthetic(10000)))), encoding="utf-8")
    g = load_glossary(tbx)
    assert len(g) == 10000 and g.entries[-1].variants[1].text.endswith("aa base")
    monkeypatch.delenv("MTQA_NO_CACHE")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    load_glossary(tbx)
    parsed.clear()
    hit = load_glossary(tbx)
    assert parsed == []  # from the cache
    text = "They left " + g.entries[1234].variants[0].text + "s at dawn."
    assert [f[4][0] for f in findings(text, hit)] == [g.entries[1234].preferred + "s"]
    folded = fold(text)
    found = term_matcher(hit).find(folded)  # the prefix form, restored from the cache
    assert found and found == TermMatcher(g, prefix_min_keys=10**9).find(folded)  # whole keys
    assert hit == g


def test_entries_of_one_name_are_numbered_in_order():
    """Ids made from the preferred form are numbered (base, base-2, ...) from where the last one
    of that base stopped, not by trying every number again for each entry (which made 20,000
    entries of one name quadratic; benchmarks/bench_scaling.py measures it)."""
    from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary

    def build(n: int):
        raw = RawGlossary([RawEntry({"preferred": "Base"}, i + 1) for i in range(n)], "g")
        return build_glossary(raw, "g.yaml")

    g = build(20000)
    assert [e.id for e in g.entries[:3]] == ["base", "base-2", "base-3"]
    assert g.entries[-1].id == "base-20000" and len({e.id for e in g.entries}) == 20000


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            st.one_of(
                st.sampled_from(list("aAΣσİ \u00a0\u2019\u2013\n\t\x00-'")),
                st.characters(codec="utf-8"),
            ),
            max_size=12,
        ),
        max_size=8,
    )
)
def test_folding_many_forms_at_once_folds_each_as_alone(texts):
    from mtqa.normalize import fold, fold_all

    assert fold_all(texts) == [fold(t) for t in texts]


YAML_KINDS = """\
base: &base {severity: warning, inflect: no, note: 'quoted: yes'}
entries:
- <<: *base
  preferred: presence
  variants: [existence, "on", 12, 1.5, ~, 2020-01-02, yes, !!str 7, '']
  accepted: &acc [a, b]
  examples: [{bad: x, good: y}]
- {<<: [*base], preferred: Erbil, variants: *acc, id: !!str 0x1F, line: 0o17}
- preferred: "multi
    line"
  variants:
  - text: Arbil
    replace: null
  - {regex: '\\\\bx\\\\b', exact: true}
  source: !!set {a, b}
  when: 2001-12-14t21:59:43.10-05:00
  '=': value key
  bytes: !!binary aGVsbG8=
  empty:
  nested: [[a, b], [c, [d]], {e: [f, 1]}]
"""


@pytest.mark.parametrize(
    "text",
    [
        YAML_KINDS,
        DEFAULT.read_text(encoding="utf-8"),
        (ROOT / "benchmarks" / "prh-ten-rules.yml").read_text(encoding="utf-8"),
    ],
)
def test_yaml_short_cuts_construct_what_pyyaml_constructs(text):
    import yaml

    from mtqa.glossary.yaml_glossary import load_yaml_document

    ours = load_yaml_document(text, "g.yaml")
    assert ours == yaml.load(text, Loader=yaml.CSafeLoader)
    if text is YAML_KINDS:
        third = ours["entries"][2]
        assert third.line == 9 and third.key_lines["variants"] == 11
        assert third["variants"][0].line == 12
        assert (
            ours["entries"][0]["variants"][1] == "on" and ours["entries"][0]["variants"][6] is True
        )


def test_a_recursive_yaml_node_is_a_one_line_error():
    from mtqa.errors import GlossaryError
    from mtqa.glossary.yaml_glossary import load_yaml_document

    with pytest.raises(GlossaryError, match=r"g\.yaml:2: .*recursive"):
        load_yaml_document("entries:\n- variants: &r [a, *r]\n", "g.yaml")


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.none(), st.booleans(), st.integers(), st.text(max_size=6), st.floats(allow_nan=False)
        ),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    st.sampled_from([None, True, False]),
)
def test_yaml_short_cuts_on_any_document(value, flow):
    import yaml

    from mtqa.glossary.yaml_glossary import load_yaml_document

    text = yaml.safe_dump({"entries": value}, default_flow_style=flow, allow_unicode=True)
    assert load_yaml_document(text, "g.yaml") == yaml.load(text, Loader=yaml.CSafeLoader)
