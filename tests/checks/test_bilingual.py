"""Bilingual files: XLIFF 1.2/2.x, TMX, tables; hostile XML; byte-exact writes; source checks.

The fixtures are written here: Arabic sources for key passages of the seed article with English
targets that carry its errors (existence for presence, Hezbollah Brigades, Ein Al-Asaad, a year
that changed), plus malformed, hostile and huge files.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mtqa.checks import CheckContext
from mtqa.errors import InputError
from mtqa.fixing import fix_document
from mtqa.linter import RuleSelection, lint_document
from mtqa.matching.arabic import SourceTermIndex, same_word
from mtqa.readers import document_from_text, read_document, reader_of, reread

SEED_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="ar" target-language="en" datatype="plaintext" original="seed.txt">
    <body>
      <trans-unit id="t1">
        <source>الوجود العسكري الأمريكي في العراق: المهام والتحديات</source>
        <target>US military existence in Iraq: tasks and challenges</target>
      </trans-unit>
      <trans-unit id="t2">
        <source>وصل عدد الجنود إلى نحو ١٧٠ ألف جندي في عام ٢٠٠٧</source>
        <target>their numbers reached about 170 thousand soldiers in the year 2008</target>
      </trans-unit>
      <trans-unit id="t3">
        <source>استهدفت كتائب حزب الله قاعدة عين الأسد</source>
        <target>The Hezbollah Brigades targeted Ein Al-Asaad base</target>
      </trans-unit>
      <trans-unit id="t4">
        <source>وهاجمت كتائب حزب الله القوات</source>
        <target>Kata&apos;ib Hezbollah attacked the forces</target>
      </trans-unit>
      <trans-unit id="t5">
        <source>وقتل قاسم سليماني <g id="1">قرب المطار</g></source>
        <target>The commander was killed near the airport</target>
      </trans-unit>
      <trans-unit id="t6">
        <source>المطلب الأول</source>
        <target></target>
      </trans-unit>
      <trans-unit id="t7" translate="no">
        <source>الوجود العسكري</source>
        <target>the military existence</target>
      </trans-unit>
      <trans-unit id="t8">
        <source>الوجود العسكري الأمريكي في العراق: المهام والتحديات</source>
        <target>The US military presence in Iraq: tasks and challenges</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.fixture
def seed_file(tmp_path):
    p = tmp_path / "draft.xlf"
    p.write_bytes(SEED_XLIFF.encode("utf-8"))
    return p


def _codes(findings, segment=None):
    return sorted(f.code for f in findings if segment is None or f.extra.get("segment") == segment)


def test_xliff_segments_keep_ids_sources_codes_and_lines(seed_file):
    doc = read_document(seed_file)
    assert doc.format == "xliff"
    ids = [s.id for s in doc.segments]
    assert ids == ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]
    t4 = doc.segments[3]
    assert t4.target == "Kata'ib Hezbollah attacked the forces"  # entity decoded
    assert doc.text[t4.target_start : t4.target_end].startswith("Kata&apos;ib")
    assert doc.segments[4].source_codes == (("g", "1"),)
    assert doc.segments[4].target_codes == ()
    assert doc.segments[6].locked
    assert t4.line == SEED_XLIFF[: SEED_XLIFF.index("Kata&apos;")].count("\n") + 1


def test_lint_reports_each_bilingual_problem_per_segment(glossary, seed_file):
    doc = read_document(seed_file)
    found = lint_document(doc, context=CheckContext(glossary=glossary))
    assert "TERM001" in _codes(found, None)  # existence, Hezbollah Brigades (terminology)
    assert "BIL002" in _codes(found, "t2")  # 2007 -> 2008
    assert "BIL001" in _codes(found, "t5")  # قاسم سليماني has no Qasem Soleimani
    assert "BIL005" in _codes(found, "t5")  # <g id="1"> lost
    assert "BIL003" in _codes(found, "t6")  # empty target
    assert "BIL004" in _codes(found, "t8")  # t1's source translated another way
    # A variant is a terminology finding, not a missing key term.
    assert "BIL001" not in _codes(found, "t3")
    assert "BIL001" not in _codes(found, "t4")
    # The entity is read as the apostrophe: the correct form is not a finding at all.
    assert not [f for f in found if f.extra.get("segment") == "t4" and f.code != "BIL004"]
    assert [f.line for f in found if f.code == "BIL002"] == [doc.segments[1].line]


def test_fix_changes_only_targets_and_leaves_valid_xliff(glossary, seed_file):
    doc = read_document(seed_file)
    result = fix_document(doc, context=CheckContext(glossary=glossary))
    assert result.changed
    fixed = reread(doc, result.fixed)
    reader = reader_of(doc)
    assert reader.structure_change(doc, fixed) is None
    data = reader.encode(doc, result.fixed)
    etree.fromstring(data)  # lxml accepts it
    # Outside the targets every byte is as it was.
    outside = [(0, doc.segments[0].target_start)]
    for a, b in zip(doc.segments, doc.segments[1:], strict=False):
        outside.append((a.target_end, b.target_start))
    fixed_outside = [(0, fixed.segments[0].target_start)]
    for a, b in zip(fixed.segments, fixed.segments[1:], strict=False):
        fixed_outside.append((a.target_end, b.target_start))
    assert [doc.text[s:e] for s, e in outside] == [result.fixed[s:e] for s, e in fixed_outside]
    assert "US military presence in Iraq" in fixed.segments[0].target
    # The translate="no" unit keeps its error: reported, never fixed.
    assert fixed.segments[6].target == "the military existence"


def test_entities_match_as_characters_and_keep_offsets(glossary):
    text = SEED_XLIFF.replace(
        "Kata&apos;ib Hezbollah attacked", "the Hezbollah Brigades &amp; Kata&#39;ib hezbollah"
    )
    doc = document_from_text(text, "x.xlf", format="xliff")
    found = lint_document(
        doc, selection=RuleSelection(select=("TERM",)), context=CheckContext(glossary=glossary)
    )
    seg4 = doc.segments[3]
    inside = [f for f in found if seg4.target_start <= f.start < seg4.target_end]
    assert any(f.text == "Hezbollah Brigades" for f in inside)
    # "Kata&#39;ib hezbollah" is the correct form, found through the reference: no variant
    # finding, and the tally counts it as the preferred form.
    assert not any("Kata&#39;ib" in f.text and f.code == "TERM001" for f in inside)


def test_structure_change_refuses_markup_in_a_fix(seed_file):
    doc = read_document(seed_file)
    reader = reader_of(doc)
    t = doc.segments[0]
    broken = doc.text[: t.target_start] + "US <b>presence" + doc.text[t.target_end :]
    with pytest.raises(InputError):
        reread(doc, broken)  # not well-formed: refused in one line
    assert reader.escape("A & B <c>") == "A &amp; B &lt;c&gt;"
    escaped = doc.text[: t.target_start] + reader.escape("US <b> & co") + doc.text[t.target_end :]
    after = reread(doc, escaped)
    assert reader.structure_change(doc, after) is None
    assert after.segments[0].target == "US <b> & co"


@pytest.mark.parametrize(
    "encoding,declared",
    [("utf-8", "UTF-8"), ("utf-16", "UTF-16"), ("windows-1252", "windows-1252")],
)
def test_round_trip_is_byte_identical_in_every_encoding(tmp_path, encoding, declared):
    body = SEED_XLIFF.replace('encoding="UTF-8"', f'encoding="{declared}"')
    if encoding == "windows-1252":
        # Arabic does not fit; use a Latin text with accents, CRLF and a CDATA section.
        body = body.replace("\n", "\r\n")
        for s in ("الوجود العسكري الأمريكي في العراق: المهام والتحديات", "المطلب الأول"):
            body = body.replace(s, "Présence militaire")
        body = body.replace("<target></target>", "<target><![CDATA[café <b>]]> crème</target>")
        body = "".join(c if ord(c) < 256 else "x" for c in body)
    data = body.encode(encoding)
    p = tmp_path / "f.xlf"
    p.write_bytes(data)
    doc = read_document(p)
    assert reader_of(doc).encode(doc, doc.text) == data
    if encoding == "windows-1252":
        assert doc.segments[5].target == "café <b> crème"
        # A character the encoding lacks is written as a character reference, not an error.
        t = doc.segments[0]
        new = doc.text[: t.target_start] + "Présence ā française" + doc.text[t.target_end :]
        out = reader_of(doc).encode(doc, new)
        assert b"&#257;" in out
        assert etree.fromstring(out) is not None


def test_utf16_without_bom_and_bom_utf8_are_read(tmp_path):
    p = tmp_path / "a.xlf"
    p.write_bytes(SEED_XLIFF.replace("UTF-8", "UTF-16").encode("utf-16-le"))
    assert read_document(p).segments[3].target.startswith("Kata'ib")
    p.write_bytes(b"\xef\xbb\xbf" + SEED_XLIFF.encode())
    doc = read_document(p)
    assert doc.bom == b"\xef\xbb\xbf"
    assert reader_of(doc).encode(doc, doc.text) == p.read_bytes()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
    "<target>&lol9;</target></trans-unit></body></file></xliff>\n"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
    "<target>&xxe;</target></trans-unit></body></file></xliff>\n"
)


@pytest.mark.parametrize("text", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_hostile_xml_is_refused_in_one_line(tmp_path, text):
    p = tmp_path / "h.xlf"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_document(p)
    message = str(exc.value)
    assert "\n" not in message and "entities" in message
    assert "root:" not in message  # nothing of /etc/passwd


def test_hostile_xml_gives_exit_2_and_one_line_on_the_cli(tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    p = tmp_path / "h.xlf"
    p.write_text(XXE, encoding="utf-8")
    r = CliRunner().invoke(app, ["fix", str(p)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert p.read_text(encoding="utf-8") == XXE


@pytest.mark.parametrize(
    "text,why",
    [
        ('<xliff version="1.2"><file><body><trans-unit id="1"><target>a</trans-unit>', "well"),
        ("<tmx><body><tu><tuv><seg>a</seg></tuv></tu></body>", "well"),
        ('<?xml version="1.0" encoding="x-nonsense"?><xliff/>', "encoding"),
        ("<html><body/></html>", "not XLIFF"),
    ],
)
def test_malformed_files_are_refused_in_one_line(tmp_path, text, why):
    p = tmp_path / "m.xlf"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert why in str(exc.value) and "\n" not in str(exc.value)


def test_deep_nesting_is_refused_by_the_parser_limits(tmp_path):
    depth = 5000
    text = '<xliff version="1.2">' + "<group>" * depth + "</group>" * depth + "</xliff>"
    p = tmp_path / "deep.xlf"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        read_document(p)


def test_a_huge_file_reads_every_segment(tmp_path):
    unit = (
        '<trans-unit id="{i}"><source>الوجود العسكري {i}</source>'
        "<target>the military existence {i}</target></trans-unit>\n"
    )
    body = "".join(unit.format(i=i) for i in range(20000))
    text = f'<xliff version="1.2"><file><body>\n{body}</body></file></xliff>\n'
    p = tmp_path / "huge.xlf"
    p.write_text(text, encoding="utf-8")
    doc = read_document(p)
    assert len(doc.segments) == 20000
    assert doc.segments[-1].line == 20001
    # (benchmarks/bench_scaling.py measures that reading costs time linear in the file's size.)
    for i in (0, 12345, 19999):
        seg = doc.segments[i]
        assert seg.id == str(i) and seg.source == f"الوجود العسكري {i}"
        assert doc.text[seg.target_start : seg.target_end] == f"the military existence {i}"


def test_xliff2_segments_codes_and_reorder():
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
        'trgLang="en"><file id="f"><unit id="u1"><segment id="s1"><source>أ <ph id="1" '
        'canReorder="firstNo"/> ب <pc id="2" canReorder="no">ج</pc></source><target><pc id="2" '
        'canReorder="no">c</pc> b <ph id="1" canReorder="firstNo"/></target></segment>'
        "<ignorable><source> </source></ignorable>"
        '<segment id="s2" state="final"><source>د</source><target>d</target></segment></unit>'
        "</file></xliff>"
    )
    doc = document_from_text(text, "x.xlf", format="xliff")
    assert [s.id for s in doc.segments] == ["u1/s1", "u1/s2"]
    assert doc.segments[1].state == "final"
    found = lint_document(doc, selection=RuleSelection(select=("BIL005",)))
    assert [f.extra["segment"] for f in found] == ["u1/s1"]
    assert "reordered" in found[0].message


def test_tmx_source_language_and_multiple_targets():
    text = (
        '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><header '
        'srclang="ar" segtype="sentence" o-tmf="x" adminlang="en" creationtool="t" '
        'creationtoolversion="1" datatype="plaintext"/><body><tu tuid="7"><tuv xml:lang="en">'
        '<seg>Hezbollah Brigades in <hi>2020</hi></seg></tuv><tuv xml:lang="ar"><seg>كتائب '
        'حزب الله في ٢٠٢١</seg></tuv><tuv xml:lang="fr"><seg>les Brigades</seg></tuv></tu>'
        "</body></tmx>"
    )
    doc = document_from_text(text, "m.tmx", format="tmx")
    assert [s.id for s in doc.segments] == ["7/en", "7/fr"]
    assert doc.segments[0].source.startswith("كتائب")
    found = lint_document(doc, selection=RuleSelection(select=("BIL002",)))
    assert [f.extra["segment"] for f in found] == ["7/en", "7/fr"]
    assert "2021" in found[0].message and "2020" in found[0].message


def test_tables_read_headers_quotes_and_refuse_short_rows():
    doc = document_from_text('target,source\n"Kata\'ib, ""H""",كتائب\n', "t.csv", format="csv")
    assert doc.segments[0].source == "كتائب"
    assert doc.segments[0].target == 'Kata\'ib, "H"'
    with pytest.raises(InputError):
        document_from_text("only one column\n", "t.tsv", format="tsv")


