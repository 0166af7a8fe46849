from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "prongsai.agencies"
    verbose_name = _("Agencies and ITA results")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model

        # Accounts too (who was made staff or deactivated), never their password hash.
        auditlog.register(get_user_model(), exclude_fields=["password", "last_login"])
