"""Registrations arriving at once over HTTP, and an attendance report of as many rows.

The clients do what a browser does: open the form (its CSRF cookie and token, and its
signed time), then send it. The server is gunicorn with the bench's settings; the form's
limit per address and its fastest fill time are set for the clients, which all come from
one address and fill the form at once. The e-mails are queued as jobs, not sent.
"""

import csv
import datetime
import io
import re
import statistics
import threading
import time
import urllib.parse
import zoneinfo
from http.client import HTTPConnection

from django.utils import timezone

from events.models import Event
from imports.importing import import_file
from publishing.models import Status as PublishingStatus
from registrations.models import Message, Registration, RegistrationSettings, Status

from . import http

CLIENTS = 20
BAKU = zoneinfo.ZoneInfo("Asia/Baku")
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_COUNTRIES = ["AZ", "DE", "RU", "TR", "US", "FR", "GB", "UA", "GE", "KZ", "CA", "IL"]


def registrations_bench(sizes, log):
    """`sizes.registrations` sent by 20 clients over `sizes.registration_seconds`, for an
    event of fewer places (the rest join the waiting list), then its attendance report."""
    total, capacity = sizes.registrations, sizes.registrations * 4 // 5
    event = _event(capacity)
    path = f"/en/events/{event.slug}/register/"
    env = {"REGISTRATIONS_PER_HOUR": str(total * 10), "REGISTRATIONS_FASTEST_SECONDS": "0"}
    form_times, post_times, errors = [], [], []
    lock = threading.Lock()
    spacing = sizes.registration_seconds / total
    with http.Server(env=env) as server:
        http.sequential(server.port, {"form": path}, requests=3)  # each worker's first
        started = time.perf_counter()

        def client(number):
            for index in range(number, total, CLIENTS):
                wait = started + index * spacing - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)  # arrivals spread over the minute, as a rush is
                try:
                    form_seconds, post_seconds, status = _submit(server.port, path, index)
                except Exception as error:  # noqa: BLE001 - every failure is a figure
                    with lock:
                        errors.append(f"{index}: {error}")
                    continue
                with lock:
                    form_times.append(form_seconds)
                    post_times.append(post_seconds)
                    if status != 302:
                        errors.append(f"{index}: answered {status}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    now = timezone.now()
    registrations = Registration.objects.filter(event=event)
    taking = registrations.taking_places(now).count()
    form_p95 = http.percentile(form_times, 0.95) if form_times else 0
    post_p95 = http.percentile(post_times, 0.95) if post_times else 0
    figures = {
        "submissions": total,
        "clients": CLIENTS,
        "seconds": round(elapsed, 1),
        "capacity": capacity,
        "errors": len(errors),
        "first_errors": errors[:5],
        "registered": registrations.count(),
        "holding_places": taking,
        "waiting": registrations.filter(status=Status.WAITING).count(),
        "overbooked": max(0, taking - capacity),
        "emails_queued": Message.objects.filter(registration__event=event).count(),
        "form_median_ms": round(statistics.median(form_times) * 1000, 1) if form_times else 0,
        "form_p95_ms": round(form_p95 * 1000, 1),
        "submission_median_ms": round(statistics.median(post_times) * 1000, 1)
        if post_times
        else 0,
        "submission_p95_ms": round(post_p95 * 1000, 1),
        "submission_p95_ratio_to_form": round(post_p95 / form_p95, 2) if form_p95 else 0,
    }
    log(
        f"  {total} registrations in {elapsed:.0f} s: {len(errors)} errors, "
        f"{figures['overbooked']} overbooked"
    )
    figures["attendance"] = _attendance_import(event, total)
    log(f"  attendance report of {total} rows: {figures['attendance']['seconds']} s")
    return figures


def _event(capacity):
    start = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(
        title_en="Registrations benchmark",
        slug=f"registrations-benchmark-{int(time.time())}",
        start=start,
        end=start + datetime.timedelta(hours=3),
        time_zone="Asia/Baku",
        format="online",
        country="AZ",
        status=PublishingStatus.PUBLISHED,
    )
    RegistrationSettings.objects.create(
        event=event, is_open=True, mode="online", capacity=capacity, waiting_list=True
    )
    return event


def _submit(port, path, index):
    """(seconds to open the form, seconds to send it, the answer's status)."""
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    began = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    cookies = response.headers.get_all("Set-Cookie") or []
    connection.close()
    form_seconds = time.perf_counter() - began
    cookie = "; ".join(value.split(";", 1)[0] for value in cookies)
    fields = dict(_HIDDEN.findall(page))
    fields.update(
        name=f"Bench Participant {index}",
        email=f"participant{index}@bench.example.org",
        country=_COUNTRIES[index % len(_COUNTRIES)],
        city="Baku",
        visibility="nobody",
        consent="on",
        website="",
    )
    body = urllib.parse.urlencode(fields)
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    began = time.perf_counter()
    connection.request(
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )
    response = connection.getresponse()
    response.read()
    post_seconds = time.perf_counter() - began
    connection.close()
    return form_seconds, post_seconds, response.status


def _attendance_import(event, rows):
    """A Zoom participants report of `rows` rows for `event`: most registrants by address,
    a tenth rejoining, a tenth guests; imported as staff would, timed."""
    report = io.StringIO(newline="")
    writer = csv.writer(report, lineterminator="\r\n")
    start = event.start.astimezone(BAKU).replace(tzinfo=None)
    writer.writerow(
        ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)"]
    )
    writer.writerow(["845 0000 0000", "Registrations benchmark", _zoom(start), "", "", "180"])
    writer.writerow([])
    writer.writerow(
        ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"]
    )
    for index in range(rows):
        joined = start + datetime.timedelta(minutes=index % 30)
        if index % 10 == 9:  # a guest, known by name only
            name, email = f"Guest Viewer {index}", ""
        elif index % 10 == 8:  # a rejoin of the participant before
            name, email = (
                f"Bench Participant {index - 1}",
                f"participant{index - 1}@bench.example.org",
            )
            joined += datetime.timedelta(minutes=90)
        else:
            name, email = f"Bench Participant {index}", f"participant{index}@bench.example.org"
        left = joined + datetime.timedelta(minutes=60)
        writer.writerow([name, email, _zoom(joined), _zoom(left), "60"])
    data = ("\ufeff" + report.getvalue()).encode()
    began = time.perf_counter()
    result = import_file(
        dataset_name="attendance",
        uploaded=io.BytesIO(data),
        file_name="zoom-participants.csv",
        options={"event": event.pk},
    )
    seconds = time.perf_counter() - began
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "ok": result.ok,
        "new": result.counts["new"],
        "updated": result.counts["updated"],
        "problem": result.problem or (str(result.errors[0]) if result.errors else ""),
    }


def _zoom(moment):
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")
