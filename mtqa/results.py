"""What every run of the api returns: lint, fix, report, corpus, retranslate, score and
glossary results, each with `exit_code()` where it gates a run.

They build on the values below them (findings, reports, signatures) and import nothing of
mtqa.api; mtqa.api imports them and answers `mtqa.api.LintRun`, `mtqa.api.FixRun` and the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InputError
from .reporters import RunReport, Signature

if TYPE_CHECKING:
    from .documents import Document
    from .fixing import FixResult
    from .glossary import Glossary


class RunResult:
    """What every run's result answers: its unreadable inputs, whether it fails, its exit code."""

    errors: list[InputError]
    failing: bool

    @property
    def read_any(self) -> bool:
        """Whether any input was read: a run that read none made nothing to show."""
        return True

    def exit_code(self) -> int:
        """0: nothing at or above fail-on; 1: something is; 2: an input could not be read."""
        if self.errors:
            return 2
        return 1 if self.failing else 0


@dataclass
class LintRun(RunResult):
    report: RunReport
    format: str
    failing: bool
    # Documents read from memory (standard input), for the text format's snippets.
    documents: dict[str, Document] = field(default_factory=dict)
    # The run's glossaries, for the notes of their entries.
    glossaries: list[Glossary] = field(default_factory=list)
    hidden: int = 0  # findings a baseline accounted for, not reported

    @property
    def errors(self) -> list[InputError]:
        return self.report.errors

    @property
    def read_any(self) -> bool:
        return bool(self.report.files)

    def note(self, entry_id: str) -> str:
        """The note of a glossary entry of this run ("" where it has none)."""
        for glossary in self.glossaries:
            entry = glossary.get(entry_id)
            if entry is not None:
                return entry.note
        return ""


@dataclass
class ReviewRun(RunResult):
    """A review copy written: the fixes as tracked changes, the other findings as comments."""

    data: bytes  # the review copy
    result: FixResult
    comments: int
    errors: list[InputError] = field(default_factory=list)
    failing: bool = False  # findings left at or above fail-on, as for `mtqa report`


@dataclass
class FixRun(RunResult):
    results: list[FixResult]
    errors: list[InputError]
    failing: bool
    write: bool
    signature: Signature
    # Files whose fixes did not settle within the pass limit.
    unsettled: list[FixResult] = field(default_factory=list)
    # (Document, FixResult) pairs and the glossary, kept when a report was asked for.
    report_model: object | None = None

    @property
    def read_any(self) -> bool:
        return bool(self.results)

    @property
    def applied(self) -> int:
        return sum(len(r.applied) for r in self.results)

    @property
    def remaining(self) -> int:
        return sum(len(r.remaining) for r in self.results)

    @property
    def changed(self) -> int:
        return sum(1 for r in self.results if r.changed)

    def diff(self) -> str:
        return "".join(r.diff() for r in self.results)

    @property
    def withheld(self) -> int:
        """Fixes that verification refused (they would change the document's structure)."""
        return sum(len(r.withheld) for r in self.results)

    def summary(self) -> str:
        verb = "Fixed" if self.write else "Would fix"
        n, files = self.applied, self.changed
        end = (
            f" ({self.withheld} fixes withheld: they would change the document's structure)."
            if self.withheld
            else "."
        )
        return (
            f"{verb} {n} finding{'s' if n != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}; {self.remaining} remaining{end}"
        )


@dataclass
class ReportRun(RunResult):
    model: object  # reporters.report_model.ReportModel
    errors: list[InputError]
    failing: bool = False  # findings at or above fail-on, as `mtqa lint` would exit 1

    @property
    def read_any(self) -> bool:
        return any(f.error is None for f in self.model.files)


@dataclass
class CorpusRun(RunResult):
    result: object  # corpus.CorpusResult
    signature: Signature

    @property
    def errors(self) -> list[InputError]:
        return self.result.errors

    @property
    def read_any(self) -> bool:
        return bool(self.result.files)

    @property
    def failing(self) -> bool:
        """An entity written several ways, or mostly not in its preferred form."""
        return any(
            not g.consistent or g.variants[0].text.lower() != g.preferred.lower()
            for g in self.result.groups
        )

    @property
    def report(self):
        from .reporters.corpus import CorpusReport

        return CorpusReport(self.result, self.signature)


@dataclass
class RetranslateRun(RunResult):
    """`result`: mtqa.mt.stage.RetranslateResult. Failing: a flagged segment was left with no
    accepted retranslation."""

    result: object
    errors: list[InputError]
    failing: bool
    format: str
    report_model: object = None  # with_report: the review report (HTML, Markdown, XLSX) model

    @property
    def read_any(self) -> bool:
        return any(f.error is None for f in self.result.files)

    def summary(self) -> str:
        from .reporters.mt import summary

        return summary(self.result)


@dataclass
class ScoreRun(RunResult):
    """`result`: mtqa.scoring.ScoreResult (BLEU, chrF, TER with signatures, term accuracy)."""

    result: object
    errors: list[InputError] = field(default_factory=list)
    failing: bool = False


@dataclass
class GlossaryCheck:
    paths: list[str]
    glossary: Glossary


@dataclass
class GlossaryTest(RunResult):
    failures: list
    total: int
    errors: list[InputError] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.total - len(self.failures)

    @property
    def failing(self) -> bool:
        return bool(self.failures)


@dataclass
class GlossaryConversion:
    format: str
    entries: int
    lost: list[tuple[str, list[str]]]  # (entry id, the fields the format cannot hold)
    lost_glossary: list[str] = field(default_factory=list)  # the glossary's own such fields
