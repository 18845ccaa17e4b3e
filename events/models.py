import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from countries.zones import zone_name
from media.models import Document, Photo, PhotoAttachment, Video
from organisations.models import Organisation, Person
from publishing.formatting import FormattedTextField
from publishing.models import PublicPageModel, PublishableQuerySet
from scopes import limit, scope_of
from search.models import SearchableModel

from .timezones import validate_time_zone

# The years an event can be dated in; anything else is a typing mistake.
YEARS = range(1900, 2201)


class EventQuerySet(PublishableQuerySet):
    def in_scope(self, user):
        """Events in the user's countries, and events organised by organisations in scope."""
        return limit(
            self,
            user,
            lambda scope: (
                models.Q(country__in=scope.countries)
                | models.Q(organiser__in=Organisation.objects.in_scope(scope))
            ),
        )

    def involving(self, organisations):
        """The events `organisations` (a queryset) organised or took part in: the ids of each
        read from its own index and joined (an OR across the two would make the database
        walk every event in the list's order to find an organisation's few)."""
        organised = Event.objects.filter(organiser__in=organisations).order_by().values("pk")
        taking_part = (
            Event.participating_organisations.through.objects.filter(
                organisation__in=organisations
            )
            .order_by()
            .values("event_id")
        )
        return self.filter(pk__in=organised.union(taking_part))

    def upcoming_first(self):
        """Upcoming events soonest first, then past ones latest first: the public listing.

        Two listings read in turn, each in the order of the index on start, where one ordering
        by "is it past?" would sort every event to show twelve.
        """
        now = timezone.now()
        return UpcomingThenPast(
            self.filter(start__gte=now).order_by("start", "pk"),
            self.filter(start__lt=now).order_by("-start", "-pk"),
        )

    def upcoming(self):
        return self.filter(start__gte=timezone.now()).order_by("start", "pk")

    def for_calendar(self):
        """What a calendar subscription carries: the past year and everything to come, at most
        EVENTS_CALENDAR_LIMIT of them (those to come first, then the latest past), by start.

        Calendar programs fetch the whole feed every few hours; the archive stays on the site.
        """
        now = timezone.now()
        limit = settings.EVENTS_CALENDAR_LIMIT
        since = now - datetime.timedelta(days=settings.EVENTS_CALENDAR_PAST_DAYS)
        upcoming = list(self.filter(start__gte=now).order_by("start", "pk")[:limit])
        past = self.filter(start__gte=since, start__lt=now).order_by("-start", "-pk")
        recent = list(past[: limit - len(upcoming)]) if len(upcoming) < limit else []
        return recent[::-1] + upcoming


