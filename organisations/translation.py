"""Translated fields of organisations and people, and their history."""

from modeltranslation.translator import TranslationOptions, register

from records.history import register_translated_history

from .models import Organisation, Person


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("biography",)


register_translated_history(Organisation, Person)
