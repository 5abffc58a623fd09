"""Names and terms of any field: spellings found inside longer names, letters of Turkish and
Kurdish, look-alikes kept apart, forms reported as written, ties, accepted short forms, the
sentence as context, noun entries kept off verbs."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.checks import CheckContext
from mtqa.corpus import document_rows, run_corpus
from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
from mtqa.glossary.model import entry_to_data
from mtqa.matching.names.translit import NAME, name_key, same_name, variant_reasons
from mtqa.matching.names.verbs import used_as_verb
from mtqa.readers import document_from_text


def _glossary(*entries: dict):
    raw = RawGlossary([RawEntry(e, i + 1) for i, e in enumerate(entries)], "g.yaml")
    return build_glossary(raw, "g.yaml")


PLACES = _glossary(
    {"id": "samarra", "preferred": "Samarra", "category": "name"},
    {"id": "dukan", "preferred": "Dukan", "category": "name"},
    {"id": "mosul", "preferred": "Mosul", "category": "name"},
    {"id": "tikrit", "preferred": "Tikrit", "category": "name"},
    {"id": "kirkuk", "preferred": "Kirkuk", "category": "name"},
    {"id": "sirnak", "preferred": "Şırnak", "category": "name"},
    {"id": "kadhimi", "preferred": "Mustafa al-Kadhimi", "category": "name"},
)


def term003(text: str, glossary) -> list[tuple[str, str]]:
    return [(f.text, f.term) for f in mtqa.lint_text(text, glossary, select=("TERM003",))]


# ------------------------------------------------------------ inside longer capitalised names
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Rockets hit the Qaiyara Airfield on Monday.", ("Qaiyara", "qayyarah-air-base")),
        ("Rockets hit Qaiyara on Monday.", ("Qaiyara", "qayyarah-air-base")),
    ],
)
def test_a_spelling_inside_a_longer_name_is_found(text, found, glossary):
    assert term003(text, glossary) == [found]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Water rose behind the Samarrah Barrage.", ("Samarrah", "samarra")),
        ("Boats crossed Lake Dokan in spring.", ("Dokan", "dukan")),
        ("The Mossul Dam Authority met.", None),  # "Authority" names no kind of place
        ("Engineers inspected the Mossul Dam.", ("Mossul", "mosul")),
        ("Forces left Tekrit Province.", ("Tekrit", "tikrit")),
    ],
)
def test_x_dam_lake_x_x_province(text, found):
    assert term003(text, PLACES) == ([found] if found else [])


def test_the_fix_replaces_the_name_only():
    (f,) = mtqa.lint_text("Engineers inspected the Mossul Dam.", PLACES, select=("TERM003",))
    assert [(e.start, e.end, e.text) for e in f.fix.edits] == [(24, 30, "Mosul")]


# ------------------------------------------------------------ letters of Turkish and Kurdish
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kırkuk", "Kirkuk"),
        ("Şırnak", "Sirnak"),
        ("Şırnak", "Shirnak"),
        ("Akçakale", "Akcakale"),
        ("Akçakale", "Akchakale"),
        ("Erdoğan", "Erdogan"),
        ("Erdoğan", "Erdoghan"),
        ("Kobanê", "Kobani"),
        ("Hakkâri", "Hakkari"),
        ("Nêçîrvan", "Nechirvan"),
        ("Kılıçdaroğlu", "Kilicdaroglu"),
        ("Ḥusayn", "Husayn"),
    ],
)
def test_extended_latin_letters_fold(a, b):
    assert same_name(name_key(a), name_key(b))


def test_dotless_i_is_i_in_the_key():
    assert name_key("Kırkuk") == name_key("Kirkuk") == ("kirkuk",)


def test_names_start_with_extended_capitals():
    text = "They went from Şırnak to İzmir and Ḥusayn."
    assert [m.group() for m in NAME.finditer(text)] == ["They", "Şırnak", "İzmir", "Ḥusayn"]


def test_a_lower_case_article_alone_before_a_name_is_not_arabic(tmp_path):
    # Spanish "el Importador" is not an Arabic name with its article.
    page = tmp_path / "a.md"
    page.write_text(
        "### Importador de datos\n\nEl sistema da un Importador para la prueba.\n\n"
        "Dependiendo del sistema, el Importador puede pedir datos.\n",
        encoding="utf-8",
    )
    assert mtqa.lint([page], select=("TERM004",)).findings == []


def test_a_later_word_may_start_with_the_sign_of_ayn():
    text = "Troops reached Tall 'Afar and met Tariq ʿAziz."
    assert [m.group() for m in NAME.finditer(text)] == ["Troops", "Tall 'Afar", "Tariq ʿAziz"]


def test_turkish_spelling_in_text(glossary):
    assert term003("Trucks reached Kerkük at dawn.", PLACES) == [("Kerkük", "kirkuk")]
    assert term003("Trucks reached Shirnak at dawn.", PLACES) == [("Shirnak", "sirnak")]


# ------------------------------------------------------------ look-alikes
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mosel", "Mosul"),  # a European river: u/e is no romanisation's change
        ("Tikriti", "Tikrit"),  # a person from the place (nisba)
        ("Kadhimiya", "Kadhimi"),  # a place named after a family
        ("Samarrai", "Samarra"),
        ("Diyarbakirli", "Diyarbakir"),
        ("Hadithi", "Haditha"),
        ("Harar", "Harir"),
        ("Suwaydiya", "Suwayda"),
        ("Kufic", "Kufa"),
        # A city named with -iya on a stem spelled another way than the person's name.
        ("Sulaimaniya", "Soleimani"),
        ("Kadhimiya", "Mustafa al-Kazimi"),
        # English words and letters: Turkish c/j only before e and i, no reading of a letter.
        ("Code", "Jade"),
        ("Appendix C", "Appendix G"),
    ],
)
def test_look_alikes_are_other_names(a, b):
    assert not same_name(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir al-Zour"),
        ("Bandar-e Abbas", "Bandar Abbas"),
        ("Celal Talabani", "Jalal Talabani"),
        ("Ahmet Davutoglu", "Ahmed Davutoglu"),
        ("Abu Mohammed al-Golani", "Abu Mohammad al-Julani"),
        ("Hassan Rowhani", "Hassan Rouhani"),
        ("Ahwaz", "Ahvaz"),
        ("Zaxo", "Zakho"),
        ("Nadjaf", "Najaf"),
        ("Mustafa al-Kathimi", "Mustafa al-Kadhimi"),
        ("Saydnaya", "Sednaya"),
        ("Noury", "Nouri"),
    ],
)
def test_romanisation_variants_are_one_name(a, b):
    assert same_name(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b", "reasons"),
    [
        ("Qaiyara", "Qayyarah", {"-ah/-a"}),
        ("Ghasem Soleimani", "Qasem Soleimani", {"Persian gh/q"}),
        ("Celal Talabani", "Jalal Talabani", {"Turkish c/j", "a/e"}),
        ("Deir ez-Zor", "Deir al-Zour", {"article al/ez", "ou/u", "o/u"}),
        ("Kırkuk", "Kirkuk", {"ı folded"}),
        ("Hizballah", "Hezbollah", {"e/i", "a/o"}),
    ],
)
def test_reasons_say_why(a, b, reasons):
    assert reasons <= set(variant_reasons(a, b))
    assert variant_reasons("Mosel", "Mosul") == ()


def test_term003_message_gives_the_reason(glossary):
    (f,) = mtqa.lint_text("Rockets hit Qaiyara on Monday.", glossary, select=("TERM003",))
    assert "-ah/-a" in f.message and "-ah/-a" in f.extra["reasons"]


# ------------------------------------------------------------ forms as written (TERM004, corpus)
def _term004(text: str, glossary):
    return mtqa.lint_text(text, glossary, select=("TERM004",))


def test_term004_counts_the_form_written_not_the_preferred(glossary):
    (f,) = _term004("Troops left Ain al-Asad. Rockets hit Ayn al-Asad.", glossary)
    assert f.extra["forms"] == {"Ain al-Asad": 1, "Ayn al-Asad": 1}
    assert f.extra["preferred"] == "Ain al-Asad Air Base"
    assert "'Ain al-Asad Air Base' ×" not in f.message
    assert "the glossary prefers 'Ain al-Asad Air Base'" in f.message


def test_term004_counts_an_unlisted_spelling_as_written(glossary):
    text = "Ghasem Soleimani arrived. Later Ghasem Soleimani left. Qasem Soleimani spoke."
    (f,) = _term004(text, glossary)
    assert f.extra["forms"] == {"Ghasem Soleimani": 2, "Qasem Soleimani": 1}


def test_only_accepted_forms_are_no_mixture(glossary):
    text = "Ain al-Asad Air Base is in Anbar. Troops at Ain al-Asad were attacked."
    assert _term004(text, glossary) == []


def test_corpus_rows_are_forms_written(glossary):
    doc = document_from_text("Troops left Ain al-Asad. Rockets hit Ayn al-Asad.\n", "a.md")
    rows = document_rows(doc, CheckContext(glossary=glossary))
    forms = {r.form: r.correct for r in rows if r.entity == "ain-al-asad"}
    assert forms == {"Ain al-Asad": True, "Ayn al-Asad": False}


def test_corpus_matrix_has_rows_only_for_forms_written(tmp_path, glossary):
    (tmp_path / "a.md").write_text("Troops left Ain al-Asad. Rockets hit Ayn al-Asad.\n")
    (tmp_path / "b.md").write_text("Troops returned to Ain al-Asad.\n")
    result = run_corpus([tmp_path], glossary, jobs=1)
    (group,) = [g for g in result.groups if g.entity == "ain-al-asad"]
    assert {v.text: v.count for v in group.variants} == {"Ain al-Asad": 2, "Ayn al-Asad": 1}
    assert [p.rsplit("/", 1)[-1] for p in group.deviating_documents] == ["a.md"]
    from mtqa.reporters.corpus import CorpusReport, render_html
    from mtqa.signature import Signature

    html = render_html(CorpusReport(result, Signature.of(glossary, ("TERM",))))
    assert "<b>Ain al-Asad Air Base</b>" in html  # the preferred form, as the group's name
    assert ">Ain al-Asad Air Base</td>" not in html  # but no row of its own


# ------------------------------------------------------------ ties
def test_a_tie_between_unlisted_forms_has_no_fix():
    (f,) = _term004("Abu Mahdi al-Muhandis spoke. Abu Mahdi al-Mohandes left.", None)
    assert f.fix is None and f.suggestions == ()


def test_a_tie_in_the_corpus_has_no_majority_form(tmp_path):
    (tmp_path / "a.md").write_text("Abu Mahdi al-Muhandis spoke. Abu Mahdi al-Mohandes left.\n")
    result = run_corpus([tmp_path], None, jobs=1)
    (group,) = [g for g in result.groups if g.source == "discovered"]
    assert group.preferred == ""


# ------------------------------------------------------------ an accepted short form
def test_an_accepted_short_form_does_not_hide_the_variant_before_it(glossary):
    found = term003("General Ghasem Soleimani was killed.", glossary)
    assert found == [("Ghasem Soleimani", "qasem-soleimani")]


def test_the_accepted_short_form_alone_is_fine(glossary):
    assert term003("General Soleimani was killed.", glossary) == []


# ------------------------------------------------------------ context is the sentence
ANNEX = (
    "The American side insisted that an existence of a limited number of advisers is "
    "necessary. The existence of a secret annex to the agreement was denied."
)


def test_the_own_sentence_decides(glossary):
    findings = mtqa.lint_text(ANNEX, glossary, select=("TERM001",))
    assert [(f.text, f.fix.applicability.value) for f in findings] == [("existence", "safe")]


def test_a_mixed_sentence_keeps_an_unsafe_fix(glossary):
    text = "The US forces kept the existence of a secret annex quiet."
    (f,) = mtqa.lint_text(text, glossary, select=("TERM001",))
    assert f.fix.applicability.value == "unsafe"


# ------------------------------------------------------------ nouns and verbs
WORDS = _glossary(
    {"id": "file", "preferred": "document", "variants": ["file"]},
    {"id": "link", "preferred": "hyperlink", "variants": ["link"]},
    {"id": "base", "preferred": "foundation", "variants": ["base"]},
    {"id": "use", "preferred": "employ", "variants": ["use"], "pos": "any"},
)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("They want to file a complaint.", []),
        ("The primary document links to the information.", []),
        ("It links to the page.", []),
        ("They base their claim on it.", []),
        ("If so, link your account.", []),
        ("Open the file.", ["file"]),
        ("These links to the docs are broken.", ["links"]),
        ("The base was attacked.", ["base"]),
        ("The links that I sent.", ["links"]),
        ("Save the file to disk.", ["file"]),
        # A capital inside a sentence makes a proper noun, whatever stands before it.
        ("The order came to Base.", ["Base"]),
        ("Base the claim on it.", []),
        # pos: any matches every use.
        ("We use data.", ["use"]),
    ],
)
def test_noun_entries_are_not_matched_as_verbs(text, flagged):
    assert [f.text for f in mtqa.lint_text(text, WORDS, select=("TERM001",))] == flagged


def test_used_as_verb_reads_the_folded_text():
    text = "you can file a claim"
    assert used_as_verb(text, 8, 12)
    assert not used_as_verb("the file is big", 4, 8)


def test_a_name_after_to_is_still_a_name():
    names = _glossary({"id": "erbil", "preferred": "Erbil", "variants": ["Arbil"], "category": "name"})
    found = mtqa.lint_text("Their existence was a surprise to Arbil.", names, select=("TERM001",))
    assert [f.text for f in found] == ["Arbil"]


def test_pos_defaults_and_round_trip():
    file_, use = WORDS.entries[0], WORDS.entries[3]
    assert file_.pos is None and file_.part_of_speech == "noun"
    assert use.pos == "any" and entry_to_data(use)["pos"] == "any"
    style = _glossary({"preferred": "colour", "variants": ["color"], "category": "style"})
    assert style.entries[0].part_of_speech == "any"


def test_a_bad_pos_is_a_glossary_error():
    from mtqa.errors import GlossaryError

    with pytest.raises(GlossaryError, match="pos must be one of"):
        _glossary({"preferred": "x", "variants": ["y"], "pos": "verb"})


# ------------------------------------------------------------ common words are not names
LOWER_CASE_TERMS = _glossary(
    {"id": "option", "preferred": "setting", "variants": ["option"]},
    {"id": "install", "preferred": "set up", "variants": ["install"]},
    {"id": "mardin", "preferred": "Mardin"},  # a name, with the same default category
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Staying late, the team shipped the release.", []),  # not a spelling of "setting"
        ("Instale el paquete primero.", []),  # Portuguese, not a spelling of "install"
        ("Sitting in the shade, they waited.", []),
        ("Reports from Merdin arrived on Monday.", [("Merdin", "mardin")]),
    ],
)
def test_a_glossary_form_written_without_a_capital_has_no_unlisted_spellings(text, found):
    """Only a form written with a capital is a name that romanisation respells; a lower-case
    glossary term ("setting") is a common word, whatever its category."""
    assert term003(text, LOWER_CASE_TERMS) == found
