from django.contrib import admin

from .models import Pack


@admin.register(Pack)
class PackAdmin(admin.ModelAdmin):
    """For looking into a pack that failed; packs are asked for and made on the site."""

    list_display = ("programme", "kind", "session", "status", "pages", "attempts", "requested_at")
    list_filter = ("status", "kind")
    list_select_related = ("programme", "session__workshop")
    readonly_fields = [field.name for field in Pack._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
