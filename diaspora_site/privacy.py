"""What is stored about a person, and its erasure (GDPR articles 15, 17 and 20).

Here, on the top floor, because a person's data reaches into every app: memberships,
conferments, programme items, photos, history and the admin's log.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from awards.models import Conferment
from events.models import ProgrammeItem
from imports.models import ImportRecord
from media.models import Photo
from media.services import relations_to
from organisations.models import Membership, Organisation, Person, PersonPhoto
from publishing.models import Status

PERSONAL_FIELDS = [
    "full_name",
    "full_name_latin",
    "full_name_cyrillic",
    "country",
    "city",
    "profession",
    "position",
    "biography_en",
    "biography_az",
    "biography_ru",
    "email",
    "phone",
    "public",
    "consent_date",
    "status",
    "slug",
    "created",
    "updated",
]
ERASED_NAME = "Erased person"


def person_data(person):
    """Everything stored about `person`, as plain data for JSON."""
    photos = [person.photo] if person.photo_id else []
    photos += [item.photo for item in PersonPhoto.objects.filter(person=person)]
    return {
        "person": {
            "id": person.pk,
            **{name: _plain(getattr(person, name)) for name in PERSONAL_FIELDS},
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
    photos = [person.photo_id] if person.photo_id else []
    photos += list(PersonPhoto.objects.filter(person=person).values_list("photo_id", flat=True))
    PersonPhoto.objects.filter(person=person).delete()
    Membership.objects.filter(person=person).delete()
    Membership.history.filter(person_id=pk).delete()
    ProgrammeItem.objects.filter(person=person).update(person=None)
    Organisation.objects.filter(leader=person).update(leader=None)

    for name, value in {
        "full_name": ERASED_NAME,
        "full_name_latin": "",
        "full_name_cyrillic": "",
        "country": "",
        "city": "",
        "profession": "",
        "position": "",
        "biography": "",
        "biography_en": "",
        "biography_az": "",
        "biography_ru": "",
        "email": "",
        "phone": "",
        "public": False,
        "consent_date": None,
        "status": Status.DRAFT,
        "slug": f"erased-{pk}",
        "photo": None,
        "search_text": "",
    }.items():
        setattr(person, name, value)
    person.updated = timezone.now()
    # Saved without a signal's history row: the earlier versions are removed below, and an
    # "erased" version would only say that someone by that id existed.
    fields = [field for field in Person._meta.concrete_fields if not field.primary_key]
    Person.objects.filter(pk=pk).update(
        **{field.attname: getattr(person, field.attname) for field in fields}
    )
    person.history.all().delete()

    for photo in Photo.objects.filter(pk__in=photos):
        if not _used_elsewhere(photo):
            photo_pk = photo.pk
            photo.delete()
            # After the deletion, which records a last version of its own.
            Photo.history.filter(id=photo_pk).delete()

    person_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.filter(content_type=person_type, object_id=str(pk)).update(
        object_repr=ERASED_NAME, change_message=""
    )
    conferments = Conferment.objects.filter(person_id=pk).values_list("pk", flat=True)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Conferment),
        object_id__in=[str(conferment) for conferment in conferments],
    ).update(object_repr=ERASED_NAME)
    for record in ImportRecord.objects.filter(changes__icontains="organisations.person"):
        changes = record.changes
        for entry in changes.get("updated", []):
            if entry[0] == "organisations.person" and entry[1] == pk:
                entry[2] = {}
        record.save(update_fields=["changes"])
    return person


def _used_elsewhere(photo):
    """Whether another record still shows the photo (a gallery, a cover, a portrait)."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: photo}).exists()
        for relation in relations_to(Photo)
    )


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
