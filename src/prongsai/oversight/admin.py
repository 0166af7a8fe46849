"""Site administrators create oversight bodies and say who sits in them, and as what."""

from __future__ import annotations

from django.contrib import admin

from prongsai.oversight.models import Body, BodyMember


class MemberInline(admin.TabularInline):
    model = BodyMember
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "district")
    list_filter = ("kind",)
    search_fields = ("name", "province", "district")
    autocomplete_fields = ("agencies",)
    fields = ("name", "kind", "province", "district", "kinds", "agencies")
    inlines = (MemberInline,)
