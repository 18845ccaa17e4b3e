"""Translated fields of medals and conferments, and their history."""

from modeltranslation.translator import TranslationOptions, register

from records.history import register_translated_history

from .models import Conferment, Medal


@register(Medal)
class MedalTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Conferment)
class ConfermentTranslationOptions(TranslationOptions):
    fields = ("citation",)


register_translated_history(Medal, Conferment)
