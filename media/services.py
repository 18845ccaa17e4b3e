"""Creating photos from many uploaded files at once."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .images import clean_photo_upload
from .models import Photo


@transaction.atomic
def create_photos(*, files, title, credit, date_taken=None):
    """One photo per file, with the shared title (numbered), credit and date.

    Every file is checked before any is stored: one bad file refuses them all, and the
    error names it.
    """
    if len(files) > settings.MEDIA_MAX_FILES_PER_UPLOAD:
        raise ValidationError(
            _("At most %(limit)d files can be uploaded at once; %(count)d were chosen.")
            % {"limit": settings.MEDIA_MAX_FILES_PER_UPLOAD, "count": len(files)}
        )
    cleaned, problems = [], []
    for upload in files:
        try:
            cleaned.append(clean_photo_upload(upload))
        except ValidationError as error:
            problems.extend(f"{upload.name}: {message}" for message in error.messages)
    if problems:
        raise ValidationError(problems)
    photos = []
    for number, image in enumerate(cleaned, start=1):
        photo = Photo(
            title_en=f"{title} {number}" if len(cleaned) > 1 else title,
            credit=credit,
            date_taken=date_taken,
        )
        photo.image.save(image.name, image, save=False)
        photo.save()
        photos.append(photo)
    return photos
