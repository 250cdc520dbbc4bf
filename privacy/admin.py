from django.contrib import admin

from codesign.admin import RecordAdmin

from .models import Erasure


@admin.register(Erasure)
class ErasureAdmin(RecordAdmin):
    """The record of erasures: read only, so that it stays a true record. It holds no words
    of the person's, not even their name."""

    list_display = ("at", "kind", "user_number", "programme", "kept_shared_work", "by_self")
    list_filter = ("kind", "by_self")
    list_select_related = ("programme",)
