"""Photo uploads made safe: checked before decoding, decoded, and written again clean.

A phone photo carries its GPS position in its metadata: for people living abroad, that is
where they live. Every photo is therefore decoded and written anew with Pillow, turned the way
its EXIF orientation says, with no metadata at all, under a generated name.
"""

import io
import re
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Markup or code inside an image file: a polyglot that a browser or server could run.
_CODE = re.compile(rb"<\?php|<script|<html|<body|<iframe|<svg|<!doctype", re.IGNORECASE)


def clean_photo_upload(upload):
    """A clean copy of an uploaded photo, as a ContentFile with a generated name.

    Raises ValidationError, with a message for staff, for anything that is not a photo of an
    accepted format within the size and pixel limits.
    """
    size = upload.size if upload.size is not None else len(upload.read())
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.MEDIA_MAX_IMAGE_SIZE:
        raise ValidationError(
            _("The photo is larger than %(limit)s.")
            % {"limit": filesizeformat(settings.MEDIA_MAX_IMAGE_SIZE)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    if _CODE.search(data):
        raise ValidationError(
            _("The file contains HTML or program code besides the picture, and is refused."),
            code="code_inside",
        )
    try:
        # Opening reads only the header: the format and the size, not the pixels. Pillow's
        # own bomb warning is left out: the pixel limit below is lower and says more.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _too_many_pixels(settings.MEDIA_MAX_IMAGE_PIXELS * 4) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            _("This is not a photo this site accepts (%(formats)s).")
            % {"formats": ", ".join(_accepted_formats())},
            code="not_an_image",
        ) from None
    if image.format not in settings.MEDIA_IMAGE_FORMATS:
        raise ValidationError(
            _("Photos in %(format)s are not accepted; use one of %(formats)s.")
            % {"format": image.format, "formats": ", ".join(_accepted_formats())},
            code="format",
        )
    width, height = image.size
    pixels = width * height * getattr(image, "n_frames", 1)
    if pixels > settings.MEDIA_MAX_IMAGE_PIXELS:
        raise _too_many_pixels(pixels)
    try:
        image.load()
        return ContentFile(
            _write_clean(image), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image.format]}"
        )
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            _("The photo is damaged or incomplete; export it again and upload the new file."),
            code="damaged",
        ) from None


def _too_many_pixels(pixels):
    return ValidationError(
        _(
            "The photo has more than %(megapixels)d megapixels; at most %(limit)d are "
            "accepted. Make it smaller first."
        )
        % {
            "megapixels": pixels // 1_000_000,
            "limit": settings.MEDIA_MAX_IMAGE_PIXELS // 1_000_000,
        },
        code="too_many_pixels",
    )


def _accepted_formats():
    return [
        name for name in ("JPEG", "PNG", "WEBP", "GIF") if name in settings.MEDIA_IMAGE_FORMATS
    ]


def _write_clean(image):
    """The image encoded anew, turned upright, without EXIF, GPS, comments or profiles."""
    source_format = image.format
    buffer = io.BytesIO()
    if source_format in {"GIF", "WEBP"} and getattr(image, "n_frames", 1) > 1:
        frames = []
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(image.copy())
        frames[0].save(
            buffer,
            format=source_format,
            save_all=True,
            append_images=frames[1:],
            duration=image.info.get("duration", 100),
            loop=image.info.get("loop", 0),
        )
        return buffer.getvalue()
    upright = ImageOps.exif_transpose(image)
    if upright.mode in {"P", "PA"}:
        upright = upright.convert("RGBA")
    # A new image holds only the pixels: none of the original's metadata comes along.
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    if source_format == "JPEG":
        clean.convert("RGB").save(buffer, format="JPEG", quality=90, optimize=True)
    else:
        clean.save(buffer, format=source_format)
    return buffer.getvalue()
