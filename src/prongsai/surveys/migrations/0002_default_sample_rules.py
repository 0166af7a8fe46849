"""The only known minimum-sample rule (a school variant of ITA 2564), for every edition,
marked unverified: an administrator replaces it when NACC's own rule is known."""

from decimal import Decimal

from django.db import migrations

SOURCE = "คู่มือ ITA 2564 ของสถานศึกษา (OVEC/OBEC) — ยังไม่ยืนยันว่าใช้กับหน่วยงานอื่น"
RULES = [("EIT", Decimal(10), 30, 400), ("IIT", Decimal(0), 25, None)]


def add(apps, schema_editor):
    SampleRule = apps.get_model("surveys", "SampleRule")
    for tool, percent, minimum, maximum in RULES:
        SampleRule.objects.get_or_create(
            framework="*",
            tool=tool,
            defaults={
                "percent": percent,
                "minimum": minimum,
                "maximum": maximum,
                "verified": False,
                "source": SOURCE,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("surveys", "SampleRule").objects.filter(framework="*").delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
