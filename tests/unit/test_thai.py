"""Thai utilities: digits, Buddhist-era dates, fiscal years, terminal width."""

from datetime import date

import pytest

from prongsai.thai import (
    display_width,
    fiscal_year_of,
    format_be_date,
    pad,
    to_arabic_digits,
    to_thai_digits,
)


def test_digits_both_ways():
    assert to_arabic_digits("ร้อยละ ๙๕.๕๑ ปี ๒๕๖๖") == "ร้อยละ 95.51 ปี 2566"
    assert to_thai_digits("ร้อยละ 95.51 ปี 2566") == "ร้อยละ ๙๕.๕๑ ปี ๒๕๖๖"


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2022, 10, 1), 2566),  # 1 ต.ค. 2565 opens fiscal year 2566
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
        (date(2024, 3, 31), 2567),
    ],
)
def test_fiscal_year_is_named_by_the_year_it_ends_in(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_official_date_forms():
    assert format_be_date(date(2024, 3, 31)) == "31 มีนาคม 2567"
    assert format_be_date(date(2024, 3, 31), abbreviated=True) == "31 มี.ค. 67"
    assert format_be_date(date(2024, 3, 31), thai_digits=True) == "๓๑ มีนาคม ๒๕๖๗"


def test_thai_marks_take_no_column():
    assert display_width("การใช้ทรัพย์สินของราชการ") == 20
    assert pad("กิ่ง", 6) == "กิ่ง    "
