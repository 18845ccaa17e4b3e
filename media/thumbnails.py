"""sorl-thumbnail's backend, able to say whether a rendition exists without making it."""

from sorl.thumbnail import default
from sorl.thumbnail.base import ThumbnailBackend
from sorl.thumbnail.conf import defaults as default_settings
from sorl.thumbnail.conf import settings
from sorl.thumbnail.images import ImageFile, deserialize_image_file
from sorl.thumbnail.kvstores.base import add_prefix
from sorl.thumbnail.models import KVStore


class Backend(ThumbnailBackend):
    def find_thumbnail(self, file_, geometry_string, **options):
        """The rendition `get_thumbnail` would give, if it has been made; otherwise None.

        Named as `get_thumbnail` names it, and looked up in the same key-value store (the
        default, cached_db): in the cache, then in the database. Unlike sorl's own lookup,
        a miss is not remembered in the cache, since a worker makes the rendition in
        another process and this one must find it then.
        """
        source = ImageFile(file_)
        if settings.THUMBNAIL_PRESERVE_FORMAT:
            options.setdefault("format", self._get_format(source))
        for key, value in self.default_options.items():
            options.setdefault(key, value)
        for key, attr in self.extra_options:
            value = getattr(settings, attr)
            if value != getattr(default_settings, attr):
                options.setdefault(key, value)
        name = self._get_thumbnail_filename(source, geometry_string, options)
        key = add_prefix(ImageFile(name, default.storage).key, "image")
        cache = default.kvstore.cache
        value = cache.get(key)
        if not isinstance(value, str):  # not cached, or cached as missing by sorl
            value = KVStore.objects.filter(key=key).values_list("value", flat=True).first()
            if value is None:
                return None
            cache.set(key, value, settings.THUMBNAIL_CACHE_TIMEOUT)
        return deserialize_image_file(value)
