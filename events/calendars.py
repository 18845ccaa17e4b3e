"""Events as iCalendar, for calendar apps: each in its own time zone."""

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def calendar_of(events, *, build_url, name):
    """An iCalendar (bytes) of `events`; `build_url(event)` gives each its page's address."""
    calendar = Calendar()
    calendar.add("prodid", "-//diaspora_site//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@diaspora-site")
        entry.add("summary", event.title)
        entry.add("dtstart", event.local_start)
        if event.end:
            entry.add("dtend", timezone.localtime(event.end, event.zone))
        entry.add("dtstamp", event.updated)
        if event.summary:
            entry.add("description", event.summary)
        location = event.location_text()
        if location:
            entry.add("location", location)
        entry.add("url", build_url(event))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    # icalendar adds them in the order of a set: sorted, the same events give the same file.
    zones = [part for part in calendar.subcomponents if part.name == "VTIMEZONE"]
    others = [part for part in calendar.subcomponents if part.name != "VTIMEZONE"]
    calendar.subcomponents[:] = sorted(zones, key=lambda zone: str(zone["TZID"])) + others
    return calendar.to_ical()
