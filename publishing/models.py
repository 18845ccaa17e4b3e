"""The fields and QuerySet that every published record shares.

Abstract models only: each app's concrete models inherit them, so that "published" means one
thing in every listing, feed, sitemap and admin action.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.slugs import SLUG_MAX_LENGTH, unique_slug


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def visible(prefix="", now=None):
    """The condition of a record the public sees now: published, its `publish_from` reached
    and its `publish_until` not passed, and not made by an import that has not completed.
    Decided when the page is made, so that a schedule needs no job to run; `prefix` reaches
    it through a relation ("event__")."""
    from imports.models import ImportRecord

    now = now or timezone.now()
    return (
        models.Q(**{f"{prefix}status": Status.PUBLISHED})
        & ~models.Q(
            **{f"{prefix}created_by_import__in": ImportRecord.objects.incomplete().values("pk")}
        )
        & (
            models.Q(**{f"{prefix}publish_from__isnull": True})
            | models.Q(**{f"{prefix}publish_from__lte": now})
        )
        & (
            models.Q(**{f"{prefix}publish_until__isnull": True})
            | models.Q(**{f"{prefix}publish_until__gt": now})
        )
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see now."""
        return self.filter(visible())

    def scheduled(self):
        """Published, to appear at their `publish_from`."""
        return self.filter(status=Status.PUBLISHED, publish_from__gt=timezone.now())

    def expired(self):
        """Published, but their `publish_until` has passed."""
        return self.filter(status=Status.PUBLISHED, publish_until__lte=timezone.now())


class PublishableModel(models.Model):
    """A record that staff keep as a draft until they publish it."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Only published records appear on the public site. Submit a draft for review: "
            "a Publisher publishes it, or returns it to draft with a comment."
        ),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Published, it appears only from this time on. Blank: at once."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Published, it disappears at this time. Blank: it stays."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # The import that made it: hidden from the public until that import completes, since
    # an import writes in batches that it removes again if it fails.
    created_by_import = models.ForeignKey(
        "imports.ImportRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by import"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            )
        ]

    @property
    def is_published(self):
        """Whether the public sees it now: published, and within its schedule."""
        return self.status == Status.PUBLISHED and not self.is_scheduled and not self.is_expired

    @property
    def published_at(self):
        """When the public could first see it: its publish_from, or its creation."""
        if self.publish_from is not None and self.publish_from > self.created:
            return self.publish_from
        return self.created

    @property
    def is_scheduled(self):
        return self.publish_from is not None and self.publish_from > timezone.now()

    @property
    def is_expired(self):
        return self.publish_until is not None and self.publish_until <= timezone.now()

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": _("The end of publication must come after its start.")}
            )

    @property
    def is_public(self):
        """Whether the public may see it; a record with a further condition (a person's
        consent) says so in its own."""
        return self.is_published


class PublicPageModel(PublishableModel):
    """A published record with a page of its own, addressed by a unique slug.

    `slug_source` names the field the slug is made from when staff leave it blank.
    """

    slug_source = "name"

    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("The last part of the page's address. Left blank, it is made from the name."),
    )

    class Meta(PublishableModel.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Filled here too so that the uniqueness check that follows clean() sees the slug.
        self.fill_slug()

    def fill_slug(self):
        if not self.slug:
            self.slug = unique_slug(
                type(self), getattr(self, self.slug_source), exclude_pk=self.pk
            )


class NoticeQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent__isnull=True)


class Notice(models.Model):
    """An e-mail to staff, kept until it is sent: to everyone who holds `permission` (the
    Publishers, that something waits for their review), or to one member of staff (`user`,
    in their language: a nomination's step).

    A notice that cannot be sent (no one has an address, the mail server does not answer)
    stays here with the reason, is listed on the dashboard and in the admin, and is sent
    again (`services.send_unsent_notices`) rather than lost.
    """

    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    permission = models.CharField(max_length=100, editable=False, blank=True)  # who is told
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Problem(models.TextChoices):
        NO_ADDRESS = "no_address", _("No Publisher has an e-mail address")
        REFUSED = "refused", _("The mail server did not take it")

    problem = models.CharField(
        _("why it was not sent"), max_length=20, choices=Problem.choices, blank=True
    )
    error = models.CharField(_("the mail server's answer"), max_length=300, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice to staff")
        verbose_name_plural = _("notices to staff")
        ordering = ["-created"]

    def __str__(self):
        return self.subject


class StaffLanguage(models.Model):
    """The language a member of staff last signed in to the admin in: the one their notices
    are written in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="staff_language",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("language of a member of staff")
        verbose_name_plural = _("languages of the staff")

    def __str__(self):
        return f"{self.user}: {self.language}"
