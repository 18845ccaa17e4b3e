from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from imports.admin import SpreadsheetAdminMixin
from media.admin import (
    CleanImageUploadsMixin,
    GalleryUploadMixin,
    ListThumbnailsMixin,
    PhotoAttachmentInline,
    thumbnail,
)
from organisations.admin import PersonAdmin
from organisations.models import Person
from publishing.admin import PublishActionsMixin
from records.admin import (
    TranslatedRecordAdmin,
    TranslatedTabularInline,
    year_filter,
)
from records.scoped import ScopedCountryFilter
from scopes import is_limited

from .models import Conferment, Medal, MedalPhoto
from .views import MedalDetailView


class ConfermentInline(TranslatedTabularInline):
    model = Conferment
    extra = 0
    fields = ["medal", "person", "date", "event", "decree_number", "citation", "status"]
    autocomplete_fields = ["medal", "person", "event"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("medal", "person", "event")


class MedalConfermentInline(ConfermentInline):
    fields = ["person", "date", "event", "decree_number", "citation", "status"]


class PersonConfermentInline(ConfermentInline):
    fields = ["medal", "date", "event", "decree_number", "citation", "status"]


class MedalPhotoInline(PhotoAttachmentInline):
    model = MedalPhoto


@admin.register(Medal)
class MedalAdmin(
    ListThumbnailsMixin,
    CleanImageUploadsMixin,
    GalleryUploadMixin,
    PublishActionsMixin,
    SpreadsheetAdminMixin,
    TranslatedRecordAdmin,
):
    public_view = MedalDetailView
    gallery_model = MedalPhoto
    gallery_owner_field = "medal"
    list_display = ["picture", "name", "established", "status", "updated"]
    list_display_links = ["picture", "name"]
    list_filter = ["status"]
    search_fields = ["name_en", "name_az", "name_ru", "slug"]
    autocomplete_fields = ["statute_document"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["picture", "created", "updated"]
    fields = [
        "name",
        "slug",
        "status",
        "description",
        "established",
        "image",
        "picture",
        "statute_document",
        "created",
        "updated",
    ]
    inlines = [MedalConfermentInline, MedalPhotoInline]

    # The state's honours: coordinators choose them for conferments but do not change them.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and not is_limited(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_limited(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_limited(request.user)

    @admin.display(description=_("image"), empty_value="")
    def picture(self, medal):
        return thumbnail(self.list_image(medal), size=40)

    def list_image(self, medal):
        return medal.image


@admin.register(Conferment)
class ConfermentAdmin(PublishActionsMixin, SpreadsheetAdminMixin, TranslatedRecordAdmin):
    list_display = ["person", "medal", "date", "event", "decree_number", "status"]
    list_select_related = ["person", "medal", "event"]
    list_filter = [
        "status",
        year_filter("date"),
        "medal",
        ("person__country", ScopedCountryFilter),
    ]
    search_fields = [
        "person__full_name",
        "person__full_name_latin",
        "person__full_name_cyrillic",
        "medal__name_en",
        "medal__name_az",
        "medal__name_ru",
        "decree_number",
    ]
    autocomplete_fields = ["medal", "person", "event"]
    search_names_through = "person"  # "hasanov" finds Həsənova's conferments


# People are kept in the organisations app, which must not know about awards; the awards app
# adds a person's conferments to the person's page by extending its admin.
admin.site.unregister(Person)


@admin.register(Person)
class PersonWithConfermentsAdmin(PersonAdmin):
    inlines = [*PersonAdmin.inlines, PersonConfermentInline]
