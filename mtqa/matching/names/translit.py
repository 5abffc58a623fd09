"""A transliteration-aware key for romanised names, and a matcher built on it.

Translators spell one Arabic, Persian, Kurdish or Turkish name many ways: Ain/Ayn/Ein,
al-/Al-/el-/ez-, Asad/Asaad/Assad, Qayyarah/Qayara, Kata'ib/Kataib, Şırnak/Shirnak/Sirnak.
`name_key` maps such spellings to one skeleton per word, by a small set of rewrite rules, each
named for the romanisation difference it absorbs:

- the article (al-, el-, ad-, ez-, ud-, Persian ol-, od-, ... "Al" glued to a capital: AlAsaad,
  and "Ad", "Ar", ... standing alone before a word that starts with its consonant: Ad Dawadmi)
  and the Persian ezafe ("Bandar-e Abbas", "Mazar-i-Sharif", "Mazar i Sharif") are dropped;
  Abdul/Abdel/Abdol/Abd al- are one element, bin/ibn/ben/ebn one word;
- apostrophes, ʿ, ʾ and ʽ are dropped; letters lose their diacritics (Irbīl, Köprü, Kobanê),
  letters that stand for two (ı, ş, ç, ğ, ə, ž, ḫ, ...) are folded by a table (`LETTERS`), and
  in a word written with ı, ə, ş or ğ a c is j (Gəncə/Ganja);
- ai/ay/ei/ey -> ay, aa -> a, ou/oo -> u, ee -> i, aw/ow/au before a consonant -> o, a final
  -iy -> i, a consonantal w -> v, q -> k, ck and cc -> k, tch -> ch, dh -> ð (dhal, read as z
  or d), dj and dzh -> j, x -> kh, ph -> f, p -> b, a final h after a vowel is dropped (taa
  marbuta: Qayyarah/Qayara), doubled letters become one.

Two spellings are one name when their words, compared one by one (the number of words must
agree), have equal keys or keys that differ only in their vowels, and only as romanisation
varies them (`word_distance_ok`): the short vowels (a/e, e/i, u/o), a vowel added or dropped,
ay/e, ay/i; a vowel change no romanisation makes (a/i, u/e, ...) only in a word's first syllable,
where translators hear it differently (Erbil/Irbil, Kirkuk/Karkuk), never later (Mosul is not
Mosel, Harir not Harar). A name plus a suffix is another word (Tikrit/Tikriti, Kadhimi/
Kadhimiya, Samarra/Samarrai). A word may also be read other ways when comparing (`readings`):
without an article glued on in lower case, with Persian gh for q, dhal as z or d, each ş ç ğ
as s/sh, c/ch, g/gh (all of a word's at once), Turkish c for j, final t for d and final ç for
j, Egyptian g for j, French ch for sh, Persian zh for j, th for s or dh. Weak readings are
tried only against a glossary spelling, each taking one vowel change of the tolerance: qaf as
g, ghayn as g, an English c as k, Turkish th/t and h/kh, a consonantal w written u, Latin j for
y, a silent final e (read with the others), the Maghreb French article glued on, French ou/w,
gu/g, c/s and r for ghayn, Turkish c for ç, Arabic j for ch, dad as z or d, Russian ye/e,
Persian khv/kh; weak readings count even where the keys then agree. These are tried only when
comparing two names, never baked into the key,
because "Alawi", "Ghazi" or "Celal" are written as they are. `variant_reasons` says which rules
make two spellings one name, for the messages ("ou/u, q/k").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from ...normalize import fold_typography

# The Arabic article as romanised: al/el, and ol in Persian (also standing alone: "al Asad"),
# and its assimilated forms before sun letters (ad-, ar-, as-, ez-, er-, ...), an article when hyphenated, or
# standing alone before a word that starts with its consonant.
_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_ASSIMILATED = re.compile(
    # (Not after an apostrophe: the "at-" of "Jama'at-e" ends a word.)
    r"(?<![\w'ʿʾʽ])(?:[aeou][dnrstz]|[aeou]sh|[aeou]th|[aeou]dh)-(?=\w)"
    # Standing alone, the assimilated article is known by its consonant, which the next word
    # of the name begins with (Ad Dawha, Es Salt, Ar Ramadi).
    r"|\b[ae](sh|th|dh|[dnrstz]) (?=\1)"
)
_GLUED_ARTICLE = re.compile(r"\b(?:Al|El)(?=[A-Z])")
# The Persian ezafe, -e, -i, -ye or -yi, joined by a hyphen (Bandar-e Abbas, Mazar-i-Sharif,
# Khaneh-ye ...) or written as a word of its own between two words (Mazar i Sharif).
_EZAFE = re.compile(r"(?<=\w)-y?[ei]\b|(?<=\w )y?[ei] (?=\w)")
_WORD_SPLIT = re.compile(r"[\s\-]+")

# Letters of Turkish, Kurdish, Persian and Arabic romanisation that stand for two letters of
# English spelling, or for a sound English writes two ways. Those written two ways keep a
# letter of their own in the key, read both ways when comparing (see _READINGS): Şırnak is
# Shirnak and Sirnak, Akçakale is Akchakale and Akcakale, Erdoğan is Erdogan and Erdoghan.
# Other letters with diacritics lose them (ā, ḥ, ṣ, ê, î, û, ö, ü).
LETTERS = {
    "ı": "i",
    "ə": "a",
    "ḫ": "kh",
    "ẖ": "kh",
    "ṯ": "th",
    "ḏ": "dh",
    "ġ": "gh",
    "ž": "zh",
    "š": "ş",
    "č": "ç",
}
_KEPT = frozenset("şçğ")
_LETTER_TABLE = str.maketrans(LETTERS)
# Letters only Turkish and Azerbaijani write: in a word that has one, c is j (Gəncə/Ganja,
# Hacı/Haji), as those alphabets write it.
_TURKIC_ONLY = re.compile("[ıəşğ]")

# (label, pattern, replacement), applied in order to a word in lower case. The label names the
# romanisation difference the rule absorbs (variant_reasons reports it).
_RULES = (
    ("ʿ/'", re.compile(r"[ʿʾʽʼ'`‘’]"), ""),
    ("ck/k", re.compile(r"ck"), "k"),  # English ck: Baalbeck
    ("cc/k", re.compile(r"cc(?![eiy])"), "k"),  # English and Italian cc: Acca/Akka
    ("tch/ch", re.compile(r"tch"), "ch"),  # French tch: Tchelebi
    ("sch/sh", re.compile(r"sch"), "sh"),  # German: Schiraz
    ("double letters", re.compile(r"(sh|th|kh|gh|dh|ch|zh)\1+"), r"\1"),  # Bashshar
    ("oue/we", re.compile(r"ou(?=e)"), "w"),  # French: Soueida
    ("ai/ay/ei", re.compile(r"(?:ai|ay|ei|ey)"), "ay"),
    ("aa/a", re.compile(r"aa+"), "a"),
    ("ou/u", re.compile(r"(?:ou|oo)"), "u"),
    ("ee/i", re.compile(r"ee"), "i"),
    # A glide between i and a vowel: Latakiya/Latakia, Diyarbakir/Diarbekir, -iyyah/-ieh.
    ("iya/ia", re.compile(r"iy+(?=[aeiou])"), "i"),
    # A final -iy of Uzbek and Russian spelling is -i (Fargoniy, Dmitriy).
    ("iy/i", re.compile(r"iy$"), "i"),
    # A diphthong before a consonant: Rowhani/Rouhani, Jawlani/Jolani, Zawr/Zor, Tauq/Tawq.
    ("aw/o", re.compile(r"[ao]w(?![aeiouy])|au(?![aeiouy])"), "o"),
    # A consonantal w is the Persian v: Ahwaz/Ahvaz, Qazwin/Qazvin, Jawad/Javad.
    ("w/v", re.compile(r"w"), "v"),
    ("q/k", re.compile(r"q"), "k"),
    # dhal, written dh, z (Persian, Turkish) or d (Egyptian, Libyan): a letter of its own in
    # the key (ð), read as z or d when comparing (_LETTER_READINGS).
    ("dh", re.compile(r"dh"), "ð"),
    ("dzh/j", re.compile(r"dzh"), "j"),  # Russian дж: Gyandzha, Dzhokhar
    ("dj/j", re.compile(r"dj"), "j"),
    ("x/kh", re.compile(r"x"), "kh"),
    ("ph/f", re.compile(r"ph"), "f"),
    # Arabic script has no P: Kupri (Turkish) and Kubri (Arabic) are one word.
    ("p/b", re.compile(r"p"), "b"),
    # n before b is said m: Manbij/Mambij, Anbar/Ambar.
    ("nb/mb", re.compile(r"nb"), "mb"),
    ("-ah/-a", re.compile(r"(?<=[aeiou])h$"), ""),
    ("double letters", re.compile(r"(.)\1+"), r"\1"),
    # Abdul-, Abdel-, Abd al- are one element (عبد ال): the article is merged in or dropped.
    ("Abdul/Abd al-", re.compile(r"^ab(?:du|de|da|do)l$"), "abd"),
    # "son of": bin, ibn, ben (Maghreb) are one word (ابن / بن).
    ("bin/ibn", re.compile(r"^(?:ibn|ben|ebn)$"), "bin"),
)


# "Abdulmahdi", "Abdelaziz", "Abdurrahman", "Abdmahdi": Abd and the article glued to the name
# after it. Split off when what follows is a name of three letters or more ("Abdul" stays).
_ABD_GLUED = re.compile(r"^abd(?:[aeiou]l|[aeiou](?=([dnrstz])\1)|(?=[^\Waeiou]))(\w{3,})$")


def _plain(text: str) -> str:
    """Letters folded by LETTERS and without their diacritics (ī -> i, ö -> o, ḥ -> h), ş ç ğ
    kept; other characters as they are. Expects lower case."""
    if text.isascii():
        return text
    if _TURKIC_ONLY.search(text):
        text = text.replace("c", "j")
    text = text.translate(_LETTER_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for c in decomposed:
        if unicodedata.combining(c):
            if c == "\u0327" and out and out[-1] in "sc":  # cedilla: ş, ç
                out[-1] = "ş" if out[-1] == "s" else "ç"
            elif c == "\u0306" and out and out[-1] == "g":  # breve: ğ
                out[-1] = "ğ"
            continue
        out.append(c)
    return "".join(out)


def _split_glued_abd(words: list[str]) -> list[str]:
    out = []
    for w in words:
        m = _ABD_GLUED.match(_plain(w)) if w.startswith("abd") else None  # (Abdülhamid)
        if m:
            out += ["abd", m.group(2)]
        else:
            out.append(w)
    return out


@lru_cache(maxsize=131072)
def _traced_word_key(word: str) -> tuple[str, frozenset[str]]:
    """A word's key, and the labels of the rules that changed it."""
    key = _plain(word.lower())
    fired = set()
    if key != word.lower():
        fired.add("letters")
    for label, pattern, replacement in _RULES:
        new = pattern.sub(replacement, key)
        if new != key:
            fired.add(label)
            key = new
    return key, frozenset(fired)


