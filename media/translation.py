"""Translated fields of photos, videos and documents, and their history."""

from modeltranslation.translator import TranslationOptions, register

from records.history import register_translated_history

from .models import Document, Photo, Video


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("title", "caption", "alt_text", "credit")
    # A credit falls back to English only when empty: by default modeltranslation also takes
    # a value equal to the field's default for "not given", and the default credit has a
    # value in each language.
    fallback_undefined = {"credit": ""}


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


register_translated_history(Photo, Video, Document)
