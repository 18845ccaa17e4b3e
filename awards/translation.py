"""Translated fields of medals and conferments, and their history.

`simple_history.register` is called here, after the translation options, because a
`HistoricalRecords()` declared on a translated model breaks every save.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Conferment, Medal


@register(Medal)
class MedalTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Conferment)
class ConfermentTranslationOptions(TranslationOptions):
    fields = ("citation",)


for model in (Medal, Conferment):
    simple_history.register(model)
