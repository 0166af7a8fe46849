"""A text about several agencies: the CLI prints a list, the web lets the user pick one."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from prongsai.cli import main
from tests.workbench import build

LIST = """ผลการประเมิน ITA ประจำปี ๒๕๖๗ จังหวัดขอนแก่น
องค์การบริหารส่วนตำบลคอนนิม ได้คะแนน ๙๒.๕๐ คะแนน ระดับ A
เทศบาลตำบลโนนหัน ได้คะแนน ๘๘.๑๐ คะแนน ระดับ A
องค์การบริหารส่วนตำบลอีเซ ได้คะแนน ๗๙.๐๐ คะแนน ระดับ B
"""
ONE = "องค์การบริหารส่วนตำบลคอนนิม ได้รับผลการประเมิน ITA ประจำปี 2567 ได้คะแนน 92.50 คะแนน\n"


def test_the_cli_prints_one_document_per_agency(tmp_path, capsys):
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    assert main(["import-text", str(path), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["agency"], d["reported"]["overall"], d["reported"]["grade"]) for d in lines] == [
        ("องค์การบริหารส่วนตำบลคอนนิม", 92.5, "A"),
        ("เทศบาลตำบลโนนหัน", 88.1, "A"),
        ("องค์การบริหารส่วนตำบลอีเซ", 79.0, "B"),
    ]
    assert {d["fiscal_year"] for d in lines} == {2567}
    assert main(["import-text", str(path), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert isinstance(listed, list) and len(listed) == 3
    single = tmp_path / "one.txt"
    single.write_text(ONE, encoding="utf-8")
    assert main(["import-text", str(single), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["agency"] == "องค์การบริหารส่วนตำบลคอนนิม"
    assert document["reported"]["overall"] == 92.5


@pytest.mark.django_db
def test_the_web_import_lets_the_user_pick_an_agency(client):
    bench = build()
    client.force_login(bench.users["coordinator"])
    url = reverse("import_results", args=[bench.agency.pk])
    page = client.post(url, {"text": LIST})
    rows = page.context["rows"]
    assert [r["document"]["agency"] for r in rows][:2] == [
        "องค์การบริหารส่วนตำบลคอนนิม",
        "เทศบาลตำบลโนนหัน",
    ]
    assert rows[0]["mine"] and not rows[1]["mine"]
    preview = client.post(url, {"chosen": rows[1]["chosen"]})
    form = preview.context["form"]
    assert form.initial["overall"] == "88.10" and form.initial["fiscal_year"] == 2567
    assert preview.context["other_agency"] == "เทศบาลตำบลโนนหัน"
    altered = rows[1]["chosen"][:-3] + "xyz"
    assert client.post(url, {"chosen": altered}).status_code == 400
