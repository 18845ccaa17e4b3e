"""Template helpers every public page uses."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from publishing.formatting import formatted

register = template.Library()

# As django.utils.html.json_script escapes, so that no content can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data (schema.org) as a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """This page's address in another language, for the language switcher."""
    from django.urls import translate_url

    request = context["request"]
    url = translate_url(request.path, language)
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


@register.filter
def formatted_text(value):
    """Formatted text as the public sees it: sanitised again on the way out, so that a
    value stored by any path shows only the allowed formatting."""
    return mark_safe(formatted(value))  # noqa: S308 - sanitised by nh3 just above


def shown_in_english(record, field):
    """Whether `record` shows `field` in English for want of the page's language: the
    fallback modeltranslation gives a text the record has only in English."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == "en" or record is None:
        return False
    if getattr(record, build_localized_fieldname(field, language), None):
        return False
    return bool(getattr(record, build_localized_fieldname(field, "en"), None))


@register.simple_tag
def lang_of(record, field):
    """` lang="en"` on the element that shows `field` of `record` when the page shows it in
    English, so that screen readers read it as English (nothing otherwise)."""
    return mark_safe(' lang="en"') if shown_in_english(record, field) else ""


@register.simple_tag
def text_of(record, field):
    """`field` of `record` as text, within `<span lang="en">` when shown in English."""
    value = getattr(record, field, "") if record is not None else ""
    if value and shown_in_english(record, field):
        return format_html('<span lang="en">{}</span>', value)
    return value
