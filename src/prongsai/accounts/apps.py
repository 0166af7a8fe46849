from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.accounts"
    label = "accounts"
    verbose_name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from prongsai.accounts.services import note_duty_at_login

        user_logged_in.connect(note_duty_at_login, dispatch_uid="prongsai-password-duty")
