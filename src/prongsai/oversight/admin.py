"""Site administrators create oversight bodies and say who sits in them."""

from __future__ import annotations

from django.contrib import admin

from prongsai.oversight.models import Body


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "district")
    list_filter = ("kind",)
    search_fields = ("name", "province", "district")
    autocomplete_fields = ("agencies", "members")
    fields = ("name", "kind", "province", "district", "kinds", "agencies", "members")
