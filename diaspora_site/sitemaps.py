"""The sitemap: every public page in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from awards.models import Medal
from events.models import Event
from organisations.models import Organisation, Person


class _Multilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(_Multilingual):
    def items(self):
        return ["home", "events:list", "organisations:list", "awards:roll"]

    def location(self, name):
        return reverse(name)


class EventSitemap(_Multilingual):
    def items(self):
        return Event.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, event):
        return event.updated


class OrganisationSitemap(_Multilingual):
    def items(self):
        return Organisation.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, organisation):
        return organisation.updated


class PersonSitemap(_Multilingual):
    def items(self):
        return Person.objects.public().order_by("pk").only("slug", "updated")

    def lastmod(self, person):
        return person.updated


class MedalSitemap(_Multilingual):
    def items(self):
        return Medal.objects.published().order_by("pk").only("slug", "updated")


SITEMAPS = {
    "sections": SectionSitemap,
    "events": EventSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
    "medals": MedalSitemap,
}
