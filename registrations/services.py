"""Registering, confirming, cancelling and the waiting list, each one transaction that
locks the event's settings first: two people submitting at once are counted one after the
other, on PostgreSQL (the row lock) and on SQLite (every transaction takes the write lock),
so an event is never overbooked.

E-mails are written as Messages in the same transaction and sent by a job once it commits
(`tasks.send_messages`), never in the request."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.cache import content_changed

from .models import (
    Attendance,
    ConsentText,
    Message,
    Registration,
    RegistrationSettings,
    Status,
    Visibility,
)


class RegistrationRefused(Exception):
    """Why a registration cannot be taken, in words for the person."""


def _locked_settings(event):
    return (
        RegistrationSettings.objects.select_for_update().select_related("event").get(event=event)
    )


def places_left(desk, moment):
    """Free places at `moment`, or None without a limit."""
    if desk.capacity is None:
        return None
    taken = Registration.objects.filter(event=desk.event).taking_places(moment).count()
    return max(desk.capacity - taken, 0)


def _queue(registration, kind):
    message = Message.objects.create(registration=registration, kind=kind)
    transaction.on_commit(lambda: _send_later([message.pk]))
    return message


def _send_later(message_ids):
    from .tasks import send_messages

    # A transaction of its own: on SQLite it queues for the write lock as every writer
    # does, where a lone INSERT would wait in SQLite's slower busy handler and lose a rush.
    with transaction.atomic():
        send_messages.enqueue(message_ids)


def register(event, *, name, email, country, language, consent, visibility, **details):
    """A new registration: a place held until its e-mail is confirmed, or a place on the
    waiting list when the event is full. Raises RegistrationRefused."""
    now = timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        desk = _locked_settings(event)
        if not desk.accepts_at(now):
            raise RegistrationRefused(_("Registration for this event is closed."))
        if Registration.objects.active().filter(event=event, email=email).exists():
            raise RegistrationRefused(_("This e-mail address is already registered."))
        free = places_left(desk, now)
        if free is None or free > 0:
            status = Status.HELD
        elif desk.waiting_list:
            status = Status.WAITING
        else:
            raise RegistrationRefused(_("The event is full."))
        registration = Registration.objects.create(
            event=event,
            status=status,
            # A waiting registration not confirmed by then is removed like a held one.
            held_until=now + datetime.timedelta(hours=desk.hold_hours),
            name=name,
            email=email,
            country=country,
            language=language,
            consent=consent,
            consented_at=now,
            visibility=visibility,
            **details,
        )
        _queue(registration, Message.Kind.CONFIRM)
    return registration


# The consent text until staff write a version of their own, in each language.
FIRST_CONSENT = {
    "en": (
        "The State Committee for Work with Diaspora keeps your name, e-mail address, country, "
        "city, organisation and answers to organise this event and to count its participants. "
        "They are shared with nobody, shown to others only as you choose below, and erased "
        "12 months after the event; you can cancel your registration at any time from the "
        "link we send you."
    ),
    "az": (
        "Diaspora ilə İş üzrə Dövlət Komitəsi adınızı, e-poçt ünvanınızı, ölkənizi, "
        "şəhərinizi, təşkilatınızı və cavablarınızı bu tədbiri təşkil etmək və iştirakçıları "
        "saymaq üçün saxlayır. Onlar heç kimə verilmir, başqalarına yalnız aşağıda "
        "seçdiyiniz kimi göstərilir və tədbirdən 12 ay sonra silinir; qeydiyyatınızı "
        "göndərdiyimiz keçidlə istənilən vaxt ləğv edə bilərsiniz."
    ),
    "ru": (
        "Государственный комитет по работе с диаспорой хранит ваше имя, адрес электронной "
        "почты, страну, город, организацию и ответы, чтобы организовать это мероприятие и "
        "подсчитать его участников. Они никому не передаются, другим показываются только так, "
        "как вы выберете ниже, и удаляются через 12 месяцев после мероприятия; отменить "
        "регистрацию можно в любое время по ссылке из нашего письма."
    ),
}


def current_consent():
    """The version of the consent text the form shows now: the latest, or the first."""
    latest = ConsentText.objects.order_by("-version").first()
    if latest is not None:
        return latest
    first, _created = ConsentText.objects.get_or_create(
        version=1,
        defaults={
            "text": FIRST_CONSENT["en"],
            **{f"text_{language}": text for language, text in FIRST_CONSENT.items()},
        },
    )
    return first


def confirm(registration):
    """The person confirmed their address (or took the place offered): confirmed while
    their hold lasts; on the waiting list if it lapsed meanwhile and the event filled."""
    now = timezone.now()
    with transaction.atomic():
        desk = _locked_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (Status.HELD, Status.WAITING, Status.OFFERED):
            return registration
        registration.email_confirmed_at = registration.email_confirmed_at or now
        holding = registration.held_until and registration.held_until > now
        if registration.status == Status.WAITING:
            registration.held_until = None
            kind = Message.Kind.WAITING
        elif holding or places_left(desk, now) != 0:  # a place held, free, or no limit
            registration.status = Status.CONFIRMED
            registration.held_until = None
            registration.confirmed_at = now
            kind = Message.Kind.CONFIRMED
        elif desk.waiting_list:
            registration.status, registration.held_until = Status.WAITING, None
            kind = Message.Kind.WAITING
        else:
            raise RegistrationRefused(_("The event filled up before the confirmation."))
        registration.save()
        _queue(registration, kind)
        _renew_public_list(desk, registration)
    return registration


def cancel(registration):
    """The person cancelled: their place goes to the next on the waiting list."""
    with transaction.atomic():
        desk = _locked_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in (Status.CANCELLED, Status.LAPSED):
            return registration
        registration.status, registration.held_until = Status.CANCELLED, None
        registration.save()
        _queue(registration, Message.Kind.CANCELLED)
        _renew_public_list(desk, registration)
        offer_free_places(desk)
    return registration


def _renew_public_list(desk, registration, was=None):
    """The event's page lists those who chose everyone: it is made again when one of them
    enters or leaves the list (and only then, so that a rush leaves the cache alone)."""
    if desk.public_list and Visibility.EVERYONE in (registration.visibility, was):
        content_changed()


def change(registration, form):
    """A participant's change from their own page (`form`, a valid ChangeForm)."""
    was = Registration.objects.get(pk=registration.pk).visibility
    with transaction.atomic():
        form.save()
        _renew_public_list(registration.event.registration_settings, registration, was)


