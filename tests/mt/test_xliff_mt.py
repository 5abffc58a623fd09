"""Retranslation on XLIFF 1.2 through the real bilingual reader: escaping, inline codes, locks."""

from __future__ import annotations

from mtqa.mt.stage import retranslate
from mtqa.readers import read_document

from .test_retranslate import A_SRC, SETTINGS

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="ar" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>{a}</source>
        <target>the US military existence in Iraq</target>
      </trans-unit>
      <trans-unit id="2">
        <source>{a}</source>
        <target>the <g id="1">US</g> military existence in Iraq</target>
      </trans-unit>
      <trans-unit id="3" translate="no">
        <source>{a}</source>
        <target>the US military existence in Iraq</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_plain_segment_replaced_coded_and_locked_ones_kept(translator, mt_glossary, tmp_path):
    path = tmp_path / "a.xlf"
    path.write_text(XLIFF.format(a=A_SRC), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = retranslate([path], translator, mt_glossary, settings=SETTINGS, apply=True)
    assert [o.segment_id for o in result.accepted] == ["1"]
    after = path.read_text(encoding="utf-8")
    new = result.accepted[0].candidate
    assert f"<target>{new}</target>" in after
    # Unit 2's inline code cannot be placed from a code-free source: no candidate may drop it.
    assert '<target>the <g id="1">US</g> military existence in Iraq</target>' in after
    assert all(not o.accepted for o in result.suggestions if o.segment_id == "2")
    # Unit 3 is translate="no": never offered to the model.
    assert "3" not in {o.segment_id for o in result.files[0].outcomes}
    # Everything outside unit 1's target is byte for byte the same.
    start = before.index("<target>the US military existence")
    assert after[:start] == before[:start]
    tail = before[before.index("</target>", start) :]
    assert after.endswith(tail)
    assert read_document(path).segments[0].target == new
