from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "prongsai.surveys"
    verbose_name = _("Pulse surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.surveys import signals  # noqa: F401 - connects the receivers
