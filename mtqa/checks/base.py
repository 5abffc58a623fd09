"""What a rule is (metadata as data, after ruff) and what a check needs to run.

A Rule is a stable code with its documentation and examples; the docs (`mtqa rules`,
docs/rules.md) and the example tests are generated from it. A Check is one engine that produces
the findings of one or more rules in a single pass (the glossary engine serves several codes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..documents.model import CITATION, LOCKED, Document, Segment
from ..findings import NO_EXTRA, Finding, Fix, Severity
from ..glossary.model import Glossary


@dataclass(frozen=True, slots=True)
class RuleExample:
    """`text` is flagged by the rule (`flagged`), and fixing gives `fixed` when given."""

    text: str
    flagged: bool = True
    fixed: str | None = None
    # The reader the text is read with: bilingual rules give a TSV row (source<TAB>target) or a
    # small XLIFF file.
    format: str = "markdown"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    why: str
    severity: Severity
    fix: str  # "always" | "sometimes" | "never"
    fix_safety: str
    examples: tuple[RuleExample, ...] = ()
    # Rules that need a glossary entry to say anything: their examples run with a test glossary.
    uses_glossary: bool = False
    # Written for the glossary's target language (English terminology and style): skipped on
    # segments whose declared target language is another one.
    target_language_only: bool = False

    @property
    def anchor(self) -> str:
        """The rule's heading anchor in docs/rules.md (links from diagnostics and reports)."""
        return f"{self.code.lower()}-{self.name}"

    @property
    def fix_kind(self) -> str:
        """How its fixes apply, as the fix-safety text says: none, safe, unsafe, safe or
        unsafe (the glossary entry or the text decides), or sometimes."""
        if self.fix == "never":
            return "none"
        safety = self.fix_safety.lower()
        if safety.startswith("unsafe"):
            return "unsafe"
        if safety.startswith("safe"):
            return "safe or unsafe" if "unsafe" in safety else "safe"
        return self.fix

    def doc_markdown(self) -> str:
        lines = [
            f"## {self.code} `{self.name}`",
            "",
            f"**What it does.** {self.summary}",
            "",
            f"**Why is this bad?** {self.why}",
            "",
            f"**Default severity:** {self.severity.value}. **Fix:** "
            + (f"{self.fix}, {self.fix_kind}." if self.fix != "never" else "never."),
            "",
            f"**Fix safety.** {self.fix_safety}",
            "",
        ]
        if self.target_language_only:
            lines += [
                "**Languages.** Runs only on text in the glossary's target language; a bilingual "
                "segment whose declared target language is another one is skipped.",
                "",
            ]
        if self.examples:
            lines.append("**Examples.**")
            lines.append("")
            for ex in self.examples:
                # A table row's tab and line break, shown so a one-line code span keeps them.
                text = ex.text
                if ex.format in ("tsv", "csv"):
                    text = text.replace("\t", " ⇥ ").replace("\n", " ⏎ ")
                if ex.flagged:
                    fixed = f" → `{ex.fixed}`" if ex.fixed is not None else ""
                    lines.append(f"- flagged: `{text}`{fixed}")
                else:
                    lines.append(f"- not flagged: `{text}`")
            lines.append("")
        return "\n".join(lines)


T = TypeVar("T")


def compiled_once(build: Callable[[Any], T]) -> property:
    """A property computed on first use and kept in the run's `compiled` table, which every
    per-document context of the run shares (a `functools.cached_property` would be lost with
    each document's context)."""
    name = build.__name__

    def get(self) -> T:
        try:
            return self.compiled[name]
        except KeyError:
            value = self.compiled[name] = build(self)
            return value

    return property(get, doc=build.__doc__)


def _every_code(code: str) -> bool:
    return True


