import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from media.models import Photo, PhotoAttachment
from publishing.formatting import FormattedTextField
from publishing.models import PublicPageModel, PublishableQuerySet, visible
from scopes import limit, scope_of
from search.models import SearchableModel

_CYRILLIC = re.compile("[\u0400-\u04ff]")


class OrganisationType(models.TextChoices):
    AZERBAIJAN_HOUSE = "azerbaijan_house", _("Azerbaijan House")
    COORDINATION_COUNCIL = "coordination_council", _("Coordination Council")
    WEEKEND_SCHOOL = "weekend_school", _("Weekend School")
    COMMUNITY = "community", _("Community")
    STUDENT_UNION = "student_union", _("Student Union")
    CULTURAL_CENTRE = "cultural_centre", _("Cultural Centre")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class OrganisationQuerySet(PublishableQuerySet):
    def in_scope(self, user):
        """Organisations in the user's countries, and those named in their scope with every
        one under them."""
        return limit(
            self,
            user,
            lambda scope: Q(country__in=scope.countries) | Q(pk__in=scope.organisation_ids),
        )

    def with_descendants(self, ids):
        """`ids` and the ids of every organisation under them, at any depth."""
        found = set(ids)
        level = set(ids)
        while level:
            level = set(self.filter(parent__in=level).values_list("pk", flat=True)) - found
            found |= level
        return found


