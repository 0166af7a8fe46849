"""Login: Django's page with prongsai's template. Repeated failures pause the login
through django-axes (web/login_limits.py), here and on /admin/login/ alike."""

from __future__ import annotations

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
