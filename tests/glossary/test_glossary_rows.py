"""A validated glossary keeps its entries in the store's rows, and the glossary hash, the cache
and the term matcher read them there: each must give what the entries themselves give (the
Entry objects the general validator makes, entry_to_data, the matcher built from Entry
fields)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.errors import GlossaryError
from mtqa.findings import Applicability, Severity
from mtqa.glossary import Category, Context, Entry, Example, Glossary, Variant
from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
from mtqa.glossary.model import entry_to_data, glossary_to_data
from mtqa.glossary.store.plain import ValidatedRows, plain_row
from mtqa.matching.automaton import CORRECT, VARIANT, Target, TermMatcher, term_matcher
from mtqa.matching.inflection import pluralize
from mtqa.normalize import fold

from .test_build_plain import PLAIN, SMALL_ENTRY, built_both_ways, raw_entries
from .test_large_glossary import decoded_rows

WORD = st.sampled_from(["Erbil", "erbil", "Arbil", " x ", "", "ISIS", "Daesh", "bank", "y"])
OPTIONAL = st.one_of(st.none(), WORD)
VARIANTS = st.one_of(
    st.builds(Variant, text=WORD.filter(bool)),
    st.builds(
        Variant,
        text=WORD.filter(bool),
        replace=OPTIONAL,
        fix=st.one_of(st.none(), st.sampled_from(Applicability)),
    ),
    st.builds(
        Variant,
        regex=st.sampled_from([r"\bexistence\b", r"Quds\ Corps", r"a(b)?c"]),
        replace=OPTIONAL,
        exact=st.booleans(),
        must_be_empty=st.one_of(st.none(), st.integers(1, 2)),
    ),
)
ENTRIES = st.builds(
    Entry,
    id=WORD,
    preferred=WORD,
    variants=st.lists(VARIANTS, max_size=3).map(tuple),
    accepted=st.lists(WORD, max_size=2).map(tuple),
    category=st.sampled_from(Category),
    severity=st.sampled_from(Severity),
    note=WORD,
    source=st.lists(WORD, max_size=2).map(tuple),
    context=st.one_of(
        st.just(Context()),
        st.builds(
            Context,
            safe_near=st.lists(WORD, max_size=2).map(tuple),
            avoid_near=st.lists(WORD, max_size=2).map(tuple),
            window=st.integers(1, 30),
        ),
    ),
    fix=st.sampled_from(Applicability),
    case_sensitive=st.booleans(),
    inflect=st.one_of(st.none(), st.booleans()),
    examples=st.lists(st.builds(Example, bad=OPTIONAL, good=OPTIONAL, ok=OPTIONAL), max_size=2).map(
        tuple
    ),
    origin=st.sampled_from([None, "g.yaml", "other.yaml"]),
    line=st.one_of(st.none(), st.integers(1, 99)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ENTRIES, max_size=3))
def test_entries_kept_as_rows_write_and_hash_as_the_entries(entries):
    """The mapping of an entry kept as a row is entry_to_data's (keys in the same order), so
    the glossary hash does not depend on how the store keeps the entries."""
    rows = ValidatedRows("g.yaml")
    for e in entries:
        rows.add(e)
    kept = Glossary("g", rows.entries(), path="g.yaml")
    as_tuple = Glossary("g", tuple(entries), path="g.yaml")
    got, want = glossary_to_data(kept)["entries"], glossary_to_data(as_tuple)["entries"]
    assert got == want and [list(d) for d in got] == [list(d) for d in want]
    assert Glossary("g", rows.entries(), path="g.yaml").hash == as_tuple.hash


@settings(max_examples=400, deadline=None)
@given(st.one_of(raw_entries(), PLAIN.map(lambda data: RawEntry(data, 3))))
def test_a_mapping_taken_as_written_is_entry_to_datas(raw):
    """Where the plain lane says an entry's mapping is already entry_to_data's, it is: the
    same JSON (the glossary hash), keys in the same order."""
    origin = raw.origin or "g.yaml"
    made = plain_row(raw, origin, "g.yaml")
    if made is None or not made[1]:
        return
    _, general = built_both_ways(raw)  # the entry as the general validator makes it
    (entry,) = general.entries
    want = entry_to_data(entry)
    assert json.dumps(raw.data, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)


def test_the_commonest_mapping_is_taken_as_written():
    data = {
        "id": "erbil",
        "preferred": "Erbil",
        "variants": ["Arbil", "Irbil"],
        "category": "name",
        "severity": "warning",
    }
    assert plain_row(RawEntry(data, 3), "g.yaml", "g.yaml")[1]
    for changed in (
        {**data, "variants": ["Arbil "]},  # written stripped
        {**data, "category": "Name"},  # written lower-case
        {k: data[k] for k in ("preferred", "id", "variants", "category", "severity")},  # order
        {**data, "fix": "safe"},  # the default is not written
        {**data, "id": " erbil"},
        {**data, "preferred": "Erbil "},
        {**data, "variants": "Arbil"},  # a list
        {**data, "note": ""},  # not written when empty
        {k: v for k, v in data.items() if k != "severity"},  # always written
    ):
        made = plain_row(RawEntry(changed, 3), "g.yaml", "g.yaml")
        assert made is not None and not made[1]


def reference_targets(glossary: Glossary) -> dict[str, Target]:
    """What each folded form of the glossary stands for, made from Entry fields: correct forms
    (and their plurals) win over variants with the same key, else the first one."""
    out: dict[str, Target] = {}
    for e in glossary.entries:
        targets = []
        for form in () if e.exact_only else e.correct_forms:
            targets.append((form, Target(e, CORRECT, form)))
            if e.inflects and (plural := pluralize(form)):
                targets.append((plural, Target(e, CORRECT, plural)))
        for i, v in enumerate(e.variants):
            if v.text is not None and not v.exact:
                replacement = v.replace or e.preferred
                targets.append((v.text, Target(e, VARIANT, v.text, replacement, i)))
                if e.inflects and (plural := pluralize(v.text)):
                    plural_replacement = pluralize(replacement) or replacement
                    targets.append((plural, Target(e, VARIANT, plural, plural_replacement, i)))
        for form, target in targets:
            key = fold(form)
            if not key:
                continue
            old = out.get(key)
            if old is None or (old.kind != CORRECT and target.kind == CORRECT):
                out[key] = target
    return out


def found_as(matcher: TermMatcher, key: str) -> list[Target]:
    """What the matcher finds a text of `key` alone to be."""
    return [m.target for m in matcher.find(key) if (m.start, m.end) == (0, len(key))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(SMALL_ENTRY, PLAIN), max_size=6), st.booleans())
def test_a_built_glossary_is_the_glossary_of_its_entries(datas, prefixes):
    """Entries, hash and matcher of a glossary built as rows are those of the same entries in a
    tuple (the glossary every other path makes)."""
    raw = RawGlossary([RawEntry(d, i + 1) for i, d in enumerate(datas)], "g")
    try:
        built = build_glossary(raw, "g.yaml")
    except GlossaryError:
        return
    plain = Glossary("g", tuple(built.entries), path="g.yaml")
    fresh = build_glossary(raw, "g.yaml")
    with decoded_rows() as decoded:
        assert fresh.hash == plain.hash
    assert decoded == []  # its hash read from rows, no entry decoded
    threshold = 0 if prefixes else 10**9
    matcher = TermMatcher(build_glossary(raw, "g.yaml"), prefix_min_keys=threshold)
    assert matcher.by_prefix == prefixes
    want = reference_targets(plain)
    assert matcher.size == len(want)
    for key, target in want.items():
        assert found_as(matcher, key) == [target], key
    text = " ".join(str(v) for d in datas for v in d.values()) + " Erbils arbil"
    folded = fold(text)
    got = [(m.start, m.end, m.target) for m in matcher.find(folded)]
    assert got == [(m.start, m.end, m.target) for m in TermMatcher(plain).find(folded)]


def test_a_cold_load_decodes_only_the_entries_it_uses(tmp_path, monkeypatch, parsed):
    """Validating, hashing, storing and compiling a glossary read from its file make no Entry,
    except for the regex variants the matcher compiles; what a cached load then gives is
    equal to it."""
    from mtqa.glossary import load_glossary
    from mtqa.glossary.writers import render_glossary

    from .test_large_glossary import DEFAULT, TEXT, findings, synthetic

    regex_entries = (
        Entry("r", "presence", (Variant(regex=r"\bexistences?\b"),), category=Category.STYLE),
    )
    entries = (*synthetic(300), *regex_entries, *load_glossary(DEFAULT).entries[:3])
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    path = tmp_path / "big.yaml"
    path.write_bytes(render_glossary(Glossary("big", entries), "yaml"))
    with decoded_rows() as decoded:
        cold = load_glossary(path)
        matcher = term_matcher(cold)
    assert len(decoded) == 1  # the regex variant's
    assert list((tmp_path / "cache").glob("glossary-*"))  # stored
    want = findings(TEXT, cold)
    assert matcher.find(fold(TEXT))
    parsed.clear()
    hit = load_glossary(path)
    assert parsed == []  # from the cache
    assert hit == cold and hit.hash == cold.hash
    assert findings(TEXT, hit) == want


def test_a_glossary_is_kept_under_the_bytes_it_was_parsed_from(tmp_path, monkeypatch):
    """load_glossary reads the file once: a file edited after that read is never served the
    glossary parsed from the older bytes."""
    from mtqa.glossary import load_glossary
    from mtqa.glossary.store import cache

    from .test_large_glossary import DEFAULT

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    path = tmp_path / "g.yaml"
    old = DEFAULT.read_bytes()
    path.write_bytes(old)
    parsed = load_glossary(path)
    path.write_bytes(old.replace(b"Exitance", b"Existance"))  # edited since
    key = cache.file_key(path, None, old)
    cache.store_glossary(path, None, parsed, key)
    assert cache.cached_glossary(path, None) is None
    assert cache.cached_glossary(path, None, key) == parsed
    assert "Existance" in {v.text for e in load_glossary(path).entries for v in e.variants}
