"""The public read API: anonymous, read-only, in the language asked for, each answer kept
until the content changes and answered with 304 when the client has it already."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_request
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from awards.models import Conferment, Medal
from events.models import Event
from organisations.models import Organisation, Person
from publishing.cache import PAGE_CACHE, Validators, public_content

from . import filters, serializers
from .deprecation import deprecation_headers
from .pagination import cursor


def requested_language(request):
    """?lang=, else the Accept-Language header, else the site's language. (A `lang` of no
    language is refused by the filters, after the throttle.)"""
    asked = request.query_params.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return get_language_from_request(request._request)


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filter_backends = [filters.ApiFilterBackend]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the throttle, before anything is read
        self.language = requested_language(request)
        translation.activate(self.language)

    def list(self, request, *args, **kwargs):
        return self.kept(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.kept(super().retrieve, request, *args, **kwargs)

    def kept(self, answer, request, *args, **kwargs):
        """The answer for this address and language while the content is unchanged: 304
        to a client that has it, from the cache to the others."""
        content = public_content()
        address = f"api:{self.language}:{request.get_full_path()}"
        validators = Validators(content, address)
        not_modified = validators.not_modified(request._request)
        if not_modified is not None:
            return self.described(not_modified)
        cache = caches[PAGE_CACHE]
        key = hashlib.sha256(f"{content.token}:{address}".encode()).hexdigest()
        # The JSON itself is kept: writing out 50 events again costs more than reading them.
        body = cache.get(key) if content.seconds > 0 else None
        if body is None:
            body = JSONRenderer().render(answer(request, *args, **kwargs).data)
            if content.seconds > 0:
                cache.set(key, body, content.seconds)
        response = HttpResponse(body, content_type=JSONRenderer.media_type)
        return self.described(validators.describe(response))

    def described(self, response):
        response["Content-Language"] = self.language
        patch_vary_headers(response, ["Accept-Language"])
        # Clients ask again each time and are answered 304 while nothing changed.
        patch_cache_control(response, public=True, no_cache=True)
        for name, value in deprecation_headers(self.get_serializer_class()).items():
            response[name] = value
        return response


class EventViewSet(PublicReadViewSet):
    """Published events, latest first."""

    serializer_class = serializers.EventSerializer
    filterset_class = filters.Events
    pagination_class = cursor(Event, "-start", "-id")

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("organiser", "cover_photo")
            .prefetch_related("participating_organisations")
        )


class OrganisationViewSet(PublicReadViewSet):
    """Published organisations, by name."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.Organisations
    pagination_class = cursor(Organisation, "name_en", "id")

    def get_queryset(self):
        return Organisation.objects.published().select_related("parent")


class MedalViewSet(PublicReadViewSet):
    """Published medals, by name."""

    serializer_class = serializers.MedalSerializer
    pagination_class = cursor(Medal, "name_en", "id")

    def get_queryset(self):
        return Medal.objects.published()


class ConfermentViewSet(PublicReadViewSet):
    """Published conferments of published medals, latest first; a recipient who did not
    consent is "not named"."""

    lookup_field = "pk"
    lookup_url_kwarg = "id"
    serializer_class = serializers.ConfermentSerializer
    filterset_class = filters.Conferments
    pagination_class = cursor(Conferment, "-date", "-id")

    def get_queryset(self):
        return Conferment.objects.public().select_related("medal", "person", "event")


class PersonViewSet(PublicReadViewSet):
    """People who consented to be shown, published, by name."""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.People
    pagination_class = cursor(Person, "full_name", "id")

    def get_queryset(self):
        return Person.objects.public().select_related("photo").with_public_memberships()


class Nowhere(APIView):
    """Any other address under /api/: 404 in the API's own shape, never the site's page."""

    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound()
