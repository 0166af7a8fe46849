from django.contrib import admin

from prongsai.surveys.models import SampleRule


@admin.register(SampleRule)
class SampleRuleAdmin(admin.ModelAdmin):
    list_display = ("framework", "tool", "percent", "minimum", "maximum", "verified", "source")
