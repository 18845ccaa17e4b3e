"""Translated fields of organisations and people, and their history.

`simple_history.register` is called here, after the translation options, because a
`HistoricalRecords()` declared on a translated model breaks every save.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Person


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("biography",)


for model in (Organisation, Person):
    simple_history.register(model)
