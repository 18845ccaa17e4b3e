"""What the events app changes when a person's data is erased."""

from .models import ProgrammeItem


def forget_speaker(*, person_id):
    """Programme items keep their place but no longer name the erased person."""
    ProgrammeItem.objects.filter(person_id=person_id).update(person=None)
