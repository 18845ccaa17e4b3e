"""The fields and QuerySet that every published record shares.

Abstract models only: each app's concrete models inherit them, so that "published" means one
thing in every listing, feed, sitemap and admin action.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from slugs import SLUG_MAX_LENGTH, unique_slug


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see."""
        return self.filter(status=Status.PUBLISHED)


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
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

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
        """Whether it is published."""
        return self.status == Status.PUBLISHED

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