def word_key(word: str) -> str:
    return _traced_word_key(word)[0]


def _name_words(name: str) -> tuple[list[str], list[str]]:
    """(the words of a name, its articles and ezafe as written), in lower case; letters not
    yet folded (word_key folds them)."""
    text = _GLUED_ARTICLE.sub(lambda m: m.group() + "-", fold_typography(name)).lower()
    dropped = [m.group() for m in _ASSIMILATED.finditer(text)]
    dropped += ["ezafe " + e.strip(" -") for e in _EZAFE.findall(text)]
    text = _EZAFE.sub("", _ASSIMILATED.sub("", text))
    words = _split_glued_abd([w for w in _WORD_SPLIT.split(text) if w])
    dropped += [w for w in words if w in _ARTICLES]
    return [w for w in words if w not in _ARTICLES], dropped


# A name's transliteration key: one reading per word.
Key = tuple[str, ...]


@lru_cache(maxsize=131072)
def name_key(name: str) -> Key:
    """The per-word keys of a name, articles dropped: "Ein Al-Asaad" -> ("ayn", "asad")."""
    keys = tuple(word_key(w) for w in _name_words(name)[0])
    return tuple(k for k in keys if k)


_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=131072)
def skeleton(key: str) -> str:
    """The consonants of a word key, and whether it ends in a vowel (Maliki is not Malik)."""
    return _VOWELS.sub("", key) + ("V" if key[-1:] in "aeiouy" else "")


