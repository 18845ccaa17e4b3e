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
from publishing.admin import PublishActionsMixin
from records.admin import (
    RecordAdmin,
    RecordTabularInline,
    TranslatedRecordAdmin,
    yes_no_icon,
)
from records.scoped import ScopedCountryFilter

from .models import Membership, Organisation, OrganisationPhoto, Person, PersonPhoto
from .views import OrganisationDetailView, PersonDetailView


def place(record):
    """ "City, Country" for a list column; the country's name is in the staff's language."""
    return ", ".join(part for part in (record.city, record.country.name) if part)


class MembershipInline(RecordTabularInline):
    model = Membership
    extra = 0
    fields = ["person", "organisation", "role", "start_year", "end_year"]


class OrganisationMembershipInline(MembershipInline):
    autocomplete_fields = ["person"]
    verbose_name_plural = _("people in this organisation")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class PersonMembershipInline(MembershipInline):
    autocomplete_fields = ["organisation"]
    verbose_name_plural = _("organisations of this person")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class OrganisationPhotoInline(PhotoAttachmentInline):
    model = OrganisationPhoto


class PersonPhotoInline(PhotoAttachmentInline):
    model = PersonPhoto


@admin.register(Organisation)
class OrganisationAdmin(
    ListThumbnailsMixin,
    CleanImageUploadsMixin,
    GalleryUploadMixin,
    PublishActionsMixin,
    SpreadsheetAdminMixin,
    TranslatedRecordAdmin,
):
    public_view = OrganisationDetailView
    gallery_model = OrganisationPhoto
    gallery_owner_field = "organisation"
    list_display = ["logo_preview", "name", "type", "where", "parent", "status"]
    list_display_links = ["logo_preview", "name"]
    list_filter = ["status", "type", ("country", ScopedCountryFilter)]
    list_select_related = ["parent"]
    search_fields = ["name_en", "name_az", "name_ru", "city", "slug"]
    autocomplete_fields = ["parent", "leader"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["logo_preview", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "type", "status", "parent", "leader"]}),
        (_("Where"), {"fields": ["country", "city", "address"]}),
        (_("Contacts"), {"fields": ["website", "email", "phone"]}),
        (_("About"), {"fields": ["founded", "description", "logo", "logo_preview"]}),
        (_("Record"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [OrganisationMembershipInline, OrganisationPhotoInline]

    @admin.display(description=_("logo"), empty_value="")
    def logo_preview(self, organisation):
        return thumbnail(self.list_image(organisation), size=40)

    def list_image(self, organisation):
        return organisation.logo

    @admin.display(description=_("where"), ordering="country")
    def where(self, organisation):
        return place(organisation)


@admin.register(Person)
class PersonAdmin(
    ListThumbnailsMixin,
    GalleryUploadMixin,
    PublishActionsMixin,
    SpreadsheetAdminMixin,
    TranslatedRecordAdmin,
):
    public_view = PersonDetailView
    gallery_model = PersonPhoto
    gallery_owner_field = "person"
    list_display = ["portrait", "full_name", "profession", "where", "shown_publicly", "status"]
    list_display_links = ["portrait", "full_name"]
    list_filter = ["status", "public", "profession", ("country", ScopedCountryFilter)]
    list_select_related = ["photo"]
    search_fields = [
        "full_name",
        "full_name_latin",
        "full_name_cyrillic",
        "position",
        "city",
        "slug",
    ]
    autocomplete_fields = ["photo"]
    prepopulated_fields = {"slug": ["full_name"]}
    readonly_fields = ["portrait", "created", "updated"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "full_name",
                    "full_name_latin",
                    "full_name_cyrillic",
                    "slug",
                    "status",
                    "profession",
                    "position",
                ]
            },
        ),
        (_("Where"), {"fields": ["country", "city"]}),
        (_("About"), {"fields": ["biography", "photo", "portrait"]}),
        (
            _("Private contacts and consent"),
            {
                "fields": ["email", "phone", "public", "consent_date"],
                "description": _(
                    "Contacts are never shown publicly. The person is named on the public "
                    "site only once their consent is recorded."
                ),
            },
        ),
        (_("Record"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [PersonMembershipInline, PersonPhotoInline]

    @admin.display(description=Person._meta.get_field("public").verbose_name, ordering="public")
    def shown_publicly(self, person):
        return yes_no_icon(person.public)

    @admin.display(description=_("portrait"), empty_value="")
    def portrait(self, person):
        return thumbnail(self.list_image(person), size=40)

    def list_image(self, person):
        return person.photo.image if person.photo_id else None

    @admin.display(description=_("where"), ordering="country")
    def where(self, person):
        return place(person)


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    list_display = ["person", "organisation", "role", "start_year", "end_year"]
    list_select_related = ["person", "organisation"]
    list_filter = [("organisation__country", ScopedCountryFilter)]
    search_fields = [
        "person__full_name",
        "person__full_name_latin",
        "person__full_name_cyrillic",
        "organisation__name_en",
        "organisation__name_az",
        "organisation__name_ru",
        "role",
    ]
    autocomplete_fields = ["person", "organisation"]
