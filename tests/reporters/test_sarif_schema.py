"""SARIF output validates against the SARIF 2.1.0 JSON schema (tests/fixtures/sarif, with its
source and licence in NOTICE.md) and gives every result a fingerprint."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.fingerprints import SARIF_KEY

from ..conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


def test_sarif_validates_and_has_fingerprints(tmp_path):
    (tmp_path / "broken.xlf").write_text("<xliff><file>", encoding="utf-8")
    draft = ROOT / "tests" / "fixtures" / "draft.md"
    result = CliRunner().invoke(
        app, ["lint", str(draft), str(tmp_path / "broken.xlf"), "-f", "sarif"]
    )
    assert result.exit_code == 2  # the broken file is a notification, not a crash
    sarif = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    assert [e.message for e in validator.iter_errors(sarif)] == []
    run = sarif["runs"][0]
    assert run["invocations"][0]["toolExecutionNotifications"]
    results = run["results"]
    assert len(results) >= 5
    prints = [r["partialFingerprints"][SARIF_KEY] for r in results]
    assert all(len(p) == 32 for p in prints) and len(set(prints)) == len(prints)


def test_the_validator_sees_a_broken_sarif():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {"version": "2.1.0", "runs": [{"results": [{"message": {"text": "x"}}]}]}
    assert list(jsonschema.Draft4Validator(schema).iter_errors(broken))  # no tool