def _tolerance(key: str) -> int:
    """In how many of its vowel runs a word key may differ: none for very short words, more
    for long ones (a word of three letters by one vowel: Zor/Zur, Tal/Tel)."""
    if len(key) <= 2:
        return 0
    if len(key) <= 4:
        return 1
    if len(key) <= 7:
        return 2
    return 3


# Vowels that romanisation writes for one another: fatha a/e, kasra i/e, damma u/o, a/o
# (Persian o for fatha: Hezbollah/Hizballah), i/u (Turkish and Kurdish vowels heard in Arabic:
# Köprü/Kubri, Altun/Altin), i/y and e/y (Noury/Nuri, Kataeb/Kataib). Any other change (a/i,
# a/u, u/e, o/e, o/i) makes another word, except in the first syllable of a longer word.
_NEAR_LETTERS = frozenset(
    frozenset(p)
    for p in (("a", "e"), ("e", "i"), ("o", "u"), ("a", "o"), ("i", "u"), ("i", "y"), ("e", "y"))
)


def _near_runs(x: str, y: str) -> bool:
    """Two vowel runs that romanisation writes for one another: letter by letter near, the
    diphthong ay for e (Saydnaya/Sednaya), or ay for i: Arabic script writes the diphthong and
    the long i with one letter, read either way (Teymur/Timur, Zeid/Zid)."""
    if len(x) == len(y):
        return all(a == b or frozenset((a, b)) in _NEAR_LETTERS for a, b in zip(x, y, strict=True))
    return {x, y} == {"ay", "e"} or {x, y} == {"ay", "i"}


