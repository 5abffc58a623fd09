"""The JSON reporter writes findings field by field for speed; it must stay byte-for-byte what
`json.dumps(finding.to_dict(), ensure_ascii=False)` gives (the stable, documented shape)."""

from __future__ import annotations

import json
import pickle
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.transport import EncodedFindings, Findings, finding_json

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ['"', "\\", "\n\t", "\u2028", "ع", "💥", "\x00", "</script>"]
)
edits = st.builds(Edit, st.integers(0, 10**6), st.integers(0, 10**6), text)
fixes = st.none() | st.builds(
    Fix, st.sampled_from(list(Applicability)), st.lists(edits, max_size=3).map(tuple)
)
extras = st.dictionaries(
    st.sampled_from(["segment", "unit", "score", "forms"]),
    text | st.integers() | st.lists(text, max_size=2),
    max_size=3,
)
findings = st.builds(
    Finding,
    path=text,
    start=st.integers(0, 10**7),
    end=st.integers(0, 10**7),
    line=st.integers(1, 10**5),
    column=st.integers(1, 10**4),
    end_line=st.integers(1, 10**5),
    end_column=st.integers(1, 10**4),
    code=st.sampled_from(["TERM001", "WS001"]),
    rule=text,
    severity=st.sampled_from(list(Severity)),
    message=text,
    text=text,
    suggestions=st.lists(text, max_size=3).map(tuple),
    term=st.none() | text,
    fix=fixes,
    region=st.sampled_from(["prose", "citation", "front-matter", "locked"]),
    extra=extras,
)


@given(findings)
def test_field_by_field_json_is_the_dicts_dump(f):
    assert finding_json(f) == json.dumps(f.to_dict(), ensure_ascii=False)


@given(findings)
def test_findings_pickle_to_equal_values(f):
    # Pool workers send findings back pickled.
    back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == f and back.extra == f.extra
    assert type(back.severity) is Severity
    if f.fix is not None:
        assert type(back.fix.applicability) is Applicability


@given(findings, extras)
def test_findings_are_equal_values_whatever_their_extra_facts(f, other_extra):
    same = f._replace(extra=other_extra)
    assert same == f and hash(same) == hash(f)
    assert not same.__ne__(f)
    assert f._replace(start=f.start + 1) != f
    assert f != tuple(f) and tuple(f) != f  # a bare tuple of the same fields is no finding


def test_findings_cannot_be_changed():
    import pytest

    from mtqa.findings import NO_EXTRA

    f = Finding("p", 0, 1, 1, 1, 1, 2, "TERM001", "r", Severity.INFO, "m", "t")
    with pytest.raises(AttributeError):
        f.start = 5  # type: ignore[misc]
    assert f.extra is NO_EXTRA and pickle.loads(pickle.dumps(NO_EXTRA)) is NO_EXTRA
    with pytest.raises(TypeError):
        f.extra["segment"] = "x"  # type: ignore[index]


@given(st.lists(findings, max_size=5))
def test_encoded_findings_decode_to_equal_values(fs):
    # What pool workers send back for JSON output: each finding's JSON and the summary counts.
    encoded = pickle.loads(pickle.dumps(EncodedFindings.of(fs)))
    back = encoded.decode()
    assert back == fs
    assert [b.extra for b in back] == [f.extra for f in fs]
    assert all(type(b.severity) is Severity for b in back)
    assert dict(encoded.tally) == Counter(f.tally_key for f in fs)


@given(st.lists(st.lists(findings, max_size=3), max_size=4), st.lists(st.booleans(), max_size=4))
def test_findings_mix_objects_and_encoded_parts_in_order(parts, encode):
    whole = Findings()
    for i, part in enumerate(parts):
        whole.extend(EncodedFindings.of(part) if i < len(encode) and encode[i] else part)
    flat = [f for part in parts for f in part]
    assert len(whole) == len(flat) and bool(whole) == bool(flat)
    # Read without decoding first, then as objects.
    assert list(whole.json_lines()) == [finding_json(f) for f in flat]
    assert whole.tally() == Counter(f.tally_key for f in flat)
    assert whole == flat and list(whole) == flat
