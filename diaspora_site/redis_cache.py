"""Redis as a cache that a lost connection never turns into an error page."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class TolerantRedisCache(RedisCache):
    """Django's RedisCache, but with Redis away (restarting, stopped) a read finds nothing
    and a write is dropped: pages are made afresh, uncached, instead of failing. /readyz
    still reports the cache, since its check reads back what it wrote.

    Each call waits at most the connection's timeouts (settings: one second), and the fault
    is logged once a minute rather than once a request.
    """

    _last_warned = 0.0

    def _tolerant(self, name, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            now = time.monotonic()
            if now - TolerantRedisCache._last_warned > 60:
                TolerantRedisCache._last_warned = now
                logger.warning("The cache's Redis did not answer (%s); going on without it", error)
            return default

    def get(self, key, default=None, version=None):
        return self._tolerant("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerant("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._tolerant("has_key", False, key, version)

    def set(self, *args, **kwargs):
        return self._tolerant("set", None, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._tolerant("add", False, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._tolerant("touch", False, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._tolerant("set_many", list(data), data, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._tolerant("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._tolerant("delete_many", None, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            # As if the key were missing: callers (the API's throttle) start counting afresh.
            raise ValueError(f"Key '{key}' not found") from None

    def clear(self):
        return self._tolerant("clear", None)
