"""The public side of registration: the form, the confirmation, and each participant's own
page. None of these pages is cached: each is the visitor's own."""

import qrcode
from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from qrcode.image.svg import SvgPathImage

from events.calendars import calendar_of
from events.models import Event, EventFormat

from . import links, services
from .forms import ChangeForm, RegistrationForm
from .models import ACTIVE, Status

THROTTLE_SECONDS = 3600


def _desk(slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    desk = getattr(event, "registration_settings", None)
    if desk is None:
        raise Http404
    return event, desk


def _too_many(request):
    """Registrations sent from this client address in the last hour beyond the setting."""
    cache = caches["api_throttle"]
    # As diaspora_site.security reads it behind the site's own proxies.
    key = f"registrations:{request.client_address}"
    cache.add(key, 0, THROTTLE_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, THROTTLE_SECONDS)
        sent = 1
    return sent > settings.REGISTRATIONS_PER_HOUR


@never_cache
def register(request, slug):
    event, desk = _desk(slug)
    questions = list(desk.questions.all())
    form = RegistrationForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST":
        if _too_many(request):
            form.add_error(None, _("Too many registrations from your address: try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            organisation = form.organisation_found()
            try:
                services.register(
                    event,
                    name=data["name"],
                    email=data["email"],
                    country=data["country"],
                    city=data["city"],
                    organisation=organisation,
                    organisation_name="" if organisation else data["organisation"],
                    answers=form.answers(),
                    language=get_language(),
                    consent=services.current_consent(),
                    visibility=data["visibility"],
                )
            except services.RegistrationRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect("registrations:sent", slug)
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "registrations/register.html",
        {
            "event": event,
            "desk": desk,
            "form": form,
            "accepting": desk.accepts_at(timezone.now()),
            "consent": services.current_consent(),
            "places_left": services.places_left(desk, timezone.now()),
        },
        status=status,
    )


@never_cache
def sent(request, slug):
    event, desk = _desk(slug)
    return render(request, "registrations/sent.html", {"event": event, "desk": desk})


def _registration(slug, token, *, salt, max_age=None):
    registration = links.registration_for(token, salt=salt, max_age=max_age)
    if registration is None or registration.event.slug != slug:
        return None
    return registration


@never_cache
def confirm(request, slug, token):
    """GET shows a button, POST confirms: a mail scanner opening the link confirms nothing."""
    event, desk = _desk(slug)
    registration = _registration(
        slug, token, salt=links.CONFIRM_SALT, max_age=desk.hold_hours * 3600
    )
    if registration is None:
        return render(request, "registrations/expired.html", {"event": event}, status=410)
    if request.method == "POST":
        try:
            registration = services.confirm(registration)
        except services.RegistrationRefused as refused:
            return render(
                request,
                "registrations/expired.html",
                {"event": event, "reason": str(refused)},
                status=409,
            )
        return redirect("registrations:mine", slug, links.manage_token(registration))
    return render(
        request, "registrations/confirm.html", {"event": event, "registration": registration}
    )


@never_cache
def mine(request, slug, token):
    """A participant's own page: their registration, the join link once confirmed, and
    buttons to take an offered place or cancel."""
    event, desk = _desk(slug)
    registration = _registration(slug, token, salt=links.MANAGE_SALT)
    if registration is None:
        raise Http404
    change = ChangeForm(instance=registration)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            services.cancel(registration)
        elif action == "take" and registration.status == Status.OFFERED:
            services.confirm(registration)
        elif action == "change" and registration.status in ACTIVE:
            change = ChangeForm(request.POST, instance=registration)
            if change.is_valid():
                services.change(registration, change)
                return redirect("registrations:mine", slug, token)
        if not change.errors:
            return redirect("registrations:mine", slug, token)
    return render(
        request,
        "registrations/mine.html",
        {
            "event": event,
            "registration": registration,
            "token": token,
            "join_link": registration.join_link(),
            "check_in_code": _check_in_code(request, registration),
            "change": change,
        },
        status=400 if change.errors else 200,
    )


def _check_in_code(request, registration):
    """The QR code a confirmed participant of an in-person event shows at the door: the
    address staff open with their phone's camera (SVG, drawn here: no script)."""
    desk = registration.event.registration_settings
    if registration.status != Status.CONFIRMED or desk.mode == EventFormat.ONLINE:
        return ""
    address = request.build_absolute_uri(
        reverse(
            "admin:registrations_registration_check_in", args=[links.check_in_token(registration)]
        )
    )
    code = qrcode.make(address, image_factory=SvgPathImage, box_size=10)
    return mark_safe(code.to_string(encoding="unicode"))  # noqa: S308 (our own drawing)


@never_cache
def mine_calendar(request, slug, token):
    event, desk = _desk(slug)
    registration = _registration(slug, token, salt=links.MANAGE_SALT)
    if registration is None or registration.status != Status.CONFIRMED:
        raise Http404
    data = calendar_of(
        [event],
        build_url=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        name=event.title,
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
