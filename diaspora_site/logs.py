"""Logs as JSON lines on standard output (structlog, through Django's own logging).

Every record, the project's, Django's or a library's, becomes one JSON object with its time,
level and logger. A request is one line, django-structlog's `request_finished`, carrying the
request's id, the user's id, the client's address as `security.client_address` reads it
(never an X-Forwarded-For that no trusted proxy wrote), the status and the time taken.
"""

import time

import structlog

from .security import client_address

SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
# What the formatter does with every record, once it is an event (settings.LOGGING).
FORMATTER_PROCESSORS = [
    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
    structlog.processors.format_exc_info,
    structlog.processors.JSONRenderer(ensure_ascii=False),
]


def configure():
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def note_start(request, log_kwargs, **kwargs):
    request.log_started = time.monotonic()


def add_request_figures(request, response, log_kwargs, **kwargs):
    started = getattr(request, "log_started", None)
    if started is not None:
        log_kwargs["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    log_kwargs["client"] = client_address(request)