# Endings that make another word of a name: a person from a place (Tikriti, Urfali,
# Samarrai), a place named for a person or a family (Kadhimiya, Amiriya), a word formed on a
# name (Kufic, Kemalism).
_SUFFIXES = ("i", "y", "iya", "ya", "ia", "li", "lu", "ic", "ism", "ian", "iyan", "avi")


def _vowel_runs(key: str) -> list[str]:
    """The vowel runs of a key, before, between and after its consonants."""
    return re.split(r"[^aeiouy]", key)


def _suffixed(a: str, b: str) -> bool:
    """One key is the other plus a suffix (its final vowel, if any, giving way to it)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    stem = short[:-1] if short[-1:] in "aeiouy" else short
    if len(short) == len(long_) and frozenset(short[-1] + long_[-1]) in _NEAR_LETTERS:
        return False  # a final vowel written two ways (Nouri/Noury), not a suffix
    for suffix in _SUFFIXES:
        if long_.endswith(suffix):
            base = long_[: -len(suffix)]
            if base and base in (short, stem):
                return True
            # The stem spelled another way: Sulaymaniya is Soleiman + -iya, not Soleimani (a
            # suffix of two letters or more that makes the word longer: Maliki/Malki differ
            # by a vowel, not by a suffix).
            if (
                len(suffix) > 1
                and not short.endswith(suffix)  # both end so (Urumia/Urmia)
                and len(long_) > len(short)
                and len(base) > 2
                and _VOWELS.sub("", base) == _VOWELS.sub("", stem)
                and base[-1:] not in "aeiouy"
                and _vowel_changes_allowed(base, stem) is not None
            ):
                return True
    return False


def _vowel_changes_allowed(a: str, b: str, shortest: int = 6) -> int | None:
    """Keys with the same consonants: in how many vowel runs they differ, when each differs
    as romanisation varies it (None when one does not); a change no romanisation makes only
    in the first syllable of a word of `shortest` letters or more."""
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    if len(ra) != len(rb):
        return None
    first = 0 if ra[0] or rb[0] else 1  # the first syllable's vowels
    changed = 0
    for i, (x, y) in enumerate(zip(ra, rb, strict=True)):
        if x == y:
            continue
        changed += 1
        if not x or not y:
            continue  # a vowel added (Teheran/Tehran)
        if _near_runs(x, y):
            continue
        if len(x) == len(y) == 1 and i == first and max(len(a), len(b)) >= shortest:
            continue  # the first syllable of a longer word: Kirkuk/Karkuk, Erbil/Irbil
        if len(x) != len(y) and (x in y or y in x):
            continue  # a vowel added to a run (Raeisi/Raisi)
        return None
    return changed


@lru_cache(maxsize=131072)
def word_distance_ok(a: str, b: str, anchored: bool = True, spent: int = 0) -> bool:
    """Two word keys are one word when only vowels differ, not by much, and as romanisation
    varies them.

    Transliterations of one Arabic word differ in their vowels (Qasem/Qasim, Hezbollah/
    Hizbullah); a different consonant makes a different word (Irbil/Irbid, Mahdi/Hadi). A
    first vowel heard otherwise is allowed in a word of five letters when one of the two is a
    glossary spelling (`anchored`: Jizan/Jazan), of six when both are unlisted names. `spent`:
    the weak readings that made the two keys, each taking one vowel change of the tolerance
    (Muscat/Masqat reads c as k and changes a vowel; Cairo would need two more for Qayyarah).
    """
    if a == b:
        # Weak readings alone, each as good as a vowel changed: more than a word's tolerance
        # (at least one) is no longer the same word (Ajoute read as Layout: final e, j/y and
        # a glued l').
        return spent <= max(1, min(_tolerance(a), _tolerance(b)))
    if skeleton(a) != skeleton(b):
        return False
    if a[0] != b[0] and not ({a[0], b[0]} <= set("aeiouy")):
        return False
    if _suffixed(a, b):
        return False
    changed = _vowel_changes_allowed(a, b, 5 if anchored else 6)
    return changed is not None and changed + spent <= min(_tolerance(a), _tolerance(b))


# An article glued on in lower case ("Alasad", "Elasad", "Alqayyarah"): only taken off when a
# word of four letters or more is left, so "Alan", "Alawi" and "Ali" stay whole.
_GLUED_LOWER_ARTICLE = re.compile(r"^(?:al|el)(?=\w{4,}$)")
# Maghreb French spelling also glues the assimilated article (Ennahda, Essaouira: the key has
# lost the doubled letter, so its vowel is what is taken off) and l' before a vowel
# (Laghouat). A weak reading, tried only against a glossary spelling: Essen and Layout are
# words of their own.
_GLUED_MAGHREB_ARTICLE = re.compile(r"^(?:e(?=[dnrstz]|sh)|l(?=[aeiou]))(?=\w{4,}$)")

# The other ways a word key may be read when comparing, each named for the difference it
# absorbs. Each is tried alone (after the glued article, if any, is taken off).
# (label, pattern, replacement, weak): a weak reading is tried only when one of the two names
# is a glossary spelling, whose entry says the name exists; two unlisted names are grouped
# (TERM004) by the others alone, since a letter read another way relates many English words
# (Async and Using, Rails and Release).
_READINGS = (
    ("Persian gh/q", re.compile(r"gh"), "k", False),
    # Ghayn written g (Bengazi/Benghazi, Gaziantep/Ghaziantep), qaf said and written g in the
    # Gulf, Libya, Upper Egypt and Iraq (Gaddafi/Qaddafi, Zagazig/Zaqaziq; the key writes q as
    # k), and an English c before a back vowel or a consonant, said k (Muscat/Masqat).
    ("gh/g", re.compile(r"gh"), "g", True),
    ("qaf as g", re.compile(r"g(?!h)"), "k", True),
    ("c/k", re.compile(r"c(?![eiyh])"), "k", True),
    # Turkish c is j before e and i (Celal/Jalal, Cizre/Jizre; an English c there is s, so
    # Code is never Jade; ay stands for ey in the key: Ceylan/Jeylan), its final t a d
    # (Ahmet/Ahmed); Turkish writes th as t (Fetullah) and kh as h (Hurmatu/Khurmatu, Halil).
    ("Turkish c/j", re.compile(r"c(?=[ei]|ay)"), "j", False),
    ("Turkish t/d", re.compile(r"t$"), "d", False),
    ("Turkish th/t", re.compile(r"th"), "t", True),
    ("Turkish h/kh", re.compile(r"kh"), "h", True),
    # Egyptian and Persian g for j (Golani/Julani), French ch for sh (Bachar/Bashar), Persian
    # zh for j (Ahmadinezhad), th for s (Othman/Osman) and for dh (Kathimi/Kadhimi).
    ("g/j", re.compile(r"g(?!h)"), "j", False),
    ("ch/sh", re.compile(r"ch"), "sh", False),
    ("zh/j", re.compile(r"zh"), "j", False),
    ("th/s", re.compile(r"th"), "s", False),
    ("th/dh", re.compile(r"th"), "z", False),
    # A consonantal w written u after a consonant (German Assuan, French Assouan for Aswan),
    # and the Latin j of German, Slavic and Azerbaijani spelling for y (Alijev/Aliyev).
    ("u/w", re.compile(r"(?<=[^aeiouy])u(?=[aeo])"), "v", True),
    # French ou for w: before a vowel it is w (Ouadi/Wadi, Bouira/Buwira), at the start of a
    # word before a consonant wu (Ouzbek/Wuzbek).
    ("French ou/w", re.compile(r"(?<![^aeiouy])u(?=[aeio])"), "v", True),
    ("French ou/w", re.compile(r"^u(?=[^aeiouy])"), "vu", True),
    # French gu before e and i is a hard g (Guelma/Gelma), French c there an s (Ceuta/Seuta;
    # the key writes ei as ay).
    ("French gu/g", re.compile(r"gu(?=[eiy]|ay)"), "g", True),
    ("French c/s", re.compile(r"c(?=[eiy]|ay)"), "s", True),
    # Arabic script has no ch: Persian, Kurdish and Turkish ch written in it is read j
    # (Chalus/Jalus); and dad, said z in Persian, Turkish and Urdu, is written z or d
    # (Ramazan/Ramadan, Kazi/Kadi).
    ("ch/j", re.compile(r"ch"), "j", True),
    ("dad z/d", re.compile(r"z"), "d", True),
    # French transcription writes ghayn r (Tamanrasset for Tamanghasset, Rhat for Ghat).
    ("French r/gh", re.compile(r"gh"), "r", True),
    # Persian khw, khv is said kh (Khvansar/Khansar, Khwaja/Khaja).
    ("khv/kh", re.compile(r"khv"), "kh", True),
    # Russian e after a vowel, written ye or e (Dostoyevsky/Dostoevsky, Aliyev/Aliev).
    ("Russian ye/e", re.compile(r"(?<=[aeiou])y(?=e)"), "", True),
    # Turkish written without its marks: c may be ç (Corlu for Çorlu, Chorlu).
    ("Turkish c/ç", re.compile(r"c(?!h)"), "ch", True),
    ("j/y", re.compile(r"(?<=i)j(?=[aeou])"), "", True),
    ("j/y", re.compile(r"(?<=[aeou])j(?=[aeiou])"), "y", True),
)
_FINAL_E = re.compile(r"(?<=[^aeiouy])e$")
# Each reading with the letters it needs (its pattern less look-arounds and anchors), which
# a key is asked for before the pattern is tried: most keys have few of them.
_READINGS_NEEDING = tuple(
    (*reading, re.sub(r"\(\?<?[=!][^)]*\)|[\^$]", "", reading[1].pattern))
    for reading in _READINGS
)
# Whether a key has anything _READINGS or _LETTER_READINGS read another way.
_READABLE = re.compile(r"[gcşçğðjhz]|t$|^u|u[aeio]|[aeiou]ye|[^aeiouy]e$")

# Letters of the key read more than one way, all at once when a word has several
# (Çavuşoğlu: Cavusoglu, Chavushoglu): ş, ç and ğ of the table, and dhal (ð), written dh, z
# (Persian, Turkish) or d (Egypt, Libya: Gaddafi/Gadhafi). A final ç is also j: Turkish
# writes a final j as ç (Suruç/Suruj), as it writes a final d as t.
_LETTER_READINGS = {
    "ş": (("s", "ş/s"), ("sh", "ş/sh")),
    "ç": (("c", "ç/c"), ("ch", "ç/ch")),
    "ğ": (("g", "ğ/g"), ("gh", "ğ/gh")),
    "ð": (("z", "dh/z"), ("d", "dh/d")),
}
_FINAL_C_CEDILLA = (("j", "Turkish final ç/j"),)
_READ_LETTERS = re.compile("[" + "".join(_LETTER_READINGS) + "]")


def _letter_readings(key: str) -> list[tuple[str, str]]:
    """Every way of reading the key's letters of _LETTER_READINGS at once, each labelled."""
    parts = _READ_LETTERS.split(key)
    letters = _READ_LETTERS.findall(key)
    if not letters:
        return []
    last = len(letters) - 1 if not parts[-1] else -1  # the letter that ends the word
    choices = [
        _LETTER_READINGS[c] + (_FINAL_C_CEDILLA if c == "ç" and i == last else ())
        for i, c in enumerate(letters)
    ]
    out = []
    for combo in itertools.product(*choices):
        text = parts[0] + "".join(r + part for (r, _), part in zip(combo, parts[1:], strict=True))
        labels = dict.fromkeys(label for _, label in combo)
        out.append((text, ", ".join(labels)))
    return out


