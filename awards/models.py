from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from media.models import Document, PhotoAttachment
from organisations.models import Person
from publishing.models import PublicPageModel, PublishableModel


class Medal(PublicPageModel):
    """A state medal, such as "For Merits in Diaspora Activity", with its statute."""

    name = models.CharField(_("name"), max_length=250, default="")
    description = models.TextField(
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

    class Meta(PublicPageModel.Meta):
        verbose_name = _("medal")
        verbose_name_plural = _("medals")
        ordering = ["name"]
        permissions = [
            ("import_medal", _("Can import medals")),
            ("export_medal", _("Can export medals")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:medal", args=[self.slug])


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

    class Meta(PublishableModel.Meta):
        verbose_name = _("conferment")
        verbose_name_plural = _("conferments")
        ordering = ["-date", "id"]
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
            ("import_conferment", _("Can import conferments")),
            ("export_conferment", _("Can export conferments")),
        ]

    def __str__(self):
        if self.date is None:
            return f"{self.medal} – {self.person}"
        return f"{self.medal} – {self.person} ({self.date:%d.%m.%Y})"


class MedalPhoto(PhotoAttachment):
    medal = models.ForeignKey(Medal, on_delete=models.CASCADE, related_name="gallery")

    class Meta(PhotoAttachment.Meta):
        pass
