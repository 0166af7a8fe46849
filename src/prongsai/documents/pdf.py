"""PDF: the content through HTML templates and WeasyPrint, with the vendored fonts
embedded. WeasyPrint needs Pango from the system; without it the app still runs and
this module says exactly what to install."""

from __future__ import annotations

import base64
import re
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from prongsai.documents.chart import indicator_chart
from prongsai.documents.pdf_text import fix_thai_text_layer
from prongsai.thai.agencies import NAME_PREFIXES

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
FONT_FILES = {"regular": "SarabunTHCompat-Regular.ttf", "bold": "SarabunTHCompat-Bold.ttf"}
APT_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# "พ.ศ. ๒๕๖๖", "ก.ย. ๖๖" and "๑๒ เดือน": content joins them with a no-break space.
_JOINED = (
    "พ\\.ศ\\.\u00a0[0-9๐-๙]{4}",
    "[ก-๎]{1,3}\\.[ก-ฮ]\\.\u00a0[0-9๐-๙]{2}",
    "(?:รอบ\u00a0)?[0-9๐-๙]+\u00a0เดือน",
)
# Words Pango's Thai dictionary (libthai 0.1.29) cuts in two although no line may end
# inside them (it reads คำถาม as คำ|ถาม, กองคลัง as กอง|คลัง); the agency's own place
# names (คอน|นิ|ม) are added for each document. tests/unit/test_documents_ready.py reads
# the lines of every example document and finds none of them split.
KEEP_WHOLE_WORDS = (
    "คำถาม",
    "ระยะเวลา",
    "กองคลัง",
    "กองช่าง",
    "ดำเนินงาน",
    "ดำเนินการ",
    "ผู้รับผิดชอบ",
    "สำนักปลัด",
    "ผู้รับบริการ",
    "เว็บไซต์",
    "หน่วยงาน",
    "ตัวชี้วัด",
    "ผู้บริหาร",
    "ความเสี่ยง",
    "ภาครัฐ",
    "ของกำนัล",
)
_PLACE_PREFIXES = ("อำเภอ", "จังหวัด", "ตำบล")


@lru_cache(maxsize=64)
def _keep_whole_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [*_JOINED, *(re.escape(w) for w in sorted(set(words), key=len, reverse=True))]
    return re.compile("|".join(alternatives))


def place_names(agency: dict[str, Any]) -> tuple[str, ...]:
    """The agency's own names (คอนนิม, เวียงใหญ่, ขอนแก่น): no dictionary knows them."""
    names = []
    for prefix, _kind, _full in NAME_PREFIXES:
        if agency.get("name", "").startswith(prefix):
            names.append(agency["name"][len(prefix) :].strip())
            break
    for part in agency.get("place", "").split():
        names.append(next((part[len(p) :] for p in _PLACE_PREFIXES if part.startswith(p)), part))
    return tuple(n for n in names if len(n) > 1)


_THAI_LETTER = re.compile("[ก-ฮะ-ฺเ-ๅ็-๎]")
_whole_words: ContextVar[tuple[str, ...]] = ContextVar("whole_words", default=KEEP_WHOLE_WORDS)


def _keep_whole(value: Any) -> Any:
    """Pango breaks Thai lines even at a no-break space and inside words its dictionary
    lacks: a nowrap span keeps "พ.ศ. ๒๕๖๖", "ก.ย. ๖๖", "๑๒ เดือน" and the words above on
    one line in every text the templates print."""
    if not isinstance(value, str) or isinstance(value, Markup) or not value:
        return value  # Markup is done already: a macro's output, a title made plain
    text = str(escape(value))
    wrapped = _keep_whole_pattern(_whole_words.get()).sub(lambda m: _span(m, text), text)
    wrapped = wrapped.replace("<wbr><wbr>", "<wbr>")
    return value if wrapped == text else Markup(wrapped)


def _span(match: re.Match[str], text: str) -> str:
    """A nowrap span; a word inside a run of Thai keeps a line break before and after it
    (<wbr>: the span itself would glue it to its neighbours)."""
    before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
    thai_word = "\u00a0" not in match.group()
    return (
        ("<wbr>" if thai_word and _THAI_LETTER.match(before) else "")
        + f'<span class="nowrap">{match.group()}</span>'
        + ("<wbr>" if thai_word and _THAI_LETTER.match(after) else "")
    )