@lru_cache(maxsize=131072)
def _labelled_readings(key: str, anchored: bool = True) -> tuple[tuple[str, str], ...]:
    """(reading, label) for each way a word key may be read: itself ("") first; the weak
    readings only when `anchored`."""
    out = [(key, "")]
    bare = _GLUED_LOWER_ARTICLE.sub("", key)
    if bare != key:
        out.append((bare, "article glued"))
    elif anchored:
        bare = _GLUED_MAGHREB_ARTICLE.sub("", key)
        if bare != key:
            out.append((bare, "Maghreb article glued"))
    if anchored:
        # A silent final e of French, Italian and English spelling (Sirte/Sirt, Mardine/
        # Mardin), which the other readings then read (Ouarzazate/Warzazat).
        for base, base_label in tuple(out):
            if _FINAL_E.search(base):
                new = _FINAL_E.sub("", base)
                out.append((new, f"{base_label}, final e" if base_label else "final e"))
    if _READABLE.search(key):
        for base, base_label in tuple(out):
            for new, label in _letter_readings(base):
                out.append((new, f"{base_label}, {label}" if base_label else label))
        for base, base_label in tuple(out):
            for label, pattern, replacement, weak, needs in _READINGS_NEEDING:
                if (weak and not anchored) or needs not in base:
                    continue
                new = pattern.sub(replacement, base)
                if new != base:
                    out.append((new, f"{base_label}, {label}" if base_label else label))
    seen: dict[str, str] = {}
    for reading, label in out:
        seen.setdefault(reading, label)
    return tuple(seen.items())


