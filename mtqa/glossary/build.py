"""Turn raw records (from any file format, raw.py) into a validated Glossary.

One validator serves every format, so every problem names file and line. The store's fast
lane (store/plain.py) takes the commonest entries of a large glossary first; the rest, and
every entry with a problem, come here.
"""

from __future__ import annotations

from ..errors import GlossaryError, GlossaryProblem
from ..findings import Applicability, Severity
from ..normalize import fold, fold_all
from ..regexes import RegexError, unsafe_reason
from .model import POS_VALUES, Category, Context, Entry, Example, Glossary, Variant
from .raw import GENERATED, RawEntry, RawGlossary, as_list, slugify, text_of
from .store.plain import ValidatedRows

__all__ = ["ENTRY_KEYS", "RawEntry", "RawGlossary", "build_glossary", "slugify"]

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


def _build_variant(raw, entry: RawEntry, problems: _Problems) -> Variant | None:
    line = entry.line_of("variants")
    if isinstance(raw, str | int | float):
        text = text_of(raw)
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
    replace = (None if replace is None else str(replace)) if exact else (text_of(replace) or None)
    return Variant(
        text=text_of(text) if text is not None else None,
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
        safe_near=tuple(fold(str(w)) for w in as_list(raw.get("safe_near")) if text_of(w)),
        avoid_near=tuple(fold(str(w)) for w in as_list(raw.get("avoid_near")) if text_of(w)),
        window=window,
    )


def _build_examples(raw, entry: RawEntry, problems: _Problems) -> tuple[Example, ...]:
    out = []
    line = entry.line_of("examples")
    for item in as_list(raw):
        if not isinstance(item, dict):
            problems.add(line, "an example is a mapping: {bad: ..., good: ...} or {ok: ...}")
            continue
        unknown = set(item) - EXAMPLE_KEYS
        if unknown:
            problems.add(line, f"unknown example key(s): {', '.join(sorted(map(str, unknown)))}")
        bad, good, ok = (text_of(item.get(k)) or None for k in ("bad", "good", "ok"))
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
    preferred = text_of(data.get("preferred"))
    variants = tuple(
        v for v in (_build_variant(x, raw, problems) for x in as_list(data.get("variants"))) if v
    )
    # An entry that deletes (prh's `expected: ""`) has no preferred form: each of its variants
    # says what replaces it.
    deletes = bool(variants) and all(v.exact and v.replace is not None for v in variants)
    if not preferred and not deletes:
        problems.add(raw.line_of("preferred"), "empty preferred form")
        return None
    severity = _enum(data.get("severity"), Severity, Severity.WARNING, "severity", raw, problems)
    return Entry(
        id=text_of(data.get("id")) or GENERATED + slugify(preferred),
        preferred=preferred,
        variants=variants,
        accepted=tuple(text_of(a) for a in as_list(data.get("accepted")) if text_of(a)),
        category=_enum(
            data.get("category"), Category, Category.TERMINOLOGY, "category", raw, problems
        ),
        severity=severity,
        note=text_of(data.get("note")),
        source=tuple(text_of(s) for s in as_list(data.get("source")) if text_of(s)),
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
    text = text_of(value).lower()
    if text not in POS_VALUES:
        problems.add(raw.line_of("pos"), f"pos must be one of {', '.join(POS_VALUES)}")
        return None
    return text


def _where(other: Entry, here: Entry) -> str:
    """Where `other` is defined, as seen from `here`: a line, or file:line in another file."""
    if other.origin != here.origin:
        return f"{other.origin}:{other.line}"
    return f"line {other.line}"


def no_conflicts(ids: list[str], variant_texts: list[str], correct_forms: list[str]) -> bool:
    """True where _cross_check would report nothing: no id seen twice, no variant key seen
    twice, none a correct form (checked in C over the store's lists: a large glossary then
    makes no Entry for the check)."""
    if len(set(ids)) != len(ids):
        return False
    keys = fold_all(variant_texts)
    distinct = set(keys)
    if len(distinct) != len(keys):
        return False
    return distinct.isdisjoint(fold_all(correct_forms))


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


def _unique_ids(ids: list[str]) -> dict[int, str]:
    """The new id of each entry whose generated id (GENERATED + a slug) is made unique, by
    its position in `ids`."""
    if GENERATED not in "".join(ids):
        return {}  # every id written (a large glossary's usual case), found in C
    taken = {i for i in ids if not i.startswith(GENERATED)}
    # The last suffix given to each base: the next entry of that name goes on from there, so
    # a glossary of many entries with one preferred form is numbered in linear time.
    last: dict[str, int] = {}
    renamed: dict[int, str] = {}
    for n, id_ in enumerate(ids):
        if id_.startswith(GENERATED):
            base = id_[len(GENERATED) :]
            k = last.get(base, 1)
            new = base if k == 1 else f"{base}-{k}"
            while new in taken:
                k += 1
                new = f"{base}-{k}"
            last[base] = k
            taken.add(new)
            renamed[n] = new
    return renamed


def build_glossary(raw: RawGlossary, path: str) -> Glossary:
    """The validated glossary, its entries kept in the store's rows (store/rows.py)."""
    problems = _Problems(path)
    rows = ValidatedRows(path)
    for r in raw.entries:
        origin = path if r.origin is None else r.origin  # problems.of(r).path
        if not rows.add_plain(r, origin):
            e = _build_entry(r, problems)
            if e is not None:
                rows.add(e)
    ids = rows.ids()
    rows.rename(_unique_ids(ids))
    entries = rows.entries()
    if not no_conflicts(rows.ids(), rows.variant_texts(), rows.correct_forms()):
        _cross_check(list(entries), problems)
    if problems.items:
        raise GlossaryError(problems.items)
    return Glossary(
        name=raw.name,
        entries=entries,
        path=path,
        description=raw.description,
        source_language=raw.source_language,
        target_language=raw.target_language,
    )
