"""What every publishable record's admin offers: publish and unpublish actions, and a
preview of its public page."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notice, Status


class PreviewMixin:
    """A Preview button on the change form: the public page as it would look with what is in
    the form now, unsaved changes included, in any of the site's languages.

    The record's own fields come from the form; its related rows (programme, gallery) are
    shown as stored, and a newly chosen file only once saved. Staff who may view the record
    only; never cached, never indexed, under the admin's address.
    """

    # The public page's view (a DetailView of the record), set by each app's admin.
    public_view = None

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/public-preview/",
                self.admin_site.admin_view(self.public_preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if self.public_view is not None and obj is not None and obj.pk is not None:
            opts = self.model._meta
            context["preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk]
            )
            context["preview_languages"] = settings.LANGUAGES
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def public_preview_view(self, request, object_id):
        if self.public_view is None:
            raise Http404
        record = self.get_object(request, object_id)
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        if request.method == "POST":
            stored_files = {
                field.name: getattr(record, field.name)
                for field in record._meta.concrete_fields
                if isinstance(field, models.FileField)
            }
            form = self.get_form(request, record, change=True)(
                request.POST, request.FILES, instance=record
            )
            form.is_valid()  # fills the record with the form's values, saving nothing
            for name, stored in stored_files.items():
                setattr(record, name, stored)
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            view = self.public_view()
            view.setup(request, slug=getattr(record, "slug", None), pk=record.pk)
            view.object = record
            context = view.get_context_data(object=record, preview=True)
            response = TemplateResponse(request, view.get_template_names(), context)
            response.render()
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ScheduleFilter(admin.SimpleListFilter):
    title = _("schedule")
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [("scheduled", _("Scheduled")), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "expired":
            return queryset.expired()
        return queryset


def review_form(base, *, may_publish):
    """`base` with a comment for the review, and without "Published" among the statuses
    for staff who may not publish (a published record they edit stays published)."""

    class ReviewForm(base):
        review_comment = forms.CharField(
            label=_("Comment"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Why it goes back to draft, or what the reviewer should know; kept in the "
                "record's history."
            ),
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            status = self.fields.get("status")
            if status is not None and not may_publish:
                kept = self.instance.status if self.instance.pk else None
                status.choices = [
                    (value, label)
                    for value, label in status.choices
                    if value != Status.PUBLISHED or value == kept
                ]

    return ReviewForm


class PublishActionsMixin(PreviewMixin):
    """Publishing through review: Editors submit drafts, Publishers publish them or return
    them to draft with a comment; publish and unpublish actions for Publishers; a preview of
    the record's public page."""

    actions = ["submit_for_review", "publish_selected", "unpublish_selected"]

    def has_publish_permission(self, request, obj=None):
        return services.may_publish(request.user, self.model)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = review_form(
            kwargs.get("form", self.form), may_publish=self.has_publish_permission(request)
        )
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any("review_comment" in options.get("fields", ()) for _name, options in fieldsets):
            return fieldsets
        publication = ["publish_from", "publish_until", "review_comment"]
        return [
            *(
                (
                    name,
                    {**options, "fields": [f for f in options["fields"] if f not in publication]},
                )
                for name, options in fieldsets
            ),
            (_("Publication and review"), {"fields": publication}),
        ]

    def get_list_display(self, request):
        return [
            "publication" if name == "status" else name
            for name in super().get_list_display(request)
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ScheduleFilter]

    @admin.display(description=_("status"), ordering="status")
    def publication(self, record):
        if record.status == Status.PUBLISHED and record.is_scheduled:
            return _("Scheduled from %(time)s") % {
                "time": timezone.localtime(record.publish_from).strftime("%d.%m.%Y %H:%M")
            }
        if record.status == Status.PUBLISHED and record.is_expired:
            return _("Expired")
        return record.get_status_display()

    def save_model(self, request, obj, form, change):
        comment = form.cleaned_data.get("review_comment", "").strip()
        status_changed = "status" in form.changed_data
        if comment or status_changed:
            obj._change_reason = comment or f"Status set to {obj.status}"
        super().save_model(request, obj, form, change)
        if status_changed and obj.status == Status.REVIEW:
            services.notify_publishers([obj], submitted_by=request.user)

    def view_on_site(self, record):
        # Only a record the public can see has a page to view; a draft's would be a 404.
        if record.is_public and hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        return None

    @admin.action(
        description=_("Submit selected %(verbose_name_plural)s for review"),
        permissions=["change"],
    )
    def submit_for_review(self, request, queryset):
        count = services.submit_for_review(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d draft submitted for review.",
                "%(count)d drafts submitted for review.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        count = services.publish(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d record published.", "%(count)d records published.", count)
            % {"count": count},
        )

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        count = services.unpublish(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d record returned to draft.",
                "%(count)d records returned to draft.",
                count,
            )
            % {"count": count},
        )


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """The notices to Publishers, read-only: what was sent, and what could not be and why,
    with an action that sends it again."""

    list_display = ["subject", "created", "sent", "problem", "error", "attempts"]
    list_filter = [("sent", admin.EmptyFieldListFilter), "problem"]
    readonly_fields = [
        "subject",
        "body",
        "created",
        "sent",
        "recipients",
        "attempts",
        "problem",
        "error",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"), permissions=["view"])
    def send_again(self, request, queryset):
        unsent = list(queryset.unsent())
        sent = sum(services.send_notice(notice) for notice in unsent)
        self.message_user(
            request,
            _("%(sent)d of %(count)d sent.") % {"sent": sent, "count": len(unsent)},
            messages.SUCCESS if sent == len(unsent) else messages.WARNING,
        )
