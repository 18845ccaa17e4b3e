"""Who is asking: the client's address as the site's own proxies report it."""

from django.conf import settings


def client_ip(request):
    """The client's address, for django-axes' lockouts.

    Behind DJANGO_PROXY_COUNT proxies, the address the outermost of them appended to
    X-Forwarded-For; what a client writes into that header itself comes before it and is
    ignored, so nobody escapes a lockout by inventing addresses. Without proxies, the
    connection's own address.
    """
    count = settings.DIASPORA_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, response=None, credentials=None):
    """The answer to a login while its username and address are locked out (django-axes):
    the admin's own page, the same whether the username exists or not."""
    from django.contrib import admin
    from django.shortcuts import render

    context = admin.site.each_context(request)
    return render(request, "registration/locked_out.html", context, status=429)