_environment = Environment(
    loader=FileSystemLoader(HERE / "templates" / "html"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_keep_whole,
)


def image_type(data: bytes) -> str:
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


_THAI = re.compile("[\u0e00-\u0e7f]")
_full_text: ContextVar[str | None] = ContextVar("full_text", default=None)


def _break_thai_on_whole_text() -> None:
    """Thai lines must break where the whole paragraph's words end.

    To save time WeasyPrint lays out only the first few dozen characters of a text to
    find where its first line ends (`split_first_line`, step 1). For Thai that cut lands
    inside a word, and Pango's dictionary (libthai) then reads the cut-off word as
    shorter words: "…การทุ|จ" lets the line end in "การทุ", and the PDF says "การทุ" /
    "จริต". Here every layout `split_first_line` asks for is made of the whole text it
    was given once the cut text is known to need two lines (a paragraph is a few hundred
    characters at most), so each break comes from the segmentation of whole words."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    if getattr(line_break, "_prongsai_whole_text", False):
        return
    split_first_line, create_layout = line_break.split_first_line, line_break.create_layout

    def whole_create_layout(text: str, *args: Any, **kwargs: Any) -> Any:
        layout = create_layout(text, *args, **kwargs)
        full = _full_text.get()
        if full is not None and len(text) < len(full) and full.startswith(text):
            _line, resume_index = layout.get_first_line()
            if resume_index is not None:
                # the cut text needs two lines, so the whole text's first line ends
                # inside it too, at a break between whole words
                layout.set_text(full)
        return layout

    def whole_split_first_line(text: str, *args: Any, **kwargs: Any) -> Any:
        token = _full_text.set(text if _THAI.search(text) else None)
        try:
            return split_first_line(text, *args, **kwargs)
        finally:
            _full_text.reset(token)

    line_break.create_layout = whole_create_layout
    for module in (line_break, inline, preferred):
        module.split_first_line = whole_split_first_line  # type: ignore[attr-defined]
    line_break._prongsai_whole_text = True  # type: ignore[attr-defined]


class PdfUnavailable(RuntimeError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            f"สร้าง PDF ไม่ได้: เครื่องนี้ไม่มีไลบรารีที่ WeasyPrint ต้องใช้ ให้ติดตั้งด้วย "
            f"'apt-get install {APT_PACKAGES}' / cannot make PDFs: WeasyPrint's system libraries "
            f"are missing; install them with 'apt-get install {APT_PACKAGES}' ({reason})"
        )


def render_html(
    content: dict[str, Any],
    *,
    fonts: dict[str, str] | None = None,
    page: dict[str, Any] | None = None,
) -> str:
    """The document as HTML. For the web, `fonts` gives the URL each of FONT_FILES is served at
    and `page` adds a screen-only header with links (PDFs are rendered for print)."""
    chart = ""
    if "analysis" in content and content["kind"] in ("analysis", "analysis+measures"):
        png = indicator_chart(content["analysis"], content["thai_digits"])
        chart = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    images = {
        name: f"data:{image_type(data)};base64," + base64.b64encode(data).decode("ascii")
        for name, data in content.get("images", {}).items()
        if data
    }
    template = _environment.get_template(f"{content['kind']}.html")
    if fonts is None:
        fonts = {weight: (FONTS / name).as_uri() for weight, name in FONT_FILES.items()}
    token = _whole_words.set(KEEP_WHOLE_WORDS + place_names(content.get("agency", {})))
    try:
        return template.render(c=content, chart=chart, fonts=fonts, page=page, images=images)
    finally:
        _whole_words.reset(token)


def render_pdf(content: dict[str, Any]) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # libpango missing: the import itself fails
        raise PdfUnavailable(str(exc).splitlines()[0]) from exc
    _break_thai_on_whole_text()
    document = HTML(string=render_html(content), base_url=str(HERE))
    return fix_thai_text_layer(bytes(document.write_pdf()))
