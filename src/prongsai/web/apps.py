from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "prongsai.web"
    verbose_name = "prongsai"
