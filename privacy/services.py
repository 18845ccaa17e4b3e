"""What is stored about a person, and its erasure (GDPR articles 15, 17 and 20).

Here, on the top floor, because a person's data reaches into every app: memberships,
conferments, nominations, programme items, photos, registrations for events (by the person's
address),
history and the admin's log. Each app erases what it
keeps (its services); what is personal about a person is declared on `Person`.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from awards.models import Conferment
from events.models import ProgrammeItem
from events.services import forget_speaker
from imports.undoing import forget_values
from media.services import delete_unshown_photos
from nominations.services import endorsements_by, erase_nominations_of, nominations_of
from organisations.models import Person, PersonPhoto
from organisations.services import forget_person
from registrations.services import erase_registrations_of, registrations_of

ERASED_NAME = Person.ERASED_NAME


def person_data(person):
    """Everything stored about `person`, as plain data for JSON."""
    photos = [person.photo] if person.photo_id else []
    photos += [item.photo for item in PersonPhoto.objects.filter(person=person)]
    return {
        "person": {
            "id": person.pk,
            **{
                name: _plain(getattr(person, name))
                for name in (*Person.PERSONAL_FIELDS, *Person.NOT_PERSONAL_FIELDS)
                if name not in {"id", "photo", "search_text"}
            },
        },
        "memberships": [
            {
                "organisation": membership.organisation.name_en,
                "role": membership.role,
                "start_year": membership.start_year,
                "end_year": membership.end_year,
            }
            for membership in person.memberships.select_related("organisation")
        ],
        "leads": [organisation.name_en for organisation in person.led_organisations.all()],
        "conferments": [
            {
                "medal": conferment.medal.name_en,
                "date": _plain(conferment.date),
                "event": conferment.event.title_en if conferment.event_id else None,
                "decree_number": conferment.decree_number,
                "citation": conferment.citation_en,
                "status": conferment.status,
            }
            for conferment in Conferment.objects.filter(person=person).select_related(
                "medal", "event"
            )
        ],
        "programme_items": [
            {"event": item.event.title_en, "title": item.title_en, "kind": item.kind}
            for item in ProgrammeItem.objects.filter(person=person).select_related("event")
        ],
        "photos": [
            {"title": photo.title_en, "file": photo.image.name, "credit": photo.credit}
            for photo in photos
        ],
        "registrations": registrations_of(person.email) if person.email else [],
        "nominations": nominations_of(person),
        "endorsements": endorsements_by(person),
        "history": [
            {
                "date": _plain(record.history_date),
                "type": record.get_history_type_display(),
                "by": str(record.history_user) if record.history_user_id else None,
                "full_name": record.full_name,
            }
            for record in person.history.order_by("history_date").select_related("history_user")
        ],
    }


@transaction.atomic
def erase_person(person):
    """Remove everything personal about `person`; conferments stay, given to no one named.

    The record itself stays as an anonymous stub so that a medal's roll still counts its
    recipients; its name, contacts, texts, photos, memberships and every earlier version
    are gone, and so is the name from the admin's log and from import records.
    """
    pk = person.pk
    if person.email:
        erase_registrations_of(person.email)
    erase_nominations_of(person)
    forget_speaker(person_id=pk)
    photo_ids = forget_person(person=person)
    delete_unshown_photos(photo_ids)
    forget_values(model=Person, pk=pk)
    # The admin's log is Django's: its entries name the person and their conferments.
    person_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.filter(content_type=person_type, object_id=str(pk)).update(
        object_repr=ERASED_NAME, change_message=""
    )
    conferments = Conferment.objects.filter(person_id=pk).values_list("pk", flat=True)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Conferment),
        object_id__in=[str(conferment) for conferment in conferments],
    ).update(object_repr=ERASED_NAME)
    person.refresh_from_db()
    return person


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