@lru_cache(maxsize=131072)
def readings(key: str) -> tuple[str, ...]:
    """The ways a word key may be read when comparing: itself, without a glued article, with
    Persian G for Q (Ghasem/Qasem, Ghods/Quds), and the other readings of _READINGS."""
    return tuple(r for r, _ in _labelled_readings(key))


def _letters(key: str) -> int:
    """How many letters of English spelling a key stands for: ş, ç, ğ and ð are two (Şah is
    Shah)."""
    return len(key) + len(_READ_LETTERS.findall(key))


def _word_match_label(a: str, b: str, anchored: bool = True) -> str | None:
    """The readings' labels under which two word keys are one word, or None."""
    if word_distance_ok(a, b, anchored):
        return ""
    if _letters(a) < 3 or _letters(b) < 3:
        return None  # a letter or two is read as written (Appendix C is not Appendix G)
    ra, rb = _labelled_readings(a, anchored), _labelled_readings(b, anchored)
    if len(ra) == 1 and len(rb) == 1:
        return None
    for x, lx in ra:
        for y, ly in rb:
            if (x, y) != (a, b) and word_distance_ok(x, y, anchored, _weak(lx) + _weak(ly)):
                return ", ".join(label for label in (lx, ly) if label)
    return None


_WEAK = frozenset(
    [*(label for label, _, _, weak in _READINGS if weak), "final e", "Maghreb article glued"]
)


