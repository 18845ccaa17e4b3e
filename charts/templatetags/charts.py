from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

from charts.bars import number

register = template.Library()


@register.filter
def grouped(value):
    """A count with the page's language's thousands separator: 12 345, 12.345, 12,345."""
    return number(value)


def _nouns(count):
    """The nouns a figure is counted in, each in the form `count` takes in the page's language
    (the catalogues' plural rules: one form in Azerbaijani, three in Russian)."""
    return {
        "organisations": ngettext("organisation", "organisations", count),
        "countries": ngettext("country", "countries", count),
        "events": ngettext("event", "events", count),
        "people": ngettext("person", "people", count),
        "people honoured": ngettext("person honoured", "people honoured", count),
        "participants": ngettext("participant", "participants", count),
    }


@register.filter
def counted(count, nouns):
    """A figure and its noun in the form the number takes: "1 organisation", "21 организация",
    "22 организации", "25 организаций", "12 təşkilat"; the figure grouped and in bold."""
    return format_html("<strong>{}</strong> {}", number(count), _nouns(count)[nouns])
