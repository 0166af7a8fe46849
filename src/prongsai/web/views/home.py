from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.agencies.access import agencies_for
from prongsai.agencies.queries import invitations_for
from prongsai.oversight.queries import bodies_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The agencies the user works for (a provincial officer has several)."""
    agencies = agencies_for(request.user).prefetch_related("assessments").order_by("name")
    bodies = bodies_for(request.user)
    context = {"agencies": agencies, "bodies": bodies, "invitations": invitations_for(request.user)}
    return render(request, "web/home.html", context)
