from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from media.models import Document, PhotoAttachment
from organisations.models import Person
from publishing.formatting import FormattedTextField
from publishing.models import PublicPageModel, PublishableModel, PublishableQuerySet, visible
from scopes import limit, scope_of


class MedalQuerySet(PublishableQuerySet):
    def in_scope(self, user):
        """Every medal for staff granted anywhere: the state's honours belong to no country,
        and coordinators choose from all of them for their people's conferments (changing
        one needs `everywhere`). None for staff granted nowhere."""
        return limit(
            self, user, lambda scope: models.Q() if scope.granted else models.Q(pk__in=[])
        )


class Medal(PublicPageModel):
    """A state medal, such as "For Merits in Diaspora Activity", with its statute."""

    name = models.CharField(_("name"), max_length=250, default="")
    description = FormattedTextField(
        _("statute or description"),
        blank=True,
        default="",
        help_text=_("What the medal is given for."),
    )
    image = models.ImageField(_("image"), upload_to="medals/", blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    statute_document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statute document"),
    )

    objects = MedalQuerySet.as_manager()

    class Meta(PublicPageModel.Meta):
        verbose_name = _("medal")
        verbose_name_plural = _("medals")
        ordering = ["name"]
        permissions = [
            ("publish_medal", _("Can publish medals")),
            ("import_medal", _("Can import medals")),
            ("export_medal", _("Can export medals")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:medal", args=[self.slug])

    def is_within(self, scope):
        """Whether staff of `scope` may change this medal: only those who work everywhere."""
        return scope_of(scope).everywhere


class ConfermentQuerySet(PublishableQuerySet):
    def public(self):
        """The conferments the public may see now: published and within their own schedule,
        of a medal that is too. Every public output (pages, counts, feeds, the API) reads
        them through this; whether the recipient is named is `Conferment.names_recipient`."""
        return self.published().filter(visible("medal__"))

    def in_scope(self, user):
        """The conferments of people in the user's scope."""
        return limit(self, user, lambda scope: models.Q(person__in=Person.objects.in_scope(scope)))


class Conferment(PublishableModel):
    """A medal given to a person on a date, by a decree or order, often at an event."""

    medal = models.ForeignKey(
        Medal, on_delete=models.PROTECT, related_name="conferments", verbose_name=_("medal")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="conferments", verbose_name=_("recipient")
    )
    date = models.DateField(_("date"), db_index=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conferments",
        verbose_name=_("conferred at"),
    )
    decree_number = models.CharField(_("decree or order number"), max_length=100, blank=True)
    citation = models.TextField(_("citation"), blank=True, default="")

    objects = ConfermentQuerySet.as_manager()

    class Meta(PublishableModel.Meta):
        verbose_name = _("conferment")
        verbose_name_plural = _("conferments")
        ordering = ["-date", "id"]
        indexes = [
            models.Index(fields=["-date", "id"], name="awards_conferment_by_date"),
            # A medal's recipients, the latest first (the roll of honour, the medal's page).
            models.Index(fields=["medal", "-date", "-id"], name="awards_conferment_by_medal"),
        ]
        constraints = [
            *PublishableModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["medal", "person", "date"],
                name="awards_conferment_once_a_day",
                violation_error_message=_(
                    "This person has already received this medal on this date."
                ),
            ),
        ]
        permissions = [
            ("publish_conferment", _("Can publish conferments")),
            ("import_conferment", _("Can import conferments")),
            ("export_conferment", _("Can export conferments")),
        ]

    @property
    def names_recipient(self):
        """Whether a public page names the recipient: only one who consented to be public.
        The honour itself is public; the name is the person's to give."""
        return self.person.is_public

    def is_within(self, scope):
        """Whether this conferment, as it is now (saved or not), falls in `scope`."""
        scope = scope_of(scope)
        return scope.everywhere or self.person_id in scope.ids(Person)

    def __str__(self):
        if self.date is None:
            return f"{self.medal} – {self.person}"
        return f"{self.medal} – {self.person} ({self.date:%d.%m.%Y})"


class MedalPhoto(PhotoAttachment):
    medal = models.ForeignKey(Medal, on_delete=models.CASCADE, related_name="gallery")

    class Meta(PhotoAttachment.Meta):
        pass
