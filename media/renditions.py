"""The sizes photos are shown at, made once by a worker and reused.

Each kind of place a photo appears in (a gallery grid, an event card, the larger view, an
admin list) has its own widths: the browser picks from them through `srcset`, so a phone never
downloads the original, which may be 20 MB.

Renditions are made by a task, not by the page that first shows a photo: uploading photos
asks for all of theirs (`media.tasks.make_renditions`), and a page that finds one missing asks
for it and shows a placeholder meanwhile, never the original.
"""

from dataclasses import dataclass

from django.core.cache import caches
from sorl.thumbnail import default

from .tasks import make_renditions
from .thumbnails import KINDS, PHOTO_KINDS

# How long a page waits before asking again for renditions it asked for.
ASKED_SECONDS = 300


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def renditions(image, kind):
    """The renditions of an image field's file for `kind`, smallest first.

    [] when there is no image or the original cannot be read; None while the renditions are
    being made (they are asked for here if nobody has yet).
    """
    if not image:
        return []
    made = _found(image, kind)
    if made is None:
        request_renditions([image.name], [kind])
        # A queue that runs tasks at once (the tests') has made them by now.
        made = _found(image, kind)
    return made


def look_up_renditions(images, kind):
    """Before a list shows `images` (image field files) as `kind`: their renditions read in
    one query, and those still to be made asked for in one task, so that a list costs the
    same queries whatever its length."""
    names = {image.name for image in images if image}
    default.kvstore.look_up(
        [
            default.backend.thumbnail_key(name, geometry, **options)
            for name in names
            for geometry, options in KINDS[kind].geometries()
        ]
    )
    waiting = [name for name in sorted(names) if _found(name, kind) is None]
    if waiting:
        request_renditions(waiting, [kind])


def _found(image, kind):
    """The renditions of `kind` that exist, or None if any is still to be made."""
    made = []
    for geometry, options in KINDS[kind].geometries():
        thumbnail = default.backend.find_thumbnail(image, geometry, **options)
        if thumbnail is None:
            return None
        if not thumbnail.width:
            # The original is missing or unreadable (`make` noted it): show nothing rather
            # than a broken image.
            return []
        rendition = Rendition(thumbnail.url, thumbnail.width, thumbnail.height)
        if made and rendition.width <= made[-1].width:
            # A small original gives the same rendition for every larger width: list it once.
            continue
        made.append(rendition)
    return made


def request_renditions(names, kinds=PHOTO_KINDS):
    """Ask a worker to make the renditions of the image files `names` (in the default
    storage), unless they were asked for a moment ago."""
    asked = caches["renditions"]
    key = ",".join(kinds)
    wanted = [name for name in names if asked.add(f"asked:{name}:{key}", True, ASKED_SECONDS)]
    if wanted:
        make_renditions.enqueue(wanted, list(kinds))
