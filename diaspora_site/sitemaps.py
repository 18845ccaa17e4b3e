"""The sitemap: every public page in every language, with hreflang alternates.

An index (/sitemap.xml) of sections (/sitemap-events.xml...), each paginated at
SITEMAP_URLS_PER_PAGE addresses (the protocol allows 50,000 and 50 MB a file).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
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
        return ["home", "events:list", "organisations:list", "awards:roll", "numbers"]

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

    @property
    def paginator(self):
        # Django's pages a list of every (record, language) pair: 1.5 million model instances
        # for one page of 10,000 at ten times today's archive.
        return Paginator(RecordsInLanguages(self.items(), self._languages()), self.limit)

    def lastmod(self, record):
        return record.updated

    def get_latest_lastmod(self):
        # For the index: one aggregate, not a walk through every record.
        return self.records().aggregate(latest=Max("updated"))["latest"]


class RecordsInLanguages:
    """The (record, language) pairs of `records` as the sitemap's paginator takes them: counted
    by the database, and read a page of records at a time."""

    def __init__(self, records, languages):
        self.records = records
        self.languages = languages

    def count(self):
        return self.records.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        per_record = len(self.languages)
        start, stop = index.start or 0, index.stop
        first, last = start // per_record, -(-stop // per_record)
        pairs = [
            (record, language)
            for record in self.records[first:last]
            for language in self.languages
        ]
        skipped = first * per_record
        return pairs[start - skipped : stop - skipped]


SITEMAPS = {
    "sections": SectionSitemap,
    "events": RecordSitemap(lambda: Event.objects.published()),
    "organisations": RecordSitemap(lambda: Organisation.objects.published()),
    "people": RecordSitemap(lambda: Person.objects.public()),
    "medals": RecordSitemap(lambda: Medal.objects.published()),
}
