"""All of prongsai's URLs: the workbench, the public pages, the API, login and admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from prongsai.accounts.services import email_configured
from prongsai.api.main import api
from prongsai.web.views.login import LoginView


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, the survey)."""
    return redirect(static("web/favicon.svg"), permanent=True)


urlpatterns = [
    # the public pages first: the survey's answer pages take the most requests of all,
    # and resolving walks the patterns in order
    path("", include("prongsai.public.urls")),
    path("", include("prongsai.web.urls")),
    path("api/", api.urls),
    path(
        "login/",
        LoginView.as_view(extra_context={"email_reset": email_configured()}),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]

admin.site.site_header = "prongsai — โปร่งใส"
admin.site.site_title = "prongsai"
admin.site.index_title = "การจัดการข้อมูล"
