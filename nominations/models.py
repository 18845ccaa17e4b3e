"""Nomination rounds and nominations for a medal, and every change of a nomination's state."""

import uuid

from django.conf import settings
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from awards.models import Medal
from organisations.models import Membership, Organisation, Person
from publishing.formatting import FormattedTextField
from scopes import limit, scope_of


class Round(models.Model):
    """A call for nominations for one medal: when it is open, to which countries, what a
    nomination answers, who chairs the commission and how its review runs."""

    medal = models.ForeignKey(
        Medal, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("medal")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Such as “The 2026 round”."))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    countries = CountryField(
        _("open to"), multiple=True, blank=True, help_text=_("Left blank: every country.")
    )
    questions = models.TextField(
        _("questions"), blank=True, help_text=_("What each nomination answers, one a line.")
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the commission's chair"),
    )
    scores_seen_before_own = models.BooleanField(
        _("members see each other's scores before giving their own"), default=False
    )
    proposer_shown = models.BooleanField(_("the commission sees who proposed"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="nominations_a_round_closes_after_it_opens",
                violation_error_message=_("A round closes after it opens."),
            )
        ]

    def __str__(self):
        return f"{self.medal} — {self.name}"

    def is_open_to(self, country):
        return not self.countries or country in [c.code for c in self.countries]

    def accepts_at(self, moment):
        return self.opens_at <= moment < self.closes_at

    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Being screened")
    MORE_INFORMATION = "more_info", _("More information needed")
    COMMISSION = "commission", _("Commission review")
    RECOMMENDED = "recommended", _("Recommended")
    DECLINED = "declined", _("Declined")
    CONFERRED = "conferred", _("Conferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The states the commission works in: what its members see.
BEFORE_THE_COMMISSION = (State.COMMISSION, State.RECOMMENDED, State.DECLINED, State.CONFERRED)


def is_proposer(nomination, user):
    """The member of staff who proposed it, as long as its country is still theirs."""
    return (
        user.is_active
        and nomination.proposed_by_id == user.pk
        and scope_of(user).has_country(nomination.country)
    )


def is_secretariat(nomination, user):
    return user.is_active and user.has_perm("nominations.screen_nomination")


def is_chair(nomination, user):
    return user.is_active and user.pk is not None and nomination.round.chair_id == user.pk


def records_decrees(nomination, user):
    return user.is_active and user.has_perm("nominations.record_decree")


def in_conflict_with(user):
    """The nominations `user`, a member of the commission, is in conflict with: those they
    declared, and those of a nominee (or a proposing organisation) of an organisation or
    council that their own record in the directory belongs to."""
    conflicted = Q(pk__in=Conflict.objects.filter(member=user).values("nomination"))
    own = set(
        Membership.objects.filter(
            person__isnull=False,
            person__in=Person.objects.filter(
                pk__in=CommissionMember.objects.filter(user=user).values("person")
            ),
        ).values_list("organisation", flat=True)
    )
    # Their organisations and the councils these belong to: a nominee of either, or of an
    # organisation of either, is of the same organisation or council.
    own |= set(
        Organisation.objects.filter(pk__in=own, parent__isnull=False).values_list(
            "parent", flat=True
        )
    )
    if own:
        conflicted |= (
            Q(person__memberships__organisation__in=own)
            | Q(person__memberships__organisation__parent__in=own)
            | Q(proposing_organisation__in=own)
            | Q(proposing_organisation__parent__in=own)
        )
    return Q(pk__in=Nomination.objects.filter(conflicted).values("pk"))


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The nominations `user` may see: every one for the secretariat; those before the
        commission for its members; those of their countries for the staff who propose."""
        if not user.is_active or not user.is_staff:
            return self.none()
        if user.is_superuser or user.has_perm("nominations.screen_nomination"):
            return self
        seen = Q(pk__in=[])
        if user.has_perm("nominations.review_nomination"):
            seen |= Q(state__in=BEFORE_THE_COMMISSION) & ~in_conflict_with(user)
        if user.has_perm("nominations.view_nomination"):
            seen |= Q(pk__in=limit(self.all(), user, lambda scope: Q(country__in=scope.countries)))
        return self.filter(seen)


class Nomination(ConcurrentTransitionMixin, models.Model):
    """One person proposed for the medal in one round. Confidential until its conferment: no
    public page, list, feed or API ever reads this model."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("round")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("nominee")
    )
    # The country the proposal comes from, which decides whose scope it falls in.
    country = CountryField(_("country"))
    proposing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposing organisation"),
    )
    citation = FormattedTextField(_("citation"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    # Changed only by the transitions below (`services.move`), never by a form.
    state = FSMField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, protected=True
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["state"])

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created", "pk"]
        permissions = [
            ("screen_nomination", _("Can screen nominations and send them to the commission")),
            ("review_nomination", _("Can review nominations as a member of the commission")),
            ("record_decree", _("Can record a decree conferring the medal")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=~Q(state="withdrawn"),
                name="nominations_a_person_once_a_round",
                violation_error_message=_("This person is already nominated in this round."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.round.name})"

    # The transitions, each with who may make it (the table, row by row). -----------

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, permission=is_proposer)
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=[State.DRAFT, State.SUBMITTED, State.MORE_INFORMATION],
        target=State.WITHDRAWN,
        permission=is_proposer,
    )
    def withdraw(self):
        pass

    @transition(
        field=state, source=State.SUBMITTED, target=State.SCREENING, permission=is_secretariat
    )
    def screen(self):
        pass

    @transition(
        field=state,
        source=State.SCREENING,
        target=State.MORE_INFORMATION,
        permission=is_secretariat,
    )
    def ask_for_more(self):
        pass

    @transition(
        field=state,
        source=State.MORE_INFORMATION,
        target=State.SUBMITTED,
        permission=is_proposer,
    )
    def resubmit(self):
        self.submitted_at = timezone.now()

    @transition(
        field=state, source=State.SCREENING, target=State.COMMISSION, permission=is_secretariat
    )
    def send_to_commission(self):
        pass

    @transition(
        field=state, source=State.COMMISSION, target=State.RECOMMENDED, permission=is_chair
    )
    def recommend(self):
        self.decided_at = timezone.now()

    @transition(field=state, source=State.COMMISSION, target=State.DECLINED, permission=is_chair)
    def decline(self):
        self.decided_at = timezone.now()

    @transition(
        field=state,
        source=State.COMMISSION,
        target=State.MORE_INFORMATION,
        permission=is_chair,
    )
    def commission_asks_for_more(self):
        pass

    @transition(
        field=state,
        source=State.RECOMMENDED,
        target=State.CONFERRED,
        permission=records_decrees,
    )
    def confer(self):
        pass


