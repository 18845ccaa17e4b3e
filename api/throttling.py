"""How often one client may ask the API: a module of its own, which DRF's settings import
before its views exist."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from diaspora_site.security import client_address


class ClientAddressThrottle(SimpleRateThrottle):
    """API_THROTTLE_RATE requests per client address, as the login lockout reads it (never
    DRF's own reading, which believes X-Forwarded-For when no proxy is configured), counted in
    a cache every server process shares."""

    scope = "api"
    cache = caches["api_throttle"]

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
