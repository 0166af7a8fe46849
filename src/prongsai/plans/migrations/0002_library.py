"""Seed the measure library from library.yaml (administrators edit it afterwards)."""

from django.db import migrations


def seed(apps, schema_editor):
    from prongsai.plans.library import library_rows

    template = apps.get_model("plans", "MeasureTemplate")
    if not template.objects.exists():
        template.objects.bulk_create([template(**row) for row in library_rows()])


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
