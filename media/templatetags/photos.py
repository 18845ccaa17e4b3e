"""Photos on public pages: responsive images, the gallery grid and the larger view."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from publishing.templatetags.publishing import shown_in_english

from ..renditions import renditions
from ..thumbnails import KINDS

register = template.Library()


@register.simple_tag
def photo_img(photo, kind, alt=None, loading="lazy"):
    """An <img> of `photo` with every rendition of `kind` in its srcset.

    The alt text is the photo's own, empty for a decorative photo, or `alt` when the page
    knows better (a portrait is its person's name).
    """
    if not photo:
        return ""
    if alt is not None or photo.decorative:
        return image_img(photo.image, kind, alt=alt or "", loading=loading)
    img = image_img(photo.image, kind, alt=photo.alt_text, loading=loading)
    if img and shown_in_english(photo, "alt_text"):
        return mark_safe(img.replace("<img ", '<img lang="en" ', 1))  # our own markup
    return img


@register.simple_tag
def image_img(image, kind, alt="", loading="lazy"):
    """An <img> of an image field's file (a logo, a medal) with its renditions of `kind`."""
    if not image:
        return ""
    made = renditions(image, kind)
    if made is None:
        return placeholder(kind, alt)
    if not made:
        return ""
    smallest = made[0]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" loading="{}" '
        'decoding="async">',
        smallest.url,
        format_html_join(", ", "{} {}w", ((each.url, each.width) for each in made)),
        KINDS[kind].sizes,
        alt,
        smallest.width,
        smallest.height,
        loading,
    )


def placeholder(kind, alt):
    """A grey box the size of the rendition to come, while a worker makes it: the page keeps
    its layout, and the original is never sent instead."""
    width, height = KINDS[kind].placeholder_size()
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="rendition-pending">',
        PLACEHOLDER.format(width=width, height=height),
        alt,
        width,
        height,
    )


PLACEHOLDER = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} "
    "{height}'%3E%3Crect width='100%25' height='100%25' fill='%23d9dde3'/%3E%3C/svg%3E"
)


@register.simple_tag
def photo_srcset(photo, kind):
    """The srcset of `photo`'s renditions of `kind`, for the larger view's script."""
    return ", ".join(f"{each.url} {each.width}w" for each in renditions(photo.image, kind) or [])


@register.simple_tag
def photo_url(photo, kind):
    """The URL of the largest rendition of `photo` for `kind`."""
    made = renditions(photo.image, kind)
    return made[-1].url if made else ""


@register.inclusion_tag("media/includes/gallery.html")
def gallery(attachments, label):
    """A grid of thumbnails, each a plain link to the photo's page; the script opens them in
    place. `attachments` are a record's gallery rows, their photos fetched with them."""
    return {"attachments": attachments, "label": label}
