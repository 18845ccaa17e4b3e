"""Erasing what is stored about a person, as far as organisations keeps it."""

from django.db import transaction
from django.utils import timezone

from publishing.models import Status

from .models import Membership, Organisation, Person, PersonPhoto


@transaction.atomic
def forget_person(*, person):
    """Empty every personal field of `person` and remove their memberships, gallery and
    history; the record stays as an anonymous stub so that what points at it still counts.

    Returns the ids of the photos that showed the person, for media to delete where nothing
    else shows them.
    """
    pk = person.pk
    photo_ids = [person.photo_id] if person.photo_id else []
    photo_ids += PersonPhoto.objects.filter(person=person).values_list("photo_id", flat=True)
    PersonPhoto.objects.filter(person=person).delete()
    Membership.objects.filter(person=person).delete()
    Membership.history.filter(person_id=pk).delete()
    Organisation.objects.filter(leader=person).update(leader=None)
    for name in Person.PERSONAL_FIELDS:
        field = Person._meta.get_field(name)
        setattr(person, field.attname, field.get_default() if field.null else _blank(field))
    person.full_name = Person.ERASED_NAME
    person.slug = f"erased-{pk}"
    person.status = Status.DRAFT
    person.updated = timezone.now()
    # Saved without a signal's history row: the earlier versions are removed below, and an
    # "erased" version would only say that someone by that id existed.
    fields = [field for field in Person._meta.concrete_fields if not field.primary_key]
    Person.objects.filter(pk=pk).update(
        **{field.attname: getattr(person, field.attname) for field in fields}
    )
    person.history.all().delete()
    return photo_ids


def _blank(field):
    return False if field.get_internal_type() == "BooleanField" else ""
