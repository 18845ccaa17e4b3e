"""Translated fields of events, and their history.

`simple_history.register` is called here, after the translation options, because a
`HistoricalRecords()` declared on a translated model breaks every save.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Event, ProgrammeItem


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title", "speaker_role")


for model in (Event, ProgrammeItem):
    simple_history.register(model)
