"""Forms of the pulse-survey pages (Thai labels: the workbench is Thai-first)."""

from __future__ import annotations

from django import forms

from prongsai.web.forms.fields import BEDateField

TOOLS = [("IIT", "IIT — บุคลากรของหน่วยงาน"), ("EIT", "EIT — ผู้รับบริการ/ผู้มาติดต่อ")]


class SurveyForm(forms.Form):
    tool = forms.ChoiceField(label="แบบวัด", choices=TOOLS)
    fiscal_year = forms.IntegerField(label="ปีการประเมิน ITA (พ.ศ.)", min_value=2563, max_value=2700)
    population = forms.IntegerField(
        label="จำนวนผู้มีส่วนได้ส่วนเสีย (คน)", min_value=0, max_value=10_000_000, required=False
    )
    closes_on = BEDateField(label="ปิดรับคำตอบวันที่", required=False)


class SurveySettingsForm(forms.Form):
    population = forms.IntegerField(
        label="จำนวนผู้มีส่วนได้ส่วนเสีย (คน)", min_value=0, max_value=10_000_000, required=False
    )
    closes_on = BEDateField(label="ปิดรับคำตอบวันที่", required=False)
    min_answers = forms.IntegerField(
        label="แสดงผลเมื่อมีคำตอบอย่างน้อย (คำตอบ)", min_value=5, max_value=1000, initial=5
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(label="จำนวนรหัส", min_value=1, max_value=1000, initial=30)
