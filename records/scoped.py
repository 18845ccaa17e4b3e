"""The admin within a coordinator's scope: lists, forms, choices and filters.

Every query the admin makes for a record goes through the model's `in_scope(user)`, so that
a record outside the scope is, for its pages, as if it did not exist (404); a form's
related-record choices are those in scope and those the scope's records refer to already; its
countries, the scope's and the record's own; a record saved from a form must stay in scope.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import Http404
from django_countries.fields import CountryField
from django_countries.filters import CountryFilter

from publishing.cache import while_unchanged
from scopes import is_limited, outside, scope_of


def in_scope(queryset, user):
    """`queryset` narrowed to `user`'s scope, when its model says what falls in one."""
    narrow = getattr(queryset, "in_scope", None)
    return narrow(user) if narrow is not None else queryset


def within(record, user):
    """Whether `record` as it is now (an unsaved form's, a deleted one's last version)
    falls in `user`'s scope; a model with no rule of its own is judged by its queries."""
    check = getattr(record, "is_within", None)
    return check is None or check(scope_of(user))


class ScopedInlineMixin:
    """For ModelAdmins and inlines: the rows and the related-record choices within the
    user's scope (a medal's page lists the conferments of the coordinator's people only)."""

    def get_queryset(self, request):
        return in_scope(super().get_queryset(request), request.user)

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        related = db_field.remote_field.model._default_manager
        if not hasattr(related, "in_scope") or not is_limited(request.user):
            return queryset
        if queryset is None:
            queryset = related.using(db).all()
        allowed = Q(pk__in=related.in_scope(request.user).values("pk"))
        own = self.model._default_manager
        if hasattr(own, "in_scope"):
            # What the user's records refer to already stays a valid choice: an event of
            # theirs may keep the speaker from elsewhere it had.
            allowed |= Q(pk__in=own.in_scope(request.user).values(db_field.name))
        return queryset.filter(allowed)


class ScopedAdminMixin(ScopedInlineMixin):
    """For a record's ModelAdmin: every list, page and form within the user's scope."""

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is None:
            # Out of scope and never stored answer alike.
            raise Http404
        return record

    def require_in_scope(self, request, object_id):
        if not is_limited(request.user):
            return
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not is_limited(request.user):
            return form
        return scope_checked(form, self, request)

    def scope_problem(self, request, form):
        """(field, message) when the form's record would fall outside the user's scope."""
        record = form.instance
        if within(record, request.user):
            return None
        country = getattr(record, "country", None)
        field = "country" if "country" in form.fields else None
        return field, outside(country.name if country else "", scope_of(request.user))


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return None


def scope_checked(form, model_admin, request):
    """`form`, offering the scope's countries (and the record's own) and refusing a record
    that would fall outside the scope."""
    scope = scope_of(request.user)

    class ScopeCheckedForm(form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                model_field = _model_field(self._meta.model, name)
                if isinstance(model_field, CountryField) and not model_field.multiple:
                    current = str(getattr(self.instance, name, "") or "")
                    field.choices = [
                        (code, label)
                        for code, label in field.choices
                        if code in scope.countries or code in ("", current)
                    ]

        def _post_clean(self):
            super()._post_clean()
            if not self.errors:
                problem = model_admin.scope_problem(request, self)
                if problem is not None:
                    self.add_error(*problem)

    return ScopeCheckedForm


class ScopedCountryFilter(CountryFilter):
    """The countries of the records in the list as the user may see it.

    Finding them reads every record (500,000 people at ten times today's archive), so they
    are kept until the content or the user's scope changes.
    """

    def __init__(self, field, request, *args, **kwargs):
        self.scope_key = scope_of(request.user).key
        super().__init__(field, request, *args, **kwargs)

    def lookup_choices(self, changelist):
        codes = while_unchanged(
            ("countries", changelist.model._meta.label, self.field_path, self.scope_key),
            lambda: set(
                changelist.root_queryset.order_by()
                .values_list(self.field_path, flat=True)
                .distinct()
            ),
        )
        for code, name in self.field.get_choices(include_blank=False):
            if code in codes:
                yield code, name
