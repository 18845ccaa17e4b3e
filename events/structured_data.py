"""schema.org data about events, for search engines and link previews: what Google's Event
rich result requires (name, startDate, location) and recommends (description, endDate,
eventAttendanceMode, eventStatus, image, organizer, performer), in the page's language."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _organisation(organisation, absolute):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.is_published:
        data["url"] = absolute(organisation.get_absolute_url())
    return data


def performers(event, absolute):
    """Who the programme names, as the page shows them: public people and published
    organisations, each once, in the programme's order."""
    found = {}
    for item in event.programme.all():
        if item.person and item.person.is_public:
            found.setdefault(
                ("person", item.person.pk),
                {
                    "@type": "Person",
                    "name": item.person.shown_name,
                    "url": absolute(item.person.get_absolute_url()),
                },
            )
        if item.organisation and item.organisation.is_published:
            found.setdefault(
                ("organisation", item.organisation.pk),
                _organisation(item.organisation, absolute),
            )
    return list(found.values())


def event_json_ld(event, *, absolute, image_url=None):
    """`absolute(path)` gives a page's full address; `image_url` is the event's picture."""
    url = absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_iso(event.start),
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        # Events are published as they are held; a cancelled one is taken off the site.
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "inLanguage": get_language(),
    }
    if image_url:
        data["image"] = [image_url]
    if event.end:
        data["endDate"] = event.local_iso(event.end)
    if event.summary:
        data["description"] = event.summary
    locations = []
    if event.format in {"online", "hybrid"}:
        # The public viewing link (a live stream), or the event's page: never a join link.
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    if event.format in {"in_person", "hybrid"}:
        place = {"@type": "Place", "name": event.venue or event.city or str(event.country.name)}
        address = {"@type": "PostalAddress"}
        if event.city:
            address["addressLocality"] = event.city
        if event.country:
            address["addressCountry"] = event.country.code
        place["address"] = address
        locations.append(place)
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser_id:
        data["organizer"] = _organisation(event.organiser, absolute)
    else:
        # Events without a named organiser are the State Committee's own.
        data["organizer"] = {
            "@type": "Organization",
            "name": _("State Committee for Work with Diaspora"),
            "url": absolute(reverse("home")),
        }
    found = performers(event, absolute)
    if found:
        data["performer"] = found
    return data
