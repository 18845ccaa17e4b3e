"""Photos, videos and documents that staff attach to events, organisations, people and medals.

Attachment is explicit: each upper app owns an ordered through-model built on
`PhotoAttachment` (an event's gallery is `events.EventPhoto`), so that media knows no other app,
a gallery is one prefetchable query, and its order is set in the owning record's admin.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from publishing.models import PublishableModel, PublishableQuerySet, Status, visible
from scopes import limit

from .video_hosts import EMBED_URLS, HOST_NAMES, hosted_video


def default_photo_credit(language=None):
    """The credit of a photo left as it came, in `language` (the active one): each of the
    credit's translation columns asks for its own."""
    language = (language or get_language() or "en").split("-")[0]
    own = getattr(settings, f"DIASPORA_DEFAULT_PHOTO_CREDIT_{language.upper()}", "")
    return own or settings.DIASPORA_DEFAULT_PHOTO_CREDIT


def _added_by_field():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
    )


@functools.cache
def _uses(model):
    """(record model, field name) of every kind of record that may use a `model` file.

    Found from the relations pointing at it, so that media knows no other app; history
    tables and many-to-many link tables are not records.
    """
    uses = []
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        related = relation.related_model
        if related._meta.auto_created or hasattr(related, "instance_type"):
            continue
        uses.append((related, relation.field.name))
    return uses


def _used_in_scope(model, scope):
    """Files used by a record in `scope`, or added by the user and used by no record yet."""
    in_scope = models.Q(pk__in=[])
    if scope.user_id is None:  # nobody's: no file is theirs (and NULL must not match)
        return in_scope
    unused = models.Q(added_by_id=scope.user_id)
    for related, field_name in _uses(model):
        if hasattr(related._default_manager, "in_scope"):
            in_scope |= models.Q(
                pk__in=related._default_manager.in_scope(scope).values(field_name)
            )
        unused &= ~models.Exists(
            related._default_manager.filter(**{field_name: models.OuterRef("pk")})
        )
    return in_scope | unused


class MediaQuerySet(models.QuerySet):
    def in_scope(self, user):
        """Files used by records in the user's scope, or added by them and not used yet."""
        return limit(self, user, lambda scope: _used_in_scope(self.model, scope))


def _alt_text_field():
    """The alt text column of the default language, which every other language falls back to."""
    return f"alt_text_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"


class PhotoQuerySet(MediaQuerySet, PublishableQuerySet):
    def without_alt_text(self):
        """Photos that may not be published yet: not decorative and nothing said about them."""
        column = _alt_text_field()
        return self.filter(decorative=False).filter(
            models.Q(**{f"{column}__isnull": True}) | models.Q(**{column: ""})
        )


class Photo(PublishableModel):
    """A photo with the caption, alt text and credit the public sees under it.

    A photo is public only once published, and it can be published only with alt text (in the
    default language, which the others fall back to) or marked decorative.
    """

    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/")
    title = models.CharField(_("title"), max_length=200, default="")
    caption = models.TextField(_("caption"), blank=True, default="")
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Adds nothing that the text around it does not say: screen readers skip it, and "
            "it needs no alt text."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, default=default_photo_credit)
    date_taken = models.DateField(_("date taken"), null=True, blank=True)
    added_by = _added_by_field()

    objects = PhotoQuerySet.as_manager()

    class Meta(PublishableModel.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["created", "id"], name="media_photo_by_created"),
            # The year filter's first and last dates.
            models.Index(fields=["date_taken"], name="media_photo_by_date_taken"),
        ]
        permissions = [("publish_photo", _("Can publish photos"))]
        constraints = [
            *PublishableModel.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    ~models.Q(status=Status.PUBLISHED)
                    | models.Q(decorative=True)
                    | (models.Q(alt_text_en__isnull=False) & ~models.Q(alt_text_en=""))
                ),
                name="media_photo_published_with_alt_text",
                violation_error_message=_(
                    "A photo needs alt text before it is published, unless it is decorative."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.needs_alt_text:
            raise ValidationError(
                {
                    _alt_text_field(): _(
                        "Write what the photo shows before publishing it, or mark it decorative."
                    )
                },
                code="alt_text_required",
            )

    def get_absolute_url(self):
        return reverse("media:photo", args=[self.pk])

    @property
    def needs_alt_text(self):
        return not self.decorative and not getattr(self, _alt_text_field())


class Video(models.Model):
    """A video hosted elsewhere (a link) or uploaded as a file: exactly one of the two."""

    title = models.CharField(_("title"), max_length=200, default="")
    url = models.URLField(
        _("link"), blank=True, help_text=_("The address of the video on YouTube or Vimeo.")
    )
    host = models.CharField(_("host"), max_length=10, blank=True, editable=False)
    host_id = models.CharField(_("id at the host"), max_length=20, blank=True, editable=False)
    file = models.FileField(
        _("file"),
        upload_to="videos/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    added_by = _added_by_field()

    objects = MediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(url="") & ~models.Q(file=""))
                    | (~models.Q(url="") & models.Q(file=""))
                ),
                name="media_video_link_or_file",
                violation_error_message=_("Give either a link or a file, not both."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.host, self.host_id = hosted_video(self.url) or ("", "")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.file):
            raise ValidationError(
                {"url": _("Give either a link to a hosted video or a file, not both.")}
            )
        if self.url and hosted_video(self.url) is None:
            raise ValidationError(
                {"url": _("Give a link to a video on YouTube or Vimeo.")}, code="video_host"
            )

    @property
    def host_name(self):
        return HOST_NAMES.get(self.host, "")

    @property
    def embed_url(self):
        """The host's privacy-enhanced player, or "" for an uploaded file."""
        if not self.host_id:
            return ""
        return EMBED_URLS[self.host].format(id=self.host_id)


class Document(models.Model):
    """A PDF such as a medal's statute or an event's programme."""

    title = models.CharField(_("title"), max_length=200, default="")
    file = models.FileField(
        _("file"), upload_to="documents/%Y/%m/", validators=[FileExtensionValidator(["pdf"])]
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    added_by = _added_by_field()

    objects = MediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created"]

    def __str__(self):
        return self.title


class PhotoAttachmentQuerySet(models.QuerySet):
    def public(self):
        """The gallery the public sees: published photos only, fetched in the same query."""
        return self.filter(visible("photo__")).select_related("photo")

    def in_scope(self, user):
        """The gallery photos of records in the user's scope."""
        owner = next(
            field
            for field in self.model._meta.concrete_fields
            if field.is_relation and field.name != "photo"
        )
        return limit(
            self,
            user,
            lambda scope: models.Q(
                **{f"{owner.name}__in": owner.related_model._default_manager.in_scope(scope)}
            ),
        )


class PhotoAttachment(models.Model):
    """One photo in a record's gallery, at a position; the owner's app adds the owner field.

    Deleting a photo takes it out of every gallery; the admin names the published records
    concerned and asks first.
    """

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, verbose_name=_("photo"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PhotoAttachmentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "id"]
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")

    def __str__(self):
        return str(self.photo)
