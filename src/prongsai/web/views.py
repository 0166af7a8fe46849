from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.agencies.models import Agency


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # Staff see every agency; per-agency roles arrive with the workbench.
    agencies = (
        Agency.objects.prefetch_related("assessments").order_by("name")
        if request.user.is_staff
        else Agency.objects.none()
    )
    return render(request, "web/home.html", {"agencies": agencies})
