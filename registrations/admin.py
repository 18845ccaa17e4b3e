from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from charts.bars import Chart, number
from charts.world import world_map
from imports.admin import SpreadsheetAdminMixin
from jobs.services import start_job
from records.admin import TranslatedTabularInline
from records.scoped import ScopedAdminMixin

from . import links, mail, services
from .forms import AttendanceUploadForm, StaffEmailForm
from .models import (
    ACTIVE,
    ConsentText,
    Message,
    Question,
    Registration,
    RegistrationSettings,
    Status,
)
from .services import figures_of, participants_by_country


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
        """The event's registrations counted, with links to the list of them and to the
        import of its attendance report."""
        if desk.pk is None:
            return "—"
        counts = figures_of(desk.event)
        listing = reverse("admin:registrations_registration_changelist")
        shown = [
            (_("registered"), counts["registered"]),
            (_("confirmed"), counts["confirmed"]),
            (_("waiting for confirmation"), counts["held"]),
            (_("on the waiting list"), counts["waiting"]),
            (_("attended"), counts["attended"]),
            (_("absent"), counts["absent"]),
            (_("excused"), counts["excused"]),
            (_("guests"), counts["guests"]),
            (_("countries"), counts["countries"]),
        ]
        summary = format_html_join(
            " · ", "{}: {}", ((label, number_format(value)) for label, value in shown)
        )
        return format_html(
            '<a href="{}?event__id__exact={}">{}</a><br><a href="{}import/?event={}">{}</a>',
            listing,
            desk.event_id,
            summary,
            listing,
            desk.event_id,
            _("Import the attendance report"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        desk = self.get_object(request, object_id)
        if desk is not None:
            extra_context = {**participants_pictures(desk.event), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)


CHART_COUNTRIES = 20


def participants_pictures(event):
    """The chart and the world map of an event's participants by country, each country
    leading to its participants in the list."""
    counts = figures_of(event)
    by_country = participants_by_country(event)
    title = (
        _("Participants by country")
        if counts["attendance_known"]
        else _("Confirmed participants by country")
    )
    rows = [(country.name, (total,)) for country, total in by_country[:CHART_COUNTRIES]]
    others = sum(total for _country, total in by_country[CHART_COUNTRIES:])
    if others:
        rows.append((_("Other countries"), (others,)))
    listing = reverse("admin:registrations_registration_changelist")
    attended = "&attendance__exact=attended" if counts["attendance_known"] else ""
    return {
        "participants_chart": Chart(
            slug="participants-by-country",
            title=str(title),
            label_heading=str(_("Country")),
            series=(str(_("Participants")),),
            rows=tuple(rows),
            horizontal=True,
        ),
        "map_title": title,
        "world_map": world_map(
            {country.code: total for country, total in by_country},
            link=lambda code: f"{listing}?event__id__exact={event.pk}&country={code}{attended}",
            label=lambda name, count: (
                ngettext(
                    "%(country)s: %(count)s participant",
                    "%(country)s: %(count)s participants",
                    count,
                )
                % {"country": name, "count": number(count)}
            ),
        ),
    }


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = readonly_fields = ["kind", "created", "sent", "attempts", "error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SpreadsheetAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "event",
        "status",
        "attendance",
        "country",
        "organisation",
        "created",
    ]
    actions = ["check_in", "email_participants"]
    # Only the events whose registrations the user may see, never every event's title.
    list_filter = [
        "status",
        ("event", admin.RelatedOnlyFieldListFilter),
        ("country", admin.AllValuesFieldListFilter),
        "attendance",
    ]
    search_fields = ["name", "email", "organisation_name"]
    list_select_related = ["event", "organisation"]
    readonly_fields = [
        "consent",
        "consented_at",
        "created",
        "confirmed_at",
        "held_until",
        "checked_in_at",
    ]
    autocomplete_fields = ["event", "organisation"]
    inlines = [MessageInline]
    # Import takes a video platform's attendance report; export gives the registrations.
    import_template = "registrations/import_attendance.html"
    import_form_class = AttendanceUploadForm

    def import_dataset_name(self):
        return "attendance"

    def export_dataset_name(self):
        return "registrations"

    def import_form_kwargs(self, request):
        return {"user": request.user, "initial": {"event": request.GET.get("event")}}

    def import_options(self, form):
        return {
            "event": form.cleaned_data["event"].pk,
            "day_first": form.day_first(),
        }

    @admin.action(description=_("Check in the selected participants"), permissions=["change"])
    def check_in(self, request, queryset):
        done = 0
        for registration in queryset.filter(status=Status.CONFIRMED):
            services.check_in(registration)
            done += 1
        self.message_user(request, _("Checked in: %(count)s.") % {"count": done})

    @admin.action(description=_("E-mail the selected participants"), permissions=["change"])
    def email_participants(self, request, queryset):
        """A page to write the e-mail, preview it as the first recipient will read it, and
        send it as a job (its progress on the job's page)."""
        chosen = queryset.filter(status__in=ACTIVE)
        asked = "send" in request.POST or "preview" in request.POST
        form = StaffEmailForm(request.POST if asked else None)
        preview = None
        if asked and form.is_valid():
            if "send" in request.POST:
                job = start_job(
                    kind="registrations.from_staff",
                    title=_("E-mail to participants: %(subject)s")
                    % {"subject": form.cleaned_data["subject"]},
                    user=request.user,
                    params={
                        "registrations": list(chosen.values_list("pk", flat=True)),
                        **form.cleaned_data,
                    },
                )
                return redirect("admin:jobs_job_change", job.pk)
            first = chosen.select_related("event").first()
            if first is not None:
                preview = mail.render(
                    Message(
                        registration=first,
                        kind=Message.Kind.FROM_STAFF,
                        **form.cleaned_data,
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-mail the selected participants"),
            "opts": self.opts,
            "form": form,
            "chosen": chosen,
            "preview": preview,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "registrations/email_participants.html", context)

    def get_urls(self):
        return [
            path(
                "check-in/<str:token>/",
                self.admin_site.admin_view(self.check_in_view),
                name="registrations_registration_check_in",
            ),
            *super().get_urls(),
        ]

    def check_in_view(self, request, token):
        """The address in a participant's QR code, opened by staff at the door: the
        registration (within the staff member's scope), and a button that checks it in."""
        found = links.registration_for(token, salt=links.CHECK_IN_SALT)
        registration = self.get_queryset(request).filter(pk=found.pk).first() if found else None
        if registration is None or not self.has_change_permission(request, registration):
            raise Http404
        if request.method == "POST":
            try:
                services.check_in(registration)
            except services.RegistrationRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Check in"),
            "registration": registration,
            "opts": self.opts,
        }
        return TemplateResponse(request, "registrations/check_in.html", context)


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
