from prongsai.thai.agencies import agency_match_key
from prongsai.thai.sort import thai_sort_key


def test_municipalities_sort_before_organisations_as_in_the_dictionary():
    names = ["องค์การบริหารส่วนตำบลคอนนิม", "เทศบาลตำบลโนนหัน", "กรมบัญชีกลาง", "เทศบาลเมืองขอนแก่น"]
    assert sorted(names, key=thai_sort_key) == [
        "กรมบัญชีกลาง",
        "เทศบาลตำบลโนนหัน",
        "เทศบาลเมืองขอนแก่น",
        "องค์การบริหารส่วนตำบลคอนนิม",
    ]


def test_leading_vowels_follow_their_consonant_and_tone_marks_only_break_ties():
    words = ["ใจ", "ข้าว", "เก้า", "ไก่", "ขาว", "เกา", "แกง", "เก่า", "ตา", "โต๊ะ"]
    assert sorted(words, key=thai_sort_key) == [
        "เกา", "เก่า", "เก้า", "แกง", "ไก่", "ขาว", "ข้าว", "ใจ", "ตา", "โต๊ะ"
    ]  # fmt: skip


def test_abbreviated_names_match_the_full_name():
    full = "องค์การบริหารส่วนตำบลคอนนิม"
    for name in ("อบต.คอนนิม", "อบต. คอนนิม", "อบต คอนนิม", "องค์การบริหารส่วนตำบล คอนนิม"):
        assert agency_match_key(name) == full
    assert agency_match_key("ทต.โนนหัน") == "เทศบาลตำบลโนนหัน"
    assert agency_match_key("ทม. ชัยภูมิ") == "เทศบาลเมืองชัยภูมิ"
    assert agency_match_key("เเม่ฮ่องสอน") == agency_match_key("แม่ฮ่องสอน")  # two sara e
