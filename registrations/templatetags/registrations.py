"""The list of participants, as each reader may see it: on the event's page those who chose
everyone; on a participant's own page those who chose the other participants too. Name,
country and organisation only."""

from django import template
from django.utils import timezone

from ..models import Status, Visibility
from ..services import figures_of

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


@register.simple_tag
def event_figures(event):
    """The figures an event's page shows: what staff typed, else, once the event is over,
    what its registrations count (`services.figures_of`). `counted` names the figures that
    were counted."""
    typed = {"participants": event.participants_count, "countries": event.countries_count}
    counted = {}
    over = (event.end or event.start) < timezone.now()
    if over and (
        getattr(event, "registration_settings", None) is not None
        or event.registrations.exists()  # an attendance report's guests, say
    ):
        counted = figures_of(event)
    figures = {name: typed[name] or counted.get(name) or 0 for name in typed}
    figures["counted"] = [name for name in typed if not typed[name] and counted.get(name)]
    return figures
