"""Translated fields of media, and their history.

`simple_history.register` is called here, after the translation options, because a
`HistoricalRecords()` declared on a translated model breaks every save.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Document, Photo, Video


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("title", "caption", "alt_text")


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


for model in (Photo, Video, Document):
    simple_history.register(model)
