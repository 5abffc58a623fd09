"""The romanisation rules of Arabic, Persian, Turkish, Kurdish, Pashto/Dari, Azerbaijani and
Maghrebi spelling, each with examples of its own: qaf written q, k, g or gh; ghayn as g; dhal as
dh, z or d; the ezafe; Turkish and Azerbaijani letters; signs of ayn before a name; names of
three letters; words written together or apart; ordinary English words kept apart."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
from mtqa.matching.names.finder import VariantFinder, iter_names
from mtqa.matching.names.translit import name_key, same_name, same_unlisted_name, variant_reasons


def _glossary(*names: str):
    entries = [
        RawEntry({"id": f"n{i}", "preferred": name, "category": "name"}, i + 1)
        for i, name in enumerate(names)
    ]
    return build_glossary(RawGlossary(entries, "g.yaml"), "g.yaml")


def _same(a: str, b: str) -> bool:
    return same_name(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        # qaf said and written g in the Gulf, Libya and Upper Egypt
        ("Al-Qatrun", "Gatroun", "qaf as g"),
        # ghayn written g
        ("Ghadames", "Gadames", "gh/g"),
        # English (and Italian) c before a back vowel is k
        ("Kufra", "Cufra", "c/k"),
        # dhal written dh, d or z
        ("Dhofar", "Dofar", "dh/d"),
        ("Dhofar", "Zofar", "dh/z"),
        # Turkish h for kh, t for th; a final j written ç (Münbiç for Manbij)
        ("Khalil", "Halil", "Turkish h/kh"),
        ("Thamer", "Tamer", "Turkish th/t"),
        ("Manbij", "Münbiç", "Turkish final ç/j"),
        # a consonantal w written u (German, French), Latin j for y, a silent final e
        ("Rawanduz", "Ruanduz", "u/w"),
        ("Mayadin", "Majadin", "j/y"),
        ("Bizerte", "Bizert", "final e"),
        # the Persian ezafe, -e or -i, hyphenated or standing alone
        ("Qasr-e Shirin", "Qasr-i-Shirin", "Persian ezafe"),
        # bin, ibn and ben are one word
        ("Hamad bin Jassim", "Hamad ibn Jassim", "bin/ibn"),
        # Russian dzh for j
        ("Jalil", "Dzhalil", "dzh/j"),
        # English ck
        ("Sakaka", "Sackaka", "ck/k"),
    ],
)
def test_a_romanisation_rule_makes_one_name(a, b, reason):
    assert _same(a, b)
    assert reason in variant_reasons(b, a)


def test_the_ezafe_standing_alone_is_no_word_of_the_name():
    assert name_key("Qasr i Shirin") == name_key("Qasr-e-Shirin") == name_key("Qasr Shirin")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # every Turkish letter of a word is read, however many it has
        ("Hüseyin Kuşçuoğlu", "Huseyin Kuscuoglu"),
        ("Hüseyin Kuşçuoğlu", "Huseyin Kushchuoghlu"),
        ("Hüseyin Kuşçuoğlu", "Huseyin Kushchuoglu"),
        # Azerbaijani c is j (a word with ə, ı, ş or ğ is written in Turkish letters)
        ("Jabrayil", "Cəbrayıl"),
        # a Turkish c before e is j, the key writing ey as ay
        ("Jeyhan", "Ceyhan"),
    ],
)
def test_turkish_and_azerbaijani_letters(a, b):
    assert _same(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Code", "Jade"),  # an English c before e is s, not a Turkish j
        ("Dhofar", "Bofar"),  # a reading changes one letter for its own kind only
        ("Cufra", "Cobra"),
        ("Halil", "Hilal"),
        ("Bizerte", "Bizerta Street"),
        ("Gadames", "Gadamesi"),  # a suffix still makes another word
        # a weak reading takes one vowel change of the tolerance: c/k and two vowels more
        ("Cairo", "Qayyarah"),
    ],
)
def test_readings_do_not_reach_other_words(a, b):
    assert not _same(a, b)


def test_words_written_together_or_apart():
    finder = VariantFinder(_glossary("Aliabad", "Nasir Khanzadeh"))
    assert finder.identify("Ali Abad").entry.id == "n0"
    assert finder.identify("Nasir Khan Zadeh").entry.id == "n1"
    assert finder.identify("Nasirkhanzadeh").entry.id == "n1"
    assert finder.identify("Ali Abbas") is None
    assert variant_reasons("Aly Abad", "Aliabad") == ("words written together", "ia/ya")


def test_names_of_three_letters_differ_only_in_vowels_and_q():
    finder = VariantFinder(_glossary("Al-Kut", "Qal"))
    assert finder.identify("Al-Kout").entry.id == "n0"
    assert finder.identify("Ghal").entry.id == "n1"
    assert finder.identify("Cut") is None  # no c/k reading in so short a name
    assert finder.identify("Gal") is None  # nor qaf as g
    assert finder.identify("Kit") is None  # an ordinary English word


def test_an_ordinary_english_word_needs_the_names_own_key():
    glossary = _glossary("Sinjar", "Fordow")
    finder = VariantFinder(glossary)
    assert finder.identify("Singer") is None  # g/j and a vowel away, but a word
    assert finder.identify("Sinjer").entry.id == "n0"
    # A word that has the name's own key is a spelling of it (ow/o): the key says so.
    assert finder.identify("Fordo").entry.id == "n1"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("They met at ʿAyn ʿIsa on Monday.", ["ʿAyn ʿIsa", "Monday"]),
        ("They met at 'Ayn Issa on Monday.", ["Ayn Issa", "Monday"]),
        ("They met at ’Ayn Issa on Monday.", ["Ayn Issa", "Monday"]),
        ("They met at Qasr i Shirin on Monday.", ["Qasr i Shirin", "Monday"]),
        ("They met at Jisr esh-Shughur on Monday.", ["Jisr esh-Shughur", "Monday"]),
        ("They met Əhməd Əliyev on Monday.", ["Əhməd Əliyev", "Monday"]),
        # an apostrophe after a letter is no sign before a name
        ("They met O'Neil and rock 'n' Roll.", ["O'Neil", "Roll"]),
        # a quoted name is the name, without its quotes
        ("They called it 'Basra' then.", ["Basra"]),
    ],
)
def test_names_in_running_text(text, names):
    assert [name for _, _, name in iter_names(text, 0, len(text))] == names


def test_spellings_found_in_running_text():
    glossary = _glossary("Ain Issa", "Hüseyin Kuşçuoğlu", "Qasr-e Shirin", "Jalalabad")
    text = (
        "Convoys left ʿAyn ʿIsa at dawn. Huseyin Kuscuoglu spoke. Troops held Qasr i Shirin "
        "and Jalal Abad."
    )
    found = [(f.text, f.term) for f in mtqa.lint_text(text, glossary, select=("TERM003",))]
    assert found == [
        ("ʿAyn ʿIsa", "n0"),
        ("Huseyin Kuscuoglu", "n1"),
        ("Qasr i Shirin", "n2"),
        ("Jalal Abad", "n3"),
    ]


def test_a_joined_spelling_is_not_one_of_as_many_words():
    finder = VariantFinder(_glossary("Set Up"))
    assert finder.identify("Stay Up") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("Async", "Using"), ("Rails", "Release"), ("Halil", "Khalil"), ("Gadames", "Ghadames")],
)
def test_weak_readings_need_a_glossary_spelling(a, b):
    # Without a glossary entry to say the name exists, two unlisted names are not grouped by
    # a weak reading (qaf as g, c/k, final e, Turkish h/kh, gh/g, ...).
    assert not same_unlisted_name(name_key(a), name_key(b))


def test_strong_readings_group_unlisted_names():
    assert same_unlisted_name(name_key("Muammar Gadhafi"), name_key("Muammar Gaddafi"))
    assert same_unlisted_name(name_key("Ghasem Soleimani"), name_key("Qasem Soleimani"))
