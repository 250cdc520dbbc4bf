from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import DirectoryEntry, Invitation, User


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
