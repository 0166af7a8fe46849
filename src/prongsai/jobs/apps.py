from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "prongsai.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
