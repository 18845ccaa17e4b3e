from django import forms
from django.db.models import Case, Count, Prefetch, Value, When
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries import countries

from charts.bars import number
from charts.world import world_map
from publishing.models import visible

from .models import Organisation, OrganisationType, Person, PersonPhoto
from .structured_data import organisation_json_ld, person_json_ld


def directory_map(counts, **filters):
    """The world map of `counts` ({country code: organisations}), each country leading to
    the directory of its organisations (filtered by `filters` too, the directory's own)."""
    directory = reverse("organisations:list")
    return world_map(
        counts,
        link=lambda code: f"{directory}?{urlencode({'country': code, **filters})}",
        label=lambda name, count: (
            ngettext(
                "%(country)s: %(count)s organisation",
                "%(country)s: %(count)s organisations",
                count,
            )
            % {"country": name, "count": number(count)}
        ),
    )


def embed_snippet(request, organisation):
    """The <iframe> a partner pastes into its site to show the organisation's events."""
    query = urlencode({"organisation": organisation.slug, "lang": get_language(), "limit": 5})
    address = request.build_absolute_uri(f"{reverse('events-embed')}?{query}")
    title = _("Upcoming events: %(name)s") % {"name": organisation.name}
    # Text to copy, not markup of this page: the template escapes it once more.
    return (
        f'<iframe src="{escape(address)}" title="{escape(title)}" width="100%" height="420" '
        'loading="lazy" style="border:0"></iframe>'
    )


class DirectoryFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False)
    country = forms.CharField(required=False, max_length=2)

    def __init__(self, data):
        super().__init__(data)
        self.fields["type"].choices = [("", _("All"))] + list(OrganisationType.choices)


class OrganisationListView(ListView):
    """The directory: published organisations by country, with a count per country."""

    template_name = "organisations/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 60
    extra_context = {"section": "organisations"}

    def get_queryset(self):
        self.filters = DirectoryFilterForm(self.request.GET or None)
        self.filters.is_valid()
        chosen = getattr(self.filters, "cleaned_data", {})
        organisations = Organisation.objects.published()
        if chosen.get("type"):
            organisations = organisations.filter(type=chosen["type"])
        # The countries in the order of their names in this language, as django-countries
        # collates them; the headings of the list below follow the same order.
        position = {code: index for index, (code, _name) in enumerate(countries)}
        self.country_counts = sorted(
            (
                (Organisation(country=row["country"]).country, row["total"])
                for row in organisations.order_by().values("country").annotate(total=Count("pk"))
            ),
            key=lambda item: position.get(item[0].code, len(position)),
        )
        if chosen.get("country"):
            organisations = organisations.filter(country=chosen["country"].upper())
        by_name = Case(
            *(
                When(country=country.code, then=Value(index))
                for index, (country, _total) in enumerate(self.country_counts)
            ),
            default=Value(len(self.country_counts)),
        )
        return organisations.select_related("parent").order_by(by_name, "name_en", "pk")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        chosen_type = getattr(self.filters, "cleaned_data", {}).get("type")
        return super().get_context_data(
            filters=self.filters,
            country_counts=self.country_counts,
            world_map=directory_map(
                {country.code: total for country, total in self.country_counts},
                **({"type": chosen_type} if chosen_type else {}),
            ),
            filter_query=query.urlencode(),
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    template_name = "organisations/organisation_detail.html"
    context_object_name = "organisation"
    extra_context = {"section": "organisations"}

    def get_queryset(self):
        return Organisation.objects.published().select_related("parent")

    def get_context_data(self, **kwargs):
        organisation = self.object
        events = organisation.organised_events.model.objects.published()
        events = events.involving(Organisation.objects.filter(pk=organisation.pk))
        events = events.order_by("-start")[:20]
        people = Person.objects.public().filter(memberships__organisation=organisation).distinct()
        url = self.request.build_absolute_uri(organisation.get_absolute_url())
        return super().get_context_data(
            members=organisation.members.published().order_by("name_en"),
            council=organisation.parent
            if organisation.parent and organisation.parent.is_published
            else None,
            events=events,
            people=people.order_by("full_name"),
            photos=organisation.gallery.public(),
            structured_data=organisation_json_ld(organisation, url=url),
            embed_snippet=embed_snippet(self.request, organisation),
            **kwargs,
        )


class PersonDetailView(DetailView):
    """A person's page; only people who consented have one, the others answer 404."""

    template_name = "organisations/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return (
            Person.objects.public()
            .select_related("photo")
            .with_public_memberships()
            .prefetch_related(
                Prefetch("gallery", PersonPhoto.objects.public()),
            )
        )

    def get_context_data(self, **kwargs):
        person = self.object
        conferments = (
            person.conferments.public().select_related("medal", "event").order_by("-date")
        )
        events = (
            person.programme_items.filter(visible("event__"))
            .select_related("event")
            .order_by("-event__start")
        )
        url = self.request.build_absolute_uri(person.get_absolute_url())
        return super().get_context_data(
            conferments=conferments,
            appearances=events,
            structured_data=person_json_ld(person, url=url, conferments=conferments),
            **kwargs,
        )
