"""Publishing and unpublishing records, and the review between them, with a history entry
for each record changed."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from imports.signals import records_changed

from .models import Notice, StaffLanguage, Status

logger = logging.getLogger(__name__)


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def may_publish(user, model):
    """Whether `user` may publish `model` records (the command line, `None`, may)."""
    return user is None or user.has_perm(publish_permission(model))


def publish(*, queryset, user=None):
    """Publish every record in `queryset`; returns how many changed."""
    return len(_set_status(queryset=queryset, status=Status.PUBLISHED, user=user))


def submit_for_review(*, queryset, user=None, comment=""):
    """Hand every draft in `queryset` to the Publishers; returns how many changed."""
    records = _set_status(
        queryset=queryset.filter(status=Status.DRAFT),
        status=Status.REVIEW,
        user=user,
        reason=comment,
    )
    notify_publishers(records, submitted_by=user)
    return len(records)


def notify_publishers(records, *, submitted_by=None):
    """Tell everyone who may publish them that `records` wait for their review: a Notice,
    sent once the transaction commits, and kept with its problem until it is sent."""
    if not records:
        return
    model = type(records[0])
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    with translation.override(settings.LANGUAGE_CODE):
        # The count agrees with "record", which every language can decline; the model's
        # name follows as a label ("5 записей ждут вашей проверки: Мероприятия").
        subject = ngettext(
            "%(count)d record waits for your review: %(records)s",
            "%(count)d records wait for your review: %(records)s",
            len(records),
        ) % {"count": len(records), "records": capfirst(opts.verbose_name_plural)}
        lines = [
            _("%(who)s submitted for review:") % {"who": submitted_by or _("Someone")},
            "",
            *(f"- {record}" for record in records),
            "",
            f"{settings.SITE_URL}{changelist}?status__exact={Status.REVIEW}",
        ]
    notice = Notice.objects.create(
        subject=subject, body="\n".join(lines), permission=publish_permission(model)
    )
    transaction.on_commit(lambda: send_notice(notice))


def send_notice(notice):
    """Send `notice` to everyone who may publish now; whether it went. What stops it is
    kept on the notice, for staff to see and for the next attempt."""
    users = (
        [notice.user]
        if notice.user_id
        else get_user_model().objects.with_perm(
            notice.permission, backend="django.contrib.auth.backends.ModelBackend"
        )
    )
    recipients = sorted({user.email for user in users if user.email and user.is_active})
    notice.attempts += 1
    notice.recipients = recipients
    notice.problem, notice.error = Notice.Problem.NO_ADDRESS, ""
    if recipients:
        try:
            send_mail(notice.subject, notice.body, None, recipients)
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("Notice %s was not sent: %s", notice.pk, error)
            notice.problem = Notice.Problem.REFUSED
            notice.error = (str(error) or type(error).__name__)[:300]
        else:
            notice.problem = ""
            notice.sent = timezone.now()
    notice.save(update_fields=["attempts", "recipients", "problem", "error", "sent"])
    return notice.sent is not None


def send_unsent_notices():
    """Try again every notice not sent yet; how many went."""
    return sum(send_notice(notice) for notice in Notice.objects.unsent().order_by("created"))


def unpublish(*, queryset, user=None):
    """Take every record in `queryset` back to draft; returns how many changed."""
    return len(_set_status(queryset=queryset, status=Status.DRAFT, user=user))


@transaction.atomic
def _set_status(*, queryset, status, user, reason=""):
    """Set `status` on every record of `queryset` that has another; returns those."""
    # Locks only the records themselves: an admin queryset may join nullable relations.
    records = list(queryset.exclude(status=status).select_for_update(of=("self",)))
    now = timezone.now()
    for record in records:
        record.status = status
        record.updated = now
    if records:
        records_changed.send(sender=queryset.model)
        bulk_update_with_history(
            records,
            queryset.model,
            ["status", "updated"],
            default_user=user,
            default_change_reason=reason or f"Status set to {status}",
        )
    return records


def language_of(user):
    """The language `user` reads the admin in (the last they signed in in), else the site's."""
    found = StaffLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return found or settings.LANGUAGE_CODE


def notify_staff(user, subject, body):
    """An e-mail to `user`, already written in their language (`language_of`): a Notice,
    sent once the transaction commits, and kept with its problem until it is sent."""
    notice = Notice.objects.create(subject=subject[:255], body=body, user=user)
    transaction.on_commit(lambda: send_notice(notice))
    return notice


def remember_language(sender, request, user, **kwargs):
    """On signing in: the language the member of staff reads the admin in."""
    language = getattr(request, "LANGUAGE_CODE", "")
    if user.is_staff and language in dict(settings.LANGUAGES):
        StaffLanguage.objects.update_or_create(user=user, defaults={"language": language})
