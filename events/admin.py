from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from imports.admin import SpreadsheetAdminMixin
from media.admin import GalleryUploadMixin, ListThumbnailsMixin, PhotoAttachmentInline, thumbnail
from organisations.admin import place
from publishing.admin import PublishActionsMixin
from records.admin import (
    RecordAdmin,
    RecordTabularInline,
    TranslatedRecordAdmin,
    TranslatedTabularInline,
    year_filter,
)
from records.scoped import ScopedCountryFilter

from .forms import EventAdminForm
from .models import Event, EventPhoto, PressReport, ProgrammeItem
from .views import EventDetailView


class ProgrammeItemInline(TranslatedTabularInline):
    model = ProgrammeItem
    extra = 0
    # The speaker's role and the video are edited on the item's own page, so that the row of
    # three languages stays readable.
    fields = ["position", "kind", "title", "person", "organisation", "time"]
    autocomplete_fields = ["person", "organisation"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organisation")


class PressReportInline(RecordTabularInline):
    model = PressReport
    extra = 0
    fields = ["agency", "headline", "date", "url"]


class EventPhotoInline(PhotoAttachmentInline):
    model = EventPhoto


@admin.register(Event)
class EventAdmin(
    ListThumbnailsMixin,
    GalleryUploadMixin,
    PublishActionsMixin,
    SpreadsheetAdminMixin,
    TranslatedRecordAdmin,
):
    public_view = EventDetailView
    gallery_model = EventPhoto
    gallery_owner_field = "event"
    form = EventAdminForm
    list_display = [
        "cover",
        "title",
        "local_start_display",
        "format",
        "where",
        "organiser",
        "status",
    ]
    list_display_links = ["cover", "title"]
    list_filter = ["status", year_filter("start"), "format", ("country", ScopedCountryFilter)]
    list_select_related = ["organiser", "cover_photo"]
    search_fields = [
        "title_en",
        "title_az",
        "title_ru",
        "city",
        "venue",
        "slug",
    ]
    autocomplete_fields = [
        "organiser",
        "participating_organisations",
        "cover_photo",
        "videos",
        "documents",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["cover", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "format", "summary", "body"]}),
        (_("When"), {"fields": ["time_zone", "start", "end"]}),
        (_("Where"), {"fields": ["country", "city", "venue", "online_url"]}),
        (
            _("Who and how many"),
            {
                "fields": [
                    "organiser",
                    "participating_organisations",
                    "participants_count",
                    "countries_count",
                ]
            },
        ),
        (_("Media"), {"fields": ["cover_photo", "cover", "videos", "documents"]}),
        (_("Record"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [ProgrammeItemInline, PressReportInline, EventPhotoInline]

    class Media:
        css = {"all": ["events/admin.css"]}

    @admin.display(description=_("cover"), empty_value="")
    def cover(self, event):
        return thumbnail(self.list_image(event), size=40)

    def list_image(self, event):
        return event.cover_photo.image if event.cover_photo_id else None

    @admin.display(description=_("where"), ordering="country")
    def where(self, event):
        return place(event) if event.country else event.get_format_display()

    @admin.display(description=_("start (local time)"), ordering="start")
    def local_start_display(self, event):
        return f"{date_format(event.local_start, 'SHORT_DATETIME_FORMAT')} ({event.zone_name})"


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(TranslatedRecordAdmin):
    list_display = ["title", "event", "position", "kind", "person", "organisation", "time"]
    list_select_related = ["event", "person", "organisation"]
    list_filter = ["kind"]
    search_fields = [
        "title_en",
        "title_az",
        "title_ru",
        "speaker_role_en",
        "event__title_en",
        "person__full_name",
    ]
    autocomplete_fields = ["event", "person", "organisation", "video"]


@admin.register(PressReport)
class PressReportAdmin(RecordAdmin):
    list_display = ["headline", "agency", "date", "event"]
    list_select_related = ["event"]
    list_filter = [year_filter("date"), "agency"]
    search_fields = ["headline", "agency", "event__title_en", "event__title_az"]
    autocomplete_fields = ["event"]
