from django.contrib import admin

from imports.admin import SpreadsheetAdminMixin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    list_display = ["name", "city", "kind"]