@pytest.mark.parametrize(
    "written,term",
    [
        ("وبالقاعدة", "قاعدة"),
        ("للقاعدة", "القاعدة"),
        ("فَالوُجُودُ", "وجود"),
        ("الأسـد", "الاسد"),
        ("إيران", "ايران"),
        ("مستشفى", "مستشفي"),
    ],
)
def test_arabic_normalisation_folds_spelling_and_clitics(written, term):
    assert same_word(written, term)
    assert not same_word(written, "مدينة")


def test_source_term_index_finds_multiword_terms_with_clitics():
    index = SourceTermIndex([("كتائب حزب الله", "kh"), ("عين الأسد", "ain")])
    found = index.find("وهاجمت وكتائبُ حزبِ الله قاعدةَ عين الاسد")
    assert [v for _, v in found] == ["kh", "ain"]
    assert index.find("حزب الله وحده") == []


@pytest.mark.parametrize(
    "source,target,same",
    [
        ("عام ٢٠٢٠", "in 2020", True),
        ("٣٫٥ بالمئة", "3.5 percent", True),
        ("۱۲۳", "123", True),
        ("١٬٠٠٠ جندي", "1,000 soldiers", True),
        ("١٠٠٠ جندي", "1000 soldiers", True),
        ("عام ٢٠٢٠", "in 2021", False),
        ("١٠٧ ملم", "107 mm and 5", False),
    ],
)
def test_numbers_read_arabic_digits_and_separators(source, target, same):
    from mtqa.matching.numbers import compare

    assert (not compare(source, target)) == same


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_target_text_round_trips_through_escape(value):
    """Whatever a fix writes into a target, escaped, reads back as exactly that text."""
    doc = document_from_text(SEED_XLIFF, "x.xlf", format="xliff")
    reader = reader_of(doc)
    t = doc.segments[0]
    new = doc.text[: t.target_start] + reader.escape(value) + doc.text[t.target_end :]
    after = reread(doc, new)
    assert after.segments[0].target == value
    assert reader.structure_change(doc, after) is None or value == ""


