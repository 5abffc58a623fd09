"""The documents stay true to the code: every `mtqa` command shown in a shell block of the README
or of docs/ parses with the CLI (commands, options, option values, formats and rule codes), the
Python examples name what the package exports, every relative link and anchor resolves, the
documented way to regenerate docs/rules.md makes the file as it is, and the documents speak
about the project, not about how it was made. (tests/test_setup.py holds the two set-up
commands; tests/checks/test_examples.py the rules' examples and docs/rules.md against the metadata.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
import typer.main
from typer.testing import CliRunner

import mtqa
from mtqa.checks import ALL_CODES
from mtqa.cli import app
from mtqa.errors import MtqaError
from mtqa.reporters import registry

from .conftest import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [README, *DOCS]
CLI = typer.main.get_command(app)
# The reporter kind behind each command's --format and --output.
OUTPUT_KIND = {
    "lint": registry.LINT,
    "report": registry.REPORT,
    "corpus": registry.CORPUS,
    "score": registry.SCORE,
    "retranslate": registry.RETRANSLATE,
}


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _blocks(path: Path, languages: tuple[str, ...]) -> list[str]:
    """The fenced code blocks of a Markdown file written in one of `languages`."""
    text = path.read_text(encoding="utf-8")
    return [
        m.group(2)
        for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)
        if m.group(1) in languages
    ]


def _mtqa_commands() -> list[tuple[str, list[str]]]:
    """(where, argv after `mtqa`) for every mtqa command in a shell block of the documents."""
    found = []
    for path in DOCUMENTS:
        for block in _blocks(path, ("sh", "bash", "console")):
            for line in block.splitlines():
                for part in line.split("&&"):
                    words = shlex.split(part, comments=True)
                    for stop in (">", "|"):  # a redirection or pipe ends the command
                        if stop in words:
                            words = words[: words.index(stop)]
                    if words and Path(words[0]).name == "mtqa":
                        found.append((f"{_name(path)}: {part.strip()}", words[1:]))
    return found


COMMANDS = _mtqa_commands()


class UnknownCommand(typer.TyperException):
    pass


def _parse(argv: list[str]) -> tuple[str, typer.Context]:
    """The subcommand's path and its parsed context. Parsing raises (a TyperException) on an
    unknown command or option, a missing argument or a value of the wrong type."""
    command = CLI
    parent = None
    names: list[str] = []
    words = list(argv)
    while hasattr(command, "get_command") and words and not words[0].startswith("-"):
        # A group's own context, with no arguments of its own: resilient, so that it does not
        # stop to print its help.
        name = " ".join(["mtqa", *names])
        parent = command.make_context(name, [], parent=parent, resilient_parsing=True)
        sub = command.get_command(parent, words[0])
        if sub is None:
            raise UnknownCommand(f"no such command {words[0]!r}")
        names.append(words.pop(0))
        command = sub
    ctx = command.make_context(" ".join(["mtqa", *names]), words, parent=parent)
    return " ".join(names), ctx


def test_the_documents_show_mtqa_commands():
    where = {w.split(":", 1)[0] for w, _ in COMMANDS}
    assert "README.md" in where and len(COMMANDS) >= 20
    shown = {argv[0] for _, argv in COMMANDS}
    assert {"lint", "fix", "report", "corpus", "glossary", "retranslate", "score"} <= shown


@pytest.mark.parametrize(("where", "argv"), COMMANDS, ids=[w for w, _ in COMMANDS])
def test_every_documented_command_parses(where, argv):
    command, ctx = _parse(argv)
    params = ctx.params
    kind = OUTPUT_KIND.get(command)
    if kind is not None and (params.get("format") or params.get("output")):
        output = params.get("output")
        # The format named, or the one the output file's extension picks, exists.
        registry.for_output(kind, params.get("format"), str(output) if output else None, "text")
    for option in ("select", "ignore"):
        for code in filter(None, (params.get(option) or "").split(",")):
            assert code == "ALL" or any(c.startswith(code) for c in ALL_CODES), (where, code)


def test_a_stale_command_would_fail():
    """The check above is not vacuous: what a stale document could show is refused."""
    for argv in (
        ["lintt", "a.md"],
        ["lint", "a.md", "--no-such-option"],
        ["lint", "a.md", "-j", "zero"],
        ["glossary", "chek", "g.yaml"],
        ["score", "hyp.xlf"],
    ):
        with pytest.raises(typer.TyperException):
            _parse(argv)
    _, ctx = _parse(["lint", "a.md", "-f", "yaml"])
    with pytest.raises(MtqaError):
        registry.for_output(registry.LINT, ctx.params["format"], None, "text")


def test_the_sample_output_is_what_the_walk_prints(monkeypatch):
    """The README's sample of `mtqa lint corpora/` is a run of lines the command prints, each
    sample line (up to a closing "...") the start of the printed one."""
    samples = [b for b in _blocks(README, ("",)) if b.startswith("corpora/")]
    assert samples
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["lint", "corpora/"])
    assert result.exit_code == 1
    printed = result.stdout.splitlines()
    for block in samples:
        lines = [ln.removesuffix("...").rstrip() for ln in block.splitlines()]
        assert any(
            all(p.startswith(ln) for p, ln in zip(printed[i:], lines, strict=False))
            and len(printed) - i >= len(lines)
            for i in range(len(printed))
        ), block


def test_python_examples_compile_and_name_what_mtqa_exports():
    blocks = [(p, b) for p in DOCUMENTS for b in _blocks(p, ("python",))]
    assert blocks
    for path, block in blocks:
        compile(block, _name(path), "exec")
        for name in re.findall(r"\bmtqa\.(\w+)", block):
            assert hasattr(mtqa, name), f"{_name(path)}: mtqa.{name}"


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


def test_every_relative_link_and_anchor_resolves():
    checked = 0
    for path in DOCUMENTS:
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file, _, anchor = target.partition("#")
            linked = (path.parent / file).resolve() if file else path
            assert linked.is_file(), f"{_name(path)}: {target}"
            if anchor:
                assert anchor in _anchors(linked), f"{_name(path)}: {target}"
            checked += 1
    assert checked >= 20


def test_the_readme_links_every_docs_page():
    readme = README.read_text(encoding="utf-8")
    for page in DOCS:
        assert f"]({_name(page)})" in readme, f"README.md does not link {_name(page)}"


def test_the_readme_is_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 250


def test_the_documented_regeneration_makes_docs_rules_md():
    """architecture.md says `mtqa rules -f markdown > docs/rules.md`; that output is the file."""
    assert "mtqa rules -f markdown > docs/rules.md" in (ROOT / "docs" / "architecture.md").read_text(
        encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["rules", "-f", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


# What a document about the project does not say: how, when or by whom the work was done.
_DIARY = re.compile(
    r"\bissue \d+|\b(this|last|next|previous) round\b|\bbefore this round\b|\bhelpers?\b"
    r"|\bsessions?\b|\bload averages?\b",
    re.I,
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=_name)
def test_documents_speak_about_the_project_not_its_making(path):
    hits = [m.group(0) for m in _DIARY.finditer(path.read_text(encoding="utf-8"))]
    assert hits == [], f"{_name(path)}: {hits}"
