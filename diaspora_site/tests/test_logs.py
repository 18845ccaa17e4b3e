"""Logs are JSON lines; a request is one of them, with its id, user, client, status and time."""

import json
import logging

import pytest
import structlog


def _as_written(record):
    """The line the site's log handler writes for `record`."""
    formatter = next(
        handler.formatter
        for handler in logging.getLogger().handlers
        if isinstance(handler.formatter, structlog.stdlib.ProcessorFormatter)
    )
    return json.loads(formatter.format(record))


@pytest.mark.django_db
def test_a_request_is_one_json_line_with_its_id_user_client_status_and_time(
    client, admin_user, caplog, settings
):
    settings.TRUSTED_PROXIES = 1
    client.force_login(admin_user)
    with caplog.at_level(logging.INFO):
        response = client.get(
            "/en/", headers={"x-forwarded-for": "203.0.113.9"}, REMOTE_ADDR="10.0.0.1"
        )
    assert response.status_code == 200
    requests = [record for record in caplog.records if record.name.startswith("django_structlog")]
    assert len(requests) == 1  # request_started is logged at DEBUG only
    line = _as_written(requests[0])
    assert line["event"] == "request_finished"
    assert (line["code"], line["user_id"], line["client"]) == (200, admin_user.pk, "203.0.113.9")
    assert len(line["request_id"]) == 36
    assert line["duration_ms"] > 0
    assert line["request"] == "GET /en/"
    assert (line["level"], line["timestamp"][-1]) == ("info", "Z")


def test_djangos_own_records_are_json_lines_too(caplog):
    with caplog.at_level(logging.WARNING):
        logging.getLogger("django.request").warning("Not Found: %s", "/nowhere/")
    line = _as_written(caplog.records[-1])
    assert (line["event"], line["logger"], line["level"]) == (
        "Not Found: /nowhere/",
        "django.request",
        "warning",
    )
