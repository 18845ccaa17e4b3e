"""The sitemap: every public page in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
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


class RecordSitemap(_Multilingual, Sitemap):
    """The pages of one kind of record, each last modified when the record was.

    `records` is called for each sitemap: what is public depends on the time it is asked.
    """

    def __init__(self, records):
        self.records = records

    def items(self):
        return self.records().order_by("pk").only("slug", "updated")

    def lastmod(self, record):
        return record.updated


SITEMAPS = {
    "sections": SectionSitemap,
    "events": RecordSitemap(lambda: Event.objects.published()),
    "organisations": RecordSitemap(lambda: Organisation.objects.published()),
    "people": RecordSitemap(lambda: Person.objects.public()),
    "medals": RecordSitemap(lambda: Medal.objects.published()),
}
