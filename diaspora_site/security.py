"""Who is asking: the client's address as the site's own proxies report it."""

from django.conf import settings


def client_address(request):
    """The address of the client that sent `request`: the one thing that the login lockout,
    the API's throttle and anything else that counts clients count by.

    Behind TRUSTED_PROXIES reverse proxies, the address the outermost of them appended to
    X-Forwarded-For (each proxy appends the address it was connected from, so that entry is
    the last one a client could not write). Whatever a client put in the header itself comes
    before it and is ignored, so nobody escapes a limit by inventing addresses. With no
    proxies (the default) the header is not read at all: the connection's own address.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= proxies:
            return addresses[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, response=None, credentials=None):
    """The answer to a login while its username and address are locked out (django-axes):
    the admin's own page, the same whether the username exists or not."""
    from django.contrib import admin
    from django.shortcuts import render

    context = admin.site.each_context(request)
    return render(request, "registration/locked_out.html", context, status=429)


class ClientAddressMiddleware:
    """Sets `request.client_address` for the apps below the site's own layer (the public
    registration form's throttle), which read it without importing this module."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_address = client_address(request)
        return self.get_response(request)
