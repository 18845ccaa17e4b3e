"""The sitemap: every public page in every language, with hreflang alternates.

An index (/sitemap.xml) of sections (/sitemap-events.xml...), each paginated at
SITEMAP_URLS_PER_PAGE addresses (the protocol allows 50,000 and 50 MB a file).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from awards.models import Medal
from events.models import Event
from organisations.models import Organisation, Person


class _Multilingual:
    i18n = True
    alternates = True
    x_default = True

    @property
    def limit(self):
        # Each address of each language counts: Django pages the (record, language) pairs.
        return settings.SITEMAP_URLS_PER_PAGE


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

    def get_latest_lastmod(self):
        # For the index: one aggregate, not a walk through every record.
        return self.records().aggregate(latest=Max("updated"))["latest"]


SITEMAPS = {
    "sections": SectionSitemap,
    "events": RecordSitemap(lambda: Event.objects.published()),
    "organisations": RecordSitemap(lambda: Organisation.objects.published()),
    "people": RecordSitemap(lambda: Person.objects.public()),
    "medals": RecordSitemap(lambda: Medal.objects.published()),
}
