"""The registries: what each package declares in its `meta.py` is what a run finds.

Checks, readers, output formats and MT backends are declared without importing their modules;
these tests use each declaration the way a run does and look at what comes back.
"""

from __future__ import annotations

import pytest
import typer

from mtqa import checks, readers
from mtqa.api import run_lint
from mtqa.checks.meta import FAMILIES, Family
from mtqa.cli import app
from mtqa.documents import Block
from mtqa.errors import InputError, MtqaError
from mtqa.mt.load import load_translator
from mtqa.mt.meta import BACKENDS, backend_names
from mtqa.readers.meta import FORMATS
from mtqa.reporters import CORPUS, LINT, REPORT, RETRANSLATE, SCORE, RenderOptions, names
from mtqa.reporters.meta import REPORTERS
from mtqa.reporters.registry import extensions, for_output

# ----------------------------------------------------------------------------- checks


@pytest.mark.parametrize("code", checks.ALL_CODES)
def test_selecting_a_declared_code_runs_the_family_that_has_its_rule(code):
    (check,) = checks.checks_for(frozenset({code}))
    assert code in [rule.code for rule in check.rules]


def test_no_two_rules_share_a_code():
    assert len(set(checks.ALL_CODES)) == len(checks.ALL_CODES)


def test_a_family_whose_rules_are_outside_its_prefix_is_refused(monkeypatch):
    monkeypatch.setattr(checks, "FAMILIES", (Family("whitespace", "PUNC"),))
    checks.checks_for.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"whitespace has the rules WS001, but .* PUNC"):
            checks.checks_for(frozenset({"PUNC001"}))
    finally:
        checks.checks_for.cache_clear()


@pytest.mark.parametrize(
    ("pattern", "families"),
    [
        ("ALL", [f.module for f in FAMILIES]),
        ("TERM001", ["terminology"]),
        ("TERM", ["terminology"]),
        ("T", ["terminology"]),
        ("BIL007", ["bilingual", "source_target"]),  # two families share the prefix
        ("XYZ", []),
    ],
)
def test_a_pattern_reaches_the_families_whose_codes_it_can_name(pattern, families):
    assert [f.module for f in FAMILIES if f.reached_by(pattern)] == families
    named = [c for c in checks.ALL_CODES if pattern == "ALL" or c.startswith(pattern)]
    assert [c for c in checks.codes_reached((pattern,)) if c in named] == named


# ----------------------------------------------------------------------------- readers


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_a_declared_format_is_read_by_the_reader_of_that_name(fmt):
    reader = readers.reader_named(fmt.name)
    assert (reader.name, reader.extensions) == (fmt.name, fmt.extensions)
    for ext in fmt.extensions:
        assert readers.reader_for_path(f"folder/Chapter 1{ext.upper()}").name == fmt.name


def test_a_folder_walk_reads_the_discovered_formats_only(tmp_path):
    (tmp_path / "a.md").write_text("The existence in Iraq.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Plain text.\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("id,source,target\n1,a,b\n", encoding="utf-8")
    (tmp_path / "data.tsv").write_text("1\ta\tb\n", encoding="utf-8")
    run = run_lint([tmp_path])
    assert sorted(p.rsplit("/", 1)[-1] for p in run.report.files) == ["a.md", "b.txt"]
    # Named on the command line, a table is read.
    named = run_lint([tmp_path / "data.csv"])
    assert [p.rsplit("/", 1)[-1] for p in named.report.files] == ["data.csv"]


class _LinesReader(readers.Reader):
    """A reader added at run time, as a library caller adds one: every line is a block."""

    name = "test-lines"
    extensions = (".lines",)

    def parse(self, text: str, path: str) -> readers.Parsed:
        blocks, pos = [], 0
        for line in text.splitlines(keepends=True):
            end = pos + len(line.rstrip("\n"))
            blocks.append(Block(pos, end, ((pos, end),)))
            pos += len(line)
        return readers.Parsed(tuple(blocks))


def test_a_reader_added_at_run_time_reads_its_own_extension(tmp_path):
    readers.register(_LinesReader())
    path = tmp_path / "notes.lines"
    path.write_text("one\ntwo\n", encoding="utf-8")
    doc = readers.read_document(path)
    assert doc.format == "test-lines" and len(doc.blocks) == 2
    assert ".lines" in readers.supported_extensions()


def test_an_unknown_format_names_the_declared_ones():
    with pytest.raises(InputError) as caught:
        readers.reader_named("docbook")
    assert all(f.name in str(caught.value) for f in FORMATS)


# ----------------------------------------------------------------------------- outputs


def test_every_lint_format_renders_a_run_through_the_one_protocol(tmp_path):
    (tmp_path / "a.md").write_text("The US military existence in Iraq.\n", encoding="utf-8")
    run = run_lint([tmp_path / "a.md"])
    options = RenderOptions(quiet=True)
    for name in names(LINT):
        out = for_output(LINT, name, None, "text").render(run.report, options)
        assert "TERM001" in "".join(out), name


@pytest.mark.parametrize("kind", [LINT, REPORT, CORPUS, SCORE, RETRANSLATE])
def test_an_output_file_extension_picks_the_declared_format(kind):
    for reporter in (r for r in REPORTERS if r.kind == kind):
        for ext in reporter.extensions:
            assert for_output(kind, None, f"out{ext.upper()}", "text").kind == kind
        if reporter.extensions:
            first = reporter.extensions[0]
            assert for_output(kind, None, f"out{first}", "text").name == reporter.name


def test_an_unknown_output_extension_lists_the_known_ones():
    with pytest.raises(MtqaError) as caught:
        for_output(REPORT, None, "report.pdf", "markdown")
    assert all(ext in str(caught.value) for ext in extensions(REPORT))


# ----------------------------------------------------------------------------- MT backends


def test_an_unknown_backend_names_every_declared_one():
    with pytest.raises(MtqaError) as caught:
        load_translator("Helsinki-NLP/opus-mt-ar-en", backend="marian")
    assert all(name in str(caught.value) for name in backend_names())
    assert backend_names() == ("auto", *(b.name for b in BACKENDS))


# ----------------------------------------------------------------------------- CLI help


def _help(command: str, option: str) -> str:
    params = typer.main.get_command(app).commands[command].params  # type: ignore[attr-defined]
    return next(p.help for p in params if option in getattr(p, "opts", ()))


@pytest.mark.parametrize(
    ("command", "kind"),
    [("lint", LINT), ("report", REPORT), ("corpus", CORPUS), ("score", SCORE),
     ("retranslate", RETRANSLATE)],
)
def test_the_format_help_lists_every_registered_format(command, kind):
    help_text = _help(command, "--format")
    assert all(name in help_text for name in names(kind))


def test_the_backend_help_lists_every_declared_backend():
    help_text = _help("retranslate", "--backend")
    assert all(name in help_text for name in backend_names())


def test_the_report_help_lists_every_report_extension():
    for command in ("fix", "retranslate"):
        assert all(ext in _help(command, "--report") for ext in extensions(REPORT))
