from django.contrib import admin

from .models import (
    Activity,
    Attendance,
    GlossaryTerm,
    GroundRule,
    Membership,
    Method,
    Pack,
    Programme,
    Session,
    Workshop,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


class WorkshopInline(admin.StackedInline):
    model = Workshop
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "created_at")
    search_fields = ("name", "organisation")
    inlines = [MembershipInline, WorkshopInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ("order", "title", "minutes", "lead")
    raw_id_fields = ("lead",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("workshop", "date", "starts_at", "venue")
    list_select_related = ("workshop__programme",)
    inlines = [ActivityInline]


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ("title", "minutes", "summary")


@admin.register(Pack)
class PackAdmin(admin.ModelAdmin):
    """For looking into a pack that failed; packs are asked for and made on the site."""

    list_display = ("programme", "kind", "session", "status", "pages", "attempts", "requested_at")
    list_filter = ("status", "kind")
    list_select_related = ("programme", "session__workshop")
    readonly_fields = [field.name for field in Pack._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


admin.site.register([GroundRule, GlossaryTerm, Attendance, Membership])
