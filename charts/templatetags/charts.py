from django import template

from charts.bars import number

register = template.Library()


@register.filter
def grouped(value):
    """A count with the page's language's thousands separator: 12 345, 12.345, 12,345."""
    return number(value)
