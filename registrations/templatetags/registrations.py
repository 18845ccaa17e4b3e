"""The list of participants, as each reader may see it: on the event's page those who chose
everyone; on a participant's own page those who chose the other participants too. Name,
country and organisation only."""

from django import template

from ..models import Status, Visibility

register = template.Library()


def participants(event, visibilities):
    return (
        event.registrations.filter(status=Status.CONFIRMED, visibility__in=visibilities)
        .select_related("organisation")
        .order_by("name", "pk")
    )


@register.inclusion_tag("registrations/participants.html")
def public_participants(event):
    desk = getattr(event, "registration_settings", None)
    shown = desk is not None and desk.public_list
    return {"participants": participants(event, [Visibility.EVERYONE]) if shown else []}


@register.inclusion_tag("registrations/participants.html")
def fellow_participants(registration):
    if registration.status != Status.CONFIRMED:
        return {"participants": []}
    return {
        "participants": participants(
            registration.event, [Visibility.PARTICIPANTS, Visibility.EVERYONE]
        )
    }
