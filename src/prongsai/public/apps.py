from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "prongsai.public"
    label = "public"
    verbose_name = "prongsai public pages"