@lru_cache(maxsize=4096)
def _weak(label: str) -> int:
    """How many weak readings a reading's label names."""
    return sum(part in _WEAK for part in label.split(", ")) if label else 0


@lru_cache(maxsize=131072)
def word_match(a: str, b: str, anchored: bool = True) -> bool:
    """Two word keys are one word, in any of their readings (the weak ones only when
    `anchored`: one of them is a glossary spelling)."""
    return _word_match_label(a, b, anchored) is not None


@lru_cache(maxsize=131072)
def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A name and a glossary spelling are one name: every rule and reading may be used."""
    # Remembered: each article of a corpus compares the same pairs of its names again.
    return len(a) == len(b) and all(word_match(x, y) for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=131072)
def same_unlisted_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names no glossary lists are one name (TERM004 groups): the weak readings, and a
    first vowel changed in a word of five letters, are not evidence enough without a glossary
    entry to say the name exists."""
    return len(a) == len(b) and all(
        word_match(x, y, False) for x, y in zip(a, b, strict=True)
    )


@lru_cache(maxsize=131072)
def name_buckets(key: tuple[str, ...], anchored: bool = True) -> frozenset[tuple[int, str]]:
    """Index keys of a name key: two names can be the same name (`same_name`, or
    `same_unlisted_name` when not `anchored`) only if they share one. Finer than the first
    letter: same_name needs the first words to be one word, and word_match then needs some
    reading of each with the same consonant skeleton."""
    if not key:
        return frozenset({(0, "")})
    return frozenset((len(key), skeleton(r)) for r, _ in _labelled_readings(key[0], anchored))


def short_name(a: Key, b: Key) -> bool:
    """`same_name` for a name of three letters (Qom): too few letters to tell it by a letter
    read another way, so only its vowels may differ, and q may be written gh (Qum, Ghom)."""
    return len(a) == len(b) == 1 and any(
        word_distance_ok(x, y) for x in _qaf_readings(a[0]) for y in _qaf_readings(b[0])
    )


def _qaf_readings(key: str) -> tuple[str, ...]:
    return (key, key.replace("gh", "k")) if "gh" in key else (key,)


def joined(key: Key) -> Key:
    """A name's key as one word: its words written together (Jalal Abad, Jalalabad)."""
    # n before b is said m across the join too (Ben Bella, Benbella).
    return ("".join(key).replace("nb", "mb"),)


def key_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return sum(
        min(_levenshtein(x, y) for x in readings(p) for y in readings(q))
        for p, q in zip(a, b, strict=True)
    )


def _levenshtein(a: str, b: str, cutoff: int | None = None) -> int:
    # Imported on first use: plain linting never needs it, and every run pays for imports.
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=cutoff)


def _vowel_changes(a: str, b: str) -> list[str]:
    """The vowel differences of two keys with the same consonants, as "a/e" or "vowel added"."""
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    if len(ra) != len(rb):
        return []
    out = []
    for x, y in zip(ra, rb, strict=True):
        if x == y:
            continue
        change = "vowel added" if not x or not y else "/".join(sorted((x, y)))
        if change not in out:
            out.append(change)
    return out


# Key rules that only mark a letter for the readings (dhal).
_MARKS = frozenset({"dh"})


