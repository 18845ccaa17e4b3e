"""schema.org data about events, for search engines and link previews."""

ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_json_ld(event, *, url, image_url=None):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_iso(event.start),
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
    }
    if event.end:
        data["endDate"] = event.local_iso(event.end)
    if event.summary:
        data["description"] = event.summary
    if image_url:
        data["image"] = [image_url]
    locations = []
    if event.format in {"online", "hybrid"}:
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
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    return data
