from django.contrib import admin
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from records.admin import TranslatedTabularInline
from records.scoped import ScopedAdminMixin

from .models import ConsentText, Message, Question, Registration, RegistrationSettings
from .services import figures_of


class QuestionInline(TranslatedTabularInline):
    model = Question
    extra = 0
    fields = ["position", "label", "kind", "choices", "required"]


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["event", "is_open", "mode", "capacity", "waiting_list"]
    list_filter = ["is_open", "mode"]
    autocomplete_fields = ["event"]
    inlines = [QuestionInline]
    readonly_fields = ["figures"]
    fieldsets = [
        (None, {"fields": ["event", "is_open", "opens_at", "closes_at", "mode", "figures"]}),
        (_("Places"), {"fields": ["capacity", "waiting_list", "hold_hours", "offer_hours"]}),
        (_("Participants"), {"fields": ["public_list", "join_link"]}),
    ]

    @admin.display(description=_("participants"))
    def figures(self, desk):
        """The event's registrations counted, with a link to the list of them."""
        if desk.pk is None:
            return "—"
        counts = figures_of(desk.event)
        listing = reverse("admin:registrations_registration_changelist")
        return format_html(
            '<a href="{}?event__id__exact={}">{}</a>',
            listing,
            desk.event_id,
            _(
                "Confirmed: %(confirmed)s · waiting for confirmation: %(held)s · on the "
                "waiting list: %(waiting)s · countries: %(countries)s"
            )
            % {key: number_format(value) for key, value in counts.items()},
        )


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = readonly_fields = ["kind", "created", "sent", "attempts", "error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "event", "status", "country", "organisation", "created"]
    # Only the events whose registrations the user may see, never every event's title.
    list_filter = [
        "status",
        ("event", admin.RelatedOnlyFieldListFilter),
        ("country", admin.AllValuesFieldListFilter),
    ]
    search_fields = ["name", "email", "organisation_name"]
    list_select_related = ["event", "organisation"]
    readonly_fields = ["consent", "consented_at", "created", "confirmed_at", "held_until"]
    autocomplete_fields = ["event", "organisation"]
    inlines = [MessageInline]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["version", "created"]

    def has_change_permission(self, request, obj=None):
        # A version someone agreed to stays as it was: a change is a new version.
        return obj is None and super().has_change_permission(request, obj)


@admin.register(Message)
class MessageAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["registration", "kind", "created", "sent", "attempts", "error"]
    list_filter = ["kind", ("sent", admin.EmptyFieldListFilter)]
    readonly_fields = ["registration", "kind", "created", "sent", "attempts", "error"]

    def has_add_permission(self, request):
        return False
