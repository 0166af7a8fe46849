"""Demo data: the seed agencies with their real results, and an administrator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from prongsai import paths
from prongsai.agencies.models import Agency, kind_from_name
from prongsai.agencies.services import save_assessment
from prongsai.engine.yamlio import load_yaml

ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str


@transaction.atomic
def load_demo() -> DemoLogin:
    """Create or refresh the demo agencies and reset the demo administrator's password."""
    folder = paths.examples_dir()
    listing = load_yaml((folder / "demo-agencies.yaml").read_text(encoding="utf-8"))
    for entry in listing["agencies"]:
        agency, _ = Agency.objects.update_or_create(
            name=entry["name"],
            defaults={
                "kind": kind_from_name(entry["name"]),
                "province": entry.get("province", ""),
                "district": entry.get("district", ""),
            },
        )
        for filename in entry["results"]:
            document = load_yaml((folder / filename).read_text(encoding="utf-8"))
            save_assessment(agency=agency, document=document, source=f"examples/{filename}")
    password = secrets.token_urlsafe(9)
    user, _ = get_user_model().objects.get_or_create(username=ADMIN_USERNAME)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return DemoLogin(ADMIN_USERNAME, password)
