"""What the spreadsheets of publishable records share: publishing needs its permission."""

from django.utils import timezone
from django.utils.translation import gettext as _

from imports import values
from imports.datasets import Column

from .models import Status
from .services import may_publish


class ReviewedDatasetMixin:
    """A row that would publish a record is refused for staff who may not publish: they
    import drafts, or submit them for review."""

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


def schedule_columns():
    """`publish_from` and `publish_until`, a date and time in the site's zone."""
    return [
        Column("publish_from", _moment, field="publish_from"),
        Column("publish_until", _moment, field="publish_until"),
    ]


def _moment(cell):
    value = values.date_time(cell)
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
