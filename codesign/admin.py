from django.contrib import admin


class RecordAdmin(admin.ModelAdmin):
    """A record kept to show what was done (who looked, an erasure, a new-password link):
    read only, so that it stays a true record."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
