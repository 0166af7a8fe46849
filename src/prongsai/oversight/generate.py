"""Plausible made-up results for a demo or a benchmark (never for a real agency).

Each agency gets a quality that drifts a little from one year to the next; IIT
indicators sit high, EIT a little lower, and OIT items pass more often in better
agencies, with a few items that most agencies miss. The engine then scores them like
any other results: nothing here computes a score.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from prongsai.engine.model import Framework

KIND_SHARE = (
    ("องค์การบริหารส่วนตำบล", "sao", 0.72),
    ("เทศบาลตำบล", "subdistrict_municipality", 0.24),
    ("เทศบาลเมือง", "town_municipality", 0.03),
    ("เทศบาลนคร", "city_municipality", 0.01),
)
SYLLABLES = (
    "โนน", "หนอง", "บ้าน", "ดอน", "คำ", "นา", "โคก", "ห้วย", "ท่า", "วัง", "สระ", "กุด", "ศรี",
    "แก้ว", "ใหญ่", "น้อย", "ทอง", "เหล็ก", "ไผ่", "แดง", "ขาม", "สูง", "เมือง", "ชัย", "บัว",
    "โพธิ์", "ไทร", "จาน", "พระ", "เก่า", "ใหม่", "หิน", "ลาด", "ม่วง", "แสง", "ตูม",
)  # fmt: skip


@dataclass(frozen=True)
class Made:
    name: str
    kind: str
    district: str
    quality: float


def agencies(count: int, districts: list[str], seed: int = 2566) -> list[Made]:
    rng = random.Random(seed)
    made: dict[str, Made] = {}
    while len(made) < count:
        prefix, kind, _share = rng.choices(KIND_SHARE, weights=[k[2] for k in KIND_SHARE])[0]
        place = "".join(rng.sample(SYLLABLES, rng.choice((2, 2, 3))))
        name = prefix + place
        if name not in made:
            quality = min(99.0, max(45.0, rng.gauss(87, 8)))
            made[name] = Made(name, kind, rng.choice(districts), quality)
    return list(made.values())


def results(agency: Made, framework: Framework, year: int, seed: int) -> dict[str, Any]:
    """A results document: indicators 1–8 and every OIT item (indicators 9–10 follow
    from the items), drifting by year."""
    rng = random.Random(f"{agency.name}-{year}-{seed}")
    quality = min(99.5, max(40.0, agency.quality + rng.gauss(1.0, 4.0) * (year % 2 or -1) / 2))

    def score(base: float, spread: float) -> str:
        return f"{min(100.0, max(0.0, rng.gauss(base, spread))):.2f}"

    document: dict[str, Any] = {"agency": agency.name, "fiscal_year": year, "indicators": {}}
    for indicator in framework.indicators:
        if indicator.tool == "IIT":
            document["indicators"][str(indicator.number)] = score(quality + 7, 3)
        elif indicator.tool == "EIT":
            document["indicators"][str(indicator.number)] = score(quality + 4, 4)
    items = {}
    hard = {item.code for item in framework.oit_items[-8::3]}  # a few items most miss
    for item in framework.oit_items:
        chance = (quality - 35) / 65 - (0.35 if item.code in hard else 0)
        items[item.code] = rng.random() < chance
    document["oit_items"] = items
    return document
