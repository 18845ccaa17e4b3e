"""Picking related records in admin forms, with a message for any submitted value.

Django looks a submitted id up in the database to validate it and to render it again. Its
ModelChoiceField refuses an id that is not a number or is beyond what the key column holds
(99999999999999999999) with "Select a valid choice"; its ModelMultipleChoiceField (an
oversized id, which SQLite cannot bind) and its autocomplete widgets (a word for an id, and on
SQLite an oversized one, when the form is shown again) let the database raise instead: a 500.
Those are guarded here.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection


def is_storable_key(key_field, value):
    """Whether `value` can be a value of `key_field` (an id, usually) at all."""
    try:
        python_value = key_field.to_python(value)
    except ValidationError:
        return False
    if isinstance(python_value, int):
        low, high = connection.ops.integer_field_range(key_field.get_internal_type())
        return (low is None or low <= python_value) and (high is None or python_value <= high)
    return True


def _key_field(queryset, to_field_name):
    opts = queryset.model._meta
    return opts.get_field(to_field_name) if to_field_name else opts.pk


class StorableModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            return super()._check_values(value)
        key_field = _key_field(self.queryset, self.to_field_name)
        for item in values:
            if not is_storable_key(key_field, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class _OnlyStorableSelections:
    """Render again only the submitted ids that could exist; the field reports the rest."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key_field = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        storable = [item for item in value if is_storable_key(key_field, item)]
        return super().optgroups(name, storable, attr)


class StorableAutocompleteSelect(_OnlyStorableSelections, AutocompleteSelect):
    pass


class StorableAutocompleteSelectMultiple(_OnlyStorableSelections, AutocompleteSelectMultiple):
    pass


class StorableRelatedChoicesMixin:
    """For ModelAdmins and inlines: related-record fields that never answer with a 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StorableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", StorableModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StorableAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
