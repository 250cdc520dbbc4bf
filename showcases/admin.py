from django.contrib import admin

from .models import Action, ActionUpdate


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    raw_id_fields = ("by",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("what", "programme", "organisation", "status", "due_on")
    list_filter = ("status", "theme")
    list_select_related = ("programme",)
    raw_id_fields = ("owner",)
    inlines = [ActionUpdateInline]