@lru_cache(maxsize=16384)
def variant_reasons(a: str, b: str, joined_words: bool = True) -> tuple[str, ...]:
    """Why two spellings are one name, in the words of the rules that make them so ("ou/u",
    "q/k", "a/e", "article al-/el-"); empty when they are not one name, or differ only in
    case or typography."""
    wa, da = _name_words(a)
    wb, db = _name_words(b)
    ka = [(_traced_word_key(w), w) for w in wa if word_key(w)]
    kb = [(_traced_word_key(w), w) for w in wb if word_key(w)]
    if len(ka) != len(kb):
        # Words written together or apart (Jalal Abad, Jalalabad): the reasons of the words
        # joined, if they are one name so.
        ja, jb = "".join(wa), "".join(wb)
        if not joined_words or not ja or not jb or len(_name_words(ja)[0]) != len(
            _name_words(jb)[0]
        ):
            return ()
        together = variant_reasons(ja, jb, joined_words=False)
        if together or word_key(ja) == word_key(jb):
            return ("words written together", *together)
        return ()
    reasons: list[str] = []

    def add(reason: str) -> None:
        if reason and reason not in reasons:
            reasons.append(reason)

    ezafe_a = sorted(d for d in da if d.startswith("ezafe"))
    ezafe_b = sorted(d for d in db if d.startswith("ezafe"))
    if ezafe_a != ezafe_b:
        add("Persian ezafe")
    da = [d.strip("-") for d in da if not d.startswith("ezafe")]
    db = [d.strip("-") for d in db if not d.startswith("ezafe")]
    if sorted(da) != sorted(db):
        add(f"article {'/'.join(sorted(set(da + db)))}" if da and db else "article")
    for ((x, fx), raw_x), ((y, fy), raw_y) in zip(ka, kb, strict=True):
        label = _word_match_label(x, y)
        if label is None:
            return ()
        for rule in sorted(fx ^ fy):
            if rule in _MARKS:
                continue  # a letter marked for the readings, which say how it was read
            if rule == "letters":
                changed = sorted({c for c in raw_x + raw_y if not c.isascii()})
                add(" ".join(changed) + " folded" if changed else "")
            else:
                add(rule)
        for part in label.split(", "):
            add(part)
        readings_x = dict(_labelled_readings(x))
        readings_y = dict(_labelled_readings(y))
        rx = next((r for r, lab in readings_x.items() if lab and lab in label), x)
        ry = next((r for r, lab in readings_y.items() if lab and lab in label), y)
        for change in _vowel_changes(rx, ry):
            add(change)
    return tuple(reasons)


# Capitalised names as they occur in running text: a run of capitalised words, with the
# particles that join Arabic names (al-, bin, ibn, abu, abd, of; the article's e- and Persian
# o-forms hyphenated: esh-, ed-, ol-, od-) allowed inside, and the Persian ezafe standing alone between two
# words (Mazar i Sharif, Bandar e Abbas).
_PARTICLE = r"(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|bin|ibn|[Aa]bu|[Aa]bd|ul)[-\u2010\u2011 ]|[Ee](?:[dnrstz]|sh)[-\u2010\u2011]|[Oo](?:[ldnrstz]|sh)[-\u2010\u2011]|[Aa]l(?=[A-Z]))"
_EZAFE_WORD = r"y?[ei][ \u00a0]"
# A particle after another is the article, an l-form or hyphenated (ibn al-Khattab, Abu al-Fadl).
_SECOND_PARTICLE = rf"(?=[AaEeOou]l|[AaEeOo][dnrstz][-\u2010\u2011]){_PARTICLE}"
# Capitals: ASCII, Latin-1, and those of Turkish, Kurdish and the transliteration of Arabic and
# Persian (İ Ş Ğ Š Ž Č Ā Ē Ī Ū Ḍ Ḏ Ḥ Ḫ Ṣ Ṭ Ṯ Ẓ Ġ): Şırnak and İzmir start names too.
CAPITALS = "A-Z\u00c0-\u00de\u018f\u0100\u010c\u0112\u011e\u0120\u012a\u0130\u015e\u0160\u016a\u017d\u1e0c\u1e0e\u1e24\u1e2a\u1e62\u1e6c\u1e6e\u1e92"
_CAP_WORD = rf"[{CAPITALS}][\w'’ʿʾ\u00c0-\u024f]*(?:[-\u2010\u2011][A-Za-z\u00c0-\u024f][\w'’ʿʾ\u00c0-\u024f]*)*"
# Any word may start with the sign of ayn or hamza: Tall 'Afar, Tariq ʿAziz, ʿAyn al-Asad. The
# signs that are letters (ʿ ʾ ʽ) belong to the name; an apostrophe or a quote before its first
# word may open a quotation, so the name starts after it, unless no quotation closes after it
# in the text searched (a paragraph): then it is the sign of ayn ('Atbara, 'Ammar al-Hakim). A
# quotation closes at an apostrophe after a letter or a mark and before no letter ("'Basra'",
# "'It is late,' he said").
_START = r"(?:(?<![\w'’-])|(?<=(?<![\w'’-])['’]))"
_AYN_APOSTROPHE = rf"['’](?=[{CAPITALS}])(?![^\n]*?[\w.,!?;:]['’](?!\w))"
NAME = re.compile(
    rf"{_START}(?:{_PARTICLE}|[ʿʾʽ]|{_AYN_APOSTROPHE})?{_CAP_WORD}(?:[ \u00a0](?:{_PARTICLE}(?:{_SECOND_PARTICLE}|[ʿʾʽ'’])?|{_EZAFE_WORD}|[ʿʾʽ'’])?{_CAP_WORD}|[-\u2010\u2011](?:{_PARTICLE})?{_CAP_WORD})*"
)
