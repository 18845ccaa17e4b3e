from django.utils.translation import gettext as _
from django_tasks import task

from jobs.running import handler

from . import mail
from .models import Message, Registration


@task()
def send_messages(message_ids):
    """Send registrants' e-mails once the transaction that wrote them has committed."""
    mail.send(message_ids)


@handler("registrations.from_staff")
def send_from_staff(job, progress):
    """Staff's e-mail to participants: one message each, written then sent, with progress."""
    params = job.params
    registrations = list(Registration.objects.filter(pk__in=params["registrations"]))
    total = len(registrations)
    for done, registration in enumerate(registrations):
        progress(done, total, label=registration.email, phase=_("Sending"))
        message = Message.objects.create(
            registration=registration,
            kind=Message.Kind.FROM_STAFF,
            subject=params["subject"],
            text=params["text"],
        )
        mail.send([message.pk])
    progress(total, total, phase=_("Sending"))
    unsent = Message.objects.filter(
        kind=Message.Kind.FROM_STAFF, registration__in=registrations, sent__isnull=True
    ).count()
    return {
        "summary": _("Sent: %(sent)s; waiting for the mail server: %(unsent)s.")
        % {"sent": total - unsent, "unsent": unsent}
    }
