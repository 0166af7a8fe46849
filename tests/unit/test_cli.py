"""The `prongsai` command: the analyze contract, bad input, framework management."""

import json
import subprocess
import sys

import pytest

from prongsai.cli import main
from tests.helpers import EXAMPLES, SEED_000, SEED_001

SEED_000_PATH = str(EXAMPLES / SEED_000)
SEED_001_PATH = str(EXAMPLES / SEED_001)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_contract(capsys):
    code, out, err = run(capsys, "analyze", SEED_000_PATH, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {
        "fiscal_year",
        "framework",
        "overall",
        "grade",
        "passed",
        "rating",
        "tools",
        "indicators",
        "oit_failed",
        "warnings",
    } <= data.keys()
    assert (data["fiscal_year"], data["framework"]) == (2565, "nacc-2565")
    assert (data["overall"], data["grade"], data["passed"], data["rating"]) == (
        92.42,
        "A",
        True,
        None,
    )
    assert data["tools"] == {"IIT": 99.12, "EIT": 98.42, "OIT": 82.91}
    nine = data["indicators"][8]
    assert {k: nine[k] for k in ("number", "name", "tool", "score", "rank", "status")} == {
        "number": 9,
        "name": "การเปิดเผยข้อมูล",
        "tool": "OIT",
        "score": 84.56,
        "rank": 9,
        "status": "weakness",
    }
    assert [i["status"] for i in data["indicators"]].count("strength") == 8
    assert data["oit_failed"] == [] and data["warnings"] == []


def test_analyze_json_warnings_have_code_and_thai_message(capsys):
    _, out, _ = run(capsys, "analyze", SEED_001_PATH, "--format", "json", "--threshold", "๙๐")
    data = json.loads(out)
    assert data["threshold"] == 90
    assert data["weaknesses"] == [6, 8]
    overall = data["warnings"][-1]
    assert overall["code"] == "OVERALL_MISMATCH"
    assert overall["message"].startswith("คะแนนภาพรวมที่ระบุ 95.51")


def test_analyze_text_is_thai_by_default_and_english_on_request(capsys):
    _, out, _ = run(capsys, "analyze", SEED_000_PATH)
    assert "ผลการประเมิน ITA ปี 2565 — องค์การบริหารส่วนตำบลคอนนิม" in out
    assert "คะแนนภาพรวม 92.42  ระดับ A  ผ่านเกณฑ์ 85 คะแนน" in out
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต: ต่ำกว่าเกณฑ์ 3.75 คะแนน" in out
    _, out, _ = run(capsys, "analyze", SEED_000_PATH, "--lang", "en")
    assert "Overall 92.42  grade A  passes the 85-point mark" in out


def test_analyze_with_previous_year(capsys):
    _, out, _ = run(
        capsys, "analyze", SEED_001_PATH, "--previous", SEED_000_PATH, "--format", "json"
    )
    change = json.loads(out)["change"]
    assert change["previous_year"] == 2565
    assert change["previous_overall"] == 92.42
    assert change["overall"] == 3.03  # 95.4514 − 92.4218
    assert change["indicators"]["10"] == 18.75


CSV = (
    "agency,fiscal_year,ind1,ind2,ind3,ind4,ind5,ind6,ind7,ind8,ind9,ind10,overall,grade\n"
    "อบต.หนึ่ง,2566,100,97.19,99.80,98.79,99.80,99.04,97.72,98.49,84.56,81.25,92.42,A\n"
    "อบต.สอง,๒๕๖๗,90,90,90,90,90,80,80,80,95,95,,\n"
)


def test_analyze_csv_batch_jsonl(capsys, tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, _ = run(capsys, "analyze", str(path), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["agency"], r["overall"], r["grade"], r["rating"]) for r in rows] == [
        ("อบต.หนึ่ง", 92.42, "A", None),
        ("อบต.สอง", 89.0, "A", "ผ่าน"),  # 2567: EIT 80 keeps it at ผ่าน
    ]


def test_csv_saved_by_thai_excel_is_read(capsys, tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes(CSV.encode("cp874"))
    code, out, _ = run(capsys, "analyze", str(path))
    assert code == 0
    assert "อบต.หนึ่ง" in out and "92.42" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "เปิดไฟล์ไม่ได้"),
        (b"\x00\x01\x02", "เป็นไฟล์ไบนารี"),
        (b"fiscal_year: [", "อ่าน YAML ไม่ได้"),
        (b"fiscal_year: 2550\n", "ไม่มีเกณฑ์การประเมินของปี 2550"),
        (b"fiscal_year: 2023\n", "ช่อง fiscal_year: ปี 2023 เป็นปีคริสต์ศักราช"),
        (b"fiscal_year: 2566\nindicators: {'3': 120}\n", "ช่อง indicators.3: คะแนน 120 อยู่นอกช่วง"),
        (b"fiscal_year: 2566\nquestions: {q-1: 50}\n", "ช่อง questions: รหัส 'q-1' ไม่ถูกรูปแบบ"),
        (b"fiscal_year: 2566\nfiscal_year: 2567\n", "duplicate key 'fiscal_year' at line 2"),
        (b"- 1\n- 2\n", "ต้องเป็น รายการแบบ ช่อง: ค่า"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(capsys, tmp_path, content, message):
    path = tmp_path / "results.yaml"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "analyze", str(path), "--format", "json")
    assert (code, out) == (2, "")
    assert message in err


def test_bad_csv_row_names_the_row(capsys, tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text(CSV + "อบต.สาม,2566,101,,,,,,,,,\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(path), "--format", "jsonl")
    assert (code, out) == (2, "")
    assert err.strip() == "batch.csv แถวที่ 4: ช่อง indicators.1: คะแนน 101 อยู่นอกช่วง 0–100"


def test_bad_threshold(capsys):
    code, out, err = run(capsys, "analyze", SEED_000_PATH, "--threshold", "120")
    assert (code, out) == (2, "")
    assert "--threshold" in err


def test_framework_list_and_show(capsys):
    code, out, _ = run(capsys, "framework", "list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        f"nacc-{y}" for y in range(2563, 2570)
    ]
    code, out, _ = run(capsys, "framework", "show", "๒๕๖๔")
    assert code == 0
    assert " 9  OIT  การเปิดเผยข้อมูล [verified]  9.1 (9 ข้อ), 9.2 (8 ข้อ), 9.3 (7 ข้อ)" in out
    assert "O42  10.2  มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in out
    code, out, _ = run(capsys, "framework", "show", "2566")
    assert " 5  IIT  การแก้ไขปัญหาการทุจริต [verified]  ข้อ i25–i30 [verified]" in out
    assert " 6  EIT  คุณภาพการดำเนินงาน [verified]  ข้อ e1–e5 [inferred]" in out
    code, out, _ = run(capsys, "framework", "show", "2569")
    assert "O6   9.2  แผนปฏิบัติการหรือความก้าวหน้าการดำเนินงานและการใช้งบประมาณประจำปี" in out
    assert "9.6 (1 ข้อ) [unverified]" in out
    assert "ไม่พบรายละเอียด (not found)" in out


def test_framework_export_validate_import_round_trip(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    workbook = tmp_path / "nacc-2566.xlsx"
    assert run(capsys, "framework", "export", "2566", "-o", str(workbook))[0] == 0

    # An agency adapts last year's workbook into next year's edition.
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    for row in book["edition"].iter_rows(min_row=2):
        if row[0].value == "key":
            row[1].value = "nacc-2570"
        if row[0].value == "fiscal_year":
            row[1].value = 2570
    book.save(workbook)
    code, out, _ = run(capsys, "framework", "validate", str(workbook))
    assert code == 0
    assert out.strip() == ("ถูกต้อง / valid: nacc-2570 (2570): 10 ตัวชี้วัด, 45 ข้อคำถาม, 43 ข้อ OIT")
    code, out, _ = run(capsys, "framework", "import", str(workbook))
    assert code == 0
    imported = tmp_path / "data" / "frameworks" / "nacc-2570.yaml"
    assert imported.exists()
    assert run(capsys, "framework", "import", str(workbook))[0] == 2  # not twice silently
    assert run(capsys, "framework", "import", str(workbook), "--replace")[0] == 0

    # The imported edition behaves exactly like the built-in one it came from.
    from prongsai import library

    registry = library.registry()
    new, old = registry.get("nacc-2570"), registry.get("nacc-2566")
    for part in (
        "tools",
        "indicators",
        "sub_indicators",
        "scales",
        "questions",
        "oit_items",
        "grades",
        "rating",
        "notes",
        "sources",
    ):
        assert getattr(new, part) == getattr(old, part)
    results = tmp_path / "r.yaml"
    results.write_text(
        "fiscal_year: 2570\nindicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, "
        "6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n"
    )
    code, out, _ = run(capsys, "analyze", str(results), "--format", "json")
    assert (code, json.loads(out)["framework"], json.loads(out)["grade"]) == (0, "nacc-2570", "A")


def test_framework_import_refuses_to_shadow_a_built_in_edition(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    builtin = EXAMPLES.parent / "src/prongsai/frameworks/nacc-2564.yaml"
    code, out, err = run(capsys, "framework", "import", str(builtin))
    assert (code, out) == (2, "")
    assert "nacc-2564 เป็นเกณฑ์ที่มีมากับโปรแกรม" in err


def test_framework_validate_reports_every_problem(capsys, tmp_path):
    path = tmp_path / "broken.yaml"
    text = (EXAMPLES.parent / "src/prongsai/frameworks/nacc-2564.yaml").read_text(encoding="utf-8")
    path.write_text(
        text.replace("weight: 0.4", "weight: 0.5").replace("code: i2\n", "code: i1\n"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "framework", "validate", str(path))
    assert (code, out) == (2, "")
    assert f"{path}: tools: tool weights must sum to 1, they sum to 1.1" in err
    assert f"{path}: questions[1]: duplicate question code 'i1' (first at questions[0])" in err


def test_the_installed_command_runs_without_django():
    script = (
        f"import sys; from prongsai.cli import main; code = main(['analyze', {SEED_000_PATH!r}, "
        "'--format', 'json']); assert not [m for m in sys.modules if m.split('.')[0] == 'django'], "
        "'django imported'; sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall"] == 92.42


def test_the_engine_imports_no_django():
    script = (
        "import sys, prongsai.engine, prongsai.thai, prongsai.importers.results_file; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_text_lists_failed_oit_items_with_their_points(capsys, tmp_path):
    path = tmp_path / "r.yaml"
    items = ", ".join(f"O{n}: {0 if n in (1, 42) else 100}" for n in range(1, 44))
    path.write_text(
        f"fiscal_year: 2564\noit_items: {{{items}}}\noit_comments: {{O42: ไม่พบมาตรการของปีปัจจุบัน}}\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "analyze", str(path))
    assert "  O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน  +5.00 คะแนน\n" in out
    assert "    ความเห็นผู้ตรวจ: ไม่พบมาตรการของปีปัจจุบัน\n" in out
    assert out.index("O42") < out.index("  O1 โครงสร้าง  +0.44 คะแนน")
    path.write_text("fiscal_year: 2569\noit_items: {O25: 0}\n", encoding="utf-8")
    _, out, _ = run(capsys, "analyze", str(path))
    assert "O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร  +5.00 คะแนน" in out
    assert "[OIT_GROUPING_UNCONFIRMED]" in out  # the 2569 grouping is a hypothesis
