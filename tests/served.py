"""An agency for a test that drives a real server: run as
`python -m tests.served USERS` with DJANGO_SETTINGS_MODULE=tests.settings_served after
`migrate`. It makes an approved plan with one measure per user, a progress round, and
coordinators `writer1`… (password `pw-for-tests`), and prints the agency's id."""

from __future__ import annotations

import sys
from datetime import date


def seed(users: int) -> int:
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Agency, AgencyKind, Membership
    from prongsai.agencies.services import ensure_default_units
    from prongsai.plans import services
    from prongsai.plans.models import Measure

    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO)
    ensure_default_units(agency=agency)
    unit = agency.units.first()
    writers = []
    for number in range(1, users + 1):
        user = get_user_model().objects.create_user(f"writer{number}", password="pw-for-tests")
        Membership.objects.create(user=user, agency=agency, role="coordinator")
        writers.append(user)
    plan = services.plan_for(agency=agency, fiscal_year=2566)
    for number in range(1, users + 1):
        measure = Measure.objects.create(
            plan=plan,
            number=number,
            title=f"มาตรการที่ {number}",
            steps="ขั้นที่หนึ่ง",
            start=date(2022, 10, 1),
            end=date(2023, 9, 1),
            follow_up="รายงานรอบ ๖ เดือน",
        )
        measure.units.set([unit])
    services.submit(plan=plan, user=writers[0])
    services.approve(plan=plan, user=writers[0])
    services.open_round(plan=plan, months=6, as_of=date(2023, 3, 31))
    return agency.pk


if __name__ == "__main__":
    import django

    django.setup()
    print(seed(int(sys.argv[1])))
