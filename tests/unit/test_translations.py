"""Every Thai message in the .po file is in the compiled .mo that Django reads."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "src/prongsai/locale/th/LC_MESSAGES/django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid", 1)[1]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        yield msgid, msgstr


def test_every_message_is_translated_and_compiled():
    found = list(entries())
    assert len(found) > 40
    with translation.override("th"):
        for msgid, msgstr in found:
            assert msgstr, f"untranslated: {msgid}"
            assert translation.gettext(msgid) == msgstr, f"django.mo is stale for: {msgid}"
