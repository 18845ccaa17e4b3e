"""Every error of the API in one shape: problem details (RFC 9457), as
`application/problem+json`, in the language asked for.

    {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "..."}

A refused request also names each parameter it refused and why, in `invalid_params`.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import set_rollback

from diaspora_site.problems import MEDIA_TYPE, problem_body

# The one problem with a meaning beyond its status code; the address is its documentation.
INVALID_PARAMETERS = "/api/docs/#invalid-parameters"


class InvalidParameterSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="the query parameter")
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """The body of every error (RFC 9457)."""

    type = serializers.CharField(
        help_text="about:blank, or the address of this problem's documentation"
    )
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="the address asked for")
    invalid_params = InvalidParameterSerializer(many=True, required=False)


def _invalid_params(detail):
    return [
        {"name": name, "reason": " ".join(str(reason) for reason in reasons)}
        for name, reasons in sorted(detail.items())
    ]


def problem(exc, context):
    """DRF's exception handler: the problem's body, status and headers, or None for what is
    not the client's fault (a 500, which the site reports)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if not isinstance(exc, exceptions.APIException):
        return None
    instance = context["request"].get_full_path()
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        body = problem_body(
            exc.status_code,
            type=INVALID_PARAMETERS,
            title=_("Invalid parameters"),
            detail=_("The request's parameters are not ones this address reads."),
            instance=instance,
            invalid_params=_invalid_params(exc.detail),
        )
    else:
        detail = str(exc.detail) if isinstance(exc.detail, str) else ""
        body = problem_body(exc.status_code, detail=detail, instance=instance)
    headers = {}
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers, content_type=MEDIA_TYPE)
