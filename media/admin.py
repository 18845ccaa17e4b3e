from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publishing.admin import RecordTabularInline, TranslatedRecordAdmin

from .forms import PhotoForm
from .models import Document, Photo, Video


def thumbnail(image, size=64):
    """A small preview of an image field's file for admin lists, or an empty string."""
    if not image:
        return ""
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" style="object-fit: cover;" loading="lazy">',
        image.url,
        size,
        size,
    )


class PhotoAttachmentInline(RecordTabularInline):
    """A record's gallery: photos picked by search, in the order of their positions."""

    fields = ["preview", "photo", "position"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description=_("preview"), empty_value="")
    def preview(self, attachment):
        return thumbnail(attachment.photo.image) if attachment.photo_id else ""


@admin.register(Photo)
class PhotoAdmin(TranslatedRecordAdmin):
    form = PhotoForm
    list_display = ["preview", "title", "credit", "date_taken", "created"]
    list_display_links = ["preview", "title"]
    search_fields = ["title_en", "title_az", "title_ru", "caption_en", "credit"]
    list_filter = ["date_taken", "created"]
    date_hierarchy = "created"
    readonly_fields = ["preview"]
    fields = ["image", "preview", "title", "caption", "alt_text", "credit", "date_taken"]

    @admin.display(description=_("preview"), empty_value="")
    def preview(self, photo):
        return thumbnail(photo.image)


@admin.register(Video)
class VideoAdmin(TranslatedRecordAdmin):
    list_display = ["title", "url", "file", "created"]
    search_fields = ["title_en", "title_az", "title_ru", "url"]
    list_filter = ["created"]


@admin.register(Document)
class DocumentAdmin(TranslatedRecordAdmin):
    list_display = ["title", "file", "created"]
    search_fields = ["title_en", "title_az", "title_ru"]
    list_filter = ["created"]
