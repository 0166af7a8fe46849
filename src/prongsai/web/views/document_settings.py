"""What an agency sets for its documents: the unit that issues each kind, its ครุฑ
emblem and logo; and, for each ITA year, the report's free-text parts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, require
from prongsai.cycle import DOCUMENT_KINDS
from prongsai.documents.images import MAX_BYTES, ImageProblem
from prongsai.web.forms.documents import DocumentTextsForm, IssuerForm
from prongsai.web.views import found

# The memo names the unit chosen for the document it sends, else the one for memos.
ISSUED_KINDS = ("memo", "analysis", "measures", "progress")


@login_required
def document_settings(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    data = request.POST if request.method == "POST" else None
    if data is not None:  # a GET writes nothing
        services.ensure_default_units(agency=agency)
    chosen = queries.issuers(agency)
    forms = [
        (
            kind,
            DOCUMENT_KINDS[kind][0],
            IssuerForm(
                agency,
                data,
                prefix=kind,
                initial={"unit": chosen[kind].unit_id, "phone": chosen[kind].phone}
                if kind in chosen
                else {},
            ),
        )
        for kind in ISSUED_KINDS
    ]
    if data is not None and all(form.is_valid() for _kind, _label, form in forms):
        with transaction.atomic():
            for kind, _label, form in forms:
                services.save_issuer(agency=agency, kind=kind, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("document_settings", agency_id=agency.pk)
    return render(
        request,
        "documents/settings.html",
        {
            "agency": agency,
            "forms": forms,
            "images": queries.agency_images(agency),
        },
    )


@require_POST
@login_required
def upload_image(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    if kind not in queries.IMAGE_KINDS:
        raise Http404
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a PNG or JPEG image."))
    elif upload.size > MAX_BYTES:
        messages.error(request, _("The image is larger than 2 MB."))
    else:
        try:
            services.save_image(agency=agency, kind=kind, data=upload.read(), user=request.user)
        except ImageProblem as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The image is saved; the built-in documents place it."))
    return redirect("document_settings", agency_id=agency.pk)


@require_POST
@login_required
def remove_image(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    services.remove_image(agency=agency, kind=kind)
    return redirect("document_settings", agency_id=agency.pk)


@login_required
def agency_image(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id).agency
    image = found(queries.agency_image(agency, kind))
    response = HttpResponse(bytes(image.content), content_type=image.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_texts(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.RESULTS).agency
    assessment = found(queries.assessment_of(agency, year))
    form = DocumentTextsForm(request.POST or None, initial=queries.document_texts(assessment))
    if request.method == "POST" and form.is_valid():
        services.save_document_texts(assessment=assessment, **form.cleaned_data)
        messages.success(request, _("Saved. The year's documents use these texts."))
        return redirect("document_texts", agency_id=agency.pk, year=year)
    context = {"agency": agency, "year": year, "form": form}
    return render(request, "documents/texts.html", context)
