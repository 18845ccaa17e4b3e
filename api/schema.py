"""The API's OpenAPI schema tells the whole truth: every answer an address can give, with
its body and headers, and every parameter with the limits the server checks, read from the
same form fields that check them (api.filters, api.pagination)."""

import inspect
import re

from django import forms
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .problems import MEDIA_TYPE, ProblemSerializer

NOT_MODIFIED = (
    "The client's copy is current: it sent the ETag in If-None-Match, or a time at or after "
    "Last-Modified in If-Modified-Since. No body."
)
SLUG = r"^[-a-zA-Z0-9_]+$"
ERRORS = {
    400: "A parameter is unknown, empty or out of its limits; `invalid_params` names each.",
    404: "No published record at this address.",
    429: "Too many requests from this address: ask again after Retry-After seconds.",
    503: "The site is restarting (the front server's answer): ask again after Retry-After "
    "seconds.",
}


def _header(name, kind, codes, description, required=True):
    return OpenApiParameter(
        name,
        kind,
        OpenApiParameter.HEADER,
        required=required,
        response=codes,
        description=description,
    )


# Every answer that has a body says which copy it is and when its content last changed.
HEADERS = [
    _header(
        "ETag",
        OpenApiTypes.STR,
        [200, 304],
        "Send it back in If-None-Match: the answer is 304 while nothing changed.",
    ),
    _header(
        "Last-Modified",
        OpenApiTypes.STR,
        [200, 304],
        "When the published content last changed (HTTP date).",
    ),
    _header("Content-Language", OpenApiTypes.STR, [200], "The language of names and texts."),
    _header(
        "Deprecation",
        OpenApiTypes.STR,
        [200, 304],
        "Only while a field of this answer is going: since when (RFC 9745).",
        required=False,
    ),
    _header(
        "Sunset",
        OpenApiTypes.STR,
        [200, 304],
        "Only while a field of this answer is going: the day it goes (RFC 8594).",
        required=False,
    ),
    _header("Retry-After", OpenApiTypes.INT, [429, 503], "Seconds to wait before asking again."),
]


class ApiSchema(AutoSchema):
    def get_filter_backends(self):
        # A single record reads `lang` through the same backend as its list.
        return getattr(self.view, "filter_backends", [])

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *HEADERS]

    def get_response_serializers(self):
        ok = super().get_response_serializers()
        what = inspect.getdoc(type(self.view)).splitlines()[0]
        responses = {200: OpenApiResponse(ok, description=what)}
        responses[304] = OpenApiResponse(description=NOT_MODIFIED)
        codes = [400, 429, 503] if self.view.action == "list" else [400, 404, 429, 503]
        for code in codes:
            responses[(code, MEDIA_TYPE)] = OpenApiResponse(
                ProblemSerializer, description=ERRORS[code]
            )
        return responses


def _pattern(regex):
    return regex.pattern.replace(r"\A", "^").replace(r"\Z", "$")


def limits_of(field):
    """What a form field checks, as JSON Schema says it."""
    limits = {}
    if isinstance(field, forms.IntegerField):
        limits["type"] = "integer"
        limits.update(minimum=field.min_value, maximum=field.max_value)
        limits.pop("format", None)
    if isinstance(field, forms.CharField):
        limits.update(minLength=max(field.min_length or 0, 1), maxLength=field.max_length)
    for validator in field.validators:
        if isinstance(validator, RegexValidator) and not validator.inverse_match:
            limits["pattern"] = _pattern(validator.regex)
        elif isinstance(validator, ProhibitNullCharactersValidator):
            limits.setdefault("pattern", r"^[^\x00]+$")
    return {key: value for key, value in limits.items() if value is not None}


class ApiFilterExtension(DjangoFilterExtension):
    target_class = "api.filters.ApiFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            schema = parameter["schema"]
            limits = limits_of(filter_field.field)
            if limits.get("type") == "integer":
                schema.pop("format", None)
            schema.update(limits)
        return parameters


def link_lists_to_records(result, generator, request, public):
    """drf-spectacular's hook: each list's answer links to the records it names (OpenAPI
    links), so that a client, or a fuzzer, can follow them."""
    paths = result["paths"]
    for operations in paths.values():
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] == "slug":
                parameter["description"] = "The record's `slug`, as its list gives it."
                parameter["schema"]["pattern"] = SLUG
    for path, operations in paths.items():
        found = re.fullmatch(r"(.*/)\{(\w+)\}/", path)
        if not found or found[1] not in paths:
            continue
        listing, key = paths[found[1]]["get"], found[2]
        listing["responses"]["200"]["links"] = {
            "record": {
                "operationId": operations["get"]["operationId"],
                "parameters": {key: f"$response.body#/results/0/{key}"},
                "description": "The first record of the page.",
            }
        }
    return result
