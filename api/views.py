"""The public read API: anonymous, read-only, in the language asked for, each answer kept
until the content changes and answered with 304 when the client has it already."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language_from_request
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import JSONRenderer

from awards.models import Conferment, Medal
from events.filters import EventFilter
from events.models import Event
from organisations.models import Organisation, Person
from publishing.cache import PAGE_CACHE, public_content

from . import filters, serializers

LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="The language of names and texts (otherwise Accept-Language; missing "
    "translations fall back to English, as on the site).",
)


def requested_language(request):
    """?lang=, else the Accept-Language header, else the site's language."""
    asked = request.query_params.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return get_language_from_request(request._request)


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200


def cursor(*ordering):
    return type("Cursor", (Cursor,), {"ordering": ordering})


@extend_schema_view(
    list=extend_schema(parameters=[LANGUAGE]), retrieve=extend_schema(parameters=[LANGUAGE])
)
class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]

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
        key = hashlib.sha256(
            f"api:{content.token}:{self.language}:{request.get_full_path()}".encode()
        ).hexdigest()
        etag = f'"{key[:32]}"'
        changed = content.changed_at
        not_modified = get_conditional_response(
            request._request, etag=etag, last_modified=int(changed.timestamp())
        )
        if not_modified is not None:
            return self._described(not_modified, etag, changed)
        cache = caches[PAGE_CACHE]
        # The JSON itself is kept: writing out 50 events again costs more than reading them.
        body = cache.get(key) if content.seconds > 0 else None
        if body is None:
            body = JSONRenderer().render(answer(request, *args, **kwargs).data)
            if content.seconds > 0:
                cache.set(key, body, content.seconds)
        return self._described(
            HttpResponse(body, content_type=JSONRenderer.media_type), etag, changed
        )

    def _described(self, response, etag, changed):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed.timestamp())
        response["Content-Language"] = self.language
        patch_vary_headers(response, ["Accept-Language"])
        # Clients ask again each time and are answered 304 while nothing changed.
        patch_cache_control(response, public=True, no_cache=True)
        return response


class EventViewSet(PublicReadViewSet):
    """Published events, latest first."""

    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter
    pagination_class = cursor("-start", "-id")

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("organiser", "cover_photo")
            .prefetch_related("participating_organisations")
        )


class OrganisationViewSet(PublicReadViewSet):
    """Published organisations, by name."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    pagination_class = cursor("name_en", "id")

    def get_queryset(self):
        return Organisation.objects.published().select_related("parent")


class MedalViewSet(PublicReadViewSet):
    """Published medals, by name."""

    serializer_class = serializers.MedalSerializer
    pagination_class = cursor("name_en", "id")

    def get_queryset(self):
        return Medal.objects.published()


class ConfermentViewSet(PublicReadViewSet):
    """Published conferments of published medals, latest first; a recipient who did not
    consent is "not named"."""

    lookup_field = "pk"
    lookup_url_kwarg = "id"
    serializer_class = serializers.ConfermentSerializer
    filterset_class = filters.ConfermentFilter
    pagination_class = cursor("-date", "-id")

    def get_queryset(self):
        return Conferment.objects.public().select_related("medal", "person", "event")


class PersonViewSet(PublicReadViewSet):
    """People who consented to be shown, published, by name."""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    pagination_class = cursor("full_name", "id")

    def get_queryset(self):
        return Person.objects.public().select_related("photo").with_public_memberships()
