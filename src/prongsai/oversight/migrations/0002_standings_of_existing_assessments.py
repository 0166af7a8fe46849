"""Give every assessment saved before the oversight app its standing."""

from django.db import migrations


def forwards(apps, schema_editor):
    from prongsai.oversight.standing import standing_values

    Assessment = apps.get_model("agencies", "Assessment")
    Standing = apps.get_model("oversight", "Standing")
    rows = []
    for assessment in Assessment.objects.select_related("agency").iterator(chunk_size=500):
        agency = assessment.agency
        rows.append(
            Standing(
                assessment=assessment,
                agency=agency,
                fiscal_year=assessment.fiscal_year,
                kind=agency.kind,
                province=agency.province,
                district=agency.district,
                generated=assessment.source.startswith("generated:"),
                **standing_values(assessment.analysis),
            )
        )
    Standing.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
