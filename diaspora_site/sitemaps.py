"""The sitemap: every public page in every language, with hreflang alternates."""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse

from awards.models import Medal
from events.models import Event
from organisations.models import Organisation, Person


class _Multilingual:
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(_Multilingual, Sitemap):
    def items(self):
        return ["home", "events:list", "organisations:list", "awards:roll"]

    def location(self, name):
        return reverse(name)


class RecordSitemap(_Multilingual, GenericSitemap):
    """The pages of one kind of record, each last modified when the record was."""


def _records(queryset):
    return RecordSitemap(
        {"queryset": queryset.order_by("pk").only("slug", "updated"), "date_field": "updated"}
    )


SITEMAPS = {
    "sections": SectionSitemap,
    "events": _records(Event.objects.published()),
    "organisations": _records(Organisation.objects.published()),
    "people": _records(Person.objects.public()),
    "medals": _records(Medal.objects.published()),
}
