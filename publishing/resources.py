"""What the spreadsheets of publishable records share: the status and schedule columns, a
status that publishes only with the permission, a unique slug and the search text."""

from django.utils import timezone
from django.utils.translation import gettext as _

from imports import values
from imports.datasets import Column, Dataset
from search.slugs import SlugAllocator

from .models import Status
from .services import may_publish


class PublishableDataset(Dataset):
    """The base of every dataset of publishable records.

    A new record is given a unique slug from its model's `slug_source` (English where it is
    translated), and a searchable one its search text, once the row has set its values: a
    bulk write calls no `save()`. A row that would publish a record is refused for staff
    who may not publish: they import drafts, or submit them for review.
    """

    def prepare(self, rows):
        has_slug = any(field.name == "slug" for field in self.model._meta.fields)
        self.slugs = SlugAllocator(self.model) if has_slug else None

    def finish(self, row, instance):
        if self.slugs is not None and not instance.slug:
            source = self.model.slug_source
            text = getattr(instance, f"{source}_en", None) or getattr(instance, source)
            instance.slug = self.slugs.allocate(text)
        if hasattr(instance, "fill_search_text"):
            instance.fill_search_text()

    def written_fields(self):
        searchable = any(field.name == "search_text" for field in self.model._meta.fields)
        return [*super().written_fields(), *(["search_text"] if searchable else [])]

    def allowed_values(self):
        return {"status": Status.labels}

    def user_problems(self, row, instance, user):
        problems = super().user_problems(row, instance, user)
        stored = (row.before or {}).get("status")
        if (
            instance.status == Status.PUBLISHED
            and stored != Status.PUBLISHED
            and not may_publish(user, self.model)
        ):
            problems.append(
                (
                    self.column_for_field("status"),
                    _("only a Publisher may publish: give draft or review"),
                )
            )
        return problems


def publishing_columns():
    """`status`, and `publish_from` and `publish_until`, a date and time in the site's zone."""
    return [
        Column("status", _status, field="status"),
        Column("publish_from", _moment, field="publish_from"),
        Column("publish_until", _moment, field="publish_until"),
    ]


def _status(cell):
    return values.choice(cell, Status)


def _moment(cell):
    value = values.date_time(cell)
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
