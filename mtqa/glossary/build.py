"""Turn raw records (from any file format) into a validated Glossary.

Every loader produces the same raw shape, a list of `RawEntry` (a plain dict plus the line it
came from), so one validator serves YAML, CSV, XLSX, TBX, prh and Vale alike and every problem
names file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import GlossaryError, GlossaryProblem
from ..findings import Applicability, Severity
from ..normalize import fold, fold_all
from ..regexes import RegexError, unsafe_reason
from .compact import (
    ACCEPTED,
    ID,
    NO_CONTEXT,
    PREFERRED,
    V_TEXT,
    VARIANTS,
    BuiltEntries,
    entry_from_row,
    entry_row,
)
from .model import POS_VALUES, Category, Context, Entry, Example, Glossary, Variant

ENTRY_KEYS = {
    "id",
    "preferred",
    "variants",
    "accepted",
    "category",
    "severity",
    "note",
    "source",
    "context",
    "fix",
    "case_sensitive",
    "inflect",
    "examples",
    "pos",
}
VARIANT_KEYS = {"text", "regex", "replace", "fix", "exact", "must_be_empty"}
CONTEXT_KEYS = {"safe_near", "avoid_near", "window"}
EXAMPLE_KEYS = {"bad", "good", "ok"}


@dataclass
class RawEntry:
    data: dict
    line: int | None = None
    # Line of each key where the format knows it (YAML); falls back to `line`.
    key_lines: dict = field(default_factory=dict)
    # The file the entry comes from, where several glossaries are merged into one.
    origin: str | None = None

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


@dataclass
class RawGlossary:
    entries: list[RawEntry]
    name: str
    description: str = ""
    source_language: str = "ar"
    target_language: str = "en"


def slugify(text: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return slug or "entry"


class _Problems:
    def __init__(self, path: str):
        self.path = path
        self.items: list[GlossaryProblem] = []

    def add(self, line: int | None, message: str, path: str | None = None) -> None:
        self.items.append(GlossaryProblem(path or self.path, line, message))

    def of(self, raw: RawEntry) -> _Problems:
        """The problems of one entry, named after the file it comes from."""
        if raw.origin is None or raw.origin == self.path:
            return self
        view = _Problems(raw.origin)
        view.items = self.items  # the same list: every problem is reported together
        return view


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _build_variant(raw, entry: RawEntry, problems: _Problems) -> Variant | None:
    line = entry.line_of("variants")
    if isinstance(raw, str | int | float):
        text = _text(raw)
        if not text:
            problems.add(line, "empty variant")
            return None
        return Variant(text=text)
    if not isinstance(raw, dict):
        problems.add(line, f"a variant must be text or a mapping, not {type(raw).__name__}")
        return None
    unknown = set(raw) - VARIANT_KEYS
    if unknown:
        problems.add(line, f"unknown variant key(s): {', '.join(sorted(map(str, unknown)))}")
    text, regex = raw.get("text"), raw.get("regex")
    if (text is None) == (regex is None):
        problems.add(line, "a variant needs exactly one of 'text' or 'regex'")
        return None
    exact = raw.get("exact", False)
    if not isinstance(exact, bool):
        problems.add(line, f"exact must be true or false, not {exact!r}")
        return None
    if exact and regex is None:
        problems.add(line, "an exact variant is a regex (write a literal as an escaped regex)")
        return None
    if regex is not None and not _regex_ok(str(regex), exact, line, problems):
        return None
    must_be_empty = raw.get("must_be_empty")
    if must_be_empty is not None and (
        not isinstance(must_be_empty, int) or isinstance(must_be_empty, bool) or must_be_empty < 1
    ):
        problems.add(line, f"must_be_empty is a group number (1, 2, ...), not {must_be_empty!r}")
        return None
    fix = None
    if raw.get("fix") is not None:
        try:
            fix = Applicability(str(raw["fix"]))
        except ValueError:
            problems.add(line, f"unknown fix applicability {raw['fix']!r} (safe, unsafe)")
    replace = raw.get("replace")
    # Exact: as written ("" deletes; spaces belong to the replacement).
    replace = (None if replace is None else str(replace)) if exact else (_text(replace) or None)
    return Variant(
        text=_text(text) if text is not None else None,
        regex=str(regex) if regex is not None else None,
        replace=replace,
        fix=fix,
        exact=exact,
        must_be_empty=must_be_empty,
    )


def _regex_ok(pattern: str, exact: bool, line: int | None, problems: _Problems) -> bool:
    """A regex both engines accept and that runs safely (see mtqa.regexes)."""
    try:
        reason = unsafe_reason(pattern, ignore_case=not exact, ascii=exact)
    except RegexError as exc:
        problems.add(line, f"invalid regex {pattern!r}: {exc}")
        return False
    if reason is not None:
        problems.add(line, f"regex {pattern!r} cannot run safely: it {reason}")
        return False
    return True


_NO_CONTEXT = Context()  # frozen: one value shared by every entry without a context


def _build_context(raw, entry: RawEntry, problems: _Problems) -> Context:
    if raw is None:
        return _NO_CONTEXT
    line = entry.line_of("context")
    if not isinstance(raw, dict):
        problems.add(line, "'context' must be a mapping (safe_near, avoid_near, window)")
        return Context()
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        problems.add(line, f"unknown context key(s): {', '.join(sorted(map(str, unknown)))}")
    window = raw.get("window", 20)
    if not isinstance(window, int) or window < 1:
        problems.add(line, f"context window must be a positive integer, not {window!r}")
        window = 20
    return Context(
        safe_near=tuple(fold(str(w)) for w in _as_list(raw.get("safe_near")) if _text(w)),
        avoid_near=tuple(fold(str(w)) for w in _as_list(raw.get("avoid_near")) if _text(w)),
        window=window,
    )


def _build_examples(raw, entry: RawEntry, problems: _Problems) -> tuple[Example, ...]:
    out = []
    line = entry.line_of("examples")
    for item in _as_list(raw):
        if not isinstance(item, dict):
            problems.add(line, "an example is a mapping: {bad: ..., good: ...} or {ok: ...}")
            continue
        unknown = set(item) - EXAMPLE_KEYS
        if unknown:
            problems.add(line, f"unknown example key(s): {', '.join(sorted(map(str, unknown)))}")
        bad, good, ok = (_text(item.get(k)) or None for k in ("bad", "good", "ok"))
        if bad is None and ok is None:
            problems.add(line, "an example needs 'bad' (with optional 'good') or 'ok'")
            continue
        if good is not None and bad is None:
            problems.add(line, "an example with 'good' needs 'bad'")
            continue
        out.append(Example(bad=bad, good=good, ok=ok))
    return tuple(out)


# (enum class, text as written) -> member: a large glossary spells "warning" 100,000 times.
_ENUM_MEMO: dict[tuple[type, str], object] = {}


def _enum(value, enum_cls, default, key: str, entry: RawEntry, problems: _Problems):
    if value is None or value == "":
        return default
    if type(value) is str and (member := _ENUM_MEMO.get((enum_cls, value))) is not None:
        return member
    try:
        member = enum_cls(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        problems.add(entry.line_of(key), f"unknown {key} {value!r} (expected one of: {allowed})")
        return default
    if type(value) is str:
        _ENUM_MEMO[(enum_cls, value)] = member
    return member


def _bool(value, key: str, entry: RawEntry, problems: _Problems) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    problems.add(entry.line_of(key), f"{key} must be true or false, not {value!r}")
    return None


# Keys that hold one value: a list or mapping there is a mistake (and, printed in a message,
# as long as the structure).
_SCALAR_KEYS = ("id", "preferred", "category", "severity", "note", "fix")


def _build_entry(raw: RawEntry, problems: _Problems) -> Entry | None:
    problems = problems.of(raw)
    data = raw.data
    if not isinstance(data, dict):
        problems.add(raw.line, "an entry must be a mapping")
        return None
    unknown = set(data) - ENTRY_KEYS
    if unknown:
        problems.add(
            raw.line,
            f"unknown key(s) {', '.join(sorted(map(str, unknown)))} "
            f"(known: {', '.join(sorted(ENTRY_KEYS))})",
        )
    for key in _SCALAR_KEYS:
        value = data.get(key)
        if isinstance(value, list | dict):
            kind = "a list" if isinstance(value, list) else "a mapping"
            problems.add(raw.line_of(key), f"{key} must be a single value, not {kind}")
            data = {k: v for k, v in data.items() if k != key}
    preferred = _text(data.get("preferred"))
    variants = tuple(
        v for v in (_build_variant(x, raw, problems) for x in _as_list(data.get("variants"))) if v
    )
    # An entry that deletes (prh's `expected: ""`) has no preferred form: each of its variants
    # says what replaces it.
    deletes = bool(variants) and all(v.exact and v.replace is not None for v in variants)
    if not preferred and not deletes:
        problems.add(raw.line_of("preferred"), "empty preferred form")
        return None
    severity = _enum(data.get("severity"), Severity, Severity.WARNING, "severity", raw, problems)
    return Entry(
        id=_text(data.get("id")) or _GENERATED + slugify(preferred),
        preferred=preferred,
        variants=variants,
        accepted=tuple(_text(a) for a in _as_list(data.get("accepted")) if _text(a)),
        category=_enum(
            data.get("category"), Category, Category.TERMINOLOGY, "category", raw, problems
        ),
        severity=severity,
        note=_text(data.get("note")),
        source=tuple(_text(s) for s in _as_list(data.get("source")) if _text(s)),
        context=_build_context(data.get("context"), raw, problems),
        fix=_enum(data.get("fix"), Applicability, Applicability.SAFE, "fix", raw, problems),
        case_sensitive=bool(_bool(data.get("case_sensitive"), "case_sensitive", raw, problems)),
        inflect=_bool(data.get("inflect"), "inflect", raw, problems),
        examples=_build_examples(data.get("examples"), raw, problems),
        origin=problems.path,
        line=raw.line,
        pos=_pos(data.get("pos"), raw, problems),
    )


def _pos(value, raw: RawEntry, problems) -> str | None:
    if value is None:
        return None
    text = _text(value).lower()
    if text not in POS_VALUES:
        problems.add(raw.line_of("pos"), f"pos must be one of {', '.join(POS_VALUES)}")
        return None
    return text


# The keys of the commonest entry (a large glossary's): text values and lists of texts only.
_PLAIN_KEYS = frozenset(
    {"id", "preferred", "variants", "accepted", "category", "severity", "note", "source", "fix"}
)


def _texts(value) -> tuple[str, ...] | None:
    """`_as_list` then `_text` of each (empty ones left out), for None, a text or a list of
    texts; None for anything else."""
    if value is None:
        return ()
    if type(value) is str:
        value = value.strip()
        return (value,) if value else ()
    if type(value) is not list:
        return None
    out = []
    for item in value:
        if type(item) is not str:
            return None
        if item := item.strip():
            out.append(item)
    return tuple(out)


def _value_memo(default) -> dict:
    """Enum text as written -> its member's value, for the plain lane (its rows hold values):
    filled as texts are met, starting with the empty ones (the default)."""
    return {None: default._value_, "": default._value_}


_CATEGORIES = _value_memo(Category.TERMINOLOGY)
_SEVERITIES = _value_memo(Severity.WARNING)
_FIXES = _value_memo(Applicability.SAFE)
_SAFE = Applicability.SAFE._value_


def _plain_value(value, enum_cls, memo: dict) -> str | None:
    """The value of _enum's member for None or a text, or None for anything else or where
    _enum would report a problem."""
    if type(value) is not str:
        return memo[None] if value is None else None
    member = memo.get(value)
    if member is None:
        try:
            member = memo[value] = enum_cls(value.strip().lower())._value_
        except ValueError:
            return None
    return member


# entry_to_data's order of the plain keys (writers.py), the keys it always writes, and
# whether each key order met so far is one it writes (a large glossary has one or two).
_DATA_ORDER = ("id", "preferred", "accepted", "variants", "category", "severity", "fix", "note")
_DATA_ORDER += ("source",)
_ALWAYS_WRITTEN = frozenset({"id", "preferred", "variants", "category", "severity"})
_DATA_ORDERS: dict[tuple, bool] = {}


def _in_data_order(keys: tuple) -> bool:
    known = _DATA_ORDERS.get(keys)
    if known is None:
        known = _DATA_ORDERS[keys] = set(keys) >= _ALWAYS_WRITTEN and list(keys) == [
            k for k in _DATA_ORDER if k in keys
        ]
    return known


def _plain_row(raw: RawEntry, origin: str, path: str) -> tuple[tuple, bool] | None:
    """The row (compact.entry_row's, origin 0 where it is `path`) of the entry _build_entry
    makes, made without the entry for the commonest shape (keys of _PLAIN_KEYS, text values,
    lists of texts, no problem), or None for _build_entry to make (and report). A
    100,000-entry glossary is validated in a fraction of the time (tested equal to
    _build_entry).

    With the row, whether the entry's mapping is already the one writers.entry_to_data makes
    of the entry (the same keys in the same order, each value as written there): the glossary
    hash then encodes the mapping itself (every entry of a large generated or converted
    glossary is one; tested equal). str.strip gives back the very text it was given when
    there is nothing to strip, so `is` tells a value written as it is kept."""
    data = raw.data
    if not isinstance(data, dict) or not data.keys() <= _PLAIN_KEYS:
        return None
    given = data.get("preferred")
    if type(given) is not str or not (preferred := given.strip()):
        return None
    as_written = preferred is given
    texts = data.get("variants")
    if type(texts) is not list:
        as_written = False
        texts = _as_list(texts)
    variants = []
    for text in texts:
        if type(text) is not str or not (stripped := text.strip()):
            return None  # an empty variant or a mapping: _build_entry's
        if stripped is not text:
            as_written = False
        variants.append((stripped, None, None, None, False, None))
    accepted = source = ()
    if "accepted" in data:
        accepted = _texts(given := data["accepted"])
        as_written = as_written and type(given) is list and bool(given) and accepted == (*given,)
    if "source" in data:
        source = _texts(given := data["source"])
        as_written = as_written and type(given) is list and bool(given) and source == (*given,)
    id_, note = data.get("id"), data.get("note")
    if accepted is None or source is None or type(id_) not in (str, type(None)):
        return None
    if note is not None and type(note) is not str:
        return None
    category = _plain_value(given_category := data.get("category"), Category, _CATEGORIES)
    severity = _plain_value(given_severity := data.get("severity"), Severity, _SEVERITIES)
    fix = _plain_value(given_fix := data.get("fix"), Applicability, _FIXES)
    if category is None or severity is None or fix is None:
        return None
    if as_written:
        as_written = (
            _in_data_order(tuple(data))  # so id, category and severity are there
            and bool(id_)
            and id_.strip() is id_
            and given_category == category
            and given_severity == severity
            and ("fix" not in data or (given_fix == fix and fix != _SAFE))
            and ("note" not in data or (bool(note) and note.strip() is note))
        )
    row = (
        (id_ and id_.strip()) or _GENERATED + slugify(preferred),
        preferred,
        tuple(variants),
        accepted,
        category,
        severity,
        note.strip() if note else "",
        source,
        NO_CONTEXT,
        fix,
        False,
        None,
        (),
        0 if origin == path else origin,
        raw.line,
        None,
    )
    return row, as_written


def _plain_entry(raw: RawEntry, origin: str) -> Entry | None:
    """The entry of _plain_row's row (what build_glossary keeps for such an entry)."""
    made = _plain_row(raw, origin, origin)
    return None if made is None else entry_from_row(made[0], origin)


def _where(other: Entry, here: Entry) -> str:
    """Where `other` is defined, as seen from `here`: a line, or file:line in another file."""
    if other.origin != here.origin:
        return f"{other.origin}:{other.line}"
    return f"line {other.line}"


def _no_conflicts(rows: list[tuple], ids: list[str]) -> bool:
    """True where _cross_check would report nothing: no id seen twice (`ids`: the rows'),
    no variant key seen twice, none a correct form (checked in C over the rows: a large
    glossary then makes no Entry for the check)."""
    if len(set(ids)) != len(ids):
        return False
    keys = fold_all([v[V_TEXT] for r in rows for v in r[VARIANTS] if v[V_TEXT] is not None])
    distinct = set(keys)
    if len(distinct) != len(keys):
        return False
    # Entry.correct_forms: the preferred form and the accepted ones, the empty ones left out.
    forms = [r[PREFERRED] for r in rows if r[PREFERRED]]
    forms += [a for r in rows for a in r[ACCEPTED] if a]
    return distinct.isdisjoint(fold_all(forms))


def _cross_check(entries: list[Entry], problems: _Problems) -> None:
    """Problems that only show between entries: cycles and conflicting claims."""
    # Every form folded in one go (fold_all), in the order the loops below take them.
    forms_of = [e.correct_forms for e in entries]
    owners = [e for e, forms in zip(entries, forms_of, strict=True) for _ in forms]
    forms = fold_all([form for forms in forms_of for form in forms])
    # The first entry to have a form owns it: the dict is filled from the last, so an earlier
    # owner overwrites a later one.
    correct: dict[str, Entry] = dict(zip(reversed(forms), reversed(owners), strict=True))
    keys = fold_all([v.text for e in entries for v in e.variants if v.text is not None])
    variant_keys = iter(keys)
    claimed: dict[str, tuple[Entry, str]] = {}
    seen_ids: dict[str, Entry] = {}
    for e in entries:
        if e.id in seen_ids:
            first = seen_ids[e.id]
            problems.add(e.line, f"duplicate id {e.id!r} (first at {_where(first, e)})", e.origin)
        seen_ids.setdefault(e.id, e)
        for v in e.variants:
            if v.text is None:
                continue
            key = next(variant_keys)
            target = v.replace or e.preferred
            owner = correct.get(key)
            if owner is not None and owner is not e:
                problems.add(
                    e.line,
                    f"variant {v.text!r} of {e.preferred!r} is the preferred form of entry "
                    f"{owner.id!r} ({_where(owner, e)}): the two entries would rewrite each other",
                    e.origin,
                )
            elif owner is e and not e.case_sensitive:
                problems.add(
                    e.line,
                    f"variant {v.text!r} is a correct form of its own entry; set "
                    "case_sensitive: true if only the case differs",
                    e.origin,
                )
            if key in claimed:
                other, other_target = claimed[key]
                if fold(other_target) != fold(target):
                    problems.add(
                        e.line,
                        f"variant {v.text!r} is claimed by {other.id!r} ({_where(other, e)}, -> "
                        f"{other_target!r}) and by {e.id!r} (-> {target!r})",
                        e.origin,
                    )
            else:
                claimed[key] = (e, target)


# Marks an id made from the preferred form (removed before the glossary is returned): such ids
# are made unique ("entry", "entry-2", ...), where two written ids that clash are an error.
_GENERATED = "\x00"


def _unique_ids(rows: list[tuple], ids: list[str]) -> None:
    """Each generated id made unique, in place in `rows` and in `ids` (theirs): the rows were
    made a moment ago by build_glossary and are not shared yet."""
    if _GENERATED not in "".join(ids):
        return  # every id written (a large glossary's usual case), found in C
    taken = {i for i in ids if not i.startswith(_GENERATED)}
    # The last suffix given to each base: the next entry of that name goes on from there, so
    # a glossary of many entries with one preferred form is numbered in linear time.
    last: dict[str, int] = {}
    for n, id_ in enumerate(ids):
        if id_.startswith(_GENERATED):
            base = id_[len(_GENERATED) :]
            k = last.get(base, 1)
            new = base if k == 1 else f"{base}-{k}"
            while new in taken:
                k += 1
                new = f"{base}-{k}"
            last[base] = k
            taken.add(new)
            rows[n] = (new, *rows[n][1:])
            ids[n] = new


def build_glossary(raw: RawGlossary, path: str) -> Glossary:
    """The validated glossary, its entries kept as the rows validation makes (compact.py)."""
    problems = _Problems(path)
    rows = []
    # For each row, the entry's mapping where it is already the one the glossary hash encodes.
    as_data: list[dict | None] = []
    for r in raw.entries:
        origin = path if r.origin is None else r.origin  # problems.of(r).path
        made = _plain_row(r, origin, path)
        if made is None:
            e = _build_entry(r, problems)
            if e is None:
                continue
            rows.append(entry_row(e, path))
            as_data.append(None)
        else:
            rows.append(made[0])
            as_data.append(r.data if made[1] else None)
    ids = [r[ID] for r in rows]
    _unique_ids(rows, ids)
    if not _no_conflicts(rows, ids):
        _cross_check([entry_from_row(r, path) for r in rows], problems)
    if problems.items:
        raise GlossaryError(problems.items)
    return Glossary(
        name=raw.name,
        entries=BuiltEntries(rows, path, as_data),  # type: ignore[arg-type]  # a tuple's stand-in
        path=path,
        description=raw.description,
        source_language=raw.source_language,
        target_language=raw.target_language,
    )
