from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.corpus import run_corpus

from ..conftest import ROOT

runner = CliRunner()
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def groups_by_preferred(result):
    return {g.preferred: g for g in result.groups}


def test_glossary_entities_across_articles(glossary):
    result = run_corpus([CORPUS], glossary, jobs=1)
    groups = groups_by_preferred(result)
    base = groups["Ain al-Asad Air Base"]
    assert base.source == "glossary"
    forms = {v.text: sorted(Path(d).name for d in v.documents) for v in base.variants}
    # Each form as written: b-visit.md says "Ain al-Asad" (an accepted form), never the
    # preferred "Ain al-Asad Air Base", which is counted only where it is written.
    assert forms == {
        "Ain al-Asad Air Base": ["a-budget.md"],
        "Ain al-Asad": ["b-visit.md"],
        "Ayn al-Asad": ["a-budget.md"],
        "Ein Al-Asaad": ["d-security.md"],
    }
    assert sorted(Path(d).name for d in base.deviating_documents) == [
        "a-budget.md",
        "d-security.md",
    ]
    assert {v.text for v in groups["Erbil"].variants} == {"Erbil", "Arbil"}


def test_discovered_names_without_glossary():
    result = run_corpus([CORPUS], None, jobs=1)
    groups = groups_by_preferred(result)
    pm = groups["Mustafa al-Kadhimi"]
    assert pm.source == "discovered"
    assert {v.text: v.count for v in pm.variants} == {
        "Mustafa al-Kadhimi": 3,
        "Mustafa Al-Kazemi": 1,
        "Mustafa al-Kadhemi": 1,
    }
    # Look-alikes stay apart: a governor named Asaad, a Syrian president named al-Assad.
    every_form = {v.text for g in result.groups for v in g.variants}
    assert "Asaad al-Eidani" not in every_form and "Bashar al-Assad" not in every_form
    for g in result.groups:
        assert not ({"Ayn al-Asad", "Bashar al-Assad"} <= {v.text for v in g.variants})


def test_unreadable_file_is_reported_and_skipped(tmp_path, glossary):
    shutil.copytree(CORPUS, tmp_path / "c")
    (tmp_path / "c" / "broken.md").write_bytes(b"\xff\xfe\x00\x00broken")
    (tmp_path / "c" / "bad.md").write_bytes(b"caf\xe9")
    r = runner.invoke(app, ["corpus", str(tmp_path / "c"), "-f", "json"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == 5
    assert any("bad.md" in e["path"] for e in data["errors"])
    assert "not valid UTF-8" in r.stderr


def test_json_shape_and_exit_code():
    r = runner.invoke(app, ["corpus", str(CORPUS), "-f", "json"])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    g = data["variant_groups"][0]
    assert set(g) >= {"preferred", "source", "variants"}
    assert set(g["variants"][0]) >= {"text", "count", "documents"}


def test_csv_xlsx_html(tmp_path):
    r = runner.invoke(app, ["corpus", str(CORPUS), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"entity", "preferred", "source", "variant", "document"} <= set(rows[0])
    out = tmp_path / "c.xlsx"
    assert runner.invoke(app, ["corpus", str(CORPUS), "-f", "xlsx"]).exit_code == 2
    runner.invoke(app, ["corpus", str(CORPUS), "-f", "xlsx", "-o", str(out)])
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["variants", "by document", "signature"]
    html = runner.invoke(app, ["corpus", str(CORPUS), "-f", "html"]).stdout
    from lxml import html as lhtml

    tree = lhtml.fromstring(html)
    assert tree.xpath("//svg[contains(@class,'matrix')]")
    assert "Mustafa Al-Kazemi" in tree.text_content()


def test_local_processes_give_the_same_result(glossary, tmp_path):
    for i in range(20):  # enough files to use the process pool
        shutil.copy(CORPUS / "c-protests.md", tmp_path / f"p{i:02d}.md")
    one = run_corpus([tmp_path, CORPUS], glossary, jobs=1)
    two = run_corpus([tmp_path, CORPUS], glossary, jobs=2)
    assert [g.to_dict() for g in one.groups] == [g.to_dict() for g in two.groups]


def test_dask_engine_matches_local(glossary):
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = run_corpus([CORPUS], glossary, engine="dask", scheduler=client)
        on_dask_by_address = run_corpus(
            [CORPUS], None, engine="dask", scheduler=cluster.scheduler_address
        )
    local = run_corpus([CORPUS], glossary, jobs=1)
    local_none = run_corpus([CORPUS], None, jobs=1)
    assert [g.to_dict() for g in on_dask.groups] == [g.to_dict() for g in local.groups]
    assert [g.to_dict() for g in on_dask_by_address.groups] == [
        g.to_dict() for g in local_none.groups
    ]


def test_dask_engine_needs_a_scheduler():
    r = runner.invoke(app, ["corpus", str(CORPUS), "--engine", "dask"])
    assert r.exit_code == 2 and "--scheduler" in r.stderr
