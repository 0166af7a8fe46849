"""Which agencies a text names, and where.

Thai runs words together, so a name is read from a kind word that begins it
(กรม…, เทศบาลตำบล…, มหาวิทยาลัย…) to the first space, punctuation or verb that
cannot be part of a name ("ได้รับ", "ประจำปี"). Abbreviations count as the name they
stand for: those the text defines ("… (สตง.)") and a small table of well-known ones.
The assessor (ป.ป.ช., its consultants) and group words ("ระดับกรม", "ประเภทสถาบัน
อุดมศึกษา") are never an agency, and neither is a province that only appears in an
address or a governor's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prongsai.importers.report_lines import Line, bare, skeleton, tolerant
from prongsai.thai.agencies import NAME_PREFIXES
from prongsai.thai.agencies import agency_kind as local_kind

# (prefix as written, kind, the prefix it stands for). Longest first within a family;
# local administrative organisations as thai.agencies knows them, then every other kind.
KINDS: tuple[tuple[str, str, str], ...] = (
    *NAME_PREFIXES,
    ("มทร.", "university", "มหาวิทยาลัยเทคโนโลยีราชมงคล"),
    ("มหาวิทยาลัย", "university", "มหาวิทยาลัย"),
    ("มรภ.", "university", "มหาวิทยาลัยราชภัฏ"),
    ("ม.", "university", "มหาวิทยาลัย"),
    ("รพ.สต.", "hospital", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ("รพ.", "hospital", "โรงพยาบาล"),
    ("สพป.", "office", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"),
    ("สพม.", "office", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"),
    ("สสอ.", "office", "สำนักงานสาธารณสุขอำเภอ"),
    ("รร.", "school", "โรงเรียน"),
    ("สสจ.", "office", "สำนักงานสาธารณสุขจังหวัด"),
    ("วิทยาลัย", "college", "วิทยาลัย"),
    ("โรงเรียน", "school", "โรงเรียน"),
    ("โรงพยาบาล", "hospital", "โรงพยาบาล"),
    ("สถาบัน", "institute", "สถาบัน"),
    ("กระทรวง", "ministry", "กระทรวง"),
    ("สำนักงาน", "office", "สำนักงาน"),
    ("กรม", "department", "กรม"),
    ("กองทัพ", "armed_forces", "กองทัพ"),
    ("กองบัญชาการ", "armed_forces", "กองบัญชาการ"),
    ("ศาล", "court", "ศาล"),
    ("การไฟฟ้า", "state_enterprise", "การไฟฟ้า"),
    ("การประปา", "state_enterprise", "การประปา"),
    ("การรถไฟ", "state_enterprise", "การรถไฟ"),
    ("การท่าเรือ", "state_enterprise", "การท่าเรือ"),
    ("การท่าอากาศยาน", "state_enterprise", "การท่าอากาศยาน"),
    ("การเคหะ", "state_enterprise", "การเคหะ"),
    ("การทางพิเศษ", "state_enterprise", "การทางพิเศษ"),
    ("การยาสูบ", "state_enterprise", "การยาสูบ"),
    ("การนิคมอุตสาหกรรม", "state_enterprise", "การนิคมอุตสาหกรรม"),
    ("การกีฬา", "state_enterprise", "การกีฬา"),
    ("การยาง", "state_enterprise", "การยาง"),
    ("การท่องเที่ยว", "state_enterprise", "การท่องเที่ยว"),
    ("การสื่อสาร", "state_enterprise", "การสื่อสาร"),
    ("ธนาคาร", "state_enterprise", "ธนาคาร"),
    ("บริษัท", "state_enterprise", "บริษัท"),
    ("สถานีตำรวจ", "police_station", "สถานีตำรวจ"),
    ("สภ.", "police_station", "สถานีตำรวจภูธร"),
    ("สน.", "police_station", "สถานีตำรวจนครบาล"),
    ("สภา", "council", "สภา"),
    ("องค์การ", "public_organisation", "องค์การ"),
    ("กองทุน", "fund", "กองทุน"),
    ("จังหวัด", "province", "จังหวัด"),
    ("กรุงเทพมหานคร", "bangkok", "กรุงเทพมหานคร"),
    ("เมืองพัทยา", "pattaya", "เมืองพัทยา"),
)

# Well-known abbreviations, for texts that use them without spelling the name out.
ABBREVIATIONS = {
    "กฟภ.": "การไฟฟ้าส่วนภูมิภาค",
    "PEA": "การไฟฟ้าส่วนภูมิภาค",
    "กฟน.": "การไฟฟ้านครหลวง",
    "MEA": "การไฟฟ้านครหลวง",
    "กฟผ.": "การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย",
    "EGAT": "การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย",
    "กปภ.": "การประปาส่วนภูมิภาค",
    "กปน.": "การประปานครหลวง",
    "รฟท.": "การรถไฟแห่งประเทศไทย",
    "สปสช.": "สำนักงานหลักประกันสุขภาพแห่งชาติ",
    "ก.พ.ร.": "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
    "สำนักงาน ก.พ.": "สำนักงานคณะกรรมการข้าราชการพลเรือน",
    "สตง.": "สำนักงานการตรวจเงินแผ่นดิน",
    "สตช.": "สำนักงานตำรวจแห่งชาติ",
    "กกต.": "สำนักงานคณะกรรมการการเลือกตั้ง",
    "ป.ป.ท.": "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ",
    "สพฐ.": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "อย.": "สำนักงานคณะกรรมการอาหารและยา",
    "สพฉ.": "สถาบันการแพทย์ฉุกเฉินแห่งชาติ",
    "สรพ.": "สถาบันรับรองคุณภาพสถานพยาบาล",
    "สสวท.": "สถาบันส่งเสริมการสอนวิทยาศาสตร์และเทคโนโลยี",
    "อพวช.": "องค์การพิพิธภัณฑ์วิทยาศาสตร์แห่งชาติ",
    "ส.ส.ท.": "องค์การกระจายเสียงและแพร่ภาพสาธารณะแห่งประเทศไทย",
    "ไทยพีบีเอส": "องค์การกระจายเสียงและแพร่ภาพสาธารณะแห่งประเทศไทย",
    "สพร.": "สำนักงานพัฒนารัฐบาลดิจิทัล",
    "DGA": "สำนักงานพัฒนารัฐบาลดิจิทัล",
    "มจพ.": "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าพระนครเหนือ",
    "สสส.": "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ",
    "กทม.": "กรุงเทพมหานคร",
    "ทอท.": "บริษัท ท่าอากาศยานไทย จำกัด (มหาชน)",
    "ธ.ก.ส.": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
    "กยศ.": "กองทุนเงินให้กู้ยืมเพื่อการศึกษา",
    "ททท.": "การท่องเที่ยวแห่งประเทศไทย",
    "TAT": "การท่องเที่ยวแห่งประเทศไทย",
    "กทพ.": "การทางพิเศษแห่งประเทศไทย",
    "รฟม.": "การรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย",
    "ขสมก.": "องค์การขนส่งมวลชนกรุงเทพ",
    "กคช.": "การเคหะแห่งชาติ",
    "สอศ.": "สำนักงานคณะกรรมการการอาชีวศึกษา",
    "วช.": "สำนักงานการวิจัยแห่งชาติ",
    "สวทช.": "สำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ",
    "สปส.": "สำนักงานประกันสังคม",
    "สคบ.": "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค",
    "ปปง.": "สำนักงานป้องกันและปราบปรามการฟอกเงิน",
    "ธอส.": "ธนาคารอาคารสงเคราะห์",
    "ทบ.": "กองทัพบก",
    "ทร.": "กองทัพเรือ",
    "ทอ.": "กองทัพอากาศ",
}

# The assessor and its bodies: named in every text, never the agency assessed.
_ASSESSOR = re.compile(
    r"ป\.?\s?ป\.?\s?ช\.?|ป\.ช\.ช\.|ป้องกันและปราบ\S*ทุจริตแห่งชาติ|สำนักประเมินคุณธรรม"
    r"|ที่ปรึกษา|Anti-?Corruption Commission|NACC|ศูนย์ปฏิบัติการต่อต้านการทุจริต"
)
# Words that end a name glued to what follows it (Thai writes no space there).
_STOP = tolerant(
    r"ได้รับ|ได้คะแนน|ได้ผล|ได้ค่า|ได้ระดับ|ได้(?=\s|\d)|มีผล|มีคะแนน|มีระดับ|มีหน่วยงาน|มีจำนวน|มีการ|ประจำปี|ผ่านการ|ผ่านเกณฑ์"
    r"|คว้า|จัดอยู่|อยู่ใน|อยู่ที่|อยู่ลำดับ|เป็นอันดับ|เป็นลำดับ|เป็นหน่วยงาน|ซึ่ง|โดยมี|เปิดเผย|ประกาศ"
    r"|เข้ารับ|เข้าร่วม|รับรางวัล|รับโล่|รับเกียรติ|รับประกาศ|ร่วมกับ|มอบ|อำเภอ|ในสังกัด|สังกัด"
    r"|ที่ได้|ที่มี|ที่ผ่าน|ผลการ|ผลคะแนน|ผลประเมิน|ในการ|ในระดับ|ระดับ|ปีงบ|ปี\s?25|ITA|ต่อเนื่อง"
    r"|ขึ้นสู่|ก้าวขึ้น|ก้าวสู่|สามารถ|ทำคะแนน|คะแนน|และได้|และมี|ไม่ผ่าน|ทั้งนี้|จึง|เพื่อ"
    # short words that are also syllables of place names stop a name only with the
    # word that follows them as verbs ("ตามที่", not "ท่าตามาก")
    r"|ให้(?:กับ|แก่|ความ|บริการ)|นำ(?:ไป|มา|เสนอ|ร่อง)|ร่วม(?:กัน|ใน|พิธี|ขับเคลื่อน)"
    r"|ยัง(?:คง|มี|ได้|เป็น)|ตาม(?:ที่|แผน|เกณฑ์|หลัก)|ก็(?:ได้|เป็น|มี)"
    r"|ประเมิน|มุ่งมั่น|แสดงความ|พร้อมกับ|พร้อมด้วย|จำนวน|(?<!ปลัด)กระทรวง(?=.)"
)
# What may stand right before a name glued to it.
_GLUE = tolerant(
    r"(?:โดย|ของ|ทาง|และ|ให้|แก่|ที่|ซึ่ง|ว่า|คือ|ได้แก่|ทั้งนี้|จาก|กับ|เป็น|ณ|นายก|ปลัด|รองปลัด"
    r"|อธิบดี|อธิการบดี|ผู้อำนวยการ|เลขาธิการ|บุคลากร|ข้าราชการ|พนักงาน|ขอแสดงความยินดีกับ|ยินดีกับ|ขอ"
    r"|หรือ|ประกอบด้วย|ได้แก่|พบ|พบว่า|ขณะที่|ส่วน|อาทิ|เช่น)$"
)
# Before a name, these make it a group or a title, not an agency.
_GROUP_BEFORE = tolerant(
    r"(?:ระดับ|ประเภท|กลุ่ม|ทุก|ทั่ว|หลาย|ภายใน|ในเขต|ผู้ว่าราชการ|ศาลากลาง|ท้องถิ่น|อำเภอ\S*|ตำบล\S*"
    r"|ตึก|อาคาร|ศูนย์ราชการ|เขต|ภาค|ใน|สังกัด|ในสังกัด)\s?$"
)
_GENERIC = re.compile(
    r"^(?:กรม(?:หรือ|ทั่ว|ทั้ง|ต่าง)|สถาบันอุดมศึกษา|สำนักงาน\s?(?:ป\.|ฯ|$)|องค์การมหาชน|องค์กร|"
    r"สำนักงานปลัด(?:$|เทศบาล|องค์การ|อบต|อบจ)|กระทรวง$|จังหวัด(?:$|ต่าง|ละ|และ)|ศาล$|มหาวิทยาลัย(?:$|ต่าง|ใน)|มหาวิทยาลัยเทคโนโลยีราชมงคล$"
    r"|มหาวิทยาลัย(?:ราชมงคล|ราชภัฏ|เทคโนโลยีราชมงคล|ของรัฐ|ในกำกับ)$|โรงเรียน(?:$|ใน|ต่าง)|หน่วยงาน)"
)
# "คณะที่ปรึกษา มหาวิทยาลัย…": the assessor's consultant, named like an agency.
_CONSULTANT = re.compile(r"ที่ปรึกษา\S{0,20}\s?(?:จาก|คือ|ได้แก่)?\s?$|ผู้ประเมิน\S{0,10}\s?$")
_ABBREV = re.compile(r"(?<![ก-๙A-Za-z.])([ก-ฮ]{1,5}\.(?:[ก-ฮ]{1,3}\.){0,3}|[A-Z]{2,6})(?![A-Za-z])")
_ENGLISH = re.compile(
    r"((?:[Tt]he\s)?(?:Office|Department|Ministry|Institute|Bureau)\sof\s(?:the\s)?"
    r"[A-Z][\w’'-]+(?:\s(?:and\s|of\s|for\s)?[A-Z][\w’'-]+)*"
    r"|(?:Royal\sThai|National)\s[A-Z][\w-]+(?:\s[A-Z][\w-]+)*"
    r"|(?:[A-Z][\w-]+\s){1,5}(?:University|Authority|Municipality|Organi[sz]ation|Court|Hospital"
    r"|College|School|Province|Bank|Secretariat|Administration|Agency|Commission|Council"
    r"|Corporation|Fund|Cent(?:re|er)|Office|Department|Bureau)"
    r"(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w-]+(?:\s(?:and\s)?[A-Z][\w-]+)*)?"
    r"|(?:[A-Z][\w-]+\s){1,3}province\b)"
)
_FAMILY = re.compile(
    r"(?:ราชภัฏ|ราชมงคล|การกีฬาแห่งชาติ|วิทยาเขต|ส่งเสริมสุขภาพตำบล|การอาชีพ|(?:มัธยม|ประถม)ศึกษา\S+)$"
)
_FAMILY_SPACE = re.compile(r" ([ก-๎]{2,})")
_COMPANY = re.compile(r"\s?[ก-๎A-Za-z]+(?:\s[ก-๎A-Za-z]+)?\s?จำกัด(?:\s?\(มหาชน\))?")
_ZONE = re.compile(r"\s?เขต\s?\d{1,2}(?!\d)")
_THAI_RUN = re.compile(r"[ก-๎]+(?:\s?[-–]\s?[ก-๎]+)?")


@dataclass(frozen=True)
class Mention:
    """One place where the text names an agency."""

    name: str  # the full name (abbreviations expanded)
    kind: str
    line: int  # index into the lines
    start: int  # in the line's `plain` text
    end: int
    written: str


def agency_kind(name: str) -> str:
    """The kind key of an agency from its full name; "other" when it does not say."""
    local = local_kind(name)
    if local != "other":
        return local
    for prefix, kind, _full in KINDS:
        if name.startswith(prefix):
            return kind
    return "other"


def find_mentions(lines: list[Line]) -> list[Mention]:
    """Every agency the lines name, in order, abbreviations counted as their names."""
    aliases = dict(ABBREVIATIONS)
    mentions: list[Mention] = []
    for index, line in enumerate(lines):
        text = line.plain
        found = [*_thai_names(text, index), *_english_names(text, index)]
        for mention in found:
            alias = _defined_alias(text, mention.end)
            if alias:
                aliases[alias] = mention.name
        mentions.extend(found)
    taken = {(m.line, s) for m in mentions for s in range(m.start, m.end)}
    for index, line in enumerate(lines):
        for match in _ABBREV.finditer(line.plain):
            written = match.group(1)
            name = aliases.get(written) or aliases.get(written.rstrip("."))
            if name and (index, match.start()) not in taken:
                mentions.append(
                    Mention(name, agency_kind(name), index, match.start(), match.end(), written)
                )
        for written, name in _spelled_aliases(aliases):
            for match in re.finditer(re.escape(written), line.plain):
                if (index, match.start()) not in taken:
                    mentions.append(
                        Mention(name, agency_kind(name), index, match.start(), match.end(), written)
                    )
    mentions.sort(key=lambda m: (m.line, m.start))
    return mentions


def _spelled_aliases(aliases: dict[str, str]) -> list[tuple[str, str]]:
    """Aliases that are words, not dotted abbreviations ("ไทยพีบีเอส")."""
    return [(a, n) for a, n in aliases.items() if "." not in a and not a.isascii()]


def _thai_names(text: str, index: int) -> list[Mention]:
    found: list[Mention] = []
    position = 0
    for match in _PREFIXES.finditer(text):
        start = match.start()
        if start < position:
            continue
        before = text[max(0, start - 24) : start]
        glued = before and re.search(r"[ก-๎]$", before)
        if glued and not _GLUE.search(before):
            continue
        if _GROUP_BEFORE.search(before) or _CONSULTANT.search(before):
            continue
        written_prefix = match.group(0)
        prefix, kind, full = _KIND_OF[bare(written_prefix)]
        company = _COMPANY.match(text, match.end()) if prefix == "บริษัท" else None
        if company:  # "บริษัท ไปรษณีย์ไทย จำกัด": the one kind written with spaces
            name = "บริษัท " + " ".join(company.group(0).split())
            found.append(
                Mention(name, kind, index, start, company.end(), text[start : company.end()])
            )
            position = company.end()
            continue
        rest = text[match.end() :]
        rest_match = _THAI_RUN.match(rest.lstrip() if prefix.endswith(".") else rest)
        body = rest_match.group(0) if rest_match else ""
        stop = _STOP.search(body)
        if stop:
            body = body[: stop.start()]
        if prefix == "สำนักงาน" and re.match(r"\s?ป\.?\s?ป\.?\s?ช", rest):
            continue
        name = full + body
        end = match.end() + (len(rest) - len(rest.lstrip()) if prefix.endswith(".") else 0)
        end += len(body)
        family = _FAMILY.search(name)
        zone_next = _ZONE.match(text, end)
        campus = _FAMILY_SPACE.match(text, end) if family and not zone_next else None
        if family and campus and not _STOP.match(text, campus.start(1)):
            # "มหาวิทยาลัยราชภัฏ นครสวรรค์": a family name, a space, the place; an
            # education zone of two provinces keeps its space as officially written
            two_places = "ศึกษา" in family.group(0)
            name += (" " if two_places else "") + campus.group(1)
            end = campus.end()
        if len(skeleton(name)) - len(skeleton(full)) < 2 or _GENERIC.match(name):
            continue
        if _ASSESSOR.search(name):
            continue
        if kind == "province" and re.search(r"(?:อำเภอ|ตำบล)\S*\s?$", before):
            continue
        zone = _ZONE.match(text, end)  # "สำนักงานเขตพื้นที่การศึกษา… เขต 1"
        if zone:
            name += " " + " ".join(zone.group(0).split())
            end = zone.end()
        name = _hyphen(name)
        found.append(Mention(name, agency_kind(name), index, start, end, text[start:end]))
        position = end
    return found


def _hyphen(name: str) -> str:
    """Two place names joined by a hyphen keep the hyphen, without spaces round it."""
    return re.sub(r"\s*[-–]\s*", "-", name)


def _english_names(text: str, index: int) -> list[Mention]:
    found = []
    for match in _ENGLISH.finditer(text):
        name = re.sub(r"^(?:the|The|In|At|For|And|By)\s", "", match.group(1))
        if _ASSESSOR.search(name):
            continue
        found.append(Mention(name, "other", index, match.start(), match.end(), match.group(1)))
    return found


def _defined_alias(text: str, end: int) -> str | None:
    """ "… (สตง.)" or "… หรือ ไทยพีบีเอส" right after a name defines an abbreviation."""
    match = re.match(
        r"\s?\(\s?([ก-ฮ.]{2,12}|[A-Z]{2,6})\s?\)|\s?หรือ\s([ก-๎]{3,20}|[A-Z]{2,6})(?=\s|$)",
        text[end:],
    )
    if not match:
        return None
    alias = match.group(1) or match.group(2)
    return alias if not _ASSESSOR.search(alias) else None


def starts_like_a_name(word: str) -> bool:
    """True when the word begins with a kind of agency ("กรม…", "อบต.…")."""
    return bool(_PREFIXES.match(word))


# Looked up by the prefix without tone marks or sara am: a PDF may have lost them
# ("องค์การบริหารส่วนต�บล").
_KIND_OF = {bare(prefix): (prefix, kind, full) for prefix, kind, full in KINDS}
# "ศาลา" (a hall) is not a court.
_PREFIXES = tolerant(
    "|".join(re.escape(p) + ("(?!า)" if p == "ศาล" else "") for p, _k, _f in KINDS)
)
