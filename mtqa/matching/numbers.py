"""The numbers and identifiers of a text, read the way a translator writes them in two scripts.

A number is compared on its value: "1,000" = "1000" = "١٬٠٠٠", "3.5" = "٣٫٥" = "3,5", and a
range or a percentage is its numbers ("60-70%" = "60 و70٪"). Digits glued to an Arabic prefix or
suffix (و ب ل ف ك ال) are the number they spell. Numbers written as words count too: English and
Arabic ("two" = "اثنان" = 2, "twenty-one" = 21, "3 million" = 3000000), Chinese and Japanese
numerals (第十步 = step 10), the Arabic dual of a noun of time or measure ("أسبوعين", two weeks)
as 2, and any other word that may be a dual as an uncertain 2. Letters and digits glued into
one token (ACE2, COVID-19, U07.1, 2FA, H1N1) are identifiers: they are compared verbatim, not
as numbers.

A reading may have several values: "1.000" is one thousand in German and one in English, so it
matches either. Placeholders (`{0}`, `%1$s`, `{{ limit }}`), URLs and e-mail addresses are not
read at all: their digits are not numbers of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .arabic import normalize, stems

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪",
    "01234567890123456789.,%",
)
# Spans whose digits are not numbers of the sentence.
_SKIP = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # URLs, e-mail addresses
    r"|\{\{[^{}]*\}\}|\{[^{}\s]*\}|%\d+\$[a-zA-Z@]|%[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"
    r"|&#?\w+;"
)
# ASCII letters and digits joined by hyphens, or by a point or comma before a digit (after
# Arabic-Indic digits are made ASCII): "2020.As" is a year and a sentence, "U07.1" one code.
_RUN = re.compile(r"[A-Za-z0-9]+(?:[-–][A-Za-z0-9]+|[.,][0-9][A-Za-z0-9]*)*")
_ORDINAL_OR_UNIT = re.compile(r"^(\d+)(?:st|nd|rd|th|s|[a-z]{1,3})$")
_ABBREVIATION = re.compile(r"^[A-Za-z]{1,4}\.(\d.*)$")  # Fig.33, No.5, p.12
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+|[\u0621-\u064a\u0671-\u06d3]+")

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "first": 1, "second": 2,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "twice": 2, "both": 2, "single": 1, "double": 2, "triple": 3,
}  # fmt: skip
# German, French, Spanish and Italian number words (the other languages of Latin script a
# memory most often holds), read like the English ones; German compounds by their first part
# ("zehnstufige", ten-stage).
_EUROPEAN = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "vingt": 20, "trente": 30, "cent": 100,
    "mille": 1000, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "veinte": 20, "treinta": 30,
    "cien": 100, "mil": 1000, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4,
    "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "dodici": 12,
    "tredici": 13, "venti": 20, "trenta": 30, "cento": 100,
}  # fmt: skip
_COMPOUND_HEADS = ("dreizehn", "zwanzig", "sieben", "sechs", "zwölf", "zehn", "drei", "vier",
                   "fünf", "acht", "neun", "zwei", "hundert", "tausend")  # fmt: skip
# Korean numerals: native (하나, 열; 한 두 세 네 before a counter) and Sino-Korean (십, 백).
_KOREAN = {
    "하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4, "네": 4, "다섯": 5,
    "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "서른": 30, "마흔": 40,
    "쉰": 50,
}  # fmt: skip
# Sino-Korean syllables are words of their own too (이 is also "this"): read only alone.
_SINO_KOREAN = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9,
                "십": 10, "백": 100, "천": 1000, "만": 10000}  # fmt: skip
_HANGUL = re.compile("[\uac00-\ud7a3]+")
_ROMAN = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
    "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XX": 20,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
# Arabic number words, normalised (arabic.normalize: ة -> ه, أ -> ا, ى -> ي).
_AR_UNITS = {
    "صفر": 0, "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2,
    "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثنتا": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4,
    "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8,
    "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20,
    "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80,
    "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئتان": 200, "مئتين": 200, "مائتان": 200,
    "مائتين": 200, "الفان": 2000, "الفين": 2000, "مليونان": 2 * 10**6, "مليونين": 2 * 10**6,
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "ثنائي": 2, "ثنائيه": 2, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8,
    "عشرينيات": 1920, "ثلاثينيات": 1930, "اربعينيات": 1940, "خمسينيات": 1950,
    "ستينيات": 1960, "سبعينيات": 1970, "ثمانينيات": 1980, "تسعينيات": 1990, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "مرتين": 2, "مرتان": 2,
}  # fmt: skip
_AR_SCALES = {"مئه": 100, "مائه": 100, "الف": 1000, "الاف": 1000, "مليون": 10**6,
              "ملايين": 10**6, "مليار": 10**9}  # fmt: skip
_DIGIT_SCALE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|ألف|آلاف|مليون|ملايين|مليار)(?!\w)",
    re.I,
)
# Nouns of time, measure and count in the dual (normalised): each is a certain 2.
_DUALS = frozenset(
    [
        "اسبوعين",
        "اسبوعان",
        "يومين",
        "يومان",
        "شهرين",
        "شهران",
        "سنتين",
        "سنتان",
        "عامين",
        "عامان",
        "ساعتين",
        "ساعتان",
        "دقيقتين",
        "دقيقتان",
        "ثانيتين",
        "ثانيتان",
        "قرنين",
        "قرنان",
        "عقدين",
        "عقدان",
        "مترين",
        "متران",
        "كيلومترين",
        "ميلين",
        "جرعتين",
        "جرعتان",
        "مرحلتين",
        "مرحلتان",
        "خطوتين",
        "خطوتان",
        "طرفين",
        "طرفان",
        "شخصين",
        "شخصان",
        "دولتين",
        "دولتان",
        "نوعين",
        "نوعان",
    ]
)
# Dual endings: a noun in the dual (أسبوعين, two weeks) may stand for the number 2; so may a
# sound masculine plural, hence "uncertain".
_DUAL = ("ين", "ان", "تين", "تان")
_MIN_DUAL = 5


# Chinese and Japanese numerals (第十步 = step 10, 三个 = 3).
_CJK = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
_CJK_DIGITS = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_LARGE = {"万": 10**4, "亿": 10**8}


def _cjk_value(run: str) -> int:
    total = section = 0
    digit: int | None = None
    for ch in run:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_UNITS:
            section += (1 if digit is None else digit) * _CJK_UNITS[ch]
            digit = None
        else:
            total += (section + (digit or 0)) * _CJK_LARGE[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


@dataclass
class Reading:
    """What one side of a segment says in numbers."""

    numbers: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (as written, values)
    codes: list[str] = field(default_factory=list)  # identifiers, verbatim
    words: list[frozenset[str]] = field(default_factory=list)  # numbers written as words
    duals: int = 0  # words that may be duals (an uncertain 2 each)


def _canonical(value: str) -> str:
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def _values(piece: str) -> list[frozenset[str]]:
    """The number(s) a run of digits and separators stands for, each with its readings."""
    if _THOUSANDS.match(piece):
        return [frozenset({_canonical(piece.replace(",", ""))})]
    if _THOUSANDS_DOT.match(piece):
        return [frozenset({_canonical(piece.replace(".", "").replace(",", "."))})]
    if _DECIMAL.match(piece):
        head, tail = re.split(r"[.,]", piece)
        decimal = _canonical(f"{head}.{tail}")
        if len(tail) == 3 and head != "0":
            return [frozenset({decimal, _canonical(head + tail)})]  # 1,000 or 1.000: either
        return [frozenset({decimal})]
    # Dates, versions and lists (12.05.2020, 1.2.3, 1,2,3): each part a number.
    return [frozenset({_canonical(p)}) for p in re.split(r"[.,]", piece) if p]


def _is_code(run: str) -> bool:
    """Letters and digits glued into one identifier (ACE2, U07.1, COVID-19, 2FA)."""
    if not (any(c.isdigit() for c in run) and any(c.isalpha() for c in run)):
        return False
    if _ORDINAL_OR_UNIT.match(run) or _ABBREVIATION.match(run):
        return False
    # 2-week, 10-year-old: a number and words, not an identifier.
    parts = re.split(r"[-–/]", run)
    return not (len(parts) > 1 and all(p.isdigit() or p.islower() for p in parts))


def _split_run(run: str, out: Reading) -> None:
    if _is_code(run):
        out.codes.append(run)
        return
    m = _ORDINAL_OR_UNIT.match(run) or _ABBREVIATION.match(run)
    if m:
        run = m.group(1)
    for part in re.split(r"[-–/:]", run):
        if not part or not part[0].isdigit():
            continue
        digits = re.match(r"[\d.,]*\d", part)
        if digits:
            out.numbers.extend((digits.group(), v) for v in _values(digits.group()))


def _english_words(words: list[str], out: Reading) -> None:
    """Runs of English number words as values: "twenty-one" = 21, "two hundred" = 200."""
    value: int | None = None
    for w in [*words, ""]:
        lw = w.lower()
        n = _EN_UNITS.get(lw, _ROMAN.get(w, _EUROPEAN.get(lw)))
        if n is None and len(lw) >= 8:
            head = next((h for h in _COMPOUND_HEADS if lw.startswith(h)), None)
            n = _EUROPEAN[head] if head else None
        if n is not None and value is not None and value >= 20 and value % 10 == 0 and n < 10:
            value += n  # twenty one
            continue
        if lw in _SCALES and value is not None:
            value *= _SCALES[lw]
            continue
        if value is not None:
            out.words.append(frozenset({str(value)}))
        value = n


def _arabic_word(word: str, out: Reading, previous: int | None) -> int | None:
    """The value of one Arabic word (clitics stripped), folding "ثلاثة عشر" into 13 and
    "خمسة آلاف" into 5000; returns the value the next word may build on."""
    readings = stems(normalize(word))
    for r in readings:
        if r in _AR_SCALES:
            scale = _AR_SCALES[r]
            if previous is not None and previous < scale:
                out.words[-1] = out.words[-1] | {str(previous * scale)}
                return None
            out.words.append(frozenset({str(scale)}))
            return None
        if r in _AR_UNITS:
            value = _AR_UNITS[r]
            if value == 10 and previous is not None and previous < 10:
                out.words[-1] = out.words[-1] | {str(previous + 10)}
                return None
            out.words.append(frozenset({str(value)}))
            return value
    if readings & _DUALS:
        out.words.append(frozenset({"2"}))
        return None
    if len(normalize(word)) >= _MIN_DUAL and normalize(word).endswith(_DUAL):
        out.duals += 1
    return None


def read(text: str) -> Reading:
    """The numbers, identifiers and number words of `text`."""
    out = Reading()
    text = _SKIP.sub(" ", text.translate(_DIGITS))
    for run in _RUN.findall(text):
        _split_run(run, out)
    latin: list[str] = []
    previous: int | None = None
    for w in _WORD.findall(text):
        if w[0] < "\u0600":  # Latin script
            latin.append(w)
            previous = None
            continue
        if latin:
            _english_words(latin, out)
            latin = []
        previous = _arabic_word(w, out, previous)
    if latin:
        _english_words(latin, out)
    for m in _HANGUL.finditer(text):
        # A counted noun follows its numeral (열 단계, 세 명), or a counter is glued to it.
        word = m.group()
        value = _SINO_KOREAN.get(word) or _KOREAN.get(word[:2]) or _KOREAN.get(word[:1])
        if value is not None:
            out.words.append(frozenset({str(value)}))
    for m in _CJK.finditer(text):
        out.words.append(frozenset({str(_cjk_value(m.group()))}))
    # A digit before a scale word: "3 million" is 3000000 as well as 3.
    scaled = {}
    for m in _DIGIT_SCALE.finditer(text):
        scale = _SCALES.get(m.group(2).lower()) or _AR_SCALES[normalize(m.group(2))]
        scaled.setdefault(_canonical(m.group(1)), []).append(
            _canonical(f"{float(m.group(1)) * scale:.0f}")
        )
    for i, (shown, values) in enumerate(out.numbers):
        for value in values & scaled.keys():
            if scaled[value]:
                out.numbers[i] = (shown, values | {scaled[value].pop()})
                break
    return out


def _unread(language: str) -> bool:
    return bool(language) and language.split("-")[0] not in WORDS_READ


@dataclass(frozen=True)
class Comparison:
    """How the numbers of a source and a target differ: what each side has that the other
    lacks, and which of those a looser reading (a dual, a dropped "1") might still explain."""

    missing: tuple[str, ...] = ()  # numbers of the source not in the target
    added: tuple[str, ...] = ()  # numbers of the target not in the source
    codes_missing: tuple[str, ...] = ()
    codes_added: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()  # differences a looser reading explains

    def __bool__(self) -> bool:
        return bool(self.missing or self.added or self.codes_missing or self.codes_added)

    @property
    def certain(self) -> bool:
        """Whether a number differs that no looser reading explains. Identifiers alone are
        uncertain: a translation may spell one out (R0 -> "basic reproduction number")."""
        return len(self.uncertain) < len(self.missing) + len(self.added)


def _take(values: frozenset[str], pool: list[frozenset[str]]) -> bool:
    for i, candidate in enumerate(pool):
        if values & candidate:
            del pool[i]
            return True
    return False


def _unmatched(
    mine: list[tuple[str, frozenset[str]]],
    theirs: list[tuple[str, frozenset[str]]],
    their_words: list[frozenset[str]],
) -> list[str]:
    pool = [v for _, v in theirs]
    words = list(their_words)
    return [shown for shown, v in mine if not _take(v, pool) and not _take(v, words)]


def _remove(pool: list[tuple[str, frozenset[str]]], value: str) -> bool:
    for i, (_, values) in enumerate(pool):
        if value in values:
            del pool[i]
            return True
    return False


def _matched_code(code: str, codes: list[str], reading: Reading) -> bool:
    """Whether `code` is in the other side: verbatim, as a part of one of its identifiers
    (HCoV-229E -> 229E), or transliterated with its digits kept (COVID-19 -> كوفيد-19,
    2FA -> المصادقة الثنائية). What matches is used up."""
    folded = code.casefold()
    for i, other in enumerate(codes):
        o = other.casefold()
        if o in folded or folded in o:
            del codes[i]
            return True
    digits = [_canonical(d) for d in re.findall(r"\d+(?:\.\d+)?", code)]
    if not digits:
        return False
    pool = list(reading.numbers)
    words = list(reading.words)
    for d in digits:
        if not (_remove(pool, d) or _take(frozenset({d}), words)):
            return False
    reading.numbers, reading.words = pool, words
    return True


# Languages whose number words are read; in any other, a small number may be a word.
WORDS_READ = frozenset({"en", "ar", "zh", "ja", "ko", "de", "fr", "es", "it"})


def _small(value: str) -> bool:
    return value.isdigit() and (int(value) <= 20 or (int(value) <= 100 and value.endswith("0")))


def compare(source: str, target: str, source_lang: str = "", target_lang: str = "") -> Comparison:
    """How the numbers of `source` and `target` differ. A language given ("fr", "zh-cn") whose
    number words are not read makes a small number missing from that side uncertain."""
    src, tgt = read(source), read(target)
    tgt_codes = list(tgt.codes)
    codes_missing = [c for c in src.codes if not _matched_code(c, tgt_codes, tgt)]
    unmatched = list(codes_missing)
    codes_added = [c for c in tgt_codes if not _matched_code(c, unmatched, src)]
    missing = _unmatched(src.numbers, tgt.numbers, tgt.words)
    added = _unmatched(tgt.numbers, src.numbers, src.words)
    uncertain = []
    duals = {"missing": tgt.duals, "added": src.duals}
    unread = {"missing": _unread(target_lang), "added": _unread(source_lang)}
    for side, numbers in (("missing", missing), ("added", added)):
        for n in numbers:
            if unread[side] and _small(n):
                uncertain.append(n)
            elif n == "1":
                uncertain.append(n)  # "a", "an", a singular noun: often not written
            elif n == "2" and duals[side]:
                duals[side] -= 1
                uncertain.append(n)
    return Comparison(
        tuple(missing), tuple(added), tuple(codes_missing), tuple(codes_added), tuple(uncertain)
    )
