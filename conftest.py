import email

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import translation

from bench.forms import AdminFormFields
from bench.http import free_port

# Worker processes and a throw-away Redis, for every app's tests of work done by jobs.
pytest_plugins = ["jobs.tests.fixtures"]


@pytest.fixture(autouse=True)
def public_pages_rendered_each_time(settings):
    """Each request renders its page, so that tests see the queries and the output of the
    views themselves; publishing/tests/test_cache.py turns the page cache on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def language_reset_after_each_test():
    """A request leaves its language active in the thread (LocaleMiddleware does not undo
    it), so that a test asking the admin in Azerbaijani would make the next test's URLs
    Azerbaijani."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def uploads_in_tmp_path(settings, tmp_path):
    """Uploads made by a test go to a temporary folder, never to var/uploads.

    The cache is emptied too: it remembers which renditions exist, and they were in the
    previous test's folder.
    """
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.PRIVATE_ROOT = tmp_path / "private"
    # Every cache, not only this thread's: a live server's thread fills the shared ones too.
    for alias in django_settings.CACHES:
        caches[alias].clear()
    return settings.MEDIA_ROOT


def _staff_member(django_user_model, role):
    """A member of staff in `role`'s group, granted every country (a grant of their own, as
    staff who are not coordinators are given)."""
    from scopes.models import StaffScope

    user = django_user_model.objects.create_user(
        username=role.lower(), password="correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    StaffScope.objects.create(user=user, everywhere=True)
    return user


@pytest.fixture
def editor(django_user_model):
    return _staff_member(django_user_model, "Editor")


@pytest.fixture
def publisher(django_user_model):
    user = _staff_member(django_user_model, "Publisher")
    user.email = "publisher@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def importer(django_user_model):
    return _staff_member(django_user_model, "Importer")


@pytest.fixture
def viewer(django_user_model):
    return _staff_member(django_user_model, "Viewer")


@pytest.fixture
def submit_admin_form():
    """Open an admin form as a browser would, change some fields, and submit it.

    `transform(name, value)`, when given, rewrites every submitted value first; `form_url`
    is the page of the form when it is submitted elsewhere (a button's formaction).
    """

    def submit(client, url, transform=None, form_url=None, **changes):
        page = client.get(form_url or url)
        assert page.status_code == 200, page.status_code
        parser = AdminFormFields()
        parser.feed(page.content.decode())
        data = {}
        for name, value in parser.fields:
            if transform is not None:
                value = transform(name, value)
            data.setdefault(name, []).append(value)
        for name, value in changes.items():
            data[name] = value if isinstance(value, list) else [value]
        return client.post(url, data)

    return submit


class Inbox:
    """What a real SMTP server (aiosmtpd) received, as e-mail messages."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port, and Django's SMTP backend sending to it: (the
    server, its inbox). Stop the server to see what a mail server that does not answer does."""
    from aiosmtpd.controller import Controller

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    yield server, inbox
    server.stop(no_assert=True)
