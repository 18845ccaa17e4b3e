"""With STAFF_OTP_REQUIRED, the admin asks for the code of the staff member's authenticator."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = reverse("admin:login") + "?next=/admin/"


@pytest.fixture
def required(settings):
    settings.STAFF_OTP_REQUIRED = True


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.token()


def test_without_the_setting_a_password_is_enough(client, editor):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_it_the_password_alone_is_refused(client, editor, device, required):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("admin:index")).status_code == 302


def test_with_it_the_password_and_the_code_let_staff_in(client, editor, device, required):
    response = client.post(
        LOGIN,
        {
            "username": "editor",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": f"{code(device):06d}",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_it_a_session_without_the_second_factor_is_not_enough(client, editor, required):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 302
