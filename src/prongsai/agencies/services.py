"""Domain services: load, call the engine, persist. Views and commands call these."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai import library
from prongsai.agencies.models import Agency, Assessment, AssessmentVersion
from prongsai.engine import Registry, analysis_to_dict, analyze, framework_for, parse_results
from prongsai.engine.serialize import results_to_document


def save_assessment(
    *,
    agency: Agency,
    document: Mapping[str, Any],
    source: str = "",
    registry: Registry | None = None,
    user: Any = None,
) -> Assessment:
    """Check a results document with the engine and store it with its analysis.

    Raises `ResultsError` (nothing saved) when the document cannot be analysed.
    Replaces the agency's assessment of the same year; the replaced results are kept
    as an `AssessmentVersion`.
    """
    results = parse_results(document)  # the engine's work, before the write lock is taken
    framework = framework_for(registry or library.registry(), results)
    analysis = analyze(framework, results)
    values = {
        "framework": framework.key,
        "results": results_to_document(results),
        "analysis": analysis_to_dict(analysis),
        "source": source[:300],
    }
    with transaction.atomic():
        existing = (
            Assessment.objects.select_for_update()
            .filter(agency=agency, fiscal_year=results.fiscal_year)
            .first()
        )
        if existing is None:
            return Assessment.objects.create(
                agency=agency, fiscal_year=results.fiscal_year, **values
            )
        AssessmentVersion.objects.create(
            assessment=existing,
            results=existing.results,
            analysis=existing.analysis,
            source=existing.source,
            saved=existing.updated,
            replaced_by=user if getattr(user, "is_authenticated", False) else None,
        )
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return existing


def save_template(*, agency: Agency, kind: str, name: str, data: bytes, user: Any = None) -> None:
    """Keep an agency's own Word template after proving it renders a whole document.

    Raises `TemplateProblem` (nothing saved) for a file that is not a usable template.
    The trial render runs before the write transaction, which stays short.
    """
    from prongsai.agencies.models import DocumentTemplate
    from prongsai.documents.docx import check_template, trial_render

    check_template(data)
    trial_render(kind, data)
    DocumentTemplate.objects.update_or_create(
        agency=agency,
        kind=kind,
        defaults={
            "name": name[:200],
            "content": data,
            "uploaded_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )


def save_image(*, agency: Agency, kind: str, data: bytes, user: Any = None) -> None:
    """Keep the agency's emblem or logo. Raises `ImageProblem` (nothing saved) unless
    it is a PNG or JPEG of a printable size, told by its content."""
    from prongsai.agencies.models import AgencyImage
    from prongsai.documents.images import check_image

    content_type, width, height = check_image(data)
    AgencyImage.objects.update_or_create(
        agency=agency,
        kind=AgencyImage.Kind(kind),
        defaults={
            "content": data,
            "content_type": content_type,
            "width": width,
            "height": height,
            "uploaded_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )


def remove_image(*, agency: Agency, kind: str) -> None:
    for image in agency.images.filter(kind=kind):
        image.delete()


def save_issuer(*, agency: Agency, kind: str, unit: Any, phone: str = "") -> None:
    """Which unit (and phone) issues a kind of document; no unit: back to the default."""
    from prongsai.agencies.models import DocumentIssuer

    if unit is None:
        DocumentIssuer.objects.filter(agency=agency, kind=kind).delete()
        return
    if unit.agency_id != agency.pk:
        raise ValueError("the unit belongs to another agency")
    DocumentIssuer.objects.update_or_create(
        agency=agency, kind=kind, defaults={"unit": unit, "phone": phone.strip()}
    )


def save_document_texts(
    *, assessment: Any, introduction: str, recommendations: str, limitations: str
) -> None:
    """The year's free-text parts as the agency wrote them; a text equal to the default
    is stored empty, so a better default later still reaches it."""
    from prongsai.agencies.models import DocumentTexts
    from prongsai.agencies.queries import analysis_of
    from prongsai.documents.content import default_texts

    default = default_texts(analysis_of(assessment))
    given = {
        "introduction": introduction,
        "recommendations": recommendations,
        "limitations": limitations,
    }
    same = lambda a, b: a.split() == b.split()  # noqa: E731  (only spacing differs)
    DocumentTexts.objects.update_or_create(
        assessment=assessment,
        defaults={
            name: "" if same(text, getattr(default, name)) else text.strip()
            for name, text in given.items()
        },
    )


def ensure_default_units(*, agency: Agency) -> None:
    """Give an agency without units the usual ones for its kind (it edits them after)."""
    from prongsai.agencies.models import Unit
    from prongsai.agencies.queries import proposed_units

    Unit.objects.bulk_create(
        [
            Unit(agency=agency, name=name, order=order)
            for order, name in enumerate(proposed_units(agency), start=1)
        ]
    )


INVITATION_DAYS = 14


class MemberError(ValueError):
    """A membership change that cannot be made; the message is Thai for the user."""


def _give_role(*, user: Any, agency: Agency, role: str, unit: Any) -> Any:
    from prongsai.agencies.models import Membership

    membership, _ = Membership.objects.update_or_create(
        user=user,
        agency=agency,
        defaults={"role": role, "unit": unit if role == "unit_editor" else None},
    )
    return membership


def _new_user(*, username: str, full_name: str) -> tuple[Any, str]:
    """A new account with a one-time password its holder must change at first login."""
    import secrets

    from django.contrib.auth import get_user_model

    from prongsai.accounts.services import require_password_change

    password = secrets.token_urlsafe(9)
    user = get_user_model()(username=username, first_name=full_name[:150])
    user.set_password(password)
    user.save()
    require_password_change(user=user)
    return user, password


@transaction.atomic
def add_member(
    *, agency: Agency, username: str, role: str, unit: Any = None, full_name: str = ""
) -> tuple[Any, str | None]:
    """The operator's own path (the demo command): give a user, created if new, a role
    without asking them. Agency administrators invite (`invite_member`) or create a new
    account (`create_member`) instead. Returns the membership and a new user's password."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    password = None
    if user is None:
        user, password = _new_user(username=username, full_name=full_name)
    return _give_role(user=user, agency=agency, role=role, unit=unit), password