@dataclass
class CheckContext:
    """What every check may read: the glossary and what is compiled from it, once per run, and
    the rules that are on for the document at hand.

    The linter gives each document its own context (`for_codes`), with the codes enabled for
    that file; the compiled tables are shared by all of them, and the run's context is never
    changed."""

    glossary: Glossary | None = None
    # Lets an engine skip work for rules that are switched off.
    enabled: Callable[[str], bool] = _every_code
    # What is compiled from the glossary (the matcher, indexes), by name, built on first use.
    compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def for_codes(self, codes: frozenset[str]) -> CheckContext:
        """This run's context for a document whose enabled rules are `codes`."""
        return CheckContext(self.glossary, codes.__contains__, self.compiled)

    @property
    def source_language(self) -> str:
        return self.glossary.source_language if self.glossary is not None else "ar"

    @property
    def target_language(self) -> str:
        return self.glossary.target_language if self.glossary is not None else "en"

    @compiled_once
    def matcher(self):
        from ..matching.automaton import term_matcher

        return term_matcher(self.glossary) if self.glossary is not None else None

    @compiled_once
    def entries_by_id(self) -> dict:
        """The glossary's entries by id (once per run, not once per document)."""
        return {e.id: e for e in self.glossary.entries} if self.glossary is not None else {}

    @compiled_once
    def source_terms(self) -> dict[str, str]:
        """Folded source-language term -> the preferred English form of its entry."""
        from ..normalize import fold

        terms: dict[str, str] = {}
        for entry in self.glossary.entries if self.glossary is not None else ():
            for source in entry.source:
                for alternative in source.split("/"):
                    terms.setdefault(fold(alternative), entry.preferred)
        return terms

    @compiled_once
    def arabic_terms(self):
        """The glossary's source terms, indexed on Arabic stems (for the bilingual checks)."""
        from ..matching.arabic import SourceTermIndex

        entries = self.glossary.entries if self.glossary is not None else ()
        return SourceTermIndex(
            (alternative, entry)
            for entry in entries
            for source in entry.source
            for alternative in source.split("/")
        )

    @compiled_once
    def variant_finder(self):
        from ..matching.names.finder import VariantFinder

        return VariantFinder(self.glossary) if self.glossary is not None else None


@dataclass(frozen=True)
class Check:
    rules: tuple[Rule, ...]
    run: Callable[[Document, CheckContext], Iterator[Finding]]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)

    @property
    def target_language_only(self) -> bool:
        return all(r.target_language_only for r in self.rules)


def make_finding(
    doc: Document,
    rule: Rule,
    start: int,
    end: int,
    message: str,
    *,
    region: str = "prose",
    suggestions: tuple[str, ...] = (),
    term: str | None = None,
    fix: Fix | None = None,
    severity: Severity | None = None,
    extra: dict | None = None,
) -> Finding:
    """A Finding with positions derived from offsets; citations are capped at info, unfixed."""
    severity = severity or rule.severity
    if region == CITATION:
        severity = Severity.INFO
        fix = None
    elif region == LOCKED:
        fix = None  # a locked or not-to-translate segment: reported, never changed
    line, column = doc.position(start)
    if doc.segments and not (extra and "segment" in extra):
        # A finding in a bilingual file names its segment, whatever check made it.
        seg = doc.segment_at(start)
        if seg is not None:
            extra = {**(extra or {}), "segment": seg.id, "unit": seg.unit}
    where = doc.where(start)
    if where is not None:
        extra = {**where, **(extra or {})}
    text = doc.text[start:end]
    if "\n" in text:
        end_line, end_column = doc.position(end)
    else:  # the common case: no second lookup
        end_line, end_column = line, column + (end - start)
    # Positional: a finding is made for every match, and keywords cost a tenth of the call.
    return Finding(
        doc.path,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        rule.code,
        rule.name,
        severity,
        message,
        text,
        suggestions,
        term,
        fix,
        region,
        extra or NO_EXTRA,
    )


def segment_finding(
    doc: Document,
    rule: Rule,
    seg: Segment,
    message: str,
    severity: Severity | None = None,
    **extra,
) -> Finding:
    """A finding that covers a bilingual segment's target and carries its id, unit and source
    (for a report that shows the source beside the target)."""
    return make_finding(
        doc,
        rule,
        seg.target_start,
        seg.target_end,
        f"{seg.kind} {seg.id}: {message}",
        severity=severity,
        extra={"segment": seg.id, "unit": seg.unit, "source": seg.source, **extra},
    )
