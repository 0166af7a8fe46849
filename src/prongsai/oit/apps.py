from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OitConfig(AppConfig):
    name = "prongsai.oit"
    verbose_name = _("OIT evidence")
    default_auto_field = "django.db.models.BigAutoField"