def test_every_default_glossary_entry_has_a_source_term(glossary):
    missing = [e.id for e in glossary.entries if not e.source]
    assert not missing


def test_aligned_source_gives_segments_and_refuses_other_counts(tmp_path, glossary):
    from typer.testing import CliRunner

    from mtqa.cli import app

    en = tmp_path / "en.md"
    ar = tmp_path / "ar.md"
    en.write_text("The US military existence in Iraq.\n\nIn 2019 the Brigades attacked.\n")
    ar.write_text("الوجود العسكري في العراق.\n\nفي عام ٢٠٢٠ هاجمت كتائب حزب الله.\n")
    r = CliRunner().invoke(app, ["lint", str(en), "--source", str(ar), "-f", "json"])
    assert r.exit_code == 1, r.output
    import json

    codes = {(f["code"], f["line"]) for f in json.loads(r.stdout)["findings"]}
    assert {("TERM001", 1), ("BIL002", 3), ("BIL001", 3)} <= codes
    ar.write_text("فقرة واحدة فقط.\n")
    before = en.read_bytes()
    r = CliRunner().invoke(app, ["fix", str(en), "--source", str(ar)])
    assert r.exit_code == 2
    assert "2 paragraphs here, 1 in the source" in r.output
    assert en.read_bytes() == before


