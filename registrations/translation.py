"""The registration form's texts in each language."""

from modeltranslation.translator import TranslationOptions, register

from .models import ConsentText, Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("label", "choices")


@register(ConsentText)
class ConsentTextTranslationOptions(TranslationOptions):
    fields = ("text",)
