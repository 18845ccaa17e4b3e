from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Min, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView
from django_countries import countries

from media.renditions import renditions
from organisations.models import Organisation
from publishing.cache import cached_page

from .calendars import calendar_of
from .models import Event, EventFormat, EventPhoto, ProgrammeItem
from .structured_data import event_json_ld

# More organisers than this make a list no one reads: the filter then keeps only the one asked
# for, as the organisations' pages link to it.
ORGANISER_CHOICES = 100


class EventFilterForm(forms.Form):
    """The public event filters; a value that does not fit is ignored, never an error page."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    country = forms.ChoiceField(label=_("Country"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, data, *, events):
        super().__init__(data)
        every = [("", _("All"))]
        # From the first year to the last: two reads of the index on start, where the years
        # of every event would read them all.
        span = events.aggregate(first=Min("start"), last=Max("start"))
        years = (
            range(localtime(span["last"]).year, localtime(span["first"]).year - 1, -1)
            if span["first"]
            else []
        )
        self.fields["year"].choices = every + [(year, year) for year in years]
        codes = set(events.order_by().values_list("country", flat=True).distinct())
        self.fields["country"].choices = every + [
            (code, name) for code, name in countries if code in codes
        ]
        self.fields["format"].choices = every + list(EventFormat.choices)
        self.fields["organisation"].choices = every + [
            (organisation.slug, organisation.name)
            for organisation in self._organisers(events, data)
        ]

    @staticmethod
    def _organisers(events, data):
        """The organisers to choose from: all of them while a list can be read, otherwise
        only the one asked for (the link from an organisation's page)."""
        organisers = Organisation.objects.filter(pk__in=events.values("organiser_id"))
        organisers = organisers.only("slug", "name_en", "name_az", "name_ru").order_by("name")
        listed = list(organisers[: ORGANISER_CHOICES + 1])
        if len(listed) <= ORGANISER_CHOICES:
            return listed
        return organisers.filter(slug=(data or {}).get("organisation", ""))

    def filter(self, events):
        self.is_valid()
        # The fields that were valid; the others are left out, as if not given.
        chosen = {
            name: value for name, value in getattr(self, "cleaned_data", {}).items() if value
        }
        if "year" in chosen:
            events = events.filter(start__year=chosen["year"])
        if "country" in chosen:
            events = events.filter(country=chosen["country"])
        if "format" in chosen:
            events = events.filter(format=chosen["format"])
        if "organisation" in chosen:
            events = events.filter(organiser__slug=chosen["organisation"])
        return events


class EventListView(ListView):
    template_name = "events/event_list.html"
    paginate_by = 12
    context_object_name = "events"
    extra_context = {"section": "events"}

    def get_queryset(self):
        published = Event.objects.published()
        self.filters = EventFilterForm(self.request.GET or None, events=published)
        return (
            self.filters.filter(published)
            .select_related("organiser", "cover_photo")
            .upcoming_first()
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters, filter_query=query.urlencode(), **kwargs
        )


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    extra_context = {"section": "events"}

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("organiser", "cover_photo")
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
        large = renditions(cover.image, "large") if cover and cover.is_public else None
        image = self.request.build_absolute_uri(large[-1].url) if large else None
        return super().get_context_data(
            named_conferments=named,
            unnamed_recipients=len(conferments) - len(named),
            structured_data=event_json_ld(event, url=url, image_url=image),
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
        return event.start

    def item_updateddate(self, event):
        return event.updated


EMBED_LIMIT = 5
EMBED_MAX = 20


class EmbedForm(forms.Form):
    """What a partner's snippet asks for; a value that does not fit is left out, so that a
    mistyped snippet still shows the events."""

    organisation = forms.SlugField(required=False)
    country = forms.CharField(required=False, max_length=2)
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
    chosen = {name: value for name, value in form.cleaned_data.items() if value}
    with translation.override(_embed_language(request)):
        events = Event.objects.published().upcoming().select_related("organiser")
        organisation = None
        if "organisation" in chosen:
            found = Organisation.objects.published().filter(slug=chosen["organisation"])
            organisation = found.first()
            events = events.involving(found)
        if "country" in chosen:
            events = events.filter(country=chosen["country"].upper())
        response = render(
            request,
            "events/embed.html",
            {
                "events": list(events[: chosen.get("limit", EMBED_LIMIT)]),
                "organisation": organisation,
                "unknown_organisation": "organisation" in chosen and organisation is None,
                "more_url": request.build_absolute_uri(
                    organisation.get_absolute_url() if organisation else reverse("events:list")
                ),
            },
        )
        response["Content-Language"] = translation.get_language()
    return response


# Only these pages may be framed by other sites; every other page stays DENY.
embed = csp_replace({"frame-ancestors": ["*"]})(xframe_options_exempt(cached_page(_embed)))