def offer_free_places(desk):
    """Offer each free place to the next on the waiting list who confirmed their address,
    in the order they registered. Called inside the transaction that freed the places."""
    now = timezone.now()
    free = places_left(desk, now)
    if free is None or free == 0 or now >= desk.event.start:
        return 0
    waiting = Registration.objects.filter(
        event=desk.event, status=Status.WAITING, email_confirmed_at__isnull=False
    ).order_by("created", "pk")[:free]
    offered = 0
    for registration in waiting:
        registration.status = Status.OFFERED
        registration.held_until = now + desk.offer_window(now)
        registration.save()
        _queue(registration, Message.Kind.OFFER)
        offered += 1
    return offered


def release_lapsed(now=None):
    """The scheduled job: unconfirmed registrations past their time are removed (nothing
    was agreed, nothing is kept), offers not taken lapse, and the places they held are
    offered to the next. Returns (removed, lapsed)."""
    now = now or timezone.now()
    removed = lapsed = 0
    events = (
        Registration.objects.filter(held_until__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event_id in list(events):
        with transaction.atomic():
            desk = (
                RegistrationSettings.objects.select_for_update()
                .select_related("event")
                .get(pk=event_id)
            )
            past = Registration.objects.filter(event_id=event_id, held_until__lte=now)
            unconfirmed = list(
                past.filter(
                    status__in=(Status.HELD, Status.WAITING), email_confirmed_at__isnull=True
                ).values_list("pk", flat=True)
            )
            # Nothing was agreed: the registration goes, its history with it.
            Registration.objects.filter(pk__in=unconfirmed).delete()
            Registration.history.filter(id__in=unconfirmed).delete()
            removed += len(unconfirmed)
            lapsed += past.filter(status=Status.OFFERED).update(
                status=Status.LAPSED, held_until=None
            )
            offer_free_places(desk)
    return removed, lapsed


# Hours before the start at which confirmed participants are reminded.
REMINDERS = (24, 1)


def send_due_reminders(now=None):
    """Queue each reminder that has fallen due: 24 hours and 1 hour before the start, to
    confirmed participants, each once; one that falls due late (a registration the day
    before) is the nearest one only. Returns how many were queued."""
    now = now or timezone.now()
    soon = Registration.objects.filter(
        status=Status.CONFIRMED,
        event__start__gt=now,
        event__start__lte=now + datetime.timedelta(hours=max(REMINDERS)),
    ).select_related("event")
    queued = 0
    for registration in soon:
        left = registration.event.start - now
        hours = min(h for h in REMINDERS if left <= datetime.timedelta(hours=h))
        if hours in registration.reminded:
            continue
        with transaction.atomic():
            registration.reminded = [*registration.reminded, hours]
            registration.save(update_fields=["reminded"])
            _queue(registration, Message.Kind.REMINDER)
        queued += 1
    return queued


def who_is_present(attendance_known):
    """Whom an event's figures count as its participants: those who attended (checked in,
    or found in the attendance report, guests too) once any is recorded; until then the
    confirmed."""
    return Q(attendance=Attendance.ATTENDED) if attendance_known else Q(status=Status.CONFIRMED)


def present_at(event):
    registrations = Registration.objects.filter(event=event)
    known = registrations.filter(attendance=Attendance.ATTENDED).exists()
    return registrations.filter(who_is_present(known))


def figures_of(event):
    return figures_of_events([event])[event.pk]


def figures_of_events(events):
    """{event id: figures} of `events`, in four queries however many: registered,
    confirmed, held for confirmation, on the waiting list (offered a place included),
    attended, absent, excused, guests, and `participants` and `countries` as
    `who_is_present` counts them (`attendance_known` says which)."""
    registrations = Registration.objects.filter(event__in=[event.pk for event in events])
    by_status, by_attendance, countries = {}, {}, {}
    for event_id, status, total in (
        registrations.values_list("event_id", "status").annotate(total=Count("pk")).order_by()
    ):
        by_status.setdefault(event_id, {})[status] = total
    for event_id, attendance, total in (
        registrations.values_list("event_id", "attendance").annotate(total=Count("pk")).order_by()
    ):
        by_attendance.setdefault(event_id, {})[attendance] = total
    for known in (True, False):
        for event_id, total in (
            registrations.filter(who_is_present(known))
            .exclude(country="")
            .values_list("event_id")
            .annotate(total=Count("country", distinct=True))
            .order_by()
        ):
            countries[event_id, known] = total
    figures = {}
    for event in events:
        statuses = by_status.get(event.pk, {})
        attendances = by_attendance.get(event.pk, {})
        known = bool(attendances.get(Attendance.ATTENDED))
        figures[event.pk] = {
            "registered": sum(statuses.values()) - statuses.get(Status.GUEST, 0),
            "confirmed": statuses.get(Status.CONFIRMED, 0),
            "held": statuses.get(Status.HELD, 0),
            "waiting": statuses.get(Status.WAITING, 0) + statuses.get(Status.OFFERED, 0),
            "attended": attendances.get(Attendance.ATTENDED, 0),
            "absent": attendances.get(Attendance.ABSENT, 0),
            "excused": attendances.get(Attendance.EXCUSED, 0),
            "guests": statuses.get(Status.GUEST, 0),
            "attendance_known": known,
            "participants": attendances.get(Attendance.ATTENDED, 0)
            if known
            else statuses.get(Status.CONFIRMED, 0),
            "countries": countries.get((event.pk, known), 0),
        }
    return figures


def participants_by_country(event):
    """(country, count) of the event's participants (`present_at`), most first; those of
    no known country (a guest of a report) are left out."""
    rows = (
        present_at(event)
        .exclude(country="")
        .values("country")
        .annotate(total=Count("pk"))
        .order_by("-total", "country")
    )
    return [(Registration(country=row["country"]).country, row["total"]) for row in rows]


def erase_past_registrations(now=None):
    """Registrations of events that ended `REGISTRATIONS_KEEP_MONTHS` ago lose what is
    personal in them (name, address, city, organisation, answers), with their history and
    e-mails; their status and country stay, so that the event's figures still count them.
    Returns how many were erased."""
    now = now or timezone.now()
    ended_before = now - datetime.timedelta(days=30 * settings.REGISTRATIONS_KEEP_MONTHS)
    past = Registration.objects.filter(
        Q(event__end__lt=ended_before) | Q(event__end__isnull=True, event__start__lt=ended_before)
    ).exclude(email="")
    return _erase(past)


def _erase(registrations):
    """What is personal in `registrations` blanked, with their history and e-mails; status
    and country stay for the figures. Returns how many."""
    with transaction.atomic():
        ids = list(registrations.values_list("pk", flat=True))
        erased = Registration.objects.filter(pk__in=ids).update(
            name="",
            email="",
            city="",
            organisation=None,
            organisation_name="",
            answers={},
        )
        Registration.history.filter(id__in=ids).delete()
        Message.objects.filter(registration_id__in=ids).delete()
    return erased


def registrations_of(email):
    """Everything stored of the registrations made with `email`, as plain data (a
    request for access)."""
    return [
        {
            "event": registration.event.title_en,
            "status": registration.status,
            "name": registration.name,
            "email": registration.email,
            "country": registration.country.code,
            "city": registration.city,
            "organisation": (
                registration.organisation.name_en
                if registration.organisation_id
                else registration.organisation_name
            ),
            "answers": registration.answers,
            "visibility": registration.visibility,
            "language": registration.language,
            # A guest of an attendance report consented to nothing here.
            "consent_version": registration.consent.version if registration.consent else None,
            "consented_at": registration.consented_at and registration.consented_at.isoformat(),
            "registered": registration.created.isoformat(),
            "emails_sent": [
                {"kind": message.kind, "sent": message.sent and message.sent.isoformat()}
                for message in registration.messages.order_by("created")
            ],
        }
        for registration in Registration.objects.filter(email__iexact=email.strip())
        .select_related("event", "organisation", "consent")
        .order_by("created")
    ]


def erase_registrations_of(email):
    """Erase what is personal in every registration made with `email` (a request for
    erasure); the events' figures still count them. Returns how many."""
    return _erase(Registration.objects.filter(email__iexact=email.strip()))


def check_in(registration):
    """A confirmed participant arrived (checked in by staff): attended, once."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.CONFIRMED:
            raise RegistrationRefused(_("Only a confirmed registration can be checked in."))
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.attendance = Attendance.ATTENDED
            registration.save(update_fields=["checked_in_at", "attendance"])
    return registration
