"""Formatted text: what staff may write in a report, a profile, a biography or a medal's
description, and the one set of rules that keeps it safe.

Allowed: paragraphs, headings (h2, h3), bold, italic, bulleted and numbered lists, links
(http, https and mailto only) and block quotes. Everything else is removed by nh3 (the Rust
`ammonia` sanitiser): other tags keep their text, scripts and styles lose theirs, attributes
other than a link's address go. The admin's editor (django-prose-editor) offers exactly these,
and every path that stores or shows formatted text goes through `sanitize`.
"""

import html
import re

import nh3
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField

from imports.values import ValueProblem, text

ALLOWED_TAGS = {"p", "br", "h2", "h3", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# What the editor offers: the same list, so that nothing typed is lost on saving.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_SCHEMES)},
    "History": True,
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href"}},
    url_schemes=ALLOWED_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)
_EMPTY = re.compile(r"^(\s|<p>(\s|<br>|&nbsp;)*</p>)*$")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote)>|<br>", re.IGNORECASE)


def sanitize(value):
    """`value` with only the allowed formatting left; "" if no text is left."""
    if not value:
        return ""
    cleaned = _cleaner.clean(value).strip()
    return "" if _EMPTY.match(cleaned) else cleaned


def is_html(value):
    return bool(value) and bool(_TAG.search(value))


def from_plain_text(text):
    """Plain text as paragraphs: a blank line starts a paragraph, a line break stays one."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph
    )


def formatted(value):
    """Formatted text from what staff gave: HTML sanitised, or plain text as paragraphs."""
    if not value:
        return ""
    return sanitize(value if is_html(value) else from_plain_text(value))


def as_text(value):
    """The words of formatted text, a line for each paragraph, heading or list item: for
    feeds, structured data and descriptions."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", sanitize(value) if is_html(value) else value)
    text = html.unescape(nh3.clean(text, tags=set()))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


class FormattedTextField(ProseEditorField):
    """A text field holding formatted text: edited in the admin's editor, stored sanitised
    however it is saved."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": EDITOR_EXTENSIONS})
        kwargs.setdefault("sanitize", sanitize)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = formatted(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


def plain_texts_as_paragraphs(model, field, languages=("az", "en", "ru")):
    """For a data migration: every value of `field` (and of its translations) in `model`
    that is plain text written again as paragraphs; HTML sanitised."""
    names = [field, *(f"{field}_{language}" for language in languages)]
    changed = []
    for record in model._default_manager.only("pk", *names).iterator(chunk_size=1000):
        before = [getattr(record, name) for name in names]
        for name, value in zip(names, before, strict=True):
            setattr(record, name, formatted(value) if value else value)
        if [getattr(record, name) for name in names] != before:
            changed.append(record)
        if len(changed) == 1000:
            model._default_manager.bulk_update(changed, names)
            changed = []
    model._default_manager.bulk_update(changed, names)


def formatted_cell(cell):
    """A spreadsheet cell of formatted text: plain text (its line breaks paragraphs) or
    HTML, sanitised as the editor's is."""
    value = text(cell)
    if not value:
        return ""
    result = formatted(value)
    if not as_text(result):
        raise ValueProblem(
            _(
                "nothing is left once what is not allowed is removed (paragraphs, headings, "
                "bold, italic, lists, links and quotes are)"
            )
        )
    return result
