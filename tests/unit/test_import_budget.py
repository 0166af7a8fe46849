"""A reading's time budget: checked after every PDF page and between the report
reader's passes, reported page by page, and turned into a Thai message naming the file."""

from __future__ import annotations

import pytest

from prongsai.importers.budget import Budget, OverBudget
from prongsai.importers.document_text import DocumentTextError, document_text
from prongsai.importers.results_import import import_results_many, import_text
from tests.helpers import SEED_000
from tests.unit.test_import_text import FIXTURES, SEED_TEXTS

SEED_PDF = (FIXTURES / "seed-000-konnim.pdf").read_bytes()


class Clock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def test_the_budget_runs_out_after_its_seconds():
    budget = Budget(3, clock=Clock())  # deadline 1 + 3 = 4
    budget.check()  # 2
    budget.check()  # 3
    budget.check()  # 4
    with pytest.raises(OverBudget):
        budget.check()  # 5
    Budget(None, clock=Clock()).check()  # no limit


def test_pages_are_reported_and_a_slow_pdf_stops_with_a_message():
    seen = []
    budget = Budget(3, on_pages=lambda done, total: seen.append((done, total)), clock=Clock())
    with pytest.raises(DocumentTextError) as caught:  # the deadline is 4; page 4 reads 5
        document_text(SEED_PDF, "konnim.pdf", budget)
    assert seen == [(1, 7), (2, 7), (3, 7), (4, 7)]
    assert caught.value.code == "TOO_SLOW" and caught.value.name == "konnim.pdf"
    assert caught.value.message.startswith("อ่านไฟล์นานเกินเวลาที่กำหนด จึงหยุดอ่าน")
    (imported,) = import_results_many(SEED_PDF, "konnim.pdf", _latest(), budget=Budget(60))
    assert str(imported.document["indicators"]["9"]) == "84.56"


def test_the_report_reader_checks_the_budget_between_its_passes():
    text = SEED_TEXTS[SEED_000].read_text(encoding="utf-8")
    checks = []

    class Counting(Budget):
        def check(self) -> None:
            checks.append(1)
            if len(checks) == 3:
                raise OverBudget

    with pytest.raises(DocumentTextError) as caught:
        import_text(text, "รายงาน.txt", _latest(), budget=Counting())
    assert caught.value.code == "TOO_SLOW" and len(checks) == 3
    checks.clear()
    assert import_text(text, "รายงาน.txt", _latest(), budget=Budget()).document["fiscal_year"]


def test_a_text_too_long_to_read_is_refused_before_reading():
    with pytest.raises(DocumentTextError) as caught:
        import_text("ผลการประเมิน " * 200_000, "ข้อความที่วาง", _latest())
    assert caught.value.code == "TEXT_TOO_LONG"
    assert caught.value.message == (
        "ข้อความยาวเกิน 2,000,000 ตัวอักษร ให้ใช้เฉพาะส่วนที่เป็นรายงานผลการประเมิน"
    )


def _latest():
    from prongsai.engine import Registry

    return Registry()


def test_a_text_longer_than_the_budget_reads_asks_for_more_time():
    from prongsai.importers.budget import NeedsMoreTime

    text = SEED_TEXTS[SEED_000].read_text(encoding="utf-8")
    with pytest.raises(NeedsMoreTime):
        import_text(text, "รายงาน.txt", _latest(), budget=Budget(max_chars=len(text) - 1))
    assert import_text(text, "รายงาน.txt", _latest(), budget=Budget(max_chars=len(text))).ok
