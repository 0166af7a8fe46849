"""Every number that could be a score, and what the words round it say it is.

A 0–100 number in a text about the ITA is the agency's score, last year's, the change,
a national or group mean, a pass mark or target, a share or count of agencies, a rank,
"out of 100", or a date, floor or figure number. No phrasing is listed whole: each role
has a few cues (a word just before, a word just after, two decimals, a year beside it),
each cue has a weight, and a number takes the role its cues weigh most. The table is
`CUES`; `tests/test_reader_cues.py` pins what each cue does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from prongsai.importers.report_lines import Line
from prongsai.thai import MONTHS_ABBREV, MONTHS_FULL, be_from_ce

OWN = "overall"  # the agency's own ITA score
ROLES = (
    OWN,
    "previous",
    "change",
    "mean",
    "mark",
    "share",
    "rank",
    "scale",
    "other",
    "tool",
    "indicator",
)
BEFORE, AFTER, NEAR = 48, 30, 16  # characters of context each side


@dataclass(frozen=True)
class Cue:
    role: str
    where: (
        str  # "near"/"before": in the characters before; "after"; "clause": since the last number
    )
    pattern: re.Pattern[str]
    weight: float
    name: str


def _cue(role: str, where: str, pattern: str, weight: float, name: str) -> Cue:
    return Cue(role, where, re.compile(pattern, re.IGNORECASE), weight, name)


_MONTHS = "|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_ABBREV))
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SCORE_WORD = r"คะแน\S{0,2}|score[sd]?|points?|ผลรวม|ผลการประเมิน|ผลประเมิน"
_LABEL = r"ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง\S*|\b(?:AA|[A-F])\b"

CUES: tuple[Cue, ...] = (
    # the agency's own score: scoring and attainment words right before or after it
    _cue(
        OWN,
        "near",
        rf"(?:{_SCORE_WORD}|ITA|ได้|ได้รับ|คว้า|รวม|total|overall|อยู่ที่|เท่ากับ|ด้วย|ที่|ถึง|คือ|เป็น|จำนวน|ภาพรวม|โดยรวม"
        rf"|of|with|scored|earned|got|received|was|is|:|=)\s*(?:ร้อยละ)?\s*[:=]?\s*$",
        2.0,
        "a scoring word just before",
    ),
    _cue(OWN, "near", rf"(?:{_LABEL})\s*[\"”’')(]?\s*$", 1.5, "a grade or rating just before"),
    _cue(
        OWN,
        "after",
        r"^\s*(?:คะแนน|points?)?\s*\)?\s*(?:คือ|เป็น|is|was)?\s*(?:ผล(?:การ)?ประเมิน|ผลคะแนน"
        r"|คะแนน\s*ITA|the\s+ITA|ITA\s+score)",
        1.5,
        "named as the assessment's result after it",
    ),
    _cue(OWN, "near", r"ร้อยละ\s*$", 1.0, "'ร้อยละ' before, as scores are often written"),
    _cue(OWN, "before", rf"{_SCORE_WORD}|ITA", 1.0, "a scoring word nearby"),
    _cue(OWN, "after", r"^\s*(?:คะแน\S{0,2}|points?|pts|%|per\s?cent)", 1.0, "a unit after"),
    _cue(
        OWN,
        "after",
        r"^\s*(?:/\s*100|จาก(?:คะแนนเต็ม)?\s*100|out of 100)(?!\d)",
        1.5,
        "out of 100 after",
    ),
    _cue(
        OWN,
        "after",
        r"^\s*(?:คะแนน|points?)?\s*[,)]?\s*(?:ซึ่ง)?(?:อยู่)?(?:ใน)?\s*(?:ระดับ|เกรด|grade|level"
        r"|rating|[(“\"]\s*(?:AA|[A-F]|ผ่าน))",
        1.0,
        "a grade or rating after",
    ),
    # last year's score, the change, a mean
    _cue(
        "previous",
        "before",
        r"(?:ปีที่แล้ว|ปีก่อน|ปีที่ผ่านมา|last year|previous year|เดิม)\S{0,40}\s*\S{0,8}\s*$",
        3.5,
        "last year",
    ),
    _cue("previous", "near", r"(?:จาก|from)\s*$", 3.5, "'from' before: the old value"),
    _cue(
        "previous",
        "after",
        r"^\s*(?:คะแนน|points?)?\s*(?:\(?\s*(?:ปีที่แล้ว|ปีก่อน|ปีที่ผ่านมา)|last year|in the previous)",
        3.5,
        "last year after",
    ),
    _cue(
        "change",
        "before",
        r"(?:เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง|ดีกว่า|บวก|ผลต่าง|ต่างกัน|พัฒนาการ|increased? by"
        r"|decreased? by|rose by|fell by|up by|down by|improvement of|gain of|difference of)"
        r"(?!\S*เป็น)\S{0,16}\s*$",
        3.5,
        "a change",
    ),
    # a mean's words may stand anywhere in the clause since the previous number
    _cue("mean", "clause", r"เฉลี่ย|average|mean", 2.5, "an average"),
    _cue(
        "mean",
        "before",
        r"(?:เฉลี่ย|average|mean)\S{0,12}(?:\s+\S+){0,2}\s*$",
        1.0,
        "an average just before",
    ),
    _cue(
        "mean",
        "clause",
        r"ทั้งประเทศ|ของประเทศ|ระดับประเทศ|national|nationwide|agencies|หน่วยงาน|กลุ่ม|ประเภท"
        r"|ทุกหน่วยงาน|ทั้งหมด|ภาพรวมของ|จังหวัด|อปท|ส่วนราชการ|สังกัด",
        1.5,
        "a group of agencies",
    ),
    # pass marks, targets, shares and counts of agencies
    _cue(
        "mark",
        "near",
        r"(?:เกณฑ์|criteri\w*|threshold|pass mark|เป้าหมาย|target|ไม่ต่ำกว่า|ไม่น้อยกว่า|มากกว่า|น้อยกว่า"
        r"|ต่ำกว่า|สูงกว่า|เกิน|ตั้งแต่|at least|above|over|below|under|up to|of at least)\S{0,6}\s*$",
        3.5,
        "a pass mark or target",
    ),
    _cue(
        "mark",
        "after",
        r"^\s*(?:คะแนน)?\s*(?:ขึ้นไป|-point|points?\s+(?:criteri|threshold|mark))",
        3.5,
        "'or more' after",
    ),
    _cue(
        "share",
        "after",
        r"^\s*(?:%|เปอร์เซ็นต์|per\s?cent)?\s*,?\s*(?:ของ|of|passed|failed)\s*(?:หน่วยงาน|all|the|สถานี"
        r"|agencies|ทั้งหมด|จำนวน|$)",
        4.0,
        "a share of agencies",
    ),
    _cue("share", "near", r"(?:คิดเป็น|or)\s*(?:ร้อยละ)?\s*$", 2.5, "'that is' a share"),
    _cue(
        "share",
        "after",
        r"^\s*(?:หน่วยงาน|แห่ง|คน|ราย|ข้อ|ครั้ง|ปี|เดือน|วัน|อันดับ|agencies|ส่วนราชการ|องค์การ|สถาบัน"
        r"|สถานี|ชั่วโมง|บาท|ล้าน|ตัวชี้วัด|ประเด็น|กลุ่ม|จังหวัด|อำเภอ|ตำบล|โครงการ|ประเภท"
        r"|รายการ|million|people|members|institutions|units|years?|times|ปีซ้อน)",
        4.0,
        "a count",
    ),
    _cue(
        "rank",
        "near",
        r"(?:อันดับ|ลำดับ|rank(?:ed|ing)?|No\.|#|สมัย|ครั้ง|ปี|รุ่น|คว้าที่)\s*(?:ที่)?\s*$",
        4.0,
        "a rank",
    ),
    _cue("scale", "near", r"(?:เต็ม|จาก|out of|/)\s*$", 4.0, "out of"),
    # dates, addresses, numbering
    _cue("other", "after", rf"^\s*(?:{_MONTHS}|{_EN_MONTHS}|น\.|นาฬิกา)", 5.0, "a date or time"),
    _cue(
        "other",
        "near",
        r"(?:วันที่|ชั้น|ชั้นที่|อาคาร|ตึก|หมู่ที่|หมู่|ซอย|ถนน|โทร|เลขที่|รูปที่|ตารางที่|ภาพที่|ข้อ"
        rf"|ข้อที่|มาตรา|ฉบับที่|เล่มที่|หน้า|page|figure|table|section|version|ver\.|ตัวชี้วัดที่"
        rf"|ประเด็นที่|ด้านที่|{_EN_MONTHS})\s*$",
        5.0,
        "a date, address or number",
    ),
    _cue(
        "other",
        "near",
        r"(?:คะแนน|^|\s)(?:สูงสุด|ต่ำสุด)\s*[:=]?\s*$|(?:highest|lowest|maximum|minimum)\s*[:=]?\s*$",
        3.5,
        "the highest or lowest of a list",
    ),
    _cue(
        "tool",
        "after",
        r"^\s*(?:คะแนน|points?)?\s*(?:ใน|for|in|on)\s*(?:the\s)?(?:แบบวัด|แบบตรวจ)?[^\d(]{0,40}?"
        r"\(?\b(?:IIT|EIT|OIT)\b",
        3.5,
        "a tool named after it",
    ),
    _cue(
        "indicator",
        "after",
        r"^\s*(?:คะแนน|points?)?\s*(?:ใน|ของ|for|in|on)?\s*(?:ด้าน|ตัวชี้วัด|ประเด็น|indicator)",
        3.5,
        "an indicator named after it",
    ),
    _cue(
        "tool",
        "before",
        r"\b(?:IIT|EIT|OIT)\b\S{0,3}\s*\S{0,25}\s*$|แบบวัด\S*\s*$|แบบตรวจ\S*\s*$",
        3.0,
        "a tool's score",
    ),
)
_ITA_LINE = re.compile(r"ITA|คุณธรรม|โปร่งใส|integrity|transparency|ป\.?ป\.?ช", re.IGNORECASE)
# 0–100 with up to four decimals (ITAS shows more than the published two); "95.12/100"
# is a score out of 100, "16-08" or "10.30/11" are not.
_NUMBER = re.compile(r"(?<![\d.,/:\-])(\d{1,3})(\.\d{1,4})?(?![\d,]|\.\d|[/:\-](?!100\b)\d)")
_PASSED_SHARE = re.compile(r"(?:หน่วยงาน|agencies|แห่ง)\S*\s?(?:ที่)?(?:ผ่าน|ไม่ผ่าน|passed|failed)")
_BARE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,2})?\s*(?:คะแนน|points?|%)?\s*$")
_DECIMAL = re.compile(r"\d\.\d")
# What a column's header says of the numbers under it; the first that fits counts.
_COLUMN_CUES = (
    ("tool", re.compile(r"\b(?:IIT|EIT|OIT)\b|แบบวัด|แบบตรวจ"), 3.0),
    ("rank", re.compile(r"^#$|ลำดับ|อันดับ|rank|^no\.?$", re.IGNORECASE), 4.0),
    (OWN, re.compile(r"คะแนน|score|ITA|รวม|เฉลี่ย|total|overall", re.IGNORECASE), 1.5),
)
# "ตั้งเป้าหมายคะแนน ITA ปี 2568 ไว้ที่ 95.00": a target, unless a verb of attaining
# stands between ("บรรลุเป้าหมาย ได้คะแนน 95.12").
_TARGET = re.compile(r"(?:เป้าหมาย|ตั้งเป้า|target|goal|aims?\s+(?:for|at|to))(.*)$", re.IGNORECASE)
_OWN_VERB = re.compile(r"ได้|got|scored|received|achieved|earned|reached", re.IGNORECASE)
_ANY_NUMBER = re.compile(r"\d[\d,.]*")
_ROW_START = re.compile(r"^\s*\d{1,3}[.)]?\s")
_HEADER = re.compile(r"คะแนน|score|ผลการประเมิน", re.IGNORECASE)
_YEAR_BEFORE = re.compile(
    r"(?:ปี(?:งบประมาณ)?|พ\.ศ\.|FY|in)\s*(?:พ\.ศ\.)?\s*(25\d\d|20[0-4]\d)\s*(?:ที่)?(?:ได้|:|=|was|,)?"
    r"\s*(?:คะแนน|ระดับ)?\s*$"
)
# "92.43 คะแนน (ปี 2567)", "81.25 points in 2021"; not "89.95 คะแนน ปี 2566 ได้ …",
# where the year begins the next phrase.
_YEAR_AFTER = re.compile(
    r"^\s*(?:คะแนน|points?)?\s*(?:\(\s*(?:ปี|พ\.ศ\.)?\s*(25\d\d|20[0-4]\d)|in\s+(20[0-4]\d))"
)
_YEAR_CELL = re.compile(r"^\s*(?:ปี\s*)?(25\d\d)\s*$")
_LEVEL_CELL = re.compile(r"^(?:AA|[A-F]|ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง\S*)$")


# On equal weight the role read from the words right beside the number wins over one
# read from words further away: "ค่าเฉลี่ย 87.57 เป็นอันดับที่ 4" makes 4 a rank.
_TIES = (
    "other",
    "rank",
    "scale",
    "share",
    "mark",
    "change",
    "previous",
    "mean",
    "tool",
    "indicator",
)


@dataclass
class Candidate:
    """A number that could be a score, with the cues that weigh on its role."""

    value: Decimal
    written: str
    line: int  # index into the lines
    start: int  # in the line's `plain` text
    end: int
    decimals: int
    weights: dict[str, float] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    year: int | None = None  # a year written beside it ("ปี 2559 ได้ 48.44")
    agency: str | None = None  # the agency it belongs to, once attributed
    tool: str | None = None  # the tool its column names ("IIT"), in a table of agencies

    @property
    def role(self) -> str:
        """The role its cues weigh most; the agency's own score only when nothing
        else is weighty: a number near "คะแนน" is still last year's if "ปีที่แล้ว"
        is next to it. Weak cues of another role ("คิดเป็น", an average's word
        further off) give way to a strong case for the agency's own score."""
        others = {r: w for r, w in self.weights.items() if r != OWN}
        best_other = max(others, key=lambda r: (others[r], -_TIES.index(r)), default=None)
        own = self.weights.get(OWN, 0.0)
        if best_other is not None and (
            others[best_other] >= 3.5 or (others[best_other] >= 2.5 and own < 6.0)
        ):
            return best_other  # a weak cue of another role yields only to strong own cues
        return OWN if own >= 4.0 else "unknown"

    def weight(self, role: str = OWN) -> float:
        return self.weights.get(role, 0.0)


