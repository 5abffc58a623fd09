from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.errors import GlossaryError
from mtqa.glossary import load_glossary
from mtqa.glossary.writers import render_glossary
from mtqa.linter import RuleSelection, lint_text

runner = CliRunner()


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems(path):
    with pytest.raises(GlossaryError) as exc:
        load_glossary(path)
    return [str(p) for p in exc.value.problems]


def test_yaml_entry_fields(tmp_path):
    p = write(
        tmp_path,
        "g.yaml",
        """
name: demo
entries:
  - id: base
    preferred: Ain al-Asad Air Base
    accepted: [Ain al-Asad]
    variants:
      - Ein Al-Asaad base
      - {text: Ein Al-Asaad, replace: Ain al-Asad}
      - {regex: "ayn al-?asad", replace: Ain al-Asad, fix: unsafe}
    category: transliteration
    severity: error
    note: one spelling
    source: [عين الأسد]
    examples: [{bad: Ein Al-Asaad base, good: Ain al-Asad Air Base}]
""",
    )
    g = load_glossary(p)
    e = g.entries[0]
    assert g.name == "demo" and e.id == "base" and e.accepted == ("Ain al-Asad",)
    assert e.variants[1].replace == "Ain al-Asad" and e.variants[2].regex
    assert e.severity.value == "error" and e.category.value == "transliteration"
    found = lint_text(
        "Troops at Ayn al-Asad and Ein Al-Asaad base.", g, RuleSelection(("TERM001",))
    )
    assert [(f.text, f.suggestions[0], f.fix.applicability.value) for f in found] == [
        ("Ayn al-Asad", "Ain al-Asad", "unsafe"),
        ("Ein Al-Asaad base", "Ain al-Asad Air Base", "safe"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entries:\n  - preferred: [unclosed\n", "g.yaml:3: YAML syntax error"),
        ("entries:\n  - preferred: x\n    colour: red\n", "g.yaml:2: unknown key(s) colour"),
        ("entries:\n  - preferred: ''\n    variants: [a]\n", "g.yaml:2: empty preferred form"),
        ("entries:\n  - preferred: a\n    variants: [{regex: '(unclosed'}]\n", "invalid regex"),
        (
            "entries:\n  - preferred: presence\n    variants: [existence]\n"
            "  - preferred: existence\n    variants: [presence]\n",
            "would rewrite each other",
        ),
        (
            "entries:\n  - preferred: a\n    variants: [x]\n  - preferred: b\n    variants: [X]\n",
            "is claimed by",
        ),
        ("entries:\n  - preferred: a\n    severity: fatal\n", "unknown severity"),
        ("name: x\nterms: []\n", "unknown top-level key"),
    ],
)
def test_validation_problems_name_file_and_line(tmp_path, text, expected):
    p = write(tmp_path, "g.yaml", text)
    found = problems(p)
    assert any(expected in s for s in found), found
    assert all(s.startswith(str(p)) for s in found)


def test_cli_glossary_check_exit_2_and_message(tmp_path):
    p = write(tmp_path, "g.yaml", "entries:\n  - preferred: a\n    variants: [{regex: '(x'}]\n")
    r = runner.invoke(app, ["glossary", "check", str(p)])
    assert r.exit_code == 2
    assert f"{p}:3" in r.stderr and "invalid regex" in r.stderr
    assert "Traceback" not in r.output


def test_cli_glossary_check_default_ok():
    r = runner.invoke(app, ["glossary", "check"])
    assert r.exit_code == 0, r.output
    assert "OK (" in r.stdout


def test_csv_and_tsv(tmp_path):
    p = write(
        tmp_path,
        "g.csv",
        "id,preferred,variants,severity,note\nerbil,Erbil,Arbil|Irbil,warning,city\n",
    )
    g = load_glossary(p)
    assert [v.text for v in g.entries[0].variants] == ["Arbil", "Irbil"]
    t = write(tmp_path, "g.tsv", "preferred\tvariants\nErbil\tArbil\n")
    assert load_glossary(t).entries[0].preferred == "Erbil"
    bad = write(tmp_path, "b.csv", "term,variants\nx,y\n")
    assert "missing column 'preferred'" in problems(bad)[0]


def test_prh_import(tmp_path):
    p = write(
        tmp_path,
        "prh.yml",
        """
version: 1
rules:
  - expected: presence
    pattern: existence
    specs:
      - from: the existence of troops
        to: the presence of troops
  - expected: Erbil
    patterns: [Arbil, /Irbi+l/]
""",
    )
    g = load_glossary(p)
    assert g.entries[0].examples[0].good == "the presence of troops"
    # prh compiles a rule's patterns into one alternation; a string is an escaped literal.
    assert g.entries[1].variants[0].regex == "(?:Arbil|Irbi+l)"
    assert g.entries[1].variants[0].exact
    assert [f.text for f in lint_text("Irbiil and Arbil", g, RuleSelection(("TERM001",)))] == [
        "Irbiil",
        "Arbil",
    ]


def test_vale_import(tmp_path):
    p = write(
        tmp_path,
        "Terms.yml",
        """
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: true
swap:
  existence: presence
  Ein Al-?Asaad: Ain al-Asad
""",
    )
    g = load_glossary(p)
    by_pref = {e.preferred: e for e in g.entries}
    # As Vale compiles a swap key: its ignorecase, between word boundaries (not nonword).
    assert by_pref["presence"].variants[0].regex == r"(?i)\b(?:existence)\b"
    assert by_pref["Ain al-Asad"].variants[0].regex == r"(?i)\b(?:Ein Al-?Asaad)\b"
    assert by_pref["presence"].severity.value == "error"
    assert by_pref["presence"].note == "Use 'presence' instead of '%s'."
    found = lint_text("EXISTENCE and Ein AlAsaad, not existences", g, RuleSelection(("TERM001",)))
    assert [(f.text, f.suggestions[0]) for f in found] == [
        ("EXISTENCE", "presence"),
        ("Ein AlAsaad", "Ain al-Asad"),
    ]


def test_tbx_import(tmp_path):
    p = write(
        tmp_path,
        "g.tbx",
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="ar"><termSec><term>وجود</term></termSec></langSec>
  <langSec xml:lang="en">
    <termSec><term>presence</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>existence</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  </langSec>
</conceptEntry>
</body></text></tbx>""",
    )
    e = load_glossary(p).entries[0]
    assert (e.id, e.preferred, e.variants[0].text, e.source) == (
        "c1",
        "presence",
        "existence",
        ("وجود",),
    )


@pytest.mark.parametrize("fmt", ["yaml", "csv", "tsv", "tbx", "xlsx"])
def test_convert_round_trip_keeps_terms(tmp_path, glossary, fmt):
    out = tmp_path / f"g.{fmt}"
    r = runner.invoke(app, ["glossary", "convert", str(glossary.path), str(out)])
    assert r.exit_code == 0, r.output
    back = load_glossary(out)
    assert [e.preferred for e in back.entries] == [e.preferred for e in glossary.entries]
    assert [[v.text for v in e.variants] for e in back.entries] == [
        [v.text for v in e.variants] for e in glossary.entries
    ]
    if fmt == "yaml":
        assert back.hash == glossary.hash
        assert render_glossary(back, "yaml") == render_glossary(glossary, "yaml")


def test_glossary_test_command_reports_failures(tmp_path):
    p = write(
        tmp_path,
        "g.yaml",
        "entries:\n- preferred: presence\n  variants: [existence]\n"
        "  examples: [{ok: the existence of troops}]\n",
    )
    r = runner.invoke(app, ["glossary", "test", str(p)])
    assert r.exit_code == 1
    assert "0 passed, 1 failed" in r.stdout
    ok = runner.invoke(app, ["glossary", "test"])
    assert ok.exit_code == 0 and " 0 failed" in ok.stdout


def test_glossaries_are_cached_invalidated_and_old_versions_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    p = write(tmp_path, "g.yaml", "entries: [{preferred: Erbil, variants: [Arbil]}]\n")
    other = write(tmp_path, "other.yaml", "entries: [{preferred: Mosul, variants: [Mawsil]}]\n")
    first = load_glossary(p)
    files = list((tmp_path / "cache").glob("glossary-*"))
    assert len(files) == 1
    assert load_glossary(p) == first
    load_glossary(other)
    p.write_text("entries: [{preferred: Erbil, variants: [Irbil]}]\n", encoding="utf-8")
    assert load_glossary(p).entries[0].variants[0].text == "Irbil"
    # The edited glossary's older version is gone; the other glossary's file stays.
    names = sorted(f.name for f in (tmp_path / "cache").glob("glossary-*"))
    assert len(names) == 2 and names[0].split("-")[1] != names[1].split("-")[1]
    for f in (tmp_path / "cache").glob("glossary-*"):
        f.write_bytes(b"damaged")
    assert load_glossary(p).entries[0].variants[0].text == "Irbil"
