"""Creating photos from many uploaded files at once, publishing them, and finding where the
public sees them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalChanges

from publishing.models import Status
from publishing.services import publish

from .images import clean_photo_upload
from .models import Photo, PhotoAttachment, default_photo_credit
from .renditions import request_renditions


def credits_in_every_language(credit):
    """The credit's translation columns for `credit` as staff typed it: the default credit in
    each language when they left it unchanged, otherwise what they typed in every language
    (a name, which they may translate afterwards on the photo's page)."""
    unchanged = credit == default_photo_credit()
    return {
        build_localized_fieldname("credit", code): default_photo_credit(code)
        if unchanged
        else credit
        for code, _name in settings.LANGUAGES
    }


@transaction.atomic
def create_photos(*, files, title, credit, date_taken=None, gallery=None, owner=None, user=None):
    """One photo per file, with the shared title (numbered), credit and date.

    Every file is checked before any is stored: one bad file refuses them all, and the
    error names it. With a `gallery` model (a PhotoAttachment) and its `owner` ({"event":
    event}), the photos are added at the end of that record's gallery, in upload order.
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
    try:
        for number, image in enumerate(cleaned, start=1):
            photo = Photo(
                title_en=f"{title} {number}" if len(cleaned) > 1 else title,
                **credits_in_every_language(credit),
                date_taken=date_taken,
                added_by=user,
            )
            photo.image.save(image.name, image, save=False)
            photos.append(photo)
            photo.save()
        _add_to_gallery(photos, gallery, owner)
        # Each photo's renditions a task of its own, so that many workers share the work.
        for photo in photos:
            request_renditions([photo.image.name])
    except BaseException as error:
        # The rows roll back with the transaction; the files they named must go too.
        for photo in photos:
            photo.image.storage.delete(photo.image.name)
        if isinstance(error, OSError):  # the disk did not take a file: its text says so
            raise ValidationError(str(error)) from error
        raise
    return photos


def _add_to_gallery(photos, gallery, owner):
    if gallery is not None:
        last = gallery.objects.filter(**owner).aggregate(last=Max("position"))["last"]
        start = 0 if last is None else last + 1
        gallery.objects.bulk_create(
            gallery(photo=photo, position=start + index, **owner)
            for index, photo in enumerate(photos)
        )


def publish_photos(*, queryset, user=None):
    """Publish the photos that have alt text or are decorative; returns how many were
    published and the photos that still need alt text."""
    waiting = list(queryset.without_alt_text().exclude(status=Status.PUBLISHED))
    count = publish(queryset=queryset.exclude(pk__in=[photo.pk for photo in waiting]), user=user)
    return count, waiting


def delete_unshown_photos(photo_ids):
    """Delete these photos, with every version of them, unless another record shows them."""
    for photo in Photo.objects.filter(pk__in=photo_ids):
        if not any(
            relation.related_model._default_manager.filter(**{relation.field.name: photo}).exists()
            for relation in relations_to(Photo)
        ):
            photo_pk = photo.pk
            photo.delete()
            # After the deletion, which records a last version of its own.
            Photo.history.filter(id=photo_pk).delete()


def relations_to(model):
    """The relations other apps declare to a media model (galleries, covers, portraits,
    statutes), their history models left out; media itself names none of them. A
    many-to-many relation counts once, not again through its table's own foreign key."""
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.is_relation
        and relation.auto_created
        and not relation.concrete
        and not issubclass(relation.related_model, HistoricalChanges)
        and not relation.related_model._meta.auto_created
    ]


def published_uses(items):
    """Where the public sees these photos or documents: [{record, what, how, item}] for every
    published record that shows one, in its gallery or as its cover, portrait or statute.

    Found through the relations other apps declare to media's models, so media names none
    of them.
    """
    items = list(items)
    if not items:
        return []
    by_pk = {item.pk: item for item in items}
    uses = []
    for relation in relations_to(type(items[0])):
        model, field = relation.related_model, relation.field
        if issubclass(model, PhotoAttachment):
            owner_field = next(
                f for f in model._meta.concrete_fields if f.is_relation and f.name != "photo"
            )
            rows = model.objects.filter(photo__in=items).select_related(owner_field.name)
            found = [(getattr(row, owner_field.name), row.photo_id, _("gallery")) for row in rows]
        elif relation.many_to_many:
            through = field.remote_field.through
            item_column = field.m2m_reverse_field_name()
            record_column = field.m2m_field_name()
            rows = through.objects.filter(**{f"{item_column}__in": items}).select_related(
                record_column
            )
            how = field.verbose_name
            found = [
                (getattr(row, record_column), getattr(row, f"{item_column}_id"), how)
                for row in rows
            ]
        else:
            rows = model._default_manager.filter(**{f"{field.name}__in": items})
            found = [(row, getattr(row, field.attname), field.verbose_name) for row in rows]
        for record, item_pk, how in found:
            if record.is_public:
                uses.append(
                    {
                        "record": record,
                        "what": record._meta.verbose_name,
                        "how": how,
                        "item": by_pk[item_pk],
                    }
                )
    return uses
