from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from codesign.admin import RecordAdmin

from .models import DirectoryEntry, Invitation, PasswordLink, User


@admin.register(User)
class CodesignUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (None, {"fields": ("display_name", "can_start_programmes")}),
    )
    list_display = ("username", "display_name", "email", "can_start_programmes", "is_staff")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "role", "created_at", "expires_at", "accepted_at")
    list_filter = ("role",)
    readonly_fields = ("token_hash", "accepted_by", "accepted_at", "emailed_at")


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "what_i_do", "user", "updated_at")
    search_fields = ("name", "organisation", "what_i_do", "user__username")
    raw_id_fields = ("user",)
    readonly_fields = ("updated_at",)


@admin.register(PasswordLink)
class PasswordLinkAdmin(RecordAdmin):
    """The record of new-password links: read only, so that it stays a true record."""

    list_display = ("user", "made_by_name", "programme", "created_at", "used_at", "seen_at")
    list_filter = ("created_at",)
    search_fields = ("user__username", "made_by_name")
