"""What a reviewer expects of the source-aware checks on real bilingual files.

Each fixture here is small and written for the case: a file whose target language is not the
glossary's, a multilingual memory, numbers written the ways translators write them, the checks
reviewers run on every segment, the reader cases (translate inheritance, tracked deletions,
reordering rules) and the text output a reviewer reads.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mtqa.api import default_glossary
from mtqa.checks import CheckContext
from mtqa.checks.bilingual import inconsistent_across
from mtqa.cli import app
from mtqa.linter import RuleSelection, lint_document
from mtqa.matching.numbers import compare
from mtqa.readers import document_from_text
from mtqa.reporters.model import RunReport
from mtqa.reporters.text import render
from mtqa.signature import Signature


def _xliff12(units: str, source: str = "en", target: str = "ar", attrs: str = "") -> str:
    return (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file source-language="{source}" target-language="{target}" datatype="plaintext" '
        f'original="x"{attrs}><body>{units}</body></file></xliff>'
    )


def _unit(uid: str, source: str, target: str | None) -> str:
    tgt = "" if target is None else f"<target>{target}</target>"
    return f'<trans-unit id="{uid}"><source>{source}</source>{tgt}</trans-unit>'


def _lint(text: str, fmt: str, *codes: str, glossary=None):
    doc = document_from_text(text, f"x.{fmt}", format=fmt)
    selection = RuleSelection(select=codes or ("ALL",))
    return lint_document(doc, selection=selection, context=CheckContext(glossary=glossary))


def _codes(findings) -> list[str]:
    return [f.code for f in findings]


# ---------------------------------------------------------------- language-aware runs


def test_english_target_rules_skip_an_arabic_target():
    # en -> ar, the reverse of the glossary: Arabic in the target is the translation itself.
    text = _xliff12(_unit("1", "Presence of US forces", "وجود القوات الأمريكية  في العراق"))
    found = _lint(text, "xliff", glossary=default_glossary())
    assert "SCRIPT001" not in _codes(found)
    assert not any(c.startswith(("TERM", "REP", "WS")) for c in _codes(found))
    # The language-neutral checks still run: the doubled space is the target's own.
    assert "BIL010" in _codes(found)


def test_english_target_rules_run_on_an_english_target():
    text = _xliff12(
        _unit("1", "الوجود العسكري", "the military existence of قوات"), source="ar", target="en"
    )
    found = _lint(text, "xliff", glossary=default_glossary())
    assert {"SCRIPT001", "TERM001"} <= set(_codes(found))


def test_an_arabic_target_is_not_untranslated_arabic_script():
    text = _xliff12(_unit("1", "يتم الحفظ", "ذخیره می شود"), source="ar", target="fa")
    assert _lint(text, "xliff", "BIL003") == []
    same = _xliff12(_unit("1", "يتم الحفظ", "يتم الحفظ"), source="ar", target="fa")
    assert _codes(_lint(same, "xliff", "BIL003")) == ["BIL003"]  # copied, whatever the script


def test_lint_notes_a_file_in_another_direction(tmp_path):
    path = tmp_path / "ui.ar.xlf"
    path.write_text(_xliff12(_unit("1", "Save", "حفظ")), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(path)])
    notes = [line for line in result.stderr.splitlines() if "note:" in line]
    assert len(notes) == 1
    assert "target language ar" in notes[0] and "glossary's en" in notes[0]
    assert "SCRIPT001" not in result.stdout


def test_glossary_pair_decides_which_target_is_english(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "name: g\nlanguage: {source: en, target: ar}\nentries:\n"
        "  - id: presence\n    preferred: وجود\n    variants: [كينونة]\n",
        encoding="utf-8",
    )
    path = tmp_path / "ui.xlf"
    path.write_text(_xliff12(_unit("1", "Presence", "كينونة")), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(path), "--glossary", str(glossary)])
    assert "TERM001" in result.stdout
    assert "note:" not in result.stderr


def test_po_and_tmx_languages_are_read():
    po = 'msgid ""\nmsgstr ""\n"Language: fr_FR\\n"\n\nmsgid "Save"\nmsgstr "Enregistrer"\n'
    doc = document_from_text(po, "x.po", format="po")
    assert doc.segments[0].target_lang == "fr-fr"
    tmx = (
        '<tmx version="1.4"><header srclang="EN-US"/><body><tu tuid="1">'
        '<tuv xml:lang="en-US"><seg>Save</seg></tuv><tuv xml:lang="ar"><seg>حفظ</seg></tuv>'
        "</tu></body></tmx>"
    )
    seg = document_from_text(tmx, "x.tmx", format="tmx").segments[0]
    assert (seg.source_lang, seg.target_lang) == ("en-us", "ar")


MULTILINGUAL = (
    '<tmx version="1.4"><header srclang="de"/><body>'
    '<tu tuid="1"><tuv xml:lang="de"><seg>Der große Übersetzer</seg></tuv>'
    '<tuv xml:lang="en"><seg>The great translator</seg></tuv>'
    '<tuv xml:lang="es"><seg>El gran traductor</seg></tuv></tu>'
    '<tu tuid="2"><tuv xml:lang="de"><seg>Der große Übersetzer</seg></tuv>'
    '<tuv xml:lang="en"><seg>The great translator</seg></tuv>'
    '<tuv xml:lang="es"><seg>El traductor grande</seg></tuv></tu>'
    "</body></tmx>"
)


def test_multilingual_tmx_compares_targets_of_one_language():
    found = _lint(MULTILINGUAL, "tmx", "BIL004")
    # Only the Spanish unit 2 differs from the Spanish unit 1; English never meets Spanish.
    assert [f.extra["segment"] for f in found] == ["2/es"]
    assert found[0].extra["other"] == "1/es"


def test_bil004_across_files_keeps_target_languages_apart():
    es = document_from_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu tuid="1"><tuv xml:lang="en">'
        '<seg>Save file</seg></tuv><tuv xml:lang="es"><seg>Guardar archivo</seg></tuv></tu>'
        "</body></tmx>",
        "a.tmx",
        format="tmx",
    )
    fr = document_from_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu tuid="1"><tuv xml:lang="en">'
        '<seg>Save file</seg></tuv><tuv xml:lang="fr"><seg>Enregistrer le fichier</seg></tuv>'
        "</tu></body></tmx>",
        "b.tmx",
        format="tmx",
    )
    assert inconsistent_across([es, fr]) == []
    fr2 = document_from_text(fr.text.replace("Enregistrer le", "Sauver le"), "c.tmx", "tmx")
    assert [f.path for f in inconsistent_across([es, fr, fr2])] == ["c.tmx"]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "source,target",
    [
        ("between 60 and 70% of cases", "بين 60 و70% من الحالات"),
        ("between 8 and 256 characters", "بين 8 و256 حرفًا"),
        ("by 5 votes", "ب5 أصوات"),
        ("in 2020", "في عام ۲۰۲۰"),  # Persian digits
        ("1,000 people", "١٬٠٠٠ شخص"),
        ("3.5 percent", "٣٫٥ بالمئة"),
        ("3,5 Prozent", "3.5 percent"),
        ("ages 18-65", "الأعمار من 18 إلى 65"),
        ("one account", "حساب 1"),
        ("thirteen days", "ثلاثة عشر يومًا"),
        ("twenty-one", "21"),
        ("170 thousand soldiers", "١٧٠ ألف جندي"),
        ("170,000 soldiers", "١٧٠ ألف جندي"),
        ("3 million", "3 ملايين"),
        ("the ACE2 receptor", "مستقبل ACE2"),
        ("COVID-19 cases", "حالات كوفيد-19"),
        ("code U07.1", "الرمز U07.1"),
        ("Enable 2FA", "تفعيل المصادقة الثنائية"),
        ("see Fig.33", "انظر الشكل 33"),
        ("angiotensin II", "أنجيوتنسين 2"),
        ("between {0} and {1}", "بين {0} و{1}"),
        ("see https://example.org/v2/page3", "انظر الصفحة"),
        ("in the 1960s", "في ستينيات القرن العشرين"),
    ],
)
def test_numbers_that_agree(source, target):
    assert not compare(source, target), compare(source, target)


def test_a_changed_number_is_named_with_its_side():
    diff = compare("between 60 and 70%", "بين 60 و80%")
    assert diff.missing == ("70",) and diff.added == ("80",) and diff.certain
    found = _lint("بين 60 و80%\tbetween 60 and 70%", "tsv", "BIL002")
    assert found[0].severity.value == "warning"
    assert "'80' in the source, missing from the target" in found[0].message
    assert "'70' in the target, not in the source" in found[0].message


def test_a_dual_or_a_dropped_one_is_reported_at_info():
    found = _lint("2-week course\tدورة لأسبوعين دراسيين", "tsv", "BIL002")
    assert [f.severity.value for f in found] == []  # the dual stands for the 2
    found = _lint("a 2-week course\tدورة تدريبية", "tsv", "BIL002")
    assert [f.severity.value for f in found] == ["warning"]
    assert _lint("2 metres away\tعلى بُعد مترين", "tsv", "BIL002") == []
    found = _lint("2 reviewers agreed\tوافق المراجعين", "tsv", "BIL002")  # dual or plural
    assert [f.severity.value for f in found] == ["info"]
    assert "uncertain" in found[0].message
    found = _lint("1 item selected\tتم تحديد عنصر", "tsv", "BIL002")
    assert [f.severity.value for f in found] == ["info"]


def test_identifiers_are_compared_verbatim_not_as_numbers():
    diff = compare("Enable 2FA now", "تفعيل 2 الآن")
    assert diff.codes_missing == () and not diff.missing  # its digits are kept
    diff = compare("code U07.1", "الرمز U07.2")
    assert diff.codes_missing == ("U07.1",) and diff.codes_added == ("U07.2",)
    assert not diff.certain  # an identifier alone may have been spelled out: info
    assert compare("R0 was 2.5", "بلغ رقم التكاثر 2.5").codes_missing == ("R0",)


def test_numbers_in_a_language_without_word_readings_are_uncertain():
    diff = compare("Er hatte 3 Schüler", "У него было три ученика", "de", "ru")
    assert diff.missing == ("3",) and not diff.certain
    # Read: German, Chinese and Korean numerals.
    assert not compare("Stufe 10", "第十步", "de", "zh-cn")
    assert not compare("Die 10 Stufen", "열 단계", "de", "ko")
    assert not compare("das zehnstufige Verfahren", "the 10-stage process", "de", "en")


# ---------------------------------------------------------------- source/target checks


def test_a_dropped_parenthetical_is_reported():
    found = _lint(
        "Add/update your research activities (works, affiliations, etc)\t"
        "إضافة أو تحديث أنشطتك البحثية",
        "tsv",
        "BIL006",
    )
    assert _codes(found) == ["BIL006"]
    assert "1 bracketed group in the source, 0 in the target" in found[0].message


def test_brackets_and_quotes_the_target_adds_are_not_reported():
    assert _lint("Add work with a DOI\tإضافة عمل بمعرف الوثيقة الرقمي (DOI)", "tsv", "BIL006") == []
    assert _lint("Set visibility to Everyone\tتعيين الرؤية إلى \"الجميع\"", "tsv", "BIL006") == []
    assert _lint("the ‘education system’\t«نظام التعليم»", "tsv", "BIL006") == []


def test_links_must_be_kept():
    found = _lint("Mail help@orcid.org or see https://orcid.org/faq.\tراسلنا.", "tsv", "BIL007")
    assert "'help@orcid.org'" in found[0].message and "'https://orcid.org/faq'" in found[0].message
    same = "See (https://www.nhc.gov.cn/).\tانظر (https://www.nhc.gov.cn)."
    assert _lint(same, "tsv", "BIL007") == []


@pytest.mark.parametrize(
    "row,flagged",
    [
        ("Do you agree?\tهل توافق؟", False),
        ("Do you agree?\tهل توافق.", True),
        ("Items:\tالعناصر:", False),
        ("Saved.\tتم الحفظ", True),
        ("Saved\tتم الحفظ.", True),
        ("fever; cough;\tالحمى، السعال،", False),
        ("If you typed a URL\tإذا كتبت عنوانًا،", False),
        ("(country, keywords, etc.)\t(البلد، الكلمات، إلخ)", False),
        ("at home, in nursing homes, etc.\tفي المنزل، وفي دور الرعاية، إلخ.", False),
        ("Wait...\tانتظر…", False),
        ("Done.\t完了。", False),
        ("{{ count }}\t{{ count }}.", False),
    ],
)
def test_end_punctuation_is_mapped_across_scripts(row, flagged):
    assert bool(_lint(row, "tsv", "BIL008")) == flagged


def test_length_ratio_flags_a_lost_clause_and_an_added_sentence():
    lost = (
        "No temporary folder was configured in php.ini, or the configured folder does not exist."
        "\tلم يتم تكوين مجلد مؤقت في ملف php.ini."
    )
    assert _codes(_lint(lost, "tsv", "BIL009")) == ["BIL009"]
    added = (
        "Your given and family names\tالاسم الأول واسم العائلة الخاص بك. يتم استخدام هذه "
        "الأسماء في سجل أوركيد الخاص بك افتراضياً."
    )
    assert "longer" in _lint(added, "tsv", "BIL009")[0].message
    compact = "Collapse the research resources section\tطي قسم موارد البحث"
    assert _lint(compact, "tsv", "BIL009") == []  # short sources vary too much to judge
    plural = (
        "You must select at least {{ limit }} choice.|You must select at least {{ limit }} "
        "choices.\t" + "|".join(["يجب ان تختار {{ limit }} اختيار على الاقل."] * 6)
    )
    assert _lint(plural, "tsv", "BIL009") == []  # six plural forms against two


def test_doubled_space_only_where_the_source_has_none():
    found = _lint("حساب ORCID\tthe  ORCID account", "tsv", "BIL010", "WS001")
    assert _codes(found) == ["BIL010"]  # WS001 leaves segments to BIL010
    assert found[0].fix is not None
    assert _lint("حساب  ORCID\tthe  ORCID account", "tsv", "BIL010") == []


def test_each_new_check_can_be_turned_off():
    row = "Do you agree (really)?\tهل  توافق"
    on = set(_codes(_lint(row, "tsv", "BIL")))
    assert {"BIL006", "BIL008", "BIL010"} <= on
    doc = document_from_text(row, "x.tsv", format="tsv")
    off = lint_document(doc, selection=RuleSelection(select=("BIL",), ignore=("BIL006", "BIL008")))
    assert set(_codes(off)) == on - {"BIL006", "BIL008"}


# ---------------------------------------------------------------- readers


@pytest.mark.parametrize(
    "text",
    [
        _xliff12(
            '<group id="g" translate="yes">' + _unit("u1", "Hello", None) + "</group>",
            attrs=' translate="no"',
        ),
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        'trgLang="fr"><file id="f" translate="no"><group id="g" translate="yes"><unit id="u1">'
        "<segment><source>Hello</source></segment></unit></group></file></xliff>",
    ],
)
def test_translate_yes_inside_translate_no_is_translated(text):
    doc = document_from_text(text, "x.xlf", format="xliff")
    assert not doc.segments[0].locked
    assert _codes(_lint(text, "xliff", "BIL003")) == ["BIL003"]


def test_translate_no_inside_translate_yes_is_locked():
    text = _xliff12(
        '<group id="g" translate="no">' + _unit("u1", "Hello", "Hello") + "</group>",
        attrs=' translate="yes"',
    )
    assert document_from_text(text, "x.xlf", format="xliff").segments[0].locked
    assert _lint(text, "xliff", "BIL003") == []


def test_tracked_deletions_are_not_target_text():
    trados = _xliff12(
        '<trans-unit id="1"><source><g id="1">Paragraph</g> one</source><target>'
        '<mrk mtype="x-sdl-deleted"><g id="1">Paragraph</g> </mrk>'
        '<mrk mtype="x-sdl-added"><g id="1">PARAGRAPH</g> ONE</mrk></target></trans-unit>',
        target="fr",
    )
    doc = document_from_text(trados, "x.sdlxliff", format="xliff")
    assert doc.segments[0].target == "PARAGRAPH ONE"
    assert _lint(trados, "xliff", "BIL005") == []
    memoq = _xliff12(
        '<trans-unit id="1"><source>Old text</source><target><mrk mtype="x-mq-tc" '
        'xmlns:mq="MQXliff" mq:tctype="del">Old </mrk><mrk mtype="x-mq-tc" xmlns:mq="MQXliff" '
        'mq:tctype="ins">New </mrk>text</target></trans-unit>',
        target="fr",
    )
    assert document_from_text(memoq, "x.mqxliff", format="xliff").segments[0].target == "New text"


def _xliff2(source: str, target: str) -> str:
    return (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        f'trgLang="fr"><file id="f"><unit id="u"><segment><source>{source}</source>'
        f"<target>{target}</target></segment></unit></file></xliff>"
    )


def test_xliff2_codes_without_restriction_may_move():
    text = _xliff2(
        '<pc id="1" canReorder="firstNo">a<ph id="2" canReorder="no"/></pc> b <ph id="3"/>',
        '<ph id="3"/> B <pc id="1" canReorder="firstNo">A<ph id="2" canReorder="no"/></pc>',
    )
    assert _lint(text, "xliff", "BIL005") == []


def test_xliff2_a_fixed_sequence_must_keep_its_order():
    text = _xliff2(
        '<ph id="1" canReorder="firstNo"/> a <ph id="2" canReorder="no"/> b',
        '<ph id="2" canReorder="no"/> A <ph id="1" canReorder="firstNo"/> B',
    )
    found = _lint(text, "xliff", "BIL005")
    assert _codes(found) == ["BIL005"] and "reordered" in found[0].message


def test_xliff12_standalone_codes_may_move():
    text = _xliff12(
        '<trans-unit id="1"><source>Press <x id="1"/> then <ph id="2">{b}</ph> now</source>'
        '<target>Appuyez <ph id="2">{b}</ph> puis <x id="1"/> maintenant</target></trans-unit>',
        target="fr",
    )
    assert _lint(text, "xliff", "BIL005") == []


# ---------------------------------------------------------------- output


def test_text_output_shows_the_source_and_both_sides_of_an_inconsistency():
    text = _xliff12(
        _unit("a", "The account has been unlinked", "تم إلغاء ربط الحساب")
        + _unit("b", "The account has not been unlinked", "تم إلغاء ربط الحساب")
        + _unit("c", "Saved.", "تم الحفظ")
    )
    findings = _lint(text, "xliff", "BIL004", "BIL008")
    out = render(RunReport(findings, Signature.of(None, ("BIL004", "BIL008"))))
    assert "    source: Saved." in out
    assert "    source: The account has not been unlinked" in out
    assert "    this:   unit b: تم إلغاء ربط الحساب" in out
    assert "    other:  unit a: تم إلغاء ربط الحساب" in out
    assert "its source: The account has been unlinked" in out
