from django.contrib import admin

from .models import Action, ActionUpdate, Guest, Quote, Showcase, ShowcaseLink


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    raw_id_fields = ("by",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("what", "programme", "organisation", "status", "due_on")
    list_filter = ("status", "theme")
    list_select_related = ("programme",)
    raw_id_fields = ("owner", "showcase")
    inlines = [ActionUpdateInline]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class LinkInline(admin.TabularInline):
    model = ShowcaseLink
    extra = 0


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    raw_id_fields = ("idea",)


@admin.register(Showcase)
class ShowcaseAdmin(admin.ModelAdmin):
    list_display = ("audience", "programme", "held_on", "people_count")
    list_select_related = ("programme",)
    raw_id_fields = ("ideas", "prototypes")
    inlines = [GuestInline, LinkInline, QuoteInline]
