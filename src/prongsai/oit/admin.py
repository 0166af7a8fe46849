from django.contrib import admin

from prongsai.oit.models import Workspace


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ("agency", "fiscal_year", "framework", "created")
    list_filter = ("fiscal_year", "framework")
    readonly_fields = ("framework", "created", "created_by")
