"""What the api's run functions other than `run_lint` return: fix, report, corpus,
retranslate, score and glossary outcomes, each with `exit_code()` where it gates a run.

They live apart from mtqa.api so that `mtqa lint` does not build their classes (a dataclass
costs a fraction of a millisecond to create, and a lint run is short); mtqa.api imports each
where its function returns it, and still answers `mtqa.api.FixRun` and the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .api import _Outcome
from .errors import InputError
from .reporters import Signature

if TYPE_CHECKING:
    from .fixing import FixResult
    from .glossary import Glossary


@dataclass
class ReviewRun(_Outcome):
    """A review copy written: the fixes as tracked changes, the other findings as comments."""

    data: bytes  # the review copy
    result: FixResult
    comments: int
    errors: list[InputError] = field(default_factory=list)
    failing: bool = False  # findings left at or above fail-on, as for `mtqa report`


@dataclass
class FixRun(_Outcome):
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
class ReportRun(_Outcome):
    model: object  # reporters.report_model.ReportModel
    errors: list[InputError]
    failing: bool = False  # findings at or above fail-on, as `mtqa lint` would exit 1

    @property
    def read_any(self) -> bool:
        return any(f.error is None for f in self.model.files)


@dataclass
class CorpusRun(_Outcome):
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
class RetranslateRun(_Outcome):
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
class ScoreRun(_Outcome):
    """`result`: mtqa.scoring.ScoreResult (BLEU, chrF, TER with signatures, term accuracy)."""

    result: object
    errors: list[InputError] = field(default_factory=list)
    failing: bool = False


@dataclass
class GlossaryCheck:
    paths: list[str]
    glossary: Glossary


@dataclass
class GlossaryTest(_Outcome):
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
