from django.contrib import admin

from prongsai.plans.models import MeasureTemplate, Plan


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(admin.ModelAdmin):
    """The measure library that "suggest measures" draws from: administrators edit it."""

    list_display = ("title", "indicator", "theme", "unit_hint", "active")
    list_filter = ("indicator", "active")
    search_fields = ("title", "theme", "keywords")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("agency", "fiscal_year", "status", "approved", "published")
    list_filter = ("status", "fiscal_year")
    readonly_fields = ("submitted", "submitted_by", "approved", "approved_by", "published")
