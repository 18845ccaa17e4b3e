"""Nominations in the admin: each seen only by whom it concerns, changed only by its
proposer while it is theirs to change, moved from state to state by the buttons its page
offers the user (`services.actions_for`)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from imports.writers import CONTENT_TYPES, write_table
from publishing.formatting import sanitize
from records.admin import with_nonce
from scopes import scope_of

from . import services
from .models import (
    CommissionMember,
    ConflictKind,
    Criterion,
    Decree,
    Endorsement,
    Nomination,
    NominationDocument,
    Round,
    State,
    StateChange,
    is_proposer,
)


def proposer_hidden(user, nomination):
    """Whether `user` reviews `nomination` for the commission in a round that does not show
    its members who proposed (the Secretariat and the proposer always see it)."""
    return (
        not nomination.round.proposer_shown
        and user.has_perm("nominations.review_nomination")
        and not user.has_perm("nominations.screen_nomination")
        and nomination.proposed_by_id != user.pk
    )


# Whose it is to change: the proposer's, until it is submitted, and again when asked for more.
EDITABLE = (State.DRAFT, State.MORE_INFORMATION)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "name", "weight"]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "medal", "opens_at", "closes_at"]
    autocomplete_fields = ["medal", "chair"]
    inlines = [CriterionInline]


@admin.register(CommissionMember)
class CommissionMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "person"]
    autocomplete_fields = ["user", "person"]


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["round", "person", "country", "proposing_organisation", "citation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        scope = scope_of(user)
        if not scope.everywhere and "country" in self.fields:
            self.fields["country"].choices = [
                (code, label)
                for code, label in self.fields["country"].choices
                if code in scope.countries or code == ""
            ]

    def clean(self):
        cleaned = super().clean()
        round_, country = cleaned.get("round"), cleaned.get("country")
        if country and not scope_of(self.user).has_country(country):
            self.add_error("country", _("This country is outside your scope."))
        if round_ and country and not round_.is_open_to(country):
            self.add_error("country", _("The round is not open to this country."))
        if round_ and self.instance.pk is None and not round_.accepts_at(timezone.now()):
            self.add_error("round", _("The round does not take nominations now."))
        return cleaned


class StateChangeInline(admin.TabularInline):
    model = StateChange
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "source", "target", "by", "reason"]
    verbose_name_plural = _("timeline")

    def has_view_permission(self, request, obj=None):
        return True  # on a nomination's page, which only whom it concerns reaches

    def get_fields(self, request, obj=None):
        if obj is not None and proposer_hidden(request.user, obj):
            return ["at", "source", "target", "reason"]
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def object_urls(model_admin, views):
    """`<id>/<name>/` for each (name, view) of `views`, named `<app>_<model>_<name>`."""
    opts = model_admin.model._meta
    return [
        path(
            f"<int:object_id>/{name}/",
            model_admin.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )
        for name, view in views
    ]


class ProposersInline(admin.TabularInline):
    """Rows of a nomination's page that its proposer adds, changes and removes while the
    nomination is theirs to change; everyone who reaches the page sees them."""

    extra = 0

    def _editable(self, request, obj):
        return obj is None or (obj.state in EDITABLE and is_proposer(obj, request.user))

    def has_view_permission(self, request, obj=None):
        return True  # on a nomination's page, which only whom it concerns reaches

    def has_add_permission(self, request, obj=None):
        return obj is not None and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and self._editable(request, obj)


class DocumentInline(ProposersInline):
    """The supporting documents: uploaded by the proposer while the nomination is theirs to
    change, downloaded by whoever may see it, through the admin only (no public address)."""

    model = NominationDocument
    readonly_fields = ["download"]
    # A plain file input: Django's shows the current file's address, which a private file
    # has not.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    def get_fields(self, request, obj=None):
        return (
            ["title", "file", "download"]
            if self._editable(request, obj)
            else ["title", "download"]
        )

    def get_readonly_fields(self, request, obj=None):
        return ["download"] if self._editable(request, obj) else ["title", "download"]

    @admin.display(description=_("download"))
    def download(self, document):
        if document.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "admin:nominations_nomination_document",
                args=[document.nomination_id, document.pk],
            ),
            _("Download"),
        )


class EndorsementInline(ProposersInline):
    """Who supports the nomination: added by its proposer while it is theirs to change."""

    model = Endorsement
    fields = ["organisation", "person", "date", "text"]
    autocomplete_fields = ["organisation", "person"]


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    form = NominationForm
    list_display = ["person", "round", "country", "state", "submitted_at"]
    list_filter = ["state", "round"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person", "proposing_organisation"]
    readonly_fields = ["state", "proposed_by", "submitted_at", "decided_at"]
    inlines = [EndorsementInline, DocumentInline, StateChangeInline]
    change_form_template = "nominations/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("round", "person", "proposed_by")
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        # Read-only, the answers show as text (`answers_shown`), not as fields.
        editable = obj is not None and not self._read_only(request, obj)
        questions = obj.round.question_list() if editable else []
        # The round's questions, a field each, once the nomination has its round.
        answers = {
            f"answer_{index}": forms.CharField(
                label=question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=obj.answers.get(question, ""),
            )
            for index, question in enumerate(questions)
        }
        form = type("NominationForm", (NominationForm,), answers)
        kwargs["form"] = form
        form = super().get_form(request, obj, change, **kwargs)

        class WithUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

            def save(self, commit=True):
                self.instance.answers = {
                    question: self.cleaned_data.get(f"answer_{index}", "").strip()
                    for index, question in enumerate(questions)
                }
                return super().save(commit)

        return WithUser

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not any(
            user.has_perm(f"nominations.{codename}")
            for codename in ("view_nomination", "review_nomination", "screen_nomination")
        ):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or (obj.state in EDITABLE and is_proposer(obj, request.user))

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn, never deleted: every step stays on the record

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        own = [
            ("move", self.move_view),
            ("score", self.score_view),
            ("conflict", self.conflict_view),
        ]
        return [
            *object_urls(self, own),
            path(
                "<int:object_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="nominations_nomination_document",
            ),
            *super().get_urls(),
        ]

    def _read_only(self, request, obj):
        return obj is not None and not self.has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "citation_shown"]
        if obj is not None and proposer_hidden(request.user, obj):
            fields = [name for name in fields if name != "proposed_by"]
        if self._read_only(request, obj):
            # Read, not edited: the citation as its formatting shows it, not its markup.
            shown = ["citation_shown" if name == "citation" else name for name in fields]
            return [*shown, "answers_shown"] if obj.round.question_list() else shown
        return fields

    def get_readonly_fields(self, request, obj=None):
        shown = ["citation_shown", "answers_shown"] if self._read_only(request, obj) else []
        return [*super().get_readonly_fields(request, obj), *shown]

    @admin.display(description=_("answers"))
    def answers_shown(self, nomination):
        return format_html_join(
            "",
            "<p><strong>{}</strong><br>{}</p>",
            (
                (question, nomination.answers.get(question, "") or "—")
                for question in nomination.round.question_list()
            ),
        )

    @admin.display(description=_("citation"))
    def citation_shown(self, nomination):
        # Sanitised again on the way out, as every formatted text is (publishing.formatting).
        return mark_safe(sanitize(nomination.citation or ""))  # noqa: S308

    def render_change_form(self, request, context, *args, **kwargs):
        # The citation's editor loads through an inline import map: it carries the nonce.
        context["media"] = with_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is NominationDocument:
            for document in formset.save(commit=False):
                document.uploaded_by = document.uploaded_by or request.user
                document.save()
            for document in formset.deleted_objects:
                document.delete()
            return
        super().save_formset(request, form, formset, change)

    def document_view(self, request, object_id, document_id):
        """A supporting document, to whom the nomination is visible (else 404), as a
        download that no browser renders in the admin's page."""
        nomination = self.get_queryset(request).filter(pk=object_id).first()
        document = (
            NominationDocument.objects.filter(pk=document_id, nomination=nomination).first()
            if nomination is not None
            else None
        )
        if document is None:
            raise Http404
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file.name.rsplit("/", 1)[-1],
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def _posted_to(self, request, object_id):
        """The nomination a POST is about, if the user may see it (else 404: a member in
        conflict learns nothing of it)."""
        if request.method != "POST":
            raise PermissionDenied
        nomination = self.get_queryset(request).filter(pk=object_id).first()
        if nomination is None:
            raise Http404
        return nomination

    def _back(self, nomination):
        return HttpResponseRedirect(
            reverse("admin:nominations_nomination_change", args=[nomination.pk])
        )

    def score_view(self, request, object_id):
        nomination = self._posted_to(request, object_id)
        values = {
            criterion.pk: request.POST.get(f"criterion-{criterion.pk}")
            for criterion in nomination.round.criteria.all()
        }
        try:
            services.give_scores(
                nomination,
                request.user,
                values,
                comment=request.POST.get("comment", ""),
                shared_with_proposer=request.POST.get("shared") == "on",
            )
        except services.MoveRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Your scores are kept."))
        return self._back(nomination)

    def conflict_view(self, request, object_id):
        nomination = self._posted_to(request, object_id)
        try:
            services.declare_conflict(
                nomination,
                request.user,
                request.POST.get("kind", ""),
                request.POST.get("note", ""),
            )
        except services.MoveRefused as refused:
            messages.error(request, str(refused))
            return self._back(nomination)
        messages.success(
            request, _("Your conflict is declared: the nomination is no longer shown to you.")
        )
        return HttpResponseRedirect(reverse("admin:nominations_nomination_changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        nomination = self.get_object(request, object_id)
        extra = {}
        if nomination is not None:
            extra["actions_now"] = services.actions_for(nomination, request.user)
            extra["move_url"] = reverse("admin:nominations_nomination_move", args=[nomination.pk])
            if request.user.has_perm("nominations.review_nomination") or request.user.has_perm(
                "nominations.screen_nomination"
            ):
                extra["scores"] = services.score_table(nomination, request.user)
            if nomination.proposed_by_id == request.user.pk:
                extra["shared_comments"] = services.comments_shared_with_proposer(nomination)
            if services.may_review(nomination, request.user):
                extra["may_score"] = True
                extra["conflict_kinds"] = ConflictKind.choices
                extra["score_url"] = reverse(
                    "admin:nominations_nomination_score", args=[nomination.pk]
                )
                extra["conflict_url"] = reverse(
                    "admin:nominations_nomination_conflict", args=[nomination.pk]
                )
        return super().change_view(
            request, object_id, form_url, {**extra, **(extra_context or {})}
        )

    def move_view(self, request, object_id):
        nomination = self._posted_to(request, object_id)
        try:
            services.move(
                nomination,
                request.POST.get("action", ""),
                request.user,
                request.POST.get("reason", ""),
            )
        except services.MoveRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Done: the step is on the nomination's timeline."))
        return HttpResponseRedirect(
            reverse("admin:nominations_nomination_change", args=[nomination.pk])
        )


class DecreeForm(forms.ModelForm):
    class Meta:
        model = Decree
        fields = ["round", "number", "date", "nominations"]
        widgets = {"nominations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "nominations" in self.fields:
            self.fields["nominations"].queryset = Nomination.objects.filter(
                state=State.RECOMMENDED
            ).select_related("person", "round")


def prepares_decrees(user):
    return user.is_active and (
        user.has_perm("nominations.record_decree") or Round.objects.filter(chair=user).exists()
    )


@admin.register(Decree)
class DecreeAdmin(admin.ModelAdmin):
    """The chair prepares a decree from the recommended nominations; the Secretariat records
    it once signed (`services.record_decree`); it is printed in Azerbaijani and exported."""

    form = DecreeForm
    list_display = ["number", "date", "round", "recorded_at"]
    change_form_template = "nominations/decree_change_form.html"

    def has_view_permission(self, request, obj=None):
        return prepares_decrees(request.user)

    def has_module_permission(self, request):
        return prepares_decrees(request.user)

    def has_add_permission(self, request):
        return prepares_decrees(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # prepared once; what it lists is recorded as it was signed

    def has_delete_permission(self, request, obj=None):
        return prepares_decrees(request.user) and obj is not None and obj.recorded_at is None

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            decree = services.prepare_decree(
                data["round"],
                number=data["number"],
                date=data["date"],
                nominations=data["nominations"],
                user=request.user,
            )
        except services.DecreeRefused as refused:
            raise PermissionDenied(str(refused)) from refused
        form.instance = decree
        obj.pk = decree.pk

    def save_related(self, request, form, formsets, change):
        pass  # the list is the service's to store

    def get_urls(self):
        own = [
            ("record", self.record_view),
            ("xlsx", self.xlsx_view),
            ("print", self.print_view),
        ]
        return [*object_urls(self, own), *super().get_urls()]

    def _decree(self, request, object_id):
        if not prepares_decrees(request.user):
            raise PermissionDenied
        decree = Decree.objects.filter(pk=object_id).select_related("round__medal").first()
        if decree is None:
            raise Http404
        return decree

    def record_view(self, request, object_id):
        decree = self._decree(request, object_id)
        if request.method != "POST":
            raise PermissionDenied
        try:
            services.record_decree(decree, request.user)
        except services.DecreeRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("The decree is recorded: its conferments are made and published.")
            )
        return HttpResponseRedirect(reverse("admin:nominations_decree_change", args=[decree.pk]))

    def xlsx_view(self, request, object_id):
        decree = self._decree(request, object_id)
        with translation.override("az"):
            headers, rows = decree_list(decree)
            data = write_table(headers, rows, "xlsx")
        response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="decree-{decree.pk}.xlsx"'
        return response

    def print_view(self, request, object_id):
        decree = self._decree(request, object_id)
        with translation.override("az"):
            headers, rows = decree_list(decree)
            return TemplateResponse(
                request,
                "nominations/decree_print.html",
                {"decree": decree, "headers": headers, "rows": rows, "medal": decree.round.medal},
            ).render()


def decree_list(decree):
    """The decree's list as it is printed and exported, in the active language."""
    headers = [_("No."), _("Full name"), _("Country"), _("Proposing organisation")]
    rows = [
        [
            position,
            nomination.person.full_name,
            nomination.country.name,
            nomination.proposing_organisation.name if nomination.proposing_organisation else "",
        ]
        for position, nomination in enumerate(
            decree.nominations.select_related("person", "proposing_organisation").order_by(
                "person__full_name"
            ),
            start=1,
        )
    ]
    return [str(header) for header in headers], rows
