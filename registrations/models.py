"""Who registered for which event, and how an event takes registrations.

A place is *taken* by a confirmed registration, and *held* by one that waits for its e-mail
to be confirmed or for an offered place to be accepted, until `held_until`. Nothing else
ever counts against the capacity, so a lapsed hold or offer never keeps a seat blocked.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from events.models import Event, EventFormat
from organisations.models import Organisation
from scopes import limit


class SettingsQuerySet(models.QuerySet):
    def in_scope(self, user):
        return limit(self, user, lambda scope: Q(event__in=Event.objects.in_scope(scope)))


class RegistrationSettings(models.Model):
    """How an event takes registrations. The join link is private: it is only ever shown
    to confirmed participants, on their own page and in their e-mails."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="registration_settings",
        verbose_name=_("event"),
    )
    is_open = models.BooleanField(_("open"), default=False)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Left blank: when the event starts.")
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Left blank: no limit.")
    )
    waiting_list = models.BooleanField(_("waiting list"), default=True)
    public_list = models.BooleanField(
        _("public list of participants"),
        default=False,
        help_text=_(
            "Those who agree are listed on the event's page: name, country, organisation."
        ),
    )
    join_link = models.URLField(
        _("join link"),
        blank=True,
        help_text=_(
            "Private: shown to confirmed participants only. The event's online link stays the "
            "public viewing link."
        ),
    )
    hold_hours = models.PositiveSmallIntegerField(
        _("hours to confirm"),
        default=24,
        help_text=_("A place is held this long for a new registration to be confirmed."),
    )
    offer_hours = models.PositiveSmallIntegerField(_("hours to take an offered place"), default=48)

    objects = SettingsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(hold_hours__gte=1) & Q(offer_hours__gte=1),
                name="registrations_settings_hours_at_least_one",
            ),
        ]

    def __str__(self):
        return str(self.event)

    def closes(self):
        return self.closes_at or self.event.start

    def accepts_at(self, moment):
        """Whether the form takes registrations at `moment`."""
        return (
            self.is_open
            and (self.opens_at is None or self.opens_at <= moment)
            and moment < self.closes()
        )

    def offer_window(self, moment):
        """How long a place offered at `moment` waits to be taken: `offer_hours`, shorter
        near the start (half of the time left), never under an hour."""
        left = self.event.start - moment
        window = min(datetime.timedelta(hours=self.offer_hours), left / 2)
        return max(window, datetime.timedelta(hours=1))


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    """One of an event's own questions on its registration form."""

    settings = models.ForeignKey(
        RegistrationSettings,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("registration settings"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("question"), max_length=250, default="")
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(
        _("choices"), blank=True, default="", help_text=_("One a line, for a choice.")
    )
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ConsentText(models.Model):
    """The text a registrant agrees to, by version: each registration keeps the version it
    was shown, so that a later change never rewrites what someone agreed to."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text"), default="")
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["-version"]
        get_latest_by = "version"

    def __str__(self):
        return _("Version %(version)s") % {"version": self.version}


class Status(models.TextChoices):
    HELD = "held", _("Waiting for the e-mail to be confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Offer not taken")
    # Found in an attendance report without a registration: counted as having attended.
    GUEST = "guest", _("Joined without registering")


class Visibility(models.TextChoices):
    NOBODY = "nobody", _("Nobody")
    PARTICIPANTS = "participants", _("The other participants")
    EVERYONE = "everyone", _("Everyone")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not yet known")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


ACTIVE = (Status.HELD, Status.CONFIRMED, Status.WAITING, Status.OFFERED)


class RegistrationQuerySet(models.QuerySet):
    def in_scope(self, user):
        """The registrations for events in the user's scope (a coordinator's countries)."""
        return limit(self, user, lambda scope: Q(event__in=Event.objects.in_scope(scope)))

    def active(self):
        return self.filter(status__in=ACTIVE)

    def taking_places(self, moment):
        """The registrations that count against the capacity at `moment`."""
        return self.filter(
            Q(status=Status.CONFIRMED)
            | Q(status__in=(Status.HELD, Status.OFFERED), held_until__gt=moment)
        )


class Registration(models.Model):
    """One person's registration for one event: personal data, never on a public output
    unless they chose to be listed for everyone."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (as written)"), max_length=250, blank=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # A guest of an attendance report consented to nothing here; a registration always did.
    consent = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent text"),
    )
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    visibility = models.CharField(
        _("shown in the list of participants to"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.NOBODY,
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    created = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # From the video platform's attendance report: the first join, and the minutes of every
    # join added up.
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    attended_minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    reminded = models.JSONField(
        _("reminders sent"), default=list, blank=True, editable=False
    )  # the hours before the start each was for: [24, 1]

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        constraints = [
            # One active registration an address per event; cancelled ones stay beside it,
            # and erased ones (no address left) are not compared.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=ACTIVE) & ~Q(email=""),
                name="registrations_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=(Status.HELD, Status.OFFERED))
                | Q(held_until__isnull=False),
                name="registrations_a_hold_has_its_end",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.GUEST)
                | Q(consent__isnull=False, consented_at__isnull=False),
                name="registrations_registered_have_consented",
            ),
        ]
        permissions = [
            ("import_registration", _("Can import attendance reports")),
            ("export_registration", _("Can export registrations")),
            (
                "export_registration_contacts",
                _("Can export the e-mail addresses of registrations"),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registrations_by_status")]

    def __str__(self):
        return f"{self.name} ({self.event})"

    def join_link(self):
        """The private join link, for a confirmed participant of an online or hybrid event
        (their own page and their reminders), else nothing."""
        desk = self.event.registration_settings
        if self.status != Status.CONFIRMED or desk.mode == EventFormat.IN_PERSON:
            return ""
        return desk.join_link


class MessageQuerySet(models.QuerySet):
    def in_scope(self, user):
        return limit(
            self, user, lambda scope: Q(registration__event__in=Event.objects.in_scope(scope))
        )


class Message(models.Model):
    """An e-mail to a registrant, kept until the mail server takes it: a failure is retried
    by the scheduled job and shown in the admin with the server's answer."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirm your e-mail")
        CONFIRMED = "confirmed", _("Registration confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFER = "offer", _("A place is offered")
        CANCELLED = "cancelled", _("Registration cancelled")
        REMINDER = "reminder", _("Reminder")
        FROM_STAFF = "from_staff", _("From staff")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # What staff wrote, for a message from staff; the others are written from templates.
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    error = models.CharField(_("the mail server's answer"), max_length=300, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail to a registrant")
        verbose_name_plural = _("e-mails to registrants")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.registration.email}"
