"""The signed links of a registration: to confirm it (they expire with the place held), and
to its own page (for as long as the registration is kept). Nothing is stored: the signature
is the key."""

from django.core import signing

from .models import Registration

CONFIRM_SALT = "registrations.confirm"
MANAGE_SALT = "registrations.manage"
CHECK_IN_SALT = "registrations.check-in"


def confirmation_token(registration):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(registration.pk))


def manage_token(registration):
    return signing.Signer(salt=MANAGE_SALT).sign(str(registration.pk))


def registration_for(token, *, salt, max_age=None):
    """The registration a signed link names, or None for a link that was not ours, has
    expired, or names a registration that is gone."""
    try:
        if max_age is None:
            pk = signing.Signer(salt=salt).unsign(token)
        else:
            pk = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=pk).select_related("event").first()


def check_in_token(registration):
    return signing.Signer(salt=CHECK_IN_SALT).sign(str(registration.pk))
