"""The e-mails to registrants, each in the registrant's language, with the links that let
them confirm, take an offered place, see, change or cancel their registration."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .links import confirmation_token, manage_token
from .models import Message


def _address(path):
    return settings.SITE_URL.rstrip("/") + path


def links(registration):
    """The registrant's own addresses, in their language."""
    with translation.override(registration.language):
        slug = registration.event.slug
        return {
            "confirm": _address(
                reverse("registrations:confirm", args=[slug, confirmation_token(registration)])
            ),
            "mine": _address(
                reverse("registrations:mine", args=[slug, manage_token(registration)])
            ),
        }


def render(message):
    registration = message.registration
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": registration.event,
            "kind": message.kind,
            "links": links(registration),
            "join_link": registration.join_link(),
        }
        if message.kind == Message.Kind.FROM_STAFF:
            subject = message.subject
            context["text"] = message.text
        else:
            subject = f"{message.get_kind_display()}: {registration.event.title}"
        body = render_to_string("registrations/email.txt", context)
    return subject, body


def send(message_ids):
    """Send the unsent messages among `message_ids`; a failure is kept with the server's
    answer, to be tried again by the scheduled job."""
    for message in Message.objects.filter(pk__in=message_ids, sent__isnull=True).select_related(
        "registration__event"
    ):
        subject, body = render(message)
        try:
            send_mail(subject, body, None, [message.registration.email])
        except (smtplib.SMTPException, OSError) as error:
            with transaction.atomic():
                Message.objects.filter(pk=message.pk).update(
                    attempts=message.attempts + 1, error=str(error)[:300]
                )
            continue
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(
                sent=timezone.now(), attempts=message.attempts + 1, error=""
            )


def send_unsent():
    send(list(Message.objects.filter(sent__isnull=True).values_list("pk", flat=True)))
