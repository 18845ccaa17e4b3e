"""A nomination's moves from state to state, each one transaction with its record."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import has_transition_perm

from .models import Nomination, StateChange

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
        source = locked.state
        method()
        locked.save()
        StateChange.objects.create(
            nomination=locked, source=source, target=locked.state, by=user, reason=reason
        )
    return locked
