"""The sizes photos are shown at, made by sorl-thumbnail once and reused.

Each kind of place a photo appears in (a gallery grid, an event card, the larger view, an
admin list) has its own widths: the browser picks from them through `srcset`, so a phone never
downloads the original, which may be 20 MB.
"""

from dataclasses import dataclass

from sorl.thumbnail import get_thumbnail


@dataclass(frozen=True)
class Kind:
    widths: tuple[int, ...]
    # Width to height, for a grid of equal tiles cut from the centre; None keeps the photo's own.
    ratio: tuple[int, int] | None
    # What the browser is told about the width the image takes on the page.
    sizes: str


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


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def renditions(image, kind):
    """The renditions of an image field's file for `kind`, smallest first; [] if none."""
    if not image:
        return []
    spec = KINDS[kind]
    made = []
    for width in spec.widths:
        if spec.ratio:
            geometry = f"{width}x{width * spec.ratio[1] // spec.ratio[0]}"
            thumbnail = get_thumbnail(image, geometry, crop="center")
        else:
            thumbnail = get_thumbnail(image, str(width))
        if not thumbnail.size:
            # The original is missing or unreadable (sorl has logged why): show nothing
            # rather than a broken image.
            return []
        rendition = Rendition(thumbnail.url, thumbnail.width, thumbnail.height)
        if made and rendition.width <= made[-1].width:
            # A small original gives the same rendition for every larger width: list it once.
            continue
        made.append(rendition)
    return made
