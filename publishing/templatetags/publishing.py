"""Template helpers every public page uses."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
