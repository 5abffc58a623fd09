"""The server's shape: pygls only when it runs, and one module between it and the library."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.test_layers import MODULES, imports_of

# What the server modules other than library.py may import from mtqa: each other, and the
# values every layer may use.
ALLOWED_OUTSIDE = {"mtqa.errors", "mtqa.version"}


def test_only_library_calls_into_mtqa():
    outside = {
        module: sorted(
            t
            for t in imports_of(module, path)
            if not t.startswith("mtqa.server") and t not in ALLOWED_OUTSIDE
        )
        for module, path in MODULES.items()
        if module.startswith("mtqa.server") and module != "mtqa.server.library"
    }
    assert "mtqa.server.app" in outside
    assert {m: t for m, t in outside.items() if t} == {}


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        f"sys.argv = {['mtqa', *args]!r}\n"
        "from mtqa.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    return set(json.loads(out.rstrip("\n").rsplit("\n", 1)[-1]))


def test_commands_other_than_server_never_import_pygls(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("The US military existence in Iraq.\n", encoding="utf-8")
    for args in (["--help"], ["lint", str(draft), "-f", "json"], ["server", "--help"]):
        loaded = _modules_after(args)
        assert "mtqa.cli" in loaded
        assert not {m for m in loaded if m.split(".")[0] in ("pygls", "lsprotocol")}, args


def test_without_pygls_the_server_says_what_to_install():
    code = (
        "import sys\nsys.modules['pygls'] = None  # as if not installed\n"
        "sys.argv = ['mtqa', 'server']\nfrom mtqa.__main__ import main\nmain()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "mtqa: error: the language server needs pygls: pip install 'mtqa[lsp]'\n"
