from django.contrib import admin

from .models import Erasure


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The record of erasures: read only, so that it stays a true record. It holds no words
    of the person's, not even their name."""

    list_display = ("at", "kind", "user_number", "programme", "kept_shared_work", "by_self")
    list_filter = ("kind", "by_self")
    list_select_related = ("programme",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
