"""Roles arrive for members of oversight bodies: everyone who sat in a body before
stays in it, as a reader (the members list's table becomes the members' table)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("oversight", "0002_standings_of_existing_assessments")]


@pytest.mark.django_db(transaction=True)
def test_members_of_a_body_stay_in_it_as_readers():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="prapa")
    body = old.get_model("oversight", "Body").objects.create(
        name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น"
    )
    body.members.add(user)

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    members = new.get_model("oversight", "BodyMember").objects
    assert list(members.values_list("body__name", "user__username", "role")) == [
        ("จังหวัดขอนแก่น", "prapa", "reader")
    ]
