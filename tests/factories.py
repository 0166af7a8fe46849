"""Test data factories (factory_boy): one call makes a valid object with its parents."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from prongsai.agencies.models import Agency, AgencyKind, Membership, Unit

PASSWORD = "pw-for-tests"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"องค์การบริหารส่วนตำบลทดสอบ{n}")
    kind = AgencyKind.SAO
    province = "ขอนแก่น"
    district = "เวียงใหญ่"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"กองทดสอบ{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "viewer"
