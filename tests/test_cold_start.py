"""Cold start: `mtqa --version` / `mtqa version` and `import mtqa` load only what they use.

Module lists, not wall-clock times: a test never asserts a duration.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mtqa.version import __version__

HEAVY = ("typer", "click", "yaml", "mtqa.api", "mtqa.checks", "mtqa.readers", "mtqa.glossary")


def _loaded_after(code: str) -> tuple[str, set[str]]:
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    *printed, modules = out.rstrip("\n").split("\n")
    return "\n".join(printed), set(json.loads(modules))


@pytest.mark.parametrize("arg", ["--version", "version"])
def test_version_imports_nothing_heavy(arg):
    printed, modules = _loaded_after(
        f"sys.argv = ['mtqa', {arg!r}]\nfrom mtqa.__main__ import main\nmain()"
    )
    assert printed == f"mtqa {__version__}"
    assert not modules.intersection(HEAVY)


def test_import_mtqa_is_lazy_until_a_name_is_used():
    _, modules = _loaded_after("import mtqa")
    assert not modules.intersection(HEAVY)
    _, modules = _loaded_after("import mtqa\nmtqa.lint")
    assert "mtqa.api" in modules


def test_public_names_resolve():
    import mtqa

    for name in mtqa.__all__:
        assert getattr(mtqa, name) is not None
    with pytest.raises(AttributeError):
        mtqa.no_such_name  # noqa: B018


@pytest.mark.parametrize("args", [["--version"], ["version"]])
def test_cli_prints_the_version(args):
    from typer.testing import CliRunner

    from mtqa.cli import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert result.output == f"mtqa {__version__}\n"


# ----------------------------------------------------------------------------- lint
# What `mtqa lint` on Markdown with TERM001 alone must not load: the other formats' readers, the
# name machinery of TERM003/TERM004, the other rules' checks, numpy, the fixing engine, the other
# commands' result classes, a TOML parser (no configuration file).
NOT_FOR_MARKDOWN_TERM001 = (
    "mtqa.checks.bilingual",
    "mtqa.checks.punctuation",
    "mtqa.checks.repetition",
    "mtqa.checks.script",
    "mtqa.checks.whitespace",
    "mtqa.readers.xliff",
    "mtqa.readers.tmx",
    "mtqa.readers.po",
    "mtqa.readers.tables",
    "mtqa.readers.xmlbase",
    "mtqa.documents.coded",
    "lxml",
    "mtqa.matching.names.groups",
    "mtqa.matching.names.finder",
    "mtqa.matching.names.translit",
    "mtqa.matching.names.scan",
    "mtqa.matching.names.spans",
    "mtqa.matching.arabic",
    "numpy",
    "mtqa.fixing",
    "tomllib",
)

GLOSSARY = """\
entries:
  - id: presence
    preferred: presence
    variants: [existence]
"""


def test_lint_markdown_term001_loads_only_what_it_uses(tmp_path):
    (tmp_path / "a.md").write_text("The US military existence in Iraq.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("A second file: runs of several files.\n", encoding="utf-8")
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    args = ["mtqa", "lint", str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    args += ["-g", str(tmp_path / "g.yaml")]
    args += ["-f", "json", "--select", "TERM001"]
    code = (
        f"sys.argv = {args!r}\nfrom mtqa.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint()"
    )
    printed, modules = _loaded_after(code)
    # The run did its work (one finding), with the modules it needs ...
    assert json.loads(printed)["summary"]["by_code"] == {"TERM001": 1}
    assert {"mtqa.readers.markdown", "mtqa.checks.terminology", "yaml"} <= modules
    # ... and none of those it does not.
    assert (
        sorted(
            m
            for m in modules
            if m.split(".")[0] in ("lxml", "numpy") or m in NOT_FOR_MARKDOWN_TERM001
        )
        == []
    )
    # Run again: the glossary now comes from the cache, and no YAML parser is loaded.
    again, modules = _loaded_after(code)
    assert json.loads(again)["findings"] == json.loads(printed)["findings"]
    assert not {"yaml", "mtqa.glossary.store.yaml_lines", "mtqa.glossary.imported"} & modules


def test_cli_annotations_are_objects_not_strings():
    """typer reads every command's annotations on every run: strings would cost an eval each
    (cli.py has no `from __future__ import annotations` for this reason)."""
    import inspect

    from mtqa.cli import app, glossary_app

    callbacks = [c.callback for a in (app, glossary_app) for c in a.registered_commands]
    assert len(callbacks) > 5
    for callback in callbacks:
        hints = inspect.get_annotations(callback)
        assert hints, callback.__name__
        assert not [k for k, v in hints.items() if isinstance(v, str)], callback.__name__


def test_pool_workers_inherit_the_modules_they_use():
    """Before forking workers, the parent imports the checks and readers of the run: each
    worker inherits them instead of importing its own."""
    code = (
        "from mtqa.linter import RuleSelection, import_for_workers\n"
        "import_for_workers(['a.xlf', 'b.XLF', 'README'], RuleSelection(select=('WS',)))"
    )
    _, modules = _loaded_after(code)
    assert {"mtqa.checks.whitespace", "mtqa.readers.xliff", "mtqa.readers.markdown"} <= modules
    assert not modules & {"mtqa.checks.terminology", "mtqa.readers.tmx", "mtqa.readers.po"}
