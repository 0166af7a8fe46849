"""Every Thai message in the .po file is in the compiled .mo that Django reads."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "src/prongsai/locale/th/LC_MESSAGES/django.po"


def strings(text):
    return "".join(re.findall(r'"(.*)"', text))


def entries():
    """(msgid, msgid_plural or None, msgstr) of each entry."""
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        head, _sep, msgstr = block.partition("msgstr")
        msgid = head.split("msgid", 1)[1]
        plural = None
        if "msgid_plural" in msgid:
            msgid, plural = msgid.split("msgid_plural")
            plural = strings(plural)
            msgstr = msgstr.partition("]")[2]  # msgstr[0]: Thai has one form
        yield strings(msgid), plural, strings(msgstr)


def test_every_message_is_translated_and_compiled():
    found = list(entries())
    assert len(found) > 40
    with translation.override("th"):
        for msgid, plural, msgstr in found:
            assert msgstr, f"untranslated: {msgid}"
            got = (
                translation.gettext(msgid)
                if plural is None
                else translation.ngettext(msgid, plural, 2)
            )
            assert got == msgstr, f"django.mo is stale for: {msgid}"


def test_django_validation_messages_are_thai():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField(max_length=5)
        score = forms.DecimalField(max_digits=4, decimal_places=1, required=False)
        count = forms.IntegerField()

    with translation.override("th"):
        form = Form({"name": "ยาวเกินไปมาก", "score": "1.25"})
        assert form.errors == {
            "name": ["ต้องยาวไม่เกิน 5 ตัวอักษร (ตอนนี้มี 12 ตัวอักษร)"],
            "score": ["ทศนิยมต้องไม่เกิน 1 ตำแหน่ง"],
            "count": ["กรุณากรอกช่องนี้"],
        }
