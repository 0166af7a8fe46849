"""PDF: the content through HTML templates and WeasyPrint, with the vendored fonts
embedded. WeasyPrint needs Pango from the system; without it the app still runs and
this module says exactly what to install."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from prongsai.documents.chart import indicator_chart
from prongsai.documents.pdf_text import fix_thai_text_layer

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
FONT_FILES = {"regular": "SarabunTHCompat-Regular.ttf", "bold": "SarabunTHCompat-Bold.ttf"}
APT_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# "พ.ศ. ๒๕๖๖" and "ก.ย. ๖๖": content joins them with a no-break space.
_KEEP_WHOLE = re.compile("(พ\\.ศ\\.\u00a0[0-9๐-๙]{4}|[ก-๎]{1,3}\\.[ก-ฮ]\\.\u00a0[0-9๐-๙]{2})")


def _keep_years_whole(value: Any) -> Any:
    """Pango breaks Thai lines even at a no-break space; a nowrap span keeps
    "พ.ศ. ๒๕๖๖" and "ก.ย. ๖๖" on one line in every text the templates print."""
    if not isinstance(value, str) or "\u00a0" not in value:
        return value
    return Markup(_KEEP_WHOLE.sub(r'<span class="nowrap">\1</span>', str(escape(value))))


_environment = Environment(
    loader=FileSystemLoader(HERE / "templates" / "html"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_keep_years_whole,
)


def image_type(data: bytes) -> str:
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


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
    return template.render(c=content, chart=chart, fonts=fonts, page=page, images=images)


def render_pdf(content: dict[str, Any]) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # libpango missing: the import itself fails
        raise PdfUnavailable(str(exc).splitlines()[0]) from exc
    document = HTML(string=render_html(content), base_url=str(HERE))
    return fix_thai_text_layer(bytes(document.write_pdf()))
