"""XML that mtqa's offset scanner and lxml could read differently, and encodings that are not
text encodings."""

from __future__ import annotations

import pytest

from .bounded import one_line_error, run_mtqa

UNIT = (
    '<xliff version="1.2"><file source-language="ar" target-language="en" '
    'datatype="plaintext" original="x"><body>'
    '<trans-unit id="1"><source>{source}</source><target>{target}</target></trans-unit>'
    "</body></file></xliff>\n"
)


def decoy_xliff() -> str:
    """An internal subset whose comment holds `]>` and a harmless decoy document: a scanner
    that ends the DOCTYPE at the first `]>` lints the decoy; lxml reads the real target."""
    decoy = UNIT.format(source="fine", target="fine")
    real = UNIT.format(source="bad", target="It was the the first base.")
    return f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!-- ]>{decoy} -->]>\n{real}'


def entity_after_comment() -> str:
    """A comment before the DOCTYPE, holding what looks like the root element."""
    real = UNIT.format(source="x", target="&e;")
    return f'<?xml version="1.0"?>\n<!-- <a --><!DOCTYPE xliff [<!ENTITY e "the the">]>\n{real}'


def test_internal_subset_with_a_decoy_is_refused(tmp_path):
    p = tmp_path / "decoy.xlf"
    p.write_text(decoy_xliff(), encoding="utf-8")
    line = one_line_error(run_mtqa(["lint", str(p)], tmp_path))
    assert "internal subset" in line


def test_comment_before_the_doctype_does_not_hide_an_entity(tmp_path):
    p = tmp_path / "entity.xlf"
    p.write_text(entity_after_comment(), encoding="utf-8")
    line = one_line_error(run_mtqa(["lint", str(p)], tmp_path))
    assert "<!ENTITY>" in line


def test_doctype_naming_a_dtd_is_still_read(tmp_path):
    p = tmp_path / "dtd.xlf"
    p.write_text(
        '<?xml version="1.0"?>\n<!-- c --><!DOCTYPE xliff SYSTEM "x[1].dtd">\n'
        + UNIT.format(source="x", target="It was the the first base."),
        encoding="utf-8",
    )
    r = run_mtqa(["lint", "--select", "REP", str(p)], tmp_path)
    assert r.returncode == 1 and "REP001" in r.stdout, r.stderr


@pytest.mark.parametrize("encoding", ["unicode_escape", "raw_unicode_escape", "rot13", "hex", "zlib"])
def test_only_text_encodings_are_accepted(tmp_path, encoding):
    p = tmp_path / "enc.xlf"
    text = f'<?xml version="1.0" encoding="{encoding}"?>\n' + UNIT.format(
        source="a \\u0041", target="It was the the first base.\\nTwo."
    )
    p.write_bytes(text.encode("ascii"))
    line = one_line_error(run_mtqa(["fix", str(p)], tmp_path))
    assert "not a text encoding" in line
    assert p.read_bytes() == text.encode("ascii")