class StateChange(models.Model):
    """One move of a nomination from a state to another: who, when and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="changes")
    source = models.CharField(_("from"), max_length=12, choices=State.choices)
    target = models.CharField(_("to"), max_length=12, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.nomination}: {self.get_source_display()} → {self.get_target_display()}"


class Criterion(models.Model):
    """What the commission scores a round's nominations on, and how much it weighs."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class CommissionMember(models.Model):
    """A member of staff on the medal's commission, with their own record in the directory:
    its organisations are how a conflict with a nominee is found without being declared."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="commission_member",
        verbose_name=_("member of staff"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("their record in the directory"),
    )

    class Meta:
        verbose_name = _("member of the commission")
        verbose_name_plural = _("members of the commission")

    def __str__(self):
        return str(self.user)


class ConflictKind(models.TextChoices):
    FAMILY = "family", _("Family")
    SAME_ORGANISATION = "organisation", _("The same organisation")
    SAME_COUNCIL = "council", _("The same coordination council")
    WORKED_TOGETHER = "worked", _("Worked together")
    OTHER = "other", _("Other")


class Conflict(models.Model):
    """A member of the commission's conflict of interest with a nomination, as they declared
    it: they neither see nor score it."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member of the commission"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ConflictKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "member"], name="nominations_one_conflict_a_member"
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()}"


class Score(models.Model):
    """A member's score of a nomination on one criterion, and their comment."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    comment = models.TextField(_("comment"), blank=True)
    # Private to the commission unless the member shares it with the proposer.
    shared_with_proposer = models.BooleanField(_("shared with the proposer"), default=False)
    given_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "member", "criterion"],
                name="nominations_one_score_a_criterion",
            ),
            models.CheckConstraint(
                condition=Q(value__lte=10), name="nominations_a_score_is_out_of_ten"
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.criterion} {self.value}"


class Decree(models.Model):
    """The decree conferring the medal on a round's recommended nominees: prepared by the
    chair, recorded once signed, when its conferments are made (`services.record_decree`)."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="decrees", verbose_name=_("round")
    )
    number = models.CharField(_("number"), max_length=100, unique=True)
    date = models.DateField(_("date"))
    nominations = models.ManyToManyField(
        Nomination, related_name="decrees", verbose_name=_("nominations")
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    prepared_at = models.DateTimeField(_("prepared"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("decree")
        verbose_name_plural = _("decrees")
        ordering = ["-date", "pk"]

    def __str__(self):
        return _("Decree %(number)s of %(date)s") % {
            "number": self.number,
            "date": formats.date_format(self.date, "DATE_FORMAT"),
        }


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def document_path(document, filename):
    # A random folder: the name a proposer gave says nothing, and no two collide.
    return f"nominations/{document.nomination_id}/{uuid.uuid4().hex}/{filename}"


class NominationDocument(models.Model):
    """A supporting document of a nomination (a letter, a CV): kept in the private storage,
    served only by the admin to whom the nomination is visible."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        storage=private_storage,
        max_length=300,
        validators=[FileExtensionValidator(["pdf", "doc", "docx", "odt", "jpg", "jpeg", "png"])],
        help_text=_("PDF, Word, OpenDocument, JPEG or PNG."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class Endorsement(models.Model):
    """An organisation's or a person's support of a nomination, in their words."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    text = models.TextField(_("in their words"), blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="nominations_an_endorsement_has_its_endorser",
                violation_error_message=_("Say who endorses it: an organisation or a person."),
            )
        ]

    def __str__(self):
        return str(self.organisation or self.person)
