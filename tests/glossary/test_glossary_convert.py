"""`mtqa glossary convert`: every field a format can hold survives, between any two formats, and
every field it cannot hold is named, entry by entry."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqa.api import convert_glossary
from mtqa.cli import app
from mtqa.glossary import load_glossary

runner = CliRunner()

FORMATS = ("yaml", "csv", "tsv", "xlsx", "tbx")
TABLE = (
    "id", "preferred", "variants", "replace", "accepted", "category", "severity", "fix", "note",
    "source", "case_sensitive", "inflect",
)
# What each format holds of an entry (YAML: all of it).
HELD = {
    "yaml": (*TABLE, "examples", "context"),
    "csv": TABLE,
    "tsv": TABLE,
    "xlsx": TABLE,
    "tbx": ("id", "preferred", "variants", "accepted", "note", "source"),
}


def fields(entry) -> dict:
    return {
        "id": entry.id,
        "preferred": entry.preferred,
        "variants": [v.text for v in entry.variants],
        "replace": [v.replace for v in entry.variants],
        "accepted": list(entry.accepted),
        "category": entry.category.value,
        "severity": entry.severity.value,
        "fix": entry.fix.value,
        "note": entry.note,
        "source": list(entry.source),
        "case_sensitive": entry.case_sensitive,
        "inflect": entry.inflect,
        "examples": entry.examples,
        "context": entry.context,
    }


# Cell text with what tables quote or split on: commas, semicolons, quotes, tabs stay out of
# term forms (the `|` separates forms inside a cell, so no form holds one).
words = st.text(alphabet="abcdeéwxyz", min_size=1, max_size=6)
note = st.lists(
    st.sampled_from(["one", "base", "a,b", "x;y", '"q"', "l'été", "وجود"]), max_size=4
).map(" ".join)


@st.composite
def glossaries(draw):
    entries = []
    for i in range(draw(st.integers(1, 4))):
        variants = [f"v{i}x{j} {draw(words)}" for j in range(draw(st.integers(1, 3)))]
        e = {
            "id": f"e{i}",
            "preferred": f"P{i} {draw(words)}",
            "variants": [
                {"text": v, "replace": f"P{i} alt"} if draw(st.booleans()) else v
                for v in variants
            ],
            "category": draw(st.sampled_from(["terminology", "transliteration", "name", "style"])),
            "severity": draw(st.sampled_from(["error", "warning", "info"])),
        }
        if draw(st.booleans()):
            e["accepted"] = [f"P{i} alt"]
        if draw(st.booleans()):
            e["fix"] = "unsafe"
        if draw(st.booleans()):
            e["case_sensitive"] = True
        inflect = draw(st.sampled_from([None, True, False]))
        if inflect is not None:
            e["inflect"] = inflect
        if text := draw(note):
            e["note"] = text
        if draw(st.booleans()):
            e["source"] = [f"مصدر{i}"]
        if draw(st.booleans()):
            e["examples"] = [{"ok": "nothing here"}]
        entries.append(e)
    return {"name": "t", "entries": entries}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_every_pair_of_formats_keeps_what_both_hold(data):
    with tempfile.TemporaryDirectory() as tmp:
        start = Path(tmp) / "start.yaml"
        start.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        original = [fields(e) for e in load_glossary(start).entries]
        for a, b in itertools.permutations(FORMATS, 2):
            first, second = Path(tmp) / f"{a}-{b}.1.{a}", Path(tmp) / f"{a}-{b}.2.{b}"
            convert_glossary(start, first)
            convert_glossary(first, second)
            back = [fields(e) for e in load_glossary(second).entries]
            kept = set(HELD[a]) & set(HELD[b])
            assert [{k: e[k] for k in kept} for e in back] == [
                {k: e[k] for k in kept} for e in original
            ], (a, b)


def test_yaml_csv_yaml_keeps_case_sensitive_and_still_flags(tmp_path):
    src = tmp_path / "g.yaml"
    src.write_text(
        "entries:\n- id: ain\n  preferred: Ain al-Asad\n  variants: [Ein Al-Asaad]\n"
        "  case_sensitive: true\n  inflect: false\n",
        encoding="utf-8",
    )
    for args in (["g.yaml", "g.csv"], ["g.csv", "back.yaml"]):
        r = runner.invoke(app, ["glossary", "convert", *(str(tmp_path / a) for a in args)])
        assert r.exit_code == 0, r.output
    entry = load_glossary(tmp_path / "back.yaml").entries[0]
    assert (entry.case_sensitive, entry.inflect) == (True, False)
    draft = tmp_path / "d.md"
    draft.write_text("The ain al-asad gate.\n", encoding="utf-8")
    lint = runner.invoke(app, ["lint", str(draft), "-g", str(tmp_path / "back.yaml"), "-q"])
    assert "TERM002" in lint.stdout  # the wrong case is still flagged after the round trip


def test_each_lost_field_is_named_per_entry(tmp_path):
    src = tmp_path / "g.yaml"
    src.write_text(
        "entries:\n"
        "- {id: a, preferred: Erbil, variants: [Arbil], examples: [{ok: Erbil}]}\n"
        "- {id: b, preferred: Mosul, variants: [{regex: 'Maw?sil'}],"
        " context: {safe_near: [city]}}\n"
        "- {id: c, preferred: Basra, variants: [Basrah]}\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["glossary", "convert", str(src), str(tmp_path / "g.csv")])
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.stderr.splitlines() if "cannot hold" in line]
    assert len(warnings) == 2
    assert "entry 'a'" in warnings[0] and "examples" in warnings[0]
    assert "entry 'b'" in warnings[1] and "regex variants, context" in warnings[1]
    tbx = runner.invoke(app, ["glossary", "convert", str(src), str(tmp_path / "g.tbx")])
    assert "entry 'c'" not in tbx.stderr  # it loses nothing: no warning names it
    assert "3 entries" in r.stdout


def test_semicolon_separated_csv_is_read(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text(
        'preferred;variants;note\nAin al-Asad;Ein Al-Asaad|ain al asad;"One base; one name"\n',
        encoding="utf-8",
    )
    e = load_glossary(p).entries[0]
    assert (e.preferred, [v.text for v in e.variants], e.note) == (
        "Ain al-Asad",
        ["Ein Al-Asaad", "ain al asad"],
        "One base; one name",
    )
