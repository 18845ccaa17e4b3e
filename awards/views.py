from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.views.generic import DetailView, ListView

from .models import Conferment, Medal, MedalPhoto

# The roll of honour shows each medal's latest recipients; its page has them all, a page at a
# time: at ten times today's archive a medal has 25,000 conferments.
ROLL_RECIPIENTS = 30
MEDAL_PAGE_RECIPIENTS = 200


def by_year(conferments):
    """[(year, named conferments, how many more recipients)], the latest year first, the
    named in alphabetical order.

    Only people who consented to be public are named; the others are counted.
    """
    rows = []
    for year, group in groupby(conferments, key=lambda conferment: conferment.date.year):
        group = list(group)
        named = sorted(
            (conferment for conferment in group if conferment.names_recipient),
            key=lambda conferment: (conferment.person.full_name, conferment.pk),
        )
        rows.append((year, named, len(group) - len(named)))
    return rows


def published_conferments():
    """The latest first, in the order of the index on (medal, date)."""
    return (
        Conferment.objects.public()
        .select_related("medal", "person", "event")
        .order_by("-date", "-pk")
    )


class RollOfHonourView(ListView):
    """The roll of honour: every medal and its latest recipients, by year."""

    template_name = "awards/roll.html"
    context_object_name = "medals"
    extra_context = {"section": "awards"}

    def get_queryset(self):
        return Medal.objects.published().order_by("name_en")

    def get_context_data(self, **kwargs):
        totals = dict(
            published_conferments()
            .order_by()
            .values("medal_id")
            .annotate(total=Count("pk"))
            .values_list("medal_id", "total")
        )
        # Each medal's latest, in one query however many medals there are.
        place = Window(
            RowNumber(), partition_by=[F("medal_id")], order_by=[F("date").desc(), F("pk").desc()]
        )
        places = published_conferments().annotate(place=place).filter(place__lte=ROLL_RECIPIENTS)
        # Read apart: as a subquery, PostgreSQL cannot tell it keeps a few rows of many.
        latest = published_conferments().filter(pk__in=list(places.values_list("pk", flat=True)))
        by_medal = {
            medal_id: list(group)
            for medal_id, group in groupby(
                latest.order_by("medal_id", "-date", "-pk"), key=lambda c: c.medal_id
            )
        }
        roll = []
        for medal in self.object_list:
            shown = by_medal.get(medal.pk, [])
            roll.append((medal, by_year(shown), totals.get(medal.pk, 0) - len(shown)))
        return super().get_context_data(roll=roll, **kwargs)


class MedalDetailView(DetailView):
    template_name = "awards/medal_detail.html"
    context_object_name = "medal"
    extra_context = {"section": "awards"}

    def get_queryset(self):
        return (
            Medal.objects.published()
            .select_related("statute_document")
            .prefetch_related(Prefetch("gallery", MedalPhoto.objects.public()))
        )

    def get_context_data(self, **kwargs):
        recipients = Paginator(
            published_conferments().filter(medal=self.object), MEDAL_PAGE_RECIPIENTS
        )
        page = recipients.get_page(self.request.GET.get("page"))
        return super().get_context_data(years=by_year(page.object_list), page_obj=page, **kwargs)
