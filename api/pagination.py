"""The API's pages: a cursor that says where the last page ended, and how long a page is.

DRF's own cursor is base64 of a query string: a client cannot tell a cursor from garbage
before asking, and the schema could only say "a string". Ours is written in the open, so
that its pattern (in the schema) describes exactly the cursors the API reads: `n` or `p`
(next or previous page), the number of records of the same position already seen, and the
position itself, `~` after it: microseconds since 1970 for a time, days for a date, the
text for a name. Any value of that pattern is a place in the list; any other is refused.
"""

import datetime
import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor as Position
from rest_framework.pagination import CursorPagination, _positive_int
from rest_framework.utils.urls import replace_query_param

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
OFFSET = r"[0-9]{1,4}"
TEXT_MAX_LENGTH = 200


class Placement:
    """How one kind of ordering field is written in a cursor."""

    pattern = rf"[^\x00]{{0,{TEXT_MAX_LENGTH}}}"

    def write(self, value):
        return str(value)

    def read(self, text):
        return text


class MomentPlacement(Placement):
    # Sixteen digits reach from 1653 to 2286, all of them times Python can hold.
    pattern = r"-?[0-9]{1,16}"

    def write(self, value):
        return str((value - EPOCH) // datetime.timedelta(microseconds=1))

    def read(self, text):
        return EPOCH + datetime.timedelta(microseconds=int(text))


class DayPlacement(Placement):
    pattern = r"-?[0-9]{1,5}"

    def write(self, value):
        return str((value - EPOCH.date()).days)

    def read(self, text):
        return EPOCH.date() + datetime.timedelta(days=int(text))


def placement_of(field):
    if isinstance(field, models.DateTimeField):
        return MomentPlacement()
    if isinstance(field, models.DateField):
        return DayPlacement()
    return Placement()


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200
    model = None  # set with the ordering, by `cursor()`

    @classmethod
    def placement(cls):
        return placement_of(cls.model._meta.get_field(cls.ordering[0].lstrip("-")))

    @classmethod
    def cursor_pattern(cls):
        return rf"^[np]{OFFSET}(~{cls.placement().pattern})?$"

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,9}", asked) or not 1 <= int(asked) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("A whole number from 1 to %(most)d.") % {"most": self.max_page_size}
                    ]
                }
            )
        return int(asked)

    def decode_cursor(self, request):
        written = request.query_params.get(self.cursor_query_param)
        if written is None:
            return None
        if not re.fullmatch(self.cursor_pattern(), written):
            raise ValidationError(
                {
                    self.cursor_query_param: [
                        _("Not a cursor of this list: use the address in “next” or “previous”.")
                    ]
                }
            )
        head, _tilde, position = written.partition("~")
        return Position(
            offset=_positive_int(head[1:], cutoff=self.offset_cutoff),
            reverse=head[0] == "p",
            position=self.placement().read(position) if _tilde else None,
        )

    def encode_cursor(self, cursor):
        written = f"{'p' if cursor.reverse else 'n'}{cursor.offset}"
        if cursor.position is not None:
            written += f"~{self.placement().write(cursor.position)}"
        return replace_query_param(self.base_url, self.cursor_query_param, written)

    def _get_position_from_instance(self, instance, ordering):
        return getattr(instance, ordering[0].lstrip("-"))

    def get_schema_operation_parameters(self, view):
        cursor, limit = super().get_schema_operation_parameters(view)
        cursor["description"] = (
            "Where the page starts: copy it from the previous answer's “next” or “previous”."
        )
        cursor["schema"].update(pattern=self.cursor_pattern())
        limit["description"] = f"Records per page (default {self.page_size})."
        limit["schema"].update(minimum=1, maximum=self.max_page_size)
        return [cursor, limit]


def cursor(model, *ordering):
    """A page of `model` records in `ordering`, the first field being the cursor's position."""
    return type("Cursor", (Cursor,), {"model": model, "ordering": ordering})