def test_folder_walk_skips_tables_but_a_named_table_is_read(tmp_path):
    from mtqa.files import discover

    (tmp_path / "glossary.csv").write_text("preferred,variants\npresence,existence\n")
    (tmp_path / "a.xlf").write_text(SEED_XLIFF, encoding="utf-8")
    files, errors = discover([tmp_path])
    assert [p.rsplit("/", 1)[-1] for p in files] == ["a.xlf"]
    files, errors = discover([tmp_path / "glossary.csv"])
    assert len(files) == 1 and not errors


@pytest.mark.parametrize("keep", [False, True])
def test_keep_approved_leaves_signed_off_segments_alone(tmp_path, keep):
    from typer.testing import CliRunner

    from mtqa.cli import app

    text = SEED_XLIFF.replace('<trans-unit id="t1">', '<trans-unit id="t1" approved="yes">')
    p = tmp_path / "a.xlf"
    p.write_text(text, encoding="utf-8")
    args = ["fix", str(p)] + (["--keep-approved"] if keep else [])
    r = CliRunner().invoke(app, args)
    assert r.exit_code in (0, 1), r.output
    doc = read_document(p)
    assert ("existence" in doc.segments[0].target) == keep
    # Segments that are not signed off are fixed either way.
    assert doc.segments[2].target.startswith("The Kata'ib Hezbollah")