class UpcomingThenPast:
    """Two querysets as one sequence for a paginator: counted by the database, and a page
    read from one or both with LIMIT and OFFSET."""

    def __init__(self, upcoming, past):
        self.upcoming = upcoming
        self.past = past

    def count(self):
        return self.upcoming_count + self.past.count()

    @cached_property
    def upcoming_count(self):
        return self.upcoming.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        upcoming = self.upcoming_count
        found = list(self.upcoming[start:stop]) if start < upcoming else []
        if stop > upcoming:
            found += self.past[max(start - upcoming, 0) : stop - upcoming]
        return found

    def __iter__(self):
        yield from self.upcoming
        yield from self.past


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Event(SearchableModel, PublicPageModel):
    """An event of the diaspora's life, such as the yearly videoconference on the outcomes."""

    slug_source = "title"
    search_sources = ("title_en", "title_az", "title_ru", "city", "venue")

    title = models.CharField(_("title"), max_length=250, default="")
    summary = models.TextField(_("summary"), blank=True, default="")
    body = FormattedTextField(_("body"), blank=True, default="")
    start = models.DateTimeField(_("start"))  # indexed with the id (Meta.indexes)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the event takes place; start and end are entered in this zone."),
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
        db_index=True,
    )
    country = CountryField(_("country"), blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to follow an online or hybrid event.")
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    participating_organisations = models.ManyToManyField(
        Organisation,
        related_name="events",
        blank=True,
        verbose_name=_("participating organisations"),
    )
    participants_count = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, help_text=_("About how many took part.")
    )
    countries_count = models.PositiveSmallIntegerField(
        _("countries"), null=True, blank=True, help_text=_("From how many countries.")
    )
    cover_photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
    )
    videos = models.ManyToManyField(Video, blank=True, related_name="+", verbose_name=_("videos"))
    documents = models.ManyToManyField(
        Document, blank=True, related_name="+", verbose_name=_("documents")
    )

    objects = EventQuerySet.as_manager()

    class Meta(PublicPageModel.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        # The lists' order (admin: latest first; public: upcoming, then past), read in the
        # index's order rather than sorted.
        indexes = [models.Index(fields=["start", "id"], name="events_event_by_start")]
        constraints = [
            *PublicPageModel.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]
        permissions = [
            ("publish_event", _("Can publish events")),
            ("import_event", _("Can import events")),
            ("export_event", _("Can export events")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def is_within(self, scope):
        """Whether this event, as it is now (saved or not), falls in `scope`."""
        scope = scope_of(scope)
        return scope.has_country(self.country) or (
            self.organiser_id is not None and self.organiser_id in scope.ids(Organisation)
        )

    def clean(self):
        super().clean()
        errors = {}
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and not YEARS.start <= value.year < YEARS.stop:
                errors[name] = _("Enter a year from %(first)d to %(last)d.") % {
                    "first": YEARS.start,
                    "last": YEARS.stop - 1,
                }
        if self.start and self.end and self.end < self.start and "end" not in errors:
            errors["end"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        """The start in the event's own time zone, as its participants read it."""
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone) if self.end else None

    @property
    def zone_name(self):
        """The event's time zone as the reader's language names it: "Bakı vaxtı"."""
        return zone_name(self.zone, self.start)

    def local_iso(self, moment):
        """`moment` (its start, its end) in the event's own zone, ISO 8601 with the offset
        (2025-06-14T10:00:00+02:00), as the API, the spreadsheets and the page's structured
        data write it; "" for none."""
        return timezone.localtime(moment, self.zone).isoformat() if moment else ""

    def location_text(self):
        """Where, in words: the venue and city and country, or "Online"."""
        parts = [self.venue, self.city, str(self.country.name) if self.country else ""]
        place = ", ".join(part for part in parts if part)
        if self.format == EventFormat.ONLINE:
            return str(EventFormat.ONLINE.label)
        return place


class ProgrammeItemKind(models.TextChoices):
    SPEECH = "speech", _("Speech")
    VIDEO_REPORT = "video_report", _("Video report")
    DISCUSSION = "discussion", _("Discussion")
    PERFORMANCE = "performance", _("Performance")
    VIDEO = "video", _("Video")
    AWARD_CEREMONY = "award_ceremony", _("Award ceremony")
    QUESTIONS = "questions", _("Questions and answers")
    OTHER = "other", _("Other")


class EventPartQuerySet(models.QuerySet):
    def in_scope(self, user):
        """The parts (programme items, press reports) of events in the user's scope."""
        return limit(self, user, lambda scope: models.Q(event__in=Event.objects.in_scope(scope)))


class ProgrammeItem(models.Model):
    """One item of an event's programme, in order: a speech, a performance, a video..."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="programme", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeItemKind.choices)
    title = models.CharField(_("title"), max_length=250, default="")
    speaker_role = models.CharField(
        _("speaker's role"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("Who speaks, by role, when no person record is named."),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        verbose_name=_("organisation"),
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    video = models.ForeignKey(
        Video,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("video"),
    )

    objects = EventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["event", "position", "id"]

    def __str__(self):
        return self.title


class PressReport(models.Model):
    """A press agency's report about an event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="press_reports", verbose_name=_("event")
    )
    agency = models.CharField(_("agency"), max_length=200)
    headline = models.CharField(_("headline"), max_length=300)
    date = models.DateField(_("date"))
    url = models.URLField(_("link"), max_length=500)

    history = HistoricalRecords()

    objects = EventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("press report")
        verbose_name_plural = _("press reports")
        ordering = ["-date", "id"]

    def __str__(self):
        return f"{self.agency}: {self.headline}"


class EventPhoto(PhotoAttachment):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="gallery")

    class Meta(PhotoAttachment.Meta):
        pass
