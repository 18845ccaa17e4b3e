"""Where a member of staff may work: everywhere, in some countries and organisations, or
nowhere until they are granted somewhere.

The one module every listing, form, import, export and job page calls. `scope_of(user)` is
the one decision of where a user works: what the user's own grant and their groups' grants
add up to, every country only by a grant to the user, and nothing without one. Each model says
what falls in a scope next to itself (`Event.objects.in_scope(user)`,
`event.is_within(scope)`), through `limit`.
"""

from django.utils.translation import gettext as _

from .scope import EVERYWHERE, NOWHERE, Scope


def scope_of(user):
    """The scope of `user` (a user, or a Scope already worked out, or None for the command
    line, whose operators work everywhere), worked out once per user object. Superusers work
    everywhere; other staff where they were granted, and nowhere without a grant."""
    if user is None:
        return EVERYWHERE
    if isinstance(user, Scope):
        return user
    if not user.is_authenticated or not user.is_active:
        return NOWHERE
    if user.is_superuser:
        return EVERYWHERE
    try:
        return user._diaspora_scope
    except AttributeError:
        from .models import resolve

        user._diaspora_scope = resolve(user)
        return user._diaspora_scope


def limit(queryset, user, rule):
    """`queryset` narrowed to `rule(scope)` (a Q) unless the user works everywhere."""
    scope = scope_of(user)
    if scope.everywhere:
        return queryset
    return queryset.filter(rule(scope))


def is_limited(user):
    return not scope_of(user).everywhere


def outside(value, scope):
    """The message for `value` (a country, a record, as staff typed or chose it) falling
    outside `scope`."""
    shown = str(scope) or _("no countries yet")
    if value:
        return _("%(value)s is outside your scope (%(scope)s)") % {"value": value, "scope": shown}
    return _("outside your scope (%(scope)s): give one of its countries") % {"scope": shown}