def test_corpus_reads_xliff_targets_with_references_decoded(glossary):
    from mtqa.corpus.rows import document_rows

    doc = document_from_text(SEED_XLIFF, "x.xlf", format="xliff")
    rows = document_rows(doc, CheckContext(glossary=glossary))
    forms = {r.form for r in rows if r.entity == "kataib-hezbollah"}
    assert forms == {"Kata'ib Hezbollah", "Hezbollah Brigades"}


def test_every_finding_in_a_target_names_its_segment(glossary, seed_file):
    doc = read_document(seed_file)
    found = lint_document(doc, context=CheckContext(glossary=glossary))
    term = [f for f in found if f.code == "TERM001"]
    assert term and all(f.extra["segment"] for f in term)
    assert {f.extra["segment"] for f in term} >= {"t1", "t3"}


def test_inconsistency_across_files():
    from mtqa.checks.bilingual import inconsistent_across

    a = document_from_text("الوجود العسكري\tthe military presence\n", "a.tsv", format="tsv")
    b = document_from_text(
        "مرحبا\thello\nالوجود العسكري\tthe military existence\n", "b.tsv", format="tsv"
    )
    c = document_from_text("الوجود العسكري\tThe  military presence\n", "c.tsv", format="tsv")
    found = inconsistent_across([a, b, c])
    assert [(f.path, f.extra["segment"], f.extra["other_path"]) for f in found] == [
        ("b.tsv", "2", "a.tsv")
    ]


def test_lint_over_several_files_reports_cross_file_inconsistency(tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    (tmp_path / "a.xlf").write_text(SEED_XLIFF, encoding="utf-8")
    other = SEED_XLIFF.replace("Kata&apos;ib Hezbollah attacked", "Kata&apos;ib Hezbollah hit")
    (tmp_path / "b.xlf").write_text(other, encoding="utf-8")
    r = CliRunner().invoke(app, ["lint", str(tmp_path), "--select", "BIL004", "-f", "json"])
    import json

    found = json.loads(r.stdout)["findings"]
    across = [f for f in found if f["extra"].get("other_path")]
    assert [(f["path"].rsplit("/", 1)[-1], f["extra"]["segment"]) for f in across] == [
        ("b.xlf", "t4")
    ]


PO = (
    '# comment\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    '#, fuzzy\nmsgid "الوجود العسكري"\nmsgstr "the military "\n"existence"\n\n'
    'msgid "%d صاروخ"\nmsgid_plural "%d صواريخ"\nmsgstr[0] "%d rocket"\nmsgstr[1] "%d rockets"\n'
    '\n#~ msgid "old"\n#~ msgstr "existence"\n'
)


def test_po_entries_plurals_fuzzy_and_fix(tmp_path, glossary):
    p = tmp_path / "a.po"
    p.write_text(PO, encoding="utf-8")
    doc = read_document(p)
    assert [(s.id, s.target, s.state) for s in doc.segments] == [
        ("1", "the military existence", "fuzzy"),
        ("2[0]", "%d rocket", ""),
        ("2[1]", "%d rockets", ""),
    ]
    assert doc.segments[2].source == "%d صواريخ"
    result = fix_document(doc, context=CheckContext(glossary=glossary))
    assert result.fixed == PO.replace('"existence"\n\n', '"presence"\n\n')
    assert reader_of(doc).encode(doc, doc.text) == p.read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_po_escape_round_trips(value):
    doc = document_from_text(PO, "a.po", format="po")
    reader = reader_of(doc)
    t = doc.segments[1]
    new = doc.text[: t.target_start] + reader.escape(value) + doc.text[t.target_end :]
    after = reread(doc, new)
    assert after.segments[1].target == value


def test_entity_declarations_behind_a_comment_in_the_subset_are_refused(tmp_path):
    text = XXE.replace("[<!ENTITY", "[<!-- <a --> <!ENTITY")
    p = tmp_path / "h.xlf"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="entities"):
        read_document(p)


