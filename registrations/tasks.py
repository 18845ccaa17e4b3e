from django_tasks import task

from . import mail


@task()
def send_messages(message_ids):
    """Send registrants' e-mails once the transaction that wrote them has committed."""
    mail.send(message_ids)
