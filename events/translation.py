"""Translated fields of events and their programmes, and their history."""

from modeltranslation.translator import TranslationOptions, register

from records.history import register_translated_history

from .models import Event, ProgrammeItem


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title", "speaker_role")


register_translated_history(Event, ProgrammeItem)
