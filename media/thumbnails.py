"""The sizes photos are shown at, and sorl-thumbnail's backend that makes them and says
whether one exists without making it (what the worker and the pages below it share)."""

from dataclasses import dataclass

from sorl.thumbnail import default, get_thumbnail
from sorl.thumbnail.base import ThumbnailBackend
from sorl.thumbnail.conf import defaults as default_settings
from sorl.thumbnail.conf import settings
from sorl.thumbnail.images import ImageFile
from sorl.thumbnail.kvstores import cached_db_kvstore
from sorl.thumbnail.kvstores.base import add_prefix
from sorl.thumbnail.models import KVStore as KVStoreModel

from publishing.cache import content_version


@dataclass(frozen=True)
class Kind:
    widths: tuple[int, ...]
    # Width to height, for a grid of equal tiles cut from the centre; None keeps the photo's own.
    ratio: tuple[int, int] | None
    # What the browser is told about the width the image takes on the page.
    sizes: str

    def geometries(self):
        """(geometry, options) of each width, as sorl-thumbnail is asked for them."""
        for width in self.widths:
            if self.ratio:
                yield f"{width}x{width * self.ratio[1] // self.ratio[0]}", {"crop": "center"}
            else:
                yield str(width), {}

    def placeholder_size(self):
        """The smallest rendition's box, before it is made (3:2 for a photo's own shape)."""
        width = self.widths[0]
        ratio = self.ratio or (3, 2)
        return width, width * ratio[1] // ratio[0]


KINDS = {
    "thumb": Kind((320, 640), (3, 2), "(min-width: 40rem) 12rem, 50vw"),
    "card": Kind((480, 960), (3, 2), "(min-width: 50rem) 20rem, 100vw"),
    "cover": Kind((640, 960, 1600), None, "(min-width: 62rem) 60rem, 100vw"),
    "portrait": Kind((240, 480), (1, 1), "15rem"),
    # Logos and medals: never cut, whatever their shape.
    "emblem": Kind((160, 320), None, "10rem"),
    "large": Kind((960, 1600), None, "(min-width: 62rem) 60rem, 100vw"),
    "admin": Kind((64, 128), (1, 1), "64px"),
}
# Every place a photo may appear in; logos and medals are emblems.
PHOTO_KINDS = ("thumb", "card", "cover", "portrait", "large", "admin")


class Backend(ThumbnailBackend):
    def thumbnail_key(self, file_, geometry_string, **options):
        """The key-value store's key of the rendition `get_thumbnail` would give, named as
        `get_thumbnail` names it."""
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
        return ImageFile(name, default.storage).key

    def find_thumbnail(self, file_, geometry_string, **options):
        """The rendition `get_thumbnail` would give, if it has been made; otherwise None."""
        return default.kvstore.get_by_key(self.thumbnail_key(file_, geometry_string, **options))


@dataclass(frozen=True)
class Missing:
    """A rendition not made when the content was at `version`."""

    version: str


class KVStore(cached_db_kvstore.KVStore):
    """sorl's store (the database, in front of it the `renditions` cache), with a miss
    remembered only until the content changes.

    sorl remembers a miss for ten years; but a worker makes the rendition in another
    process, whose write reaches this process's cache only when the cache is shared (Redis).
    Making renditions moves the content version (`media.tasks`), so a miss remembered with
    the version is looked up again once they are made, and a list of photos waiting for
    theirs costs no query per row.
    """

    def get_by_key(self, key):
        return self._get(key)

    def _get_raw(self, key):
        return self.get_many_raw([key]).get(key)

    def get_many_raw(self, keys):
        """{key: value} of the renditions made among `keys`, in one query at most."""
        found = self.cache.get_many(keys)
        unsure = [key for key in keys if isinstance(found.get(key, Missing("")), Missing)]
        if unsure:
            version = content_version()
            wanted = [key for key in unsure if key not in found or found[key].version != version]
        else:
            wanted = []
        if wanted:
            stored = dict(KVStoreModel.objects.filter(key__in=wanted).values_list("key", "value"))
            self.cache.set_many(stored, settings.THUMBNAIL_CACHE_TIMEOUT)
            missing = Missing(version)
            self.cache.set_many(
                {key: missing for key in wanted if key not in stored},
                settings.THUMBNAIL_CACHE_TIMEOUT,
            )
            found.update(stored)
        return {key: value for key, value in found.items() if not isinstance(value, Missing)}

    def look_up(self, image_keys):
        """Read the renditions of `image_keys` (the store's keys) into the cache at once."""
        self.get_many_raw([add_prefix(key, "image") for key in image_keys])


def make(name, kinds=PHOTO_KINDS):
    """Make the renditions of the image file `name` for `kinds` (what the task runs);
    how many were made (those that existed already are not counted)."""
    made = 0
    for kind in kinds:
        for geometry, options in KINDS[kind].geometries():
            if default.backend.find_thumbnail(name, geometry, **options) is None:
                thumbnail = get_thumbnail(name, geometry, **options)
                if not thumbnail.size:
                    # The original is missing or unreadable (sorl logged why): noted as a
                    # rendition of no size, so that pages stop waiting for it.
                    thumbnail.set_size((0, 0))
                    default.kvstore.set(thumbnail)
                made += 1
    return made
