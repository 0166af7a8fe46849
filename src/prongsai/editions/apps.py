from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "prongsai.editions"
    label = "editions"
    verbose_name = "ITA framework editions"
