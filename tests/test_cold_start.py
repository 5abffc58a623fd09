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
