"""A retranslation is written the way a fix is: verified, read back, and shown as the same patch.

The translator here is a lookup table (the stage is what is tested, not a model)."""

from __future__ import annotations

from mtqa.documents.io import encode
from mtqa.fixing import unified_diff
from mtqa.mt import DecodeSettings
from mtqa.mt.base import Candidate, ModelInfo
from mtqa.mt.stage import retranslate
from mtqa.readers import register

from .tsv_reader import TsvReader

SOURCE = "الوجود العسكري الأمريكي في العراق"
CURRENT = "the US military existence in Iraq"
BETTER = "the US military presence in Iraq"


class Table:
    """A translator that answers each source from a table."""

    info = ModelInfo("table", "table")

    def __init__(self, answers: dict[str, str]):
        self.answers = answers

    def translate(self, requests, settings):
        return [[Candidate(self.answers[r.text], -0.1)] for r in requests]


class LossyReader(TsvReader):
    """The test format, but its writer drops the last letter before the final line break: what
    it writes does not read back as what was meant."""

    name = "test-lossy"
    extensions = (".lossy",)

    def encode(self, doc, text):
        return encode(text[:-2] + text[-1:], doc.encoding, doc.bom)


def _run(path, apply):
    return retranslate(
        [path], Table({SOURCE: BETTER}), None, settings=DecodeSettings(), apply=apply,
        segments=("s1",),
    )


def test_the_diff_is_the_patch_mtqa_fix_prints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "no newline.bitsv"
    path.write_text(f"s1\t{SOURCE}\t{CURRENT}", encoding="utf-8")  # no final newline
    [file] = _run(path, apply=False).files
    assert file.final == f"s1\t{SOURCE}\t{BETTER}"
    diff = file.diff()
    assert diff == unified_diff(str(path), file.original, file.final)
    # A name with a space ends in a tab, the missing newline is marked, the name is relative.
    assert diff.startswith("--- a/no newline.bitsv\t\n+++ b/no newline.bitsv\t\n")
    assert diff.endswith(f"+s1\t{SOURCE}\t{BETTER}\n\\ No newline at end of file\n")


def test_a_write_that_does_not_read_back_is_refused(tmp_path):
    register(LossyReader())
    path = tmp_path / "article.lossy"
    path.write_text(f"s1\t{SOURCE}\t{CURRENT}\n", encoding="utf-8")
    data = path.read_bytes()
    [file] = _run(path, apply=True).files
    assert file.final.endswith(BETTER + "\n")
    assert not file.written and "does not read back as fixed" in file.error
    assert path.read_bytes() == data


def test_an_accepted_retranslation_is_written(tmp_path):
    path = tmp_path / "article.bitsv"
    path.write_text(f"s1\t{SOURCE}\t{CURRENT}\n", encoding="utf-8")
    [file] = _run(path, apply=True).files
    assert file.written and file.error is None
    assert path.read_text(encoding="utf-8") == f"s1\t{SOURCE}\t{BETTER}\n"
