"""A background job's page (a progress bar) and the status it polls."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from prongsai.agencies.access import found
from prongsai.jobs import queries


@login_required
def job_page(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = found(queries.job_for(request.user, job_id))
    return render(request, "web/job.html", {"job": job, "status": queries.status(job)})


@login_required
def job_status(request: HttpRequest, job_id: UUID) -> JsonResponse:
    job = found(queries.job_for(request.user, job_id))
    return JsonResponse(queries.status(job))
