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
        # the assimilated article standing alone before a word that starts with its consonant
        ("Ad Dawadmi", "Dawadmi", "article"),
        # the Maghreb article glued on (its doubled consonant) and l' glued before a vowel
        ("Ettadhamen", "At-Tadhamen", "Maghreb article glued"),
        ("Larbaa", "El Arbaa", "Maghreb article glued"),
        # Persian ol-/od- for the article; Abdol for Abdul
        ("Zahir od-Dowleh", "Zahir al-Dowleh", "article al/od"),
        ("Abdol-Vahid", "Abd al-Vahid", "Abdul/Abd al-"),
        # Persian Ebn for ibn
        ("Ebn Battuta", "Bin Battuta", "bin/ibn"),
        # French ou for w: before a vowel, and wu at the start of a word before a consonant
        ("Zaouia", "Zawiya", "French ou/w"),
        ("Oudref", "Wudref", "French ou/w"),
        # a silent final e, then another reading of the same word
        ("Ouadane", "Wadan", "final e"),
        # French gu and c before e and i
        ("Guerrara", "Garrara", "French gu/g"),
        ("Ceuta", "Seuta", "French c/s"),
        # French tch, English cc
        ("Tcharikar", "Charikar", "tch/ch"),
        ("Acca", "Akka", "cc/k"),
        # Turkish written without its marks: c for ç
        ("Corlu", "Chorlu", "Turkish c/ç"),
        # Arabic j for the ch of Persian, Kurdish and Turkish; dad said z, written z or d
        ("Chalus", "Jalus", "ch/j"),
        ("Ramazan", "Ramadan", "dad z/d"),
        # Russian e after a vowel written ye or e; Uzbek and Russian final -iy
        ("Tokayev", "Tokaev", "Russian ye/e"),
        ("Bukhoriy", "Bukhori", "iy/i"),
        # the diphthong written au
        ("Nauruz", "Noruz", "aw/o"),
        # French transcription writes ghayn r
        ("Maghnia", "Marnia", "French r/gh"),
        # Persian khw, khv said kh
        ("Khvansar", "Khansar", "khv/kh"),
        # one Arabic letter for the diphthong ay and the long i, read either way
        ("Baydawi", "Bidawi", "ay/i"),
        ("Eissa Salman", "Issa Salman", "ay/i"),
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
        # an apostrophe that no quotation mark closes is the sign of ayn, part of the name
        ("They met at 'Ayn Issa on Monday.", ["'Ayn Issa", "Monday"]),
        ("They met at ’Ayn Issa on Monday.", ["’Ayn Issa", "Monday"]),
        # one that a later apostrophe closes opens a quotation
        ("They said 'Ayn Issa fell,' on Monday.", ["Ayn Issa", "Monday"]),
        ("They said 'the Ayn Issa road' on Monday.", ["Ayn Issa", "Monday"]),
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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("As Safira", "Sapphire"),  # the article standing alone is only the article
        ("Essen", "Sen"),  # a glued article needs a word of four letters after it
        ("Ajoute", "Layout"),  # a weak reading: with final e and j/y, one too many
        ("Lemon", "Emin"),
        ("Gueret", "Garat"),  # French gu/g reads a letter, not two vowels more
    ],
)
def test_french_russian_and_persian_readings_do_not_reach_other_words(a, b):
    assert not _same(a, b)


def test_letters_that_stand_for_two_make_a_word_long_enough_to_read():
    # Şah is three letters of English spelling (Shah), so its ş is read as sh.
    assert _same("Şah Abbas", "Shah Abbas")
    assert not _same("Şa Abbas", "Sa Abbas")  # (a name of two letters is read as written)


def test_a_regnal_number_is_no_acronym():
    finder = VariantFinder(_glossary("Mehmed IV"))
    assert finder.identify("Mehmet IV").entry.id == "n0"
    assert finder.identify("Mehmet NATO") is None


def test_n_before_b_is_m_across_joined_words():
    # n before b is said m when the words are written together (Ben Barka, Benbarka).
    finder = VariantFinder(_glossary("Mehdi Ben Barka"))
    assert finder.identify("Mehdi Benbarka").entry.id == "n0"


def test_glued_abd_is_split_after_a_turkish_letter():
    assert name_key("Abdülkerim") == name_key("Abdul Kerim")


def test_an_apostrophe_before_at_ends_a_word():
    # "at-" after an apostrophe is the end of a word (Qal'at), not the article.
    assert name_key("Qal'at-e Naderi") == name_key("Qalat-e Naderi") == ("kalat", "naderi")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # two particles in a row, and a particle before a sign of ayn
        ("They read Hasan ibn al-Haytham on Monday.", ["Hasan ibn al-Haytham", "Monday"]),
        ("They read Umayya ibn 'Abd Shams on Monday.", ["Umayya ibn 'Abd Shams", "Monday"]),
        # the Persian article hyphenated
        ("They met Zahir od-Dowleh on Monday.", ["Zahir od-Dowleh", "Monday"]),
    ],
)
def test_particles_in_a_row_and_persian_articles_in_running_text(text, names):
    assert [name for _, _, name in iter_names(text, 0, len(text))] == names


def test_a_word_cut_from_the_front_that_the_glossary_name_holds():
    # "In" and titles are cut from the front of a name, unless the glossary's name has them.
    glossary = _glossary("In Salah", "Emir Bashir", "Hasan ibn al-Haytham")
    text = "Trucks reached In Saleh. Emir Basheer wrote. Hassan ibn al-Haitham wrote."
    found = [(f.text, f.term) for f in mtqa.lint_text(text, glossary, select=("TERM003",))]
    assert found == [
        ("In Saleh", "n0"),
        ("Emir Basheer", "n1"),
        ("Hassan ibn al-Haitham", "n2"),
    ]


def test_an_apostrophe_for_ayn_is_a_spelling_of_its_own():
    glossary = _glossary("Ain Issa")
    found = [(f.text, f.term) for f in mtqa.lint_text(
        "Convoys left 'Ain Issa at dawn.", glossary, select=("TERM003",))]
    assert found == [("'Ain Issa", "n0")]
    # In quotation marks the name is the glossary's own.
    assert not mtqa.lint_text("Convoys left 'Ain Issa' at dawn.", glossary, select=("TERM003",))
