from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.agencies.access import agencies_for
from prongsai.agencies.queries import invitations_for, matching, with_assessments
from prongsai.oversight.queries import bodies_for

# A provincial officer has a few agencies; a system administrator of a province, thousands.
PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The agencies the user works for, searchable by name, district or province."""
    search = request.GET.get("q", "").strip()[:100]
    agencies = matching(agencies_for(request.user), search)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    bodies = bodies_for(request.user)
    agencies_shown = with_assessments(page.object_list)
    context = {"page": page, "agencies": agencies_shown, "bodies": bodies, "search": search}
    context["invitations"] = invitations_for(request.user)
    return render(request, "web/home.html", context)
