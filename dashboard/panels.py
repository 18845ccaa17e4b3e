"""The staff dashboard, the admin's first page: what waits for the user this morning.

Everything on it is within the user's scope and what their role lets them see. What depends
only on the content (counts, drafts, the week's changes, the charts) is kept until the
content changes, as the public pages are; the imports and jobs, which change without the
content changing, are read each time.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, F, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from awards.models import Conferment, Medal
from events.models import Event
from imports.models import ImportRecord
from jobs.models import Job
from media.models import Document, Photo, Video
from nominations.models import Nomination
from nominations.models import State as NominationState
from nominations.services import nomination_figures
from organisations.models import Organisation, Person
from publishing.admin import PublishActionsMixin
from publishing.cache import while_unchanged
from publishing.models import Notice, PublishableModel, Status
from records.scoped import in_scope
from registrations.models import RegistrationSettings
from registrations.services import figures_of_events
from scopes import scope_of

from . import figures

# The records staff keep; the parts of a record (a programme's items, a membership) are
# counted with it.
RECORD_MODELS = (Event, Organisation, Person, Medal, Conferment, Photo, Video, Document)
UPCOMING_DAYS = 30
UPCOMING_SHOWN = 10
DRAFTS_SHOWN = 10
LATEST_SHOWN = 5


@dataclass(frozen=True)
class RecordType:
    """A kind of record the user may see in the admin."""

    model: type
    model_admin: object

    @property
    def name(self):
        return str(self.model._meta.verbose_name_plural)

    @property
    def label(self):
        return self.model._meta.label_lower

    @property
    def changelist(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    @property
    def publishable(self):
        return issubclass(self.model, PublishableModel)

    def records(self, user):
        return in_scope(self.model._default_manager.all(), user).order_by()


def record_types(site, request):
    """The kinds of record the user may see, in the order of their names."""
    found = [
        RecordType(model, site._registry[model])
        for model in RECORD_MODELS
        if model in site._registry and site._registry[model].has_view_permission(request)
    ]
    return sorted(found, key=lambda record_type: record_type.name)


def union_all(parts, columns, *, latest_by=None, limit=None):
    """[(label, *columns)] of every (label, queryset) in `parts`, read in one query; with
    `latest_by`, the `limit` rows with the latest values of that column.

    Each queryset names its `columns` with values(); union() matches the parts' columns by
    position, which values_list() fixes in the order given since Django 5.2 (before, an
    annotation's position in a grouped query was not fixed)."""
    selects = [
        queryset.order_by()
        .annotate(dashboard_part=Value(label))
        .values_list("dashboard_part", *columns)
        for label, queryset in parts
    ]
    combined = selects[0].union(*selects[1:], all=True)
    if latest_by is not None:
        combined = combined.order_by(f"-{latest_by}")[:limit]
    return list(combined)


def count_records(types, user):
    """{label: {status: count}} of each kind of record in the user's scope, in one query;
    records without a status are counted under ""."""
    parts = [
        (
            record_type.label,
            record_type.records(user)
            .annotate(dashboard_state=F("status") if record_type.publishable else Value(""))
            .values("dashboard_state")
            .annotate(total=Count("pk")),
        )
        for record_type in types
    ]
    counts = {record_type.label: {} for record_type in types}
    for label, state, total in union_all(parts, ["dashboard_state", "total"]) if parts else []:
        counts[label][state] = total
    return counts


def my_drafts(types, user):
    """The drafts in the user's scope that they created or changed, latest first."""
    parts = [
        (
            record_type.label,
            record_type.records(user)
            .filter(
                status=Status.DRAFT,
                pk__in=record_type.model.history.filter(history_user=user).values("id"),
            )
            .values("id", "updated"),
        )
        for record_type in types
        if record_type.publishable
    ]
    if not parts:
        return []
    latest = union_all(parts, ["id", "updated"], latest_by="updated", limit=DRAFTS_SHOWN)
    by_label = {record_type.label: record_type for record_type in types}
    wanted = {}
    for label, pk, _updated in latest:
        wanted.setdefault(label, []).append(pk)
    found = {}
    for label, pks in wanted.items():
        record_type = by_label[label]
        records = record_type.model._default_manager.filter(pk__in=pks)
        related = record_type.model_admin.list_select_related
        if isinstance(related, list | tuple):
            records = records.select_related(*related)
        found.update({(label, record.pk): record for record in records})
    drafts = [found[(label, pk)] for label, pk, _updated in latest if (label, pk) in found]
    return [
        {
            "name": str(record),
            "url": _change_url(record),
            "kind": str(record._meta.verbose_name),
            "updated": record.updated,
        }
        for record in drafts
    ]


def _change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def changes_this_week(types, user, now):
    """Who changed what in the last seven days: [{who, changes: [(kind's name, count)],
    total}], the busiest first; for a coordinator, the records in their scope."""
    since = now - datetime.timedelta(days=7)
    parts = []
    for record_type in types:
        rows = record_type.model.history.filter(history_date__gte=since).order_by()
        if not scope_of(user).everywhere:
            rows = rows.filter(id__in=record_type.records(user).values("pk"))
        parts.append(
            (record_type.label, rows.values("history_user_id").annotate(total=Count("pk")))
        )
    names = {record_type.label: record_type.name for record_type in types}
    by_user = {}
    for label, user_id, total in union_all(parts, ["history_user_id", "total"]) if parts else []:
        by_user.setdefault(user_id, []).append((names[label], total))
    people = {
        person.pk: person.get_full_name() or person.get_username()
        for person in get_user_model().objects.filter(pk__in=[pk for pk in by_user if pk])
    }
    found = [
        {
            "who": people.get(user_id, ""),  # "" for imports and commands run without a user
            "changes": sorted(changes),
            "total": sum(total for _name, total in changes),
        }
        for user_id, changes in by_user.items()
    ]
    return sorted(found, key=lambda person: (-person["total"], person["who"]))


def upcoming_events(user, now):
    """The first events of the next 30 days in the user's scope, whatever their status."""
    window = in_scope(Event.objects.all(), user).filter(
        start__gte=now, start__lt=now + datetime.timedelta(days=UPCOMING_DAYS)
    )
    return [
        {
            "name": str(event),
            "url": reverse("admin:events_event_change", args=[event.pk]),
            "start": event.start,
            "status": event.get_status_display(),
            "is_published": event.status == Status.PUBLISHED,
            "place": event.country.name if event.country else "",
        }
        for event in window.order_by("start", "pk")[:UPCOMING_SHOWN]
    ]


def registration_figures(user, now):
    """The events that take registrations, or ended in the last 30 days, in the user's
    scope, soonest first, each with its registrations counted (`figures_of`)."""
    since = now - datetime.timedelta(days=UPCOMING_DAYS)
    desks = (
        RegistrationSettings.objects.in_scope(user)
        .filter(
            models.Q(event__end__gte=since)
            | models.Q(event__end__isnull=True, event__start__gte=since)
        )
        .select_related("event")
        .order_by("event__start", "pk")[:UPCOMING_SHOWN]
    )
    desks = list(desks)
    figures = figures_of_events([desk.event for desk in desks])
    return [
        {
            "name": str(desk.event),
            "url": reverse("admin:registrations_registrationsettings_change", args=[desk.pk]),
            "start": desk.event.start,
            "capacity": desk.capacity,
            **figures[desk.event_id],
        }
        for desk in desks
    ]


def charts(types, user, today):
    """The charts of the records in the user's scope, whatever their status: {slug: chart}."""
    shown = {record_type.model for record_type in types}
    built = []
    if Event in shown:
        built.append(
            figures.events_per_month_by_format(in_scope(Event.objects.all(), user), today=today)
        )
    if Organisation in shown:
        built.append(figures.organisations_by_type(in_scope(Organisation.objects.all(), user)))
    if Conferment in shown:
        built.append(figures.conferments_per_year(in_scope(Conferment.objects.all(), user)))
    return {chart.slug: chart for chart in built}


def _kept(request, section, compute, *extra):
    """`compute()` kept until the content changes, for this user, scope and language."""
    scope = scope_of(request.user).key
    return while_unchanged(
        ("dashboard", section, request.user.pk, scope, get_language(), *extra), compute
    )


def dashboard(site, request):
    """The context of the admin's index for `request.user`."""
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    types = record_types(site, request)
    counts = _kept(request, "counts", lambda: count_records(types, user))
    rows = []
    for record_type in types:
        by_status = counts.get(record_type.label, {})
        rows.append(
            {
                "name": record_type.name,
                "url": record_type.changelist,
                "publishable": record_type.publishable,
                "draft": by_status.get(Status.DRAFT, 0),
                "review": by_status.get(Status.REVIEW, 0),
                "published": by_status.get(Status.PUBLISHED, 0),
                "total": sum(by_status.values()),
                "may_publish": isinstance(record_type.model_admin, PublishActionsMixin)
                and record_type.model_admin.has_publish_permission(request),
                "may_change": record_type.model_admin.has_change_permission(request),
            }
        )
    review = f"?status__exact={Status.REVIEW}"
    context = {
        "record_counts": rows,
        "waiting_for_review": [
            (row["name"], row["review"], row["url"] + review)
            for row in rows
            if row["may_publish"] and row["review"]
        ],
        "shows_review": any(row["may_publish"] for row in rows),
        "shows_drafts": any(row["may_change"] and row["publishable"] for row in rows),
        "changes_this_week": _kept(
            request, "week", lambda: changes_this_week(types, user, now), today
        ),
        "charts": _kept(request, "charts", lambda: charts(types, user, today), today),
        "latest_jobs": list(Job.objects.visible_to(user).select_related("user")[:LATEST_SHOWN]),
    }
    if context["shows_drafts"]:
        context["my_drafts"] = _kept(request, "drafts", lambda: my_drafts(types, user))
    if any(record_type.model is Event for record_type in types):
        context["shows_upcoming"] = True
        # Kept for the hour: "the next 30 days" moves on while the content stays the same.
        context["upcoming_events"] = _kept(
            request, "upcoming", lambda: upcoming_events(user, now), now.strftime("%Y%m%d%H")
        )
    if user.has_perm("registrations.view_registrationsettings"):
        context["registration_figures"] = _kept(
            request,
            "registrations",
            lambda: registration_figures(user, now),
            now.strftime("%Y%m%d%H"),
        )
    if any(
        user.has_perm(f"nominations.{codename}")
        for codename in ("view_nomination", "review_nomination", "screen_nomination")
    ):
        # Within what the user may see of them (a member of the commission, nothing in
        # conflict; a coordinator, their countries').
        context["nomination_states"] = NominationState.choices
        context["nomination_figures"] = _kept(
            request,
            "nominations",
            lambda: nomination_figures(Nomination.objects.visible_to(user)),
        )
    if user.has_perm("publishing.view_notice"):
        # Notices to Publishers that could not be sent: never dropped in silence.
        context["unsent_notices"] = (
            Notice.objects.unsent().count(),
            reverse("admin:publishing_notice_changelist") + "?sent__isnull=True",
        )
    if user.has_perm("imports.view_importrecord"):
        context["latest_imports"] = list(
            ImportRecord.objects.in_scope(user).select_related("user")[:LATEST_SHOWN]
        )
    return context