def find_candidates(lines: list[Line]) -> list[Candidate]:
    """Every 0–100 number in the lines with its cues weighed."""
    found: list[Candidate] = []
    header_seen = False
    header: list[str] = []  # the cells of the last header row seen
    for index, line in enumerate(lines):
        text = line.plain
        numbers = list(_NUMBER.finditer(text))
        if not numbers or (_HEADER.search(text) and not _DECIMAL.search(text)):
            if _HEADER.search(text):
                header_seen = True
                header = [c for _s, _e, c in _cells(text)]
            if not numbers:
                continue
        about_ita = bool(_ITA_LINE.search(text))
        row = _cells(text) if header else []
        shift = 0
        if _BARE.match(text) and index and lines[index - 1].plain.strip():
            # a number alone on its line (a table read cell by cell): the line before
            # is its label
            label = lines[index - 1].plain.strip() + " "
            shift, text = len(label), label + text
            about_ita = about_ita or bool(_ITA_LINE.search(label))
            numbers = list(_NUMBER.finditer(text, shift))
        for match in numbers:
            whole, fraction = match.group(1), match.group(2) or ""
            value = Decimal(whole + fraction)
            if value > 100:
                continue
            candidate = Candidate(
                value,
                match.group(0),
                index,
                match.start() - shift,
                match.end() - shift,
                len(fraction) - 1 if fraction else 0,
            )
            _weigh(candidate, text, about_ita, header_seen, shift)
            if header and not shift:
                _column(candidate, row, header)
            found.append(candidate)
    return found


