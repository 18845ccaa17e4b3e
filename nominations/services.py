"""A nomination's moves from state to state, each one transaction with its record."""

import datetime
import statistics

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import has_transition_perm

from awards.models import Conferment
from publishing.formatting import as_text
from publishing.services import language_of, notify_staff, publish

from .models import (
    Conflict,
    ConflictKind,
    Decree,
    Endorsement,
    Nomination,
    Round,
    Score,
    State,
    StateChange,
    in_conflict_with,
    is_chair,
)

# What staff may do to a nomination by hand, as the nomination's page offers it: the name of
# its transition and the button's label. Conferring is the decree's alone.
ACTIONS = {
    "submit": gettext_lazy("Submit"),
    "resubmit": gettext_lazy("Submit again"),
    "withdraw": gettext_lazy("Withdraw"),
    "screen": gettext_lazy("Start screening"),
    "ask_for_more": gettext_lazy("Ask the proposer for more information"),
    "send_to_commission": gettext_lazy("Send to the commission"),
    "recommend": gettext_lazy("Recommend"),
    "decline": gettext_lazy("Decline"),
    "commission_asks_for_more": gettext_lazy("Ask the proposer for more information"),
}
# A message to the proposer, or the commission's reasons: never a move without its why.
NEEDS_A_REASON = {"ask_for_more", "commission_asks_for_more", "recommend", "decline"}


class MoveRefused(Exception):
    """The move is not one this user may make now; the message says why."""


def actions_for(nomination, user):
    """[(name, label)] of the moves `user` may make on `nomination` now."""
    return [
        (name, label)
        for name, label in ACTIONS.items()
        if has_transition_perm(getattr(nomination, name), user)
    ]


