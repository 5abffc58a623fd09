"""Whatever goes wrong, the user gets one line naming the file and exit code 2; the traceback
only with --debug."""

from __future__ import annotations

import textwrap

from .bounded import one_line_error, run_python

# A reader that fails in a way nobody foresaw (a bug, or an input no check anticipated).
FAILING_READ = textwrap.dedent(
    """
    import sys
    import mtqa.readers.text as text

    def parse(self, data, path):
        raise ValueError("an input nobody foresaw")

    text.TextReader.parse = parse
    from mtqa.__main__ import main
    sys.argv = ["mtqa", *sys.argv[1:]]
    main()
    """
)


def test_unexpected_error_is_one_line_naming_the_file(tmp_path):
    (tmp_path / "notes.txt").write_text("Some text.\n", encoding="utf-8")
    line = one_line_error(run_python(["-c", FAILING_READ, "lint", "notes.txt"], tmp_path))
    assert "notes.txt" in line and "an input nobody foresaw" in line and "--debug" in line


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "notes.txt").write_text("Some text.\n", encoding="utf-8")
    r = run_python(["-c", FAILING_READ, "lint", "--debug", "notes.txt"], tmp_path)
    assert r.returncode != 0 and "Traceback" in r.stderr and "ValueError" in r.stderr
