"""Members of a body get a role (reader or manager). The members list's table is kept
as the new model's table, so everyone who sat in a body stays in it, as a reader."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0002_standings_of_existing_assessments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BodyMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "body",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="oversight.body",
                                verbose_name="oversight body",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "member of an oversight body",
                        "verbose_name_plural": "members of oversight bodies",
                        "db_table": "oversight_body_members",
                        "unique_together": {("body", "user")},
                    },
                ),
                migrations.AlterField(
                    model_name="body",
                    name="members",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="oversight_bodies",
                        through="oversight.BodyMember",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="members",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="bodymember",
            name="role",
            field=models.CharField(
                choices=[("reader", "reader"), ("manager", "manager (imports results)")],
                default="reader",
                max_length=16,
                verbose_name="role",
            ),
        ),
    ]