def _cells(text: str) -> list[tuple[int, int, str]]:
    """A row's cells with their spans: tab-separated, else space-separated (Thai names
    have no spaces, so a row of a list copied from a web table splits like its header)."""
    pattern = r"[^\t]+" if "\t" in text else r"\S+"
    return [(m.start(), m.end(), m.group().strip()) for m in re.finditer(pattern, text)]


def _column(candidate: Candidate, cells: list[tuple[int, int, str]], header: list[str]) -> None:
    """The header of the candidate's column, when the row has as many cells as the header."""
    if len(cells) == len(header) + 1:
        cells = cells[1:]  # the row number under a "#" the line's clean-up took away
    if len(cells) != len(header):
        return
    column = next((i for i, (s, e, _c) in enumerate(cells) if s <= candidate.start < e), None)
    if column is None:
        return
    title = header[column]
    for role, pattern, weight in _COLUMN_CUES:
        if pattern.search(title):
            _add(candidate, role, weight, f"in the column '{title}'")
            if role == "tool" and (code := re.search(r"\b(IIT|EIT|OIT)\b", title)):
                candidate.tool = code.group(1)
            return


def _weigh(
    candidate: Candidate, text: str, about_ita: bool, header_seen: bool, shift: int = 0
) -> None:
    start, end = candidate.start + shift, candidate.end + shift
    before = text[max(0, start - BEFORE) : start]
    near = text[max(0, start - NEAR) : start]
    after = text[end : end + AFTER]
    clause_start = max(0, start - 90)
    for previous in _ANY_NUMBER.finditer(text, clause_start, start):
        clause_start = previous.end()
    clause = text[clause_start:start]
    weights = candidate.weights
    for cue in CUES:
        where = {"before": before, "near": near, "after": after, "clause": clause}[cue.where]
        if cue.pattern.search(where):
            weights[cue.role] = weights.get(cue.role, 0.0) + cue.weight
            candidate.cues.append(f"{cue.role}: {cue.name}")
    if "mean" in weights:
        group = any(c == "mean: a group of agencies" for c in candidate.cues)
        if not any(c.startswith("mean: an average") for c in candidate.cues):
            weights["mean"] -= 1.5  # a group word alone does not make a mean
        elif not group and re.search(r"ได้|got|earned|scored", clause):
            _add(candidate, "mean", -1.5, "the agency's own verb: its score, stated as a mean")
    target = _TARGET.search(text[max(0, start - 60) : start])
    if target and not _OWN_VERB.search(target.group(1)):
        _add(candidate, "mark", 3.5, "a target set, not a score reached")
    if _PASSED_SHARE.search(before) and (
        re.search(r"ร้อยละ\s*$", near) or re.match(r"\s*(?:%|per\s?cent)", after)
    ):
        _add(candidate, "share", 3.5, "a share of agencies that passed or failed")
    if "scale" in weights and candidate.value != 100:
        del weights["scale"]  # "จาก" before any other number is not "out of 100"
    if candidate.decimals >= 2:
        _add(candidate, OWN, 2.0, "two decimals, as scores are published")
    elif candidate.decimals == 1:
        _add(candidate, OWN, 0.5, "one decimal")
    elif candidate.value != 100:
        _add(candidate, OWN, -2.0, "a whole number: scores are published with decimals")
    if about_ita:
        _add(candidate, OWN, 0.5, "the line is about the ITA")
    cells = [c for c in text.split("\t") if c.strip()]
    in_row = "\t" in text or _ROW_START.match(text)
    rest = text[end:].strip(" \t|")
    fills_cell = (
        "\t" in text
        and text[:start].rstrip(" ").endswith("\t")
        and (text[end:].lstrip(" ").startswith("\t") or not rest)
    )
    if in_row and header_seen and (not rest or fills_cell or _LEVEL_CELL.match(rest)):
        _add(candidate, OWN, 2.0, "a score cell of a row under a score header")
    if in_row and header_seen and len(cells) > 1 and _YEAR_CELL.match(cells[0]):
        candidate.year = int(_YEAR_CELL.match(cells[0]).group(1))  # type: ignore[union-attr]
    year = _YEAR_BEFORE.search(text[max(0, start - 24) : start]) or _YEAR_AFTER.match(after)
    if year:
        written = int(next(g for g in year.groups() if g))
        candidate.year = be_from_ce(written) if written < 2400 else written


def _add(candidate: Candidate, role: str, weight: float, name: str) -> None:
    candidate.weights[role] = candidate.weights.get(role, 0.0) + weight
    candidate.cues.append(f"{role}: {name}")