@transaction.atomic
def create_member(
    *, agency: Agency, username: str, role: str, unit: Any = None, full_name: str = ""
) -> tuple[Any, str]:
    """A new account that starts as a member of the agency; returns the membership and
    the password to hand over once. `MemberError` when the username is taken: an
    existing account is never taken over, it is invited (`invite_member`)."""
    from django.contrib.auth import get_user_model

    if get_user_model().objects.filter(username__iexact=username).exists():
        raise MemberError("สร้างบัญชีใหม่ด้วยชื่อผู้ใช้นี้ไม่ได้ กรุณาเลือกชื่ออื่น (หากผู้นั้นมีบัญชีอยู่แล้ว ให้ส่งคำเชิญแทน)")
    user, password = _new_user(username=username, full_name=full_name)
    return _give_role(user=user, agency=agency, role=role, unit=unit), password


@transaction.atomic
def invite_member(
    *, agency: Agency, username: str, role: str, unit: Any = None, by: Any
) -> tuple[Any, Any]:
    """Offer `role` in the agency to whoever holds `username`, valid INVITATION_DAYS;
    the same is stored whether or not such an account exists. Inviting the same name
    again renews its pending invitation. A current member of the agency (listed on the
    administrator's page already) has their role changed at once. Returns
    (membership, None) then, else (None, invitation)."""
    from prongsai.agencies.models import Invitation, Membership

    unit = unit if role == "unit_editor" else None
    membership = Membership.objects.filter(agency=agency, user__username=username).first()
    if membership is not None:
        return _give_role(user=membership.user, agency=agency, role=role, unit=unit), None
    now = timezone.now()
    invitation, _ = Invitation.objects.update_or_create(
        agency=agency,
        username=username,
        state=Invitation.State.PENDING,
        defaults={
            "role": role,
            "unit": unit,
            "invited": now,
            "invited_by": by if getattr(by, "is_authenticated", False) else None,
            "expires": now + timedelta(days=INVITATION_DAYS),
        },
    )
    return None, invitation


def _open_invitation(invitation_id: int, user: Any) -> Any:
    """The user's own pending, unexpired invitation, locked; `MemberError` otherwise."""
    from prongsai.agencies.models import Invitation

    invitation = (
        Invitation.objects.waiting()
        .select_for_update()
        .filter(pk=invitation_id, username=user.get_username())
        .first()
    )
    if invitation is None:
        raise MemberError("ไม่พบคำเชิญนี้ หรือคำเชิญหมดอายุหรือถูกยกเลิกแล้ว")
    return invitation


@transaction.atomic
def answer_invitation(*, invitation_id: int, user: Any, accept: bool) -> Any:
    """The invited user accepts (the membership is made, or their role there changed)
    or declines. Returns the membership when accepted."""
    from prongsai.agencies.models import Invitation

    invitation = _open_invitation(invitation_id, user)
    invitation.state = Invitation.State.ACCEPTED if accept else Invitation.State.DECLINED
    invitation.answered = timezone.now()
    invitation.save()
    if not accept:
        return None
    return _give_role(
        user=user, agency=invitation.agency, role=invitation.role, unit=invitation.unit
    )


@transaction.atomic
def withdraw_invitation(*, agency: Agency, invitation_id: int) -> bool:
    """The administrator takes back a pending invitation. Returns whether one was."""
    from prongsai.agencies.models import Invitation

    invitation = (
        Invitation.objects.select_for_update()
        .filter(agency=agency, pk=invitation_id, state=Invitation.State.PENDING)
        .first()
    )
    if invitation is None:
        return False
    invitation.state = Invitation.State.WITHDRAWN
    invitation.answered = timezone.now()
    invitation.save()
    return True


@transaction.atomic
def publish_assessment(*, assessment: Assessment, published: bool) -> None:
    """Show the year's analysis on the public page, or take it off."""
    assessment.published = timezone.now() if published else None
    assessment.save(update_fields=["published"])


@transaction.atomic
def remove_member(*, agency: Agency, membership_id: int, by: Any) -> bool:
    """Take a member out of the agency; nobody removes themself (they would lock out the
    last administrator). Returns whether someone was removed."""
    from prongsai.agencies.models import Membership

    membership = Membership.objects.filter(agency=agency, pk=membership_id).exclude(user=by).first()
    if membership is None:
        return False
    membership.delete()
    return True


@transaction.atomic
def remove_template(*, agency: Agency, kind: str) -> None:
    """Go back to the built-in Word template of a document kind."""
    from prongsai.agencies.models import DocumentTemplate

    for template in DocumentTemplate.objects.filter(agency=agency, kind=kind):
        template.delete()
