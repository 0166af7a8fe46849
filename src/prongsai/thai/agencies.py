"""Local administrative organisations as their names show them.

Official names begin with the kind ("องค์การบริหารส่วนตำบลคอนนิม"); documents also
write the abbreviation ("อบต.คอนนิม"). Most specific prefixes come first.
"""

from __future__ import annotations

# (prefix, kind key, full prefix the abbreviation stands for)
NAME_PREFIXES = (
    ("องค์การบริหารส่วนตำบล", "sao", "องค์การบริหารส่วนตำบล"),
    ("อบต.", "sao", "องค์การบริหารส่วนตำบล"),
    ("เทศบาลตำบล", "subdistrict_municipality", "เทศบาลตำบล"),
    ("ทต.", "subdistrict_municipality", "เทศบาลตำบล"),
    ("เทศบาลเมือง", "town_municipality", "เทศบาลเมือง"),
    ("ทม.", "town_municipality", "เทศบาลเมือง"),
    ("เทศบาลนคร", "city_municipality", "เทศบาลนคร"),
    ("ทน.", "city_municipality", "เทศบาลนคร"),
    ("องค์การบริหารส่วนจังหวัด", "pao", "องค์การบริหารส่วนจังหวัด"),
    ("อบจ.", "pao", "องค์การบริหารส่วนจังหวัด"),
)

KIND_LABELS = {
    "sao": ("องค์การบริหารส่วนตำบล (อบต.)", "Subdistrict Administrative Organisation"),
    "subdistrict_municipality": ("เทศบาลตำบล", "Subdistrict municipality"),
    "town_municipality": ("เทศบาลเมือง", "Town municipality"),
    "city_municipality": ("เทศบาลนคร", "City municipality"),
    "pao": ("องค์การบริหารส่วนจังหวัด (อบจ.)", "Provincial Administrative Organisation"),
    "government": ("ส่วนราชการ", "Government agency"),
    "other": ("หน่วยงานอื่น", "Other agency"),
}


def agency_kind(name: str) -> str:
    """The kind key of an agency from its name; "other" when the name does not say."""
    name = name.strip()
    for prefix, kind, _full in NAME_PREFIXES:
        if name.startswith(prefix):
            return kind
    return "other"


def full_agency_name(name: str) -> str:
    """ "อบต. คอนนิม" → "องค์การบริหารส่วนตำบลคอนนิม"; other names unchanged."""
    name = " ".join(name.split())
    for prefix, _kind, full in NAME_PREFIXES:
        if name.startswith(prefix) and prefix != full:
            return full + name[len(prefix) :].lstrip()
    return name


_ABBREVIATIONS = tuple(
    (prefix.rstrip("."), full) for prefix, _kind, full in NAME_PREFIXES if prefix.endswith(".")
)


def agency_match_key(name: str) -> str:
    """What two spellings of one agency's name have in common: abbreviations written
    out ("อบต.คอนนิม", "อบต คอนนิม" → "องค์การบริหารส่วนตำบลคอนนิม"), typing habits
    undone, spaces dropped. Two names with one key are one agency."""
    from prongsai.thai.text import normalise_typing

    name = " ".join(normalise_typing(name).split())
    for bare, full in _ABBREVIATIONS:
        if name.startswith(bare) and not name.startswith(full):
            rest = name[len(bare) :]
            if rest.startswith(".") or rest.startswith(" "):
                name = full + rest.lstrip(". ")
            break
    return name.replace(" ", "")


_PLACE_PREFIXES = ("จังหวัด", "จ.", "กิ่งอำเภอ", "อำเภอ", "อ.", "เขต")


def place_key(name: str) -> str:
    """What two spellings of one province or district have in common: "จังหวัดขอนแก่น",
    "จ. ขอนแก่น" and "ขอนแก่น" are one place; typing habits undone, spaces dropped."""
    from prongsai.thai.text import normalise_typing

    name = "".join(normalise_typing(name).split())
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name
