"""Why each guard in records.related_choices exists, and that it holds."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import connection

from organisations.models import Organisation
from records.related_choices import (
    StorableAutocompleteSelect,
    StorableAutocompleteSelectMultiple,
    StorableModelMultipleChoiceField,
)

pytestmark = pytest.mark.django_db

NOT_AN_ID = "abc"
OVERSIZED_ID = "99999999999999999999"


def failure(call):
    """What `call` raises: a form's ValidationError is a message, anything else a 500."""
    try:
        call()
    except forms.ValidationError:
        return "message"
    except Exception as error:  # noqa: BLE001 - any other exception is the 500 itself
        return type(error).__name__
    return "nothing"


@pytest.mark.parametrize("value", [NOT_AN_ID, OVERSIZED_ID, "-1", "1.5"])
def test_djangos_single_choice_field_needs_no_guard(value):
    field = forms.ModelChoiceField(Organisation.objects.all())
    assert failure(lambda: field.clean(value)) == "message"


def test_djangos_multiple_choice_field_fails_on_an_oversized_id_and_ours_answers():
    django_field = forms.ModelMultipleChoiceField(Organisation.objects.all())
    ours = StorableModelMultipleChoiceField(Organisation.objects.all())
    # SQLite, the embedded default, cannot bind the number at all; PostgreSQL compares it.
    assert failure(lambda: django_field.clean([OVERSIZED_ID])) == (
        "OverflowError" if connection.vendor == "sqlite" else "message"
    )
    assert failure(lambda: ours.clean([OVERSIZED_ID])) == "message"
    assert failure(lambda: ours.clean([NOT_AN_ID])) == "message"


@pytest.mark.parametrize(
    ("django_widget", "our_widget"),
    [
        (AutocompleteSelect, StorableAutocompleteSelect),
        (AutocompleteSelectMultiple, StorableAutocompleteSelectMultiple),
    ],
)
@pytest.mark.parametrize("value", [NOT_AN_ID, OVERSIZED_ID])
def test_djangos_autocomplete_fails_to_show_a_bad_id_again_and_ours_leaves_it_out(
    django_widget, our_widget, value
):
    organisation = Organisation.objects.create(name_en="Vienna House", country="AT")
    model_field = Organisation._meta.get_field("parent")
    choices = forms.ModelChoiceField(Organisation.objects.all()).choices
    shown = {}
    for widget_class in (django_widget, our_widget):
        widget = widget_class(model_field, admin.site)
        widget.choices = choices
        shown[widget_class] = failure(lambda widget=widget: widget.optgroups("x", [value]))
    # A word for an id fails everywhere; an oversized number where SQLite has to bind it.
    assert shown[django_widget] == (
        "nothing"
        if value == OVERSIZED_ID and connection.vendor != "sqlite"
        else {NOT_AN_ID: "ValueError", OVERSIZED_ID: "OverflowError"}[value]
    )
    assert shown[our_widget] == "nothing"
    widget = our_widget(model_field, admin.site)
    widget.choices = choices
    (group,) = widget.optgroups("x", [value, str(organisation.pk)])
    # The empty choice of a single select, then the stored record alone.
    assert [str(option["value"]) for option in group[1] if option["value"]] == [
        str(organisation.pk)
    ]