def test_protected_marks_are_holes(glossary):
    ctx = CheckContext(glossary=glossary)
    select = RuleSelection(select=("TERM001",))
    plain = document_from_text(SEED_XLIFF, "x.xlf", format="xliff")
    assert "t1" in {
        f.extra.get("segment") for f in lint_document(plain, selection=select, context=ctx)
    }
    text = SEED_XLIFF.replace(
        "US military existence in Iraq: tasks",
        'US military <mrk mtype="protected">existence</mrk> in Iraq: tasks',
    )
    doc = document_from_text(text, "x.xlf", format="xliff")
    assert doc.segments[0].target.startswith("US military existence in Iraq")
    found = lint_document(doc, selection=select, context=ctx)
    assert "t1" not in {f.extra.get("segment") for f in found}


def test_fix_writes_characters_the_encoding_lacks_as_references(tmp_path):
    """A windows-1252 XLIFF gets a fix bringing in ā: written as &#257;, readable, valid."""
    from mtqa.fixing import write_fixed
    from mtqa.glossary import load_glossary

    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n- preferred: Ḥāmid\n  variants: [Hamid]\n  examples:\n"
        "    - {bad: Hamid spoke, good: Ḥāmid spoke}\n    - {ok: Ḥāmid spoke}\n",
        encoding="utf-8",
    )
    body = (
        '<?xml version="1.0" encoding="windows-1252"?>\r\n<xliff version="1.2"><file><body>'
        '<trans-unit id="1"><source>s</source><target>Café: Hamid spoke</target>'
        "</trans-unit></body></file></xliff>\r\n"
    )
    p = tmp_path / "a.xlf"
    p.write_bytes(body.encode("cp1252"))
    doc = read_document(p)
    result = fix_document(doc, context=CheckContext(glossary=load_glossary(g)))
    write_fixed(doc, result)
    data = p.read_bytes()
    assert b"&#7716;&#257;mid spoke" in data and b"Caf\xe9" in data
    assert read_document(p).segments[0].target == "Café: Ḥāmid spoke"
    etree.fromstring(data)


SDLXLIFF = (
    '<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/'
    '1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0"><file>'
    '<body><trans-unit id="u1"><source>الوجود. القوات.</source><seg-source><mrk mtype="seg" '
    'mid="1">الوجود.</mrk> <mrk mtype="seg" mid="2">القوات.</mrk></seg-source><target><mrk '
    'mtype="seg" mid="1">The existence.</mrk> <mrk mtype="seg" mid="2">The existence of '
    'forces.</mrk></target><sdl:seg-defs><sdl:seg id="1" locked="true"/><sdl:seg id="2"/>'
    "</sdl:seg-defs></trans-unit></body></file></xliff>"
)


def test_sdlxliff_segments_by_mrk_and_its_locks(tmp_path, glossary):
    p = tmp_path / "a.sdlxliff"
    p.write_text(SDLXLIFF, encoding="utf-8")
    doc = read_document(p)
    assert [(s.id, s.source, s.target, s.locked) for s in doc.segments] == [
        ("u1/1", "الوجود.", "The existence.", True),
        ("u1/2", "القوات.", "The existence of forces.", False),
    ]
    result = fix_document(doc, context=CheckContext(glossary=glossary))
    after = reread(doc, result.fixed)
    assert [s.target for s in after.segments] == ["The existence.", "The presence of forces."]


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_reports_show_source_beside_target(tmp_path, seed_file, suffix):
    from typer.testing import CliRunner

    from mtqa.cli import app

    out = tmp_path / f"report.{suffix}"
    r = CliRunner().invoke(app, ["report", str(seed_file), "-o", str(out)])
    assert r.exit_code in (0, 1), r.output
    text = out.read_text(encoding="utf-8")
    assert "استهدفت كتائب حزب الله قاعدة عين الأسد" in text
    if suffix == "md":
        line = next(x for x in text.splitlines() if "Hezbollah Brigades~~" in x)
        assert "source (segment t3)" in line and "<target>" not in line
    else:
        assert 'class="pair"' in text
