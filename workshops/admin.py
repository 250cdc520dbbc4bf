from django.contrib import admin

from codesign.admin import RecordAdmin

from .models import (
    Activity,
    Attendance,
    GlossaryTerm,
    GroundRule,
    Look,
    Membership,
    Method,
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


admin.site.register([GroundRule, GlossaryTerm, Attendance, Membership])


@admin.register(Look)
class LookAdmin(RecordAdmin):
    """Who opened a page with something sensitive on it, and when: read only, so that it
    stays a true record. It holds nothing that was on the page."""

    list_display = ("at", "who_name", "role", "kind", "programme", "session")
    list_filter = ("kind", "role")
    list_select_related = ("programme", "session__workshop")
    search_fields = ("who_name",)
