from itertools import groupby

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from publishing.models import visible

from .models import Conferment, Medal, MedalPhoto


def by_year(conferments):
    """[(year, named conferments, how many more recipients)], the latest year first.

    Only people who consented to be public are named; the others are counted.
    """
    rows = []
    for year, group in groupby(conferments, key=lambda conferment: conferment.date.year):
        group = list(group)
        named = [conferment for conferment in group if conferment.person.is_public]
        rows.append((year, named, len(group) - len(named)))
    return rows


def published_conferments():
    return (
        Conferment.objects.published()
        .filter(visible("medal__"))
        .select_related("medal", "person", "event")
        .order_by("medal_id", "-date", "person__full_name", "pk")
    )


class RollOfHonourView(ListView):
    """The roll of honour: every medal and its recipients, by year."""

    template_name = "awards/roll.html"
    context_object_name = "medals"
    extra_context = {"section": "awards"}

    def get_queryset(self):
        return Medal.objects.published().order_by("name_en")

    def get_context_data(self, **kwargs):
        conferments = {
            medal_id: by_year(group)
            for medal_id, group in groupby(published_conferments(), key=lambda c: c.medal_id)
        }
        medals = [(medal, conferments.get(medal.pk, [])) for medal in self.object_list]
        return super().get_context_data(roll=medals, **kwargs)


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
        return super().get_context_data(
            years=by_year(published_conferments().filter(medal=self.object)), **kwargs
        )
