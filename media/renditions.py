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
from sorl.thumbnail import default, get_thumbnail


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
    from .tasks import make_renditions

    asked = caches["renditions"]
    wanted = [name for name in names if asked.add(f"asked:{name}:{','.join(kinds)}", True,
                                                  ASKED_SECONDS)]  # fmt: skip
    if wanted:
        make_renditions.enqueue(wanted, list(kinds))


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
                    default.kvstore._set(thumbnail.key, thumbnail)
                made += 1
    return made
