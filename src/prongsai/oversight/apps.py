from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "prongsai.oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from prongsai.oversight import signals  # noqa: F401  keeps the standings current
