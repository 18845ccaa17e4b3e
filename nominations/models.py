"""Nomination rounds and nominations for a medal, and every change of a nomination's state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from awards.models import Medal
from organisations.models import Organisation, Person
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
            seen |= Q(state__in=BEFORE_THE_COMMISSION)
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
