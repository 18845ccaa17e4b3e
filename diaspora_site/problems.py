"""The shape of every error the API gives, problem details (RFC 9457), in one place: the
API's own answers (api.problems) and the one nginx sends while the application is down
(diaspora_site.deploying) are both written from it."""

from http import HTTPStatus

MEDIA_TYPE = "application/problem+json"


def problem_body(status, *, detail="", instance="", **members):
    """A problem of `status` with no meaning beyond it (`about:blank`) unless `members`
    give a `type` and a `title` of their own."""
    status = HTTPStatus(status)
    return {
        "type": "about:blank",
        "title": status.phrase,
        "status": status.value,
        "detail": detail,
        "instance": instance,
        **members,
    }
