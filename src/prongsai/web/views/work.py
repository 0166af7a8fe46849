"""My work: what waits for the signed-in user in each agency, by their role there."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from prongsai.plans import queries


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    work = queries.my_work(request.user, timezone.localdate())
    return render(request, "web/work.html", {"work": work})
