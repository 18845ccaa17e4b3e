from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.admin import RecordTabularInline, TranslatedRecordAdmin

from . import services
from .forms import PhotoForm, PhotoUploadForm
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
    change_list_template = "media/photo_change_list.html"

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="media_photo_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Upload many photos at once; one bad file refuses them all, named."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhotoUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                photos = services.create_photos(
                    files=form.cleaned_data["files"],
                    title=form.cleaned_data["title"],
                    credit=form.cleaned_data["credit"],
                    date_taken=form.cleaned_data["date_taken"],
                )
            except ValidationError as error:
                form.add_error("files", error)
            else:
                for photo in photos:
                    self.log_addition(request, photo, [{"added": {}}])
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d photo uploaded.", "%(count)d photos uploaded.", len(photos)
                    )
                    % {"count": len(photos)},
                )
                return HttpResponseRedirect(reverse("admin:media_photo_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Upload photos"),
            "form": form,
        }
        return TemplateResponse(request, "media/photo_upload.html", context)

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
