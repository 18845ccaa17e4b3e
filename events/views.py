from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Min, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView
from django_countries import countries

from media.renditions import renditions
from organisations.models import Organisation
from publishing.cache import cached_page

from .calendars import calendar_of
from .filters import EventFilter
from .models import Event, EventFormat, EventPhoto, ProgrammeItem
from .structured_data import event_json_ld

# More organisers than this make a list no one reads: the filter then keeps only the one asked
# for, as the organisations' pages link to it.
ORGANISER_CHOICES = 100


# The list page offers these filters, each a list of what the published events have.
PAGE_FILTERS = ("year", "country", "format", "organisation")


def page_filters(data, events):
    """The events filter as the list page offers it: its four lists, a value that does not
    fit left out."""
    filters = EventFilter.as_typed(data, queryset=events)
    fields = filters.form.fields
    for name in set(fields) - set(PAGE_FILTERS):
        del fields[name]
    every = [("", _("All"))]
    # From the first year to the last: two reads of the index on start, where the years of
    # every event would read them all.
    span = events.aggregate(first=Min("start"), last=Max("start"))
    years = (
        range(localtime(span["last"]).year, localtime(span["first"]).year - 1, -1)
        if span["first"]
        else []
    )
    codes = set(events.order_by().values_list("country", flat=True).distinct())
    fields["year"] = forms.TypedChoiceField(
        label=fields["year"].label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=every + [(year, year) for year in years],
    )
    fields["country"] = forms.ChoiceField(
        label=fields["country"].label,
        required=False,
        choices=every + [(code, name) for code, name in countries if code in codes],
    )
    fields["format"].choices = every + list(EventFormat.choices)
    fields["organisation"] = forms.ChoiceField(
        label=fields["organisation"].label,
        required=False,
        choices=every + [(each.slug, each.name) for each in _organisers(events, data)],
    )
    return filters


def _organisers(events, data):
    """The organisers to choose from: all of them while a list can be read, otherwise only
    the one asked for (the link from an organisation's page)."""
    organisers = Organisation.objects.filter(pk__in=events.values("organiser_id"))
    organisers = organisers.only("slug", "name_en", "name_az", "name_ru").order_by("name")
    listed = list(organisers[: ORGANISER_CHOICES + 1])
    if len(listed) <= ORGANISER_CHOICES:
        return listed
    return organisers.filter(slug=(data or {}).get("organisation", ""))


class EventListView(ListView):
    template_name = "events/event_list.html"
    paginate_by = 12
    context_object_name = "events"
    extra_context = {"section": "events"}

    def get_queryset(self):
        published = Event.objects.published()
        self.filters = page_filters(self.request.GET or None, published)
        return (
            self.filters.narrow(published)
            .select_related("organiser", "cover_photo")
            .upcoming_first()
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters.form, filter_query=query.urlencode(), **kwargs
        )


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    extra_context = {"section": "events"}

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("organiser", "cover_photo", "registration_settings")
            .prefetch_related(
                Prefetch(
                    "programme",
                    ProgrammeItem.objects.select_related("person", "organisation", "video"),
                ),
                "participating_organisations",
                Prefetch("gallery", EventPhoto.objects.public()),
                "press_reports",
                "videos",
                "documents",
            )
        )

    def get_context_data(self, **kwargs):
        event = self.object
        conferments = list(
            event.conferments.public().select_related("medal", "person").order_by("pk")
        )
        named = [conferment for conferment in conferments if conferment.names_recipient]
        url = self.request.build_absolute_uri(event.get_absolute_url())
        cover = event.cover_photo
        if not (cover and cover.is_public):
            # No cover to show: the gallery's first photo stands for the event elsewhere.
            cover = next((shown.photo for shown in event.gallery.all()), None)
        large = renditions(cover.image, "large") if cover else None
        image = self.request.build_absolute_uri(large[-1].url) if large else None
        # Whether the registrations app takes registrations for it (a reverse relation: the
        # events app imports nothing of it).
        desk = getattr(event, "registration_settings", None)
        return super().get_context_data(
            registration_open=desk is not None and desk.accepts_at(timezone.now()),
            named_conferments=named,
            unnamed_recipients=len(conferments) - len(named),
            structured_data=event_json_ld(
                event, absolute=self.request.build_absolute_uri, image_url=image
            ),
            page_url=url,
            image_url=image,
            **kwargs,
        )


def event_calendar(request, slug):
    """One event as an .ics file, to add to a calendar."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return _ics(request, [event], f"{event.slug}.ics", event.title)


def calendar(request):
    """The published events of the past year and to come, as an iCalendar feed."""
    events = Event.objects.published().for_calendar()
    return _ics(request, events, "events.ics", str(_("Azerbaijani Diaspora events")))


def _ics(request, events, file_name, name):
    data = calendar_of(
        events,
        build_url=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        name=name,
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response


class EventFeed(Feed):
    """The latest published events, as RSS."""

    title = _("Azerbaijani Diaspora events")
    description = _("Events of the Azerbaijani Diaspora worldwide.")

    def link(self):
        from django.urls import reverse

        return reverse("events:list")

    def items(self):
        return Event.objects.published().order_by("-start", "-pk")[:30]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.summary

    def item_pubdate(self, event):
        # When the event was published, never its start: a feed's lastBuildDate and its
        # Last-Modified are its newest item's, and an event to come would date them in the
        # future.
        return event.published_at

    def item_updateddate(self, event):
        return event.updated


EMBED_LIMIT = 5
EMBED_MAX = 20


class EmbedForm(forms.Form):
    """How many events a partner's snippet asks for; a value that does not fit is left out.
    Which events: the events filter (`organisation`, `country`...)."""

    limit = forms.IntegerField(required=False, min_value=1, max_value=EMBED_MAX)


def _embed_language(request):
    """?lang=, else the site's language: never the visitor's Accept-Language, since the page
    is kept in the cache by its address alone."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _embed(request):
    """Upcoming published events of an organisation (organiser or participant) or a
    country, as a small page for another site's <iframe>."""
    form = EmbedForm(request.GET)
    form.is_valid()
    limit = form.cleaned_data.get("limit") or EMBED_LIMIT
    with translation.override(_embed_language(request)):
        events = Event.objects.published().upcoming().select_related("organiser")
        filters = EventFilter.as_typed(request.GET, queryset=events)
        events = filters.narrow(events)
        asked = filters.form.cleaned_data.get("organisation")
        organisation = (
            Organisation.objects.published().filter(slug=asked).first() if asked else None
        )
        response = render(
            request,
            "events/embed.html",
            {
                "events": list(events[:limit]),
                "organisation": organisation,
                "unknown_organisation": bool(asked) and organisation is None,
                "more_url": request.build_absolute_uri(
                    organisation.get_absolute_url() if organisation else reverse("events:list")
                ),
            },
        )
        response["Content-Language"] = translation.get_language()
    return response


# Only these pages may be framed by other sites; every other page stays DENY.
embed = csp_replace({"frame-ancestors": ["*"]})(xframe_options_exempt(cached_page(_embed)))