def move(nomination, action, user, reason=""):
    """Make the move `action` (a name of ACTIONS) on `nomination` as `user`, with its record;
    returns the nomination as stored. Raises MoveRefused, changing nothing."""
    reason = reason.strip()
    if action not in ACTIONS:
        raise MoveRefused(_("No such step."))
    with transaction.atomic():
        # Locked: two clicks, or the secretariat and the proposer at once, make one move.
        locked = (
            Nomination.objects.select_for_update().select_related("round").get(pk=nomination.pk)
        )
        method = getattr(locked, action)
        if not has_transition_perm(method, user):
            raise MoveRefused(
                _("This step is not yours to take on a nomination in the state “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        if action in NEEDS_A_REASON and not reason:
            raise MoveRefused(_("Say why: the reason is kept with the step."))
        unanswered = [
            question
            for question in locked.round.question_list()
            if not str(locked.answers.get(question, "")).strip()
        ]
        if action in ("submit", "resubmit") and unanswered:
            raise MoveRefused(
                _("Answer the round's questions before submitting: %(questions)s")
                % {"questions": "; ".join(unanswered)}
            )
        source = locked.state
        method()
        locked.save()
        StateChange.objects.create(
            nomination=locked, source=source, target=locked.state, by=user, reason=reason
        )
        notify_step(locked, by=user, reason=reason)
    return locked


def in_conflict(nomination, user):
    """Whether `user`, a member of the commission, is in conflict with `nomination`."""
    return Nomination.objects.filter(pk=nomination.pk).filter(in_conflict_with(user)).exists()


def may_review(nomination, user):
    """Whether `user` is a member of the commission who may see and score `nomination` now:
    it is before the commission, and they are not in conflict with it."""
    return (
        nomination.state == State.COMMISSION
        and user.has_perm("nominations.review_nomination")
        and not in_conflict(nomination, user)
    )


def declare_conflict(nomination, user, kind, note=""):
    """`user` declares a conflict of interest with `nomination`: from now on they neither see
    nor score it, and scores they gave it are removed."""
    if not user.has_perm("nominations.review_nomination"):
        raise MoveRefused(_("Only a member of the commission declares a conflict."))
    if kind not in ConflictKind.values:
        raise MoveRefused(_("Choose the kind of conflict."))
    with transaction.atomic():
        Conflict.objects.update_or_create(
            nomination=nomination, member=user, defaults={"kind": kind, "note": note[:300]}
        )
        Score.objects.filter(nomination=nomination, member=user).delete()


def give_scores(nomination, user, values, *, comment="", shared_with_proposer=False):
    """`user`'s scores of `nomination`, {criterion id: 0..10} for every criterion of its
    round, replacing any they gave before. Raises MoveRefused, storing nothing."""
    if not may_review(nomination, user):
        raise MoveRefused(_("This nomination is not yours to score now."))
    criteria = list(nomination.round.criteria.all())
    if not criteria:
        raise MoveRefused(_("The round has no criteria to score on."))
    checked = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise MoveRefused(
                _("Give “%(criterion)s” a score from 0 to 10.") % {"criterion": criterion}
            ) from None
        if not 0 <= value <= 10:
            raise MoveRefused(
                _("Give “%(criterion)s” a score from 0 to 10.") % {"criterion": criterion}
            )
        checked[criterion] = value
    with transaction.atomic():
        Score.objects.filter(nomination=nomination, member=user).delete()
        Score.objects.bulk_create(
            Score(
                nomination=nomination,
                member=user,
                criterion=criterion,
                value=value,
                comment=comment,
                shared_with_proposer=shared_with_proposer,
            )
            for criterion, value in checked.items()
        )


def comments_shared_with_proposer(nomination):
    """The comments members of the commission chose to share with the proposer, without
    their names or scores."""
    return list(
        dict.fromkeys(
            Score.objects.filter(nomination=nomination, shared_with_proposer=True)
            .exclude(comment="")
            .order_by("given_at")
            .values_list("comment", flat=True)
        )
    )


def score_table(nomination, user):
    """The scores `user` may read: every member's for the chair and the Secretariat; for a
    member, their own, and the others' once they have given theirs (or when the round shows
    them before). Returns {"criteria", "rows": [(member, {criterion id: value}, weighted,
    comment)], "spread": {criterion id: (lowest, highest)}, "mean": weighted mean}."""
    criteria = list(nomination.round.criteria.all())
    scores = list(
        Score.objects.filter(nomination=nomination).select_related("member", "criterion")
    )
    everyone = is_chair(nomination, user) or user.has_perm("nominations.screen_nomination")
    own_given = any(score.member_id == user.pk for score in scores)
    if not (everyone or own_given or nomination.round.scores_seen_before_own):
        scores = [score for score in scores if score.member_id == user.pk]
    by_member = {}
    for score in scores:
        row = by_member.setdefault(score.member, {"values": {}, "comment": score.comment})
        row["values"][score.criterion_id] = score.value
    total_weight = sum(criterion.weight for criterion in criteria) or 1
    rows = []
    for member, row in sorted(by_member.items(), key=lambda item: str(item[0])):
        weighted = (
            sum(row["values"].get(criterion.pk, 0) * criterion.weight for criterion in criteria)
            / total_weight
        )
        rows.append((member, row["values"], round(weighted, 2), row["comment"]))
    spread = {}
    for criterion in criteria:
        given = [
            values[criterion.pk] for _member, values, _w, _c in rows if criterion.pk in values
        ]
        spread[criterion.pk] = (min(given), max(given)) if given else (None, None)
    mean = round(sum(row[2] for row in rows) / len(rows), 2) if rows else None
    return {"criteria": criteria, "rows": rows, "spread": spread, "mean": mean}


class DecreeRefused(Exception):
    """The decree cannot be prepared or recorded; the message says why."""


def prepare_decree(round_, *, number, date, nominations, user):
    """The chair's decree for `nominations`, recommended nominations of `round_`."""
    if not (
        is_chair(Nomination(round=round_), user) or user.has_perm("nominations.record_decree")
    ):
        raise DecreeRefused(_("Only the commission's chair or the Secretariat prepares a decree."))
    nominations = list(nominations)
    if not nominations:
        raise DecreeRefused(_("A decree lists at least one recommended nomination."))
    for nomination in nominations:
        if nomination.round_id != round_.pk or nomination.state != State.RECOMMENDED:
            raise DecreeRefused(
                _("%(nomination)s is not a recommended nomination of this round.")
                % {"nomination": nomination}
            )
    with transaction.atomic():
        decree = Decree.objects.create(round=round_, number=number, date=date, prepared_by=user)
        decree.nominations.set(nominations)
    return decree


def record_decree(decree, user):
    """The decree signed: a published conferment for each of its nominations, with the
    decree's number and date, and each nomination conferred, all in one transaction: a
    failure on the last leaves no conferment of the first. The roll of honour still names a
    recipient only with their consent (`Conferment.names_recipient`)."""
    with transaction.atomic():
        decree = (
            Decree.objects.select_for_update().select_related("round__medal").get(pk=decree.pk)
        )
        if decree.recorded_at is not None:
            raise DecreeRefused(_("This decree is recorded already."))
        nominations = list(
            decree.nominations.select_for_update().select_related("round", "person")
        )
        conferments = []
        for nomination in nominations:
            if not has_transition_perm(nomination.confer, user):
                raise DecreeRefused(
                    _(
                        "%(nomination)s is no longer recommended (%(state)s), or recording "
                        "decrees is not yours to do: nothing was recorded."
                    )
                    % {"nomination": nomination, "state": nomination.get_state_display()}
                )
            try:
                conferments.append(
                    Conferment.objects.create(
                        medal=decree.round.medal,
                        person=nomination.person,
                        date=decree.date,
                        decree_number=decree.number,
                        citation=as_text(nomination.citation),
                    )
                )
            except IntegrityError as error:
                raise DecreeRefused(
                    _(
                        "%(person)s already has this medal from this date: nothing was "
                        "recorded. Take the nomination out of the decree, or correct the "
                        "conferment."
                    )
                    % {"person": nomination.person}
                ) from error
            nomination.confer()
            nomination.save()
            StateChange.objects.create(
                nomination=nomination,
                source=State.RECOMMENDED,
                target=State.CONFERRED,
                by=user,
                reason=str(decree),
            )
            notify_step(nomination, by=user, reason=str(decree))
        publish(queryset=Conferment.objects.filter(pk__in=[c.pk for c in conferments]), user=user)
        decree.recorded_by, decree.recorded_at = user, timezone.now()
        decree.save(update_fields=["recorded_by", "recorded_at"])
    return decree


def nominations_of(person):
    """Everything kept of `person`'s nominations, for a request of access."""
    return [
        {
            "round": str(nomination.round),
            "state": nomination.state,
            "country": nomination.country.code,
            "proposing_organisation": str(nomination.proposing_organisation or ""),
            "citation": as_text(nomination.citation),
            "submitted": nomination.submitted_at and nomination.submitted_at.isoformat(),
            "decided": nomination.decided_at and nomination.decided_at.isoformat(),
            "steps": [
                {
                    "from": change.source,
                    "to": change.target,
                    "at": change.at.isoformat(),
                    "why": change.reason,
                }
                for change in nomination.changes.all()
            ],
        }
        for nomination in Nomination.objects.filter(person=person)
        .select_related("round__medal", "proposing_organisation")
        .prefetch_related("changes")
        .order_by("created")
    ]


def _erase(nominations):
    """Delete `nominations` with their steps, scores, conflicts and earlier versions; a
    conferment a decree made stays, as the person's erasure leaves it. How many went."""
    with transaction.atomic():
        ids = list(nominations.values_list("pk", flat=True))
        deleted = Nomination.objects.filter(pk__in=ids).delete()[1].get(Nomination._meta.label, 0)
        # After: deleting a nomination writes its last version into the history.
        Nomination.history.filter(id__in=ids).delete()
    return deleted


def erase_nominations_of(person):
    """`person`'s nominations, and the endorsements they gave others'."""
    Endorsement.objects.filter(person=person).delete()
    return _erase(Nomination.objects.filter(person=person))


def endorsements_by(person):
    """The endorsements `person` gave, for a request of access."""
    return [
        {"nomination": str(endorsement.nomination), "date": endorsement.date.isoformat(),
         "text": endorsement.text}
        for endorsement in Endorsement.objects.filter(person=person).select_related(
            "nomination__round__medal", "nomination__person"
        )
    ]  # fmt: skip


def erase_declined_nominations(now=None):
    """Declined nominations decided `NOMINATIONS_KEEP_DECLINED_MONTHS` ago, erased."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=30 * settings.NOMINATIONS_KEEP_DECLINED_MONTHS)
    return _erase(Nomination.objects.filter(state=State.DECLINED, decided_at__lt=before))


def nomination_figures(nominations):
    """The dashboard's figures of `nominations` (the ones the user may see), in three
    queries: {"by_country": [(country, {state: count})], "rounds": [{round, proposed,
    recommended, conferred, median_days}]}, where proposed counts those ever submitted and
    the days run from the last submission to the commission's decision."""
    by_country = {}
    for country, state, total in (
        nominations.values_list("country", "state").annotate(total=Count("pk")).order_by()
    ):
        by_country.setdefault(country, {})[state] = total
    rounds = []
    per_round = (
        nominations.values("round")
        .annotate(
            proposed=Count("pk", filter=~Q(state__in=[State.DRAFT])),
            recommended=Count("pk", filter=Q(state__in=[State.RECOMMENDED, State.CONFERRED])),
            conferred=Count("pk", filter=Q(state=State.CONFERRED)),
        )
        .order_by()
    )
    durations = {}
    for round_id, submitted, decided in nominations.filter(
        submitted_at__isnull=False, decided_at__isnull=False
    ).values_list("round", "submitted_at", "decided_at"):
        durations.setdefault(round_id, []).append((decided - submitted).total_seconds() / 86400)
    names = {
        round_.pk: round_
        for round_ in Round.objects.filter(
            pk__in=[row["round"] for row in per_round]
        ).select_related("medal")
    }
    for row in per_round:
        days = durations.get(row["round"])
        rounds.append(
            {
                "round": names[row["round"]],
                "proposed": row["proposed"],
                "recommended": row["recommended"],
                "conferred": row["conferred"],
                "median_days": round(statistics.median(days), 1) if days else None,
            }
        )
    rounds.sort(key=lambda figures: figures["round"].opens_at, reverse=True)
    return {
        "by_country": sorted(
            ((Nomination(country=code).country, states) for code, states in by_country.items()),
            key=lambda item: (-sum(item[1].values()), str(item[0].name)),
        ),
        "rounds": rounds,
    }


def _secretariat():
    return get_user_model().objects.with_perm(
        "nominations.screen_nomination", backend="django.contrib.auth.backends.ModelBackend"
    )


def _commission(nomination):
    """The chair and the members of the commission who are not in conflict with it."""
    members = get_user_model().objects.with_perm(
        "nominations.review_nomination", backend="django.contrib.auth.backends.ModelBackend"
    )
    free = [member for member in members if not in_conflict(nomination, member)]
    chair = [nomination.round.chair] if nomination.round.chair_id else []
    return [*chair, *(member for member in free if member.pk != nomination.round.chair_id)]


# Who hears of each step: the proposer, the Secretariat, the commission.
WHO_HEARS = {
    State.SUBMITTED: ("secretariat",),
    State.WITHDRAWN: ("secretariat",),
    State.SCREENING: ("proposer",),
    State.MORE_INFORMATION: ("proposer",),
    State.COMMISSION: ("commission",),
    State.RECOMMENDED: ("proposer", "secretariat"),
    State.DECLINED: ("proposer", "secretariat"),
    State.CONFERRED: ("proposer",),
}


def notify_step(nomination, *, by, reason=""):
    """An e-mail to each member of staff concerned by the step that took `nomination` to
    its state, in their language, sent once the transaction commits (kept until it is)."""
    groups = WHO_HEARS.get(nomination.state, ())
    people = []
    if "proposer" in groups:
        people.append(nomination.proposed_by)
    if "secretariat" in groups:
        people.extend(_secretariat())
    if "commission" in groups:
        people.extend(_commission(nomination))
    seen = set()
    link = settings.SITE_URL + reverse("admin:nominations_nomination_change", args=[nomination.pk])
    for person in people:
        if person.pk in seen or person.pk == by.pk or not person.is_active:
            continue
        seen.add(person.pk)
        with translation.override(language_of(person)):
            subject = _("Nomination of %(nominee)s: %(state)s") % {
                "nominee": nomination.person,
                "state": nomination.get_state_display(),
            }
            lines = [
                _("The nomination of %(nominee)s (%(round)s) is now: %(state)s.")
                % {
                    "nominee": nomination.person,
                    "round": nomination.round,
                    "state": nomination.get_state_display(),
                },
            ]
            if reason:
                lines += ["", _("Why:"), reason]
            lines += ["", link]
        notify_staff(person, subject, "\n".join(lines))
