from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    verbose_name = _("Measures and progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.plans import signals  # noqa: F401 - connects the receivers
