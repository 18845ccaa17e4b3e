"""The public registration form: the person, the event's own questions, consent, and who
may see them listed; a honeypot and a signed time against robots, never a third party."""

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event, EventFormat
from imports.admin import UploadForm
from organisations.models import Organisation

from .models import QuestionKind, Registration, Visibility

STARTED_SALT = "registrations.form-started"
# A person fills the form in within a day (and not faster than REGISTRATIONS_FASTEST_SECONDS).
SLOWEST_SECONDS = 24 * 3600


def started_token():
    return signing.TimestampSigner(salt=STARTED_SALT).sign(str(int(timezone.now().timestamp())))


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    country = forms.ChoiceField(label=_("Country of residence"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=250,
        required=False,
        help_text=_("As the directory names it, or as you write it."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see you in the list of participants"),
        choices=Visibility.choices,
        initial=Visibility.NOBODY,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my data as described."))
    # Left empty by people: the field is hidden from them, and robots fill every field.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Named and ordered in the page's language, as the site's other country lists are.
        self.fields["country"].choices = [("", "—"), *countries]
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._field_for(question)
        # The event's questions after the person's details, before the consent.
        self.order_fields(
            ["name", "email", "country", "city", "organisation"]
            + [f"question_{question.pk}" for question in self.questions]
        )
        if not kwargs.get("data"):
            self.initial["started"] = started_token()

    @staticmethod
    def _field_for(question):
        options = {"label": question.label, "required": question.required}
        if question.kind == QuestionKind.CHOICE:
            choices = [(choice, choice) for choice in question.choice_list()]
            return forms.ChoiceField(choices=[("", "—"), *choices], **options)
        if question.kind == QuestionKind.YES_NO:
            return forms.TypedChoiceField(
                choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **options
            )
        return forms.CharField(
            max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **options
        )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_started(self):
        try:
            started = int(
                signing.TimestampSigner(salt=STARTED_SALT).unsign(
                    self.cleaned_data["started"], max_age=SLOWEST_SECONDS
                )
            )
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(
                _("The form is too old: open it again and send it.")
            ) from None
        if timezone.now().timestamp() - started < settings.REGISTRATIONS_FASTEST_SECONDS:
            raise forms.ValidationError(_("Sent too fast: take a moment and send it again."))
        return started

    def answers(self):
        return {
            question.label: self.cleaned_data.get(f"question_{question.pk}", "")
            for question in self.questions
        }

    def organisation_found(self):
        """The directory's organisation of that name, in any of its languages, if any."""
        written = self.cleaned_data["organisation"].strip()
        if not written:
            return None
        return (
            Organisation.objects.published()
            .filter(
                Q(name_en__iexact=written)
                | Q(name_az__iexact=written)
                | Q(name_ru__iexact=written)
            )
            .first()
        )


class ChangeForm(forms.ModelForm):
    """What a participant may change on their own page."""

    class Meta:
        model = Registration
        fields = ["city", "visibility"]
        widgets = {"visibility": forms.RadioSelect}


class StaffEmailForm(forms.Form):
    """Staff's e-mail to participants: sent as written, with each one's own link below."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))


class AttendanceUploadForm(UploadForm):
    """An attendance report, the event it is of, and (when the file's dates could be read
    both ways) the order of day and month it was exported in."""

    DAY_ORDERS = {"": None, "day": True, "month": False}

    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        help_text=_("The event whose participants the report lists."),
    )
    date_order = forms.ChoiceField(
        label=_("Dates in the file"),
        required=False,
        choices=[
            ("", _("Find out from the file and the event's date")),
            ("day", _("Day first (15/01/2025: in Azerbaijan, Russia, Europe)")),
            ("month", _("Month first (01/15/2025: in the United States)")),
        ],
        help_text=_("Asked only when the file's dates could be read either way."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Attendance report")
        self.fields["file"].help_text = _(
            "The CSV or XLSX file as Zoom (participants report, webinar attendee report) or "
            "Microsoft Teams (attendance report) exports it, unchanged."
        )
        # Online and hybrid events, and those that took registrations: the ones a video
        # platform's report can be of.
        self.fields["event"].queryset = (
            Event.objects.in_scope(user)
            .filter(
                Q(format__in=[EventFormat.ONLINE, EventFormat.HYBRID])
                | Q(registration_settings__isnull=False)
            )
            .order_by("-start")
        )

    def day_first(self):
        return self.DAY_ORDERS[self.cleaned_data.get("date_order") or ""]