class Organisation(SearchableModel, PublicPageModel):
    """A diaspora organisation abroad; a coordination council is the parent of its members."""

    search_sources = ("name_en", "name_az", "name_ru", "city")

    name = models.CharField(_("name"), max_length=200, default="")
    type = models.CharField(
        _("type"), max_length=30, choices=OrganisationType.choices, db_index=True
    )
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("parent organisation"),
        help_text=_("The coordination council or umbrella body this organisation belongs to."),
    )
    founded = models.DateField(_("founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(
        _("phone"), blank=True, help_text=_("In international form, e.g. +994 12 345 67 89.")
    )
    leader = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_organisations",
        verbose_name=_("leader"),
    )
    description = FormattedTextField(_("description"), blank=True, default="")
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta(PublicPageModel.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "-id"], name="organisations_org_by_name")]
        constraints = [
            *PublicPageModel.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="organisations_organisation_not_own_parent",
                violation_error_message=_("An organisation cannot be its own parent."),
            ),
        ]
        permissions = [
            ("publish_organisation", _("Can publish organisations")),
            ("import_organisation", _("Can import organisations")),
            ("export_organisation", _("Can export organisations")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    def is_within(self, scope):
        """Whether this organisation, as it is now (saved or not), falls in `scope`."""
        scope = scope_of(scope)
        return (
            scope.has_country(self.country)
            or self.pk in scope.organisation_ids
            or self.parent_id in scope.organisation_ids
        )

    def clean(self):
        super().clean()
        if self.pk is not None and self.pk in self.ancestor_ids(self.known_parents):
            raise ValidationError(
                {
                    "parent": _(
                        "%(parent)s belongs to this organisation already; it cannot also be "
                        "its parent."
                    )
                    % {"parent": self.parent}
                }
            )

    # Set by a caller that has loaded every organisation's parent (id -> parent id), such as
    # the spreadsheet import, so that validating thousands of rows asks nothing more.
    known_parents = None

    def ancestor_ids(self, known_parents=None):
        """The ids of the parent, its parent and so on, stopping at a cycle if one exists."""
        seen = []
        parent_id = self.parent_id
        while parent_id is not None and parent_id not in seen:
            seen.append(parent_id)
            if known_parents is not None:
                parent_id = known_parents.get(parent_id)
            else:
                parent_id = (
                    Organisation.objects.filter(pk=parent_id)
                    .values_list("parent_id", flat=True)
                    .first()
                )
        return seen


class Profession(models.TextChoices):
    SCIENTIST = "scientist", _("Scientist")
    PROFESSOR = "professor", _("Professor")
    PUBLIC_FIGURE = "public_figure", _("Public figure")
    CULTURAL_FIGURE = "cultural_figure", _("Cultural figure")
    ARTIST = "artist", _("Artist")
    MUSICIAN = "musician", _("Musician")
    OTHER = "other", _("Other")


class PersonQuerySet(PublishableQuerySet):
    def public(self):
        """People the public may see: published, and who consented to be shown."""
        return self.published().filter(public=True)

    def with_public_memberships(self):
        """Each person's memberships of published organisations, read with them."""
        return self.prefetch_related(
            models.Prefetch(
                "memberships",
                Membership.objects.filter(visible("organisation__")).select_related(
                    "organisation"
                ),
            )
        )

    def in_scope(self, user):
        """People living in the user's countries, and members of organisations in scope."""
        return limit(
            self,
            user,
            lambda scope: (
                Q(country__in=scope.countries)
                | Q(
                    pk__in=Membership.objects.filter(
                        organisation__in=Organisation.objects.in_scope(scope)
                    ).values("person")
                )
            ),
        )


class Person(SearchableModel, PublicPageModel):
    """A compatriot: a private person, shown publicly only once their consent is recorded."""

    slug_source = "full_name"
    search_sources = ("full_name", "full_name_latin", "full_name_cyrillic", "position", "city")

    full_name = models.CharField(_("full name"), max_length=200)
    full_name_latin = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    full_name_cyrillic = models.CharField(_("name in Cyrillic script"), max_length=200, blank=True)
    country = CountryField(_("country of residence"), db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    profession = models.CharField(
        _("profession"), max_length=30, choices=Profession.choices, blank=True, db_index=True
    )
    position = models.CharField(_("position"), max_length=250, blank=True)
    biography = FormattedTextField(_("biography"), blank=True, default="")
    photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("portrait"),
    )
    email = models.EmailField(_("private e-mail"), blank=True)
    phone = PhoneNumberField(
        _("private phone"),
        blank=True,
        help_text=_("In international form, e.g. +994 12 345 67 89."),
    )
    public = models.BooleanField(
        _("shown publicly"),
        default=False,
        help_text=_("Tick only once the person has agreed; give the date below."),
    )
    consent_date = models.DateField(_("date consent was given"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        through="Membership",
        related_name="people",
        blank=True,
        verbose_name=_("organisations"),
    )

    objects = PersonQuerySet.as_manager()

    # What is stored about the person themselves, which their erasure empties
    # (organisations.services.forget_person), and what is not about them. Every field is in
    # one of the two: a test checks it, so a personal field added later cannot survive an
    # erasure unseen.
    PERSONAL_FIELDS = (
        "full_name",
        "full_name_latin",
        "full_name_cyrillic",
        "country",
        "city",
        "profession",
        "position",
        "biography",
        "biography_az",
        "biography_en",
        "biography_ru",
        "photo",
        "email",
        "phone",
        "public",
        "consent_date",
        "slug",
        "search_text",
    )
    NOT_PERSONAL_FIELDS = (
        "id",
        "status",
        "publish_from",
        "publish_until",
        "created",
        "updated",
        "created_by_import",
    )
    ERASED_NAME = "Erased person"

    class Meta(PublicPageModel.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        # The admin lists people by name: without it, 50,000 rows are sorted for each page.
        indexes = [models.Index(fields=["full_name", "id"], name="organisations_person_by_name")]
        constraints = [
            *PublicPageModel.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(public=False) | models.Q(consent_date__isnull=False),
                name="organisations_person_public_needs_consent_date",
                violation_error_message=_(
                    "A person can be shown publicly only with the date they consented."
                ),
            ),
        ]
        permissions = [
            ("publish_person", _("Can publish people")),
            ("import_person", _("Can import people")),
            ("export_person", _("Can export people")),
            ("export_person_contacts", _("Can export people's e-mail addresses and phones")),
        ]

    def __str__(self):
        return self.full_name

    @property
    def shown_name(self):
        """The name in the reader's script: in Cyrillic on the Russian pages, in Latin on the
        others, where the record has it; otherwise as it is written."""
        if get_language() == "ru":
            return self.full_name_cyrillic or self.full_name
        if _CYRILLIC.search(self.full_name) and self.full_name_latin:
            return self.full_name_latin
        return self.full_name

    @property
    def other_names(self):
        """The other spellings of the name, under the one shown."""
        names = (self.full_name, self.full_name_latin, self.full_name_cyrillic)
        shown = self.shown_name
        return [name for name in dict.fromkeys(names) if name and name != shown]

    def get_absolute_url(self):
        return reverse("organisations:person", args=[self.slug])

    @property
    def is_public(self):
        """Whether the public site may name this person."""
        return self.public and self.is_published

    def is_within(self, scope, organisation_ids=()):
        """Whether this person, as they are now, falls in `scope`: by where they live, by
        the memberships stored, or by the organisations `organisation_ids` about to be
        stored with them."""
        scope = scope_of(scope)
        in_scope_organisations = scope.ids(Organisation)
        return (
            scope.has_country(self.country)
            or any(pk in in_scope_organisations for pk in organisation_ids)
            or (
                self.pk is not None
                and Membership.objects.filter(
                    person_id=self.pk, organisation__in=Organisation.objects.in_scope(scope)
                ).exists()
            )
        )

    def clean(self):
        super().clean()
        if self.public and self.consent_date is None:
            raise ValidationError(
                {"consent_date": _("Enter the date the person consented to be shown publicly.")}
            )


class MembershipQuerySet(models.QuerySet):
    def in_scope(self, user):
        """The memberships of people in scope (members of an organisation in scope are)."""
        return limit(self, user, lambda scope: Q(person__in=Person.objects.in_scope(scope)))


class Membership(models.Model):
    """A person's role in an organisation, over the years it lasted."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="organisations_membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation}"

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("A membership cannot end before it starts.")})


class OrganisationPhoto(PhotoAttachment):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="gallery"
    )

    class Meta(PhotoAttachment.Meta):
        pass


class PersonPhoto(PhotoAttachment):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="gallery")

    class Meta(PhotoAttachment.Meta):
        pass
