from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as confirm_and_delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.admin import PublishActionsMixin
from records.admin import RecordTabularInline, TranslatedRecordAdmin, year_filter

from . import services
from .forms import CleanImageField, DocumentForm, PhotoForm, PhotoUploadForm, VideoForm
from .models import Document, Photo, Video
from .renditions import look_up_renditions, renditions, request_renditions
from .templatetags.photos import placeholder
from .views import PhotoDetailView


class ListThumbnailsMixin:
    """For admin lists with an image a row (`list_image(record)`): the page's renditions read
    at once, so that a list of photos waiting for theirs costs no query per row."""

    def list_image(self, record):
        raise NotImplementedError

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        look_up_renditions([self.list_image(record) for record in changelist.result_list], "admin")
        return changelist


def thumbnail(image, size=64):
    """A small square rendition of an image field's file for admin lists, or ""."""
    if not image:
        return ""
    made = renditions(image, "admin")
    if made is None:
        return placeholder("admin", "")
    if not made:
        return ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}px" alt="" width="{}" height="{}" '
        'style="object-fit: cover;" loading="lazy">',
        made[0].url,
        ", ".join(f"{each.url} {each.width}w" for each in made),
        size,
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


class AltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt_text"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.without_alt_text()
        return queryset


class AddedByMixin:
    """Notes who added each file: until a record uses it, it is in their scope only."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Photo)
class PhotoAdmin(ListThumbnailsMixin, AddedByMixin, PublishActionsMixin, TranslatedRecordAdmin):
    public_view = PhotoDetailView
    form = PhotoForm
    change_list_template = "media/photo_change_list.html"
    delete_confirmation_template = "media/photo_delete_confirmation.html"
    delete_selected_confirmation_template = "media/photo_delete_selected_confirmation.html"
    actions = [*PublishActionsMixin.actions, "delete_selected"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data and obj.image:
            request_renditions([obj.image.name])

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
        return upload_photos_page(request, self, photo_admin=self, title=_("Upload photos"))

    list_display = ["preview", "title", "alt_text_en", "status", "credit", "date_taken"]
    list_display_links = ["preview", "title"]
    list_editable = ["alt_text_en"]
    search_fields = [
        "title_en",
        "title_az",
        "title_ru",
        "caption_en",
        "credit_en",
        "credit_az",
        "credit_ru",
    ]
    list_filter = [
        "status",
        AltTextFilter,
        "decorative",
        year_filter("date_taken", _("year taken")),
        year_filter("created", _("year added")),
    ]
    readonly_fields = ["preview"]
    fields = [
        "image",
        "preview",
        "title",
        "caption",
        "alt_text",
        "decorative",
        "credit",
        "date_taken",
        "status",
    ]

    @admin.display(description=_("preview"), empty_value="")
    def preview(self, photo):
        return thumbnail(self.list_image(photo))

    def list_image(self, photo):
        return photo.image

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        count, waiting = services.publish_photos(queryset=queryset, user=request.user)
        if count:
            self.message_user(
                request,
                ngettext("%(count)d photo published.", "%(count)d photos published.", count)
                % {"count": count},
            )
        if waiting:
            self.message_user(
                request,
                ngettext(
                    "%(count)d photo needs alt text, or to be marked decorative, before it can "
                    "be published: %(titles)s.",
                    "%(count)d photos need alt text, or to be marked decorative, before they "
                    "can be published: %(titles)s.",
                    len(waiting),
                )
                % {"count": len(waiting), "titles": ", ".join(str(p) for p in waiting)},
                level=messages.WARNING,
            )

    def delete_view(self, request, object_id, extra_context=None):
        photo = self.get_object(request, object_id)
        uses = services.published_uses([photo]) if photo else []
        return super().delete_view(
            request, object_id, {**(extra_context or {}), "published_uses": uses}
        )

    @admin.action(description=_("Delete selected %(verbose_name_plural)s"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        response = confirm_and_delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            response.context_data["published_uses"] = services.published_uses(queryset)
        return response


def upload_photos_page(
    request, model_admin, *, photo_admin, title, context=None, after_upload=None, **gallery
):
    """The page that uploads many photos at once (to a record's gallery, with `gallery`);
    one bad file refuses them all, named."""
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            photos = services.create_photos(**form.cleaned_data, user=request.user, **gallery)
        except ValidationError as error:
            form.add_error("files", error)
        else:
            if after_upload is not None:
                after_upload(photos)
            return uploaded_response(photo_admin, request, photos)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "form": form,
        "max_files": settings.MEDIA_MAX_FILES_PER_UPLOAD,
        **(context or {}),
    }
    return TemplateResponse(request, "media/photo_upload.html", context)


def uploaded_response(model_admin, request, photos):
    """Log the new photos and list them, for staff to describe each one and publish them."""
    for photo in photos:
        model_admin.log_addition(request, photo, [{"added": {}}])
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d photo uploaded. Write what it shows, then publish it.",
            "%(count)d photos uploaded. Write what each one shows, then publish them.",
            len(photos),
        )
        % {"count": len(photos)},
    )
    new = ",".join(str(photo.pk) for photo in photos)
    return HttpResponseRedirect(f"{reverse('admin:media_photo_changelist')}?id__in={new}")


class CleanImageUploadsMixin:
    """Every image field of the admin's form checked and cleaned like a photo (logos, medals)."""

    formfield_overrides = {
        **TranslatedRecordAdmin.formfield_overrides,
        models.ImageField: {"form_class": CleanImageField},
    }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new logo or medal image: its renditions are made now, not by its first visitor.
        for name in form.changed_data:
            image = getattr(obj, name, None)
            if isinstance(image, models.fields.files.ImageFieldFile) and image:
                request_renditions([image.name], ["emblem", "admin"])


class GalleryUploadMixin:
    """ "Upload photos" on a record's own page: many files at once, added to its gallery.

    The owning app's admin names its gallery model; media knows no other app.
    """

    gallery_model = None
    gallery_owner_field = None
    change_form_template = "media/change_form_with_gallery_upload.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/upload-photos/",
                self.admin_site.admin_view(self.upload_photos_view),
                name=f"{opts.app_label}_{opts.model_name}_upload_photos",
            ),
            *super().get_urls(),
        ]

    def upload_photos_view(self, request, object_id):
        record = self.get_object(request, object_id)  # 404 if not stored or out of scope
        photo_admin = self.admin_site.get_model_admin(Photo)
        if not (
            self.has_change_permission(request, record) and photo_admin.has_add_permission(request)
        ):
            raise PermissionDenied
        return upload_photos_page(
            request,
            self,
            photo_admin=photo_admin,
            title=_("Upload photos to “%(record)s”") % {"record": record},
            context={
                "original": record,
                "change_url": reverse(
                    f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                    args=[record.pk],
                ),
            },
            gallery=self.gallery_model,
            owner={self.gallery_owner_field: record},
            after_upload=lambda photos: self.log_change(
                request, record, f"{len(photos)} photos uploaded to the gallery."
            ),
        )


@admin.register(Video)
class VideoAdmin(AddedByMixin, TranslatedRecordAdmin):
    form = VideoForm
    list_display = ["title", "url", "file", "created"]
    search_fields = ["title_en", "title_az", "title_ru", "url"]
    list_filter = ["created"]


@admin.register(Document)
class DocumentAdmin(AddedByMixin, TranslatedRecordAdmin):
    form = DocumentForm
    list_display = ["title", "file", "created"]
    search_fields = ["title_en", "title_az", "title_ru"]
    list_filter = ["created"]
