"""How often one client may ask the API: a module of its own, which DRF's settings import
before its views exist."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle


class ClientAddressThrottle(SimpleRateThrottle):
    """API_THROTTLE_RATE requests per client address (X-Forwarded-For's, behind
    API_PROXIES proxies), counted in a cache every server process shares."""

    scope = "api"
    cache = caches["api_throttle"]

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
