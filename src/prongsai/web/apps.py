from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "prongsai.web"
    verbose_name = "prongsai"

    def ready(self) -> None:
        from prongsai.web import buddhist_era

        buddhist_era.install()
