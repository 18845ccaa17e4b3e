"""The admin's building blocks for every record staff keep: history with who changed what
and a revert, deleted records restored, a stale copy refused, related records picked
safely, year filters."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max, Min
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from countries.spellings import find_country
from publishing.cache import while_unchanged
from scopes import is_limited, scope_of
from search import search
from search.models import SearchableModel

from . import services
from .related_choices import StorableRelatedChoicesMixin, is_storable_key
from .scoped import ScopedAdminMixin, ScopedInlineMixin


def yes_no_icon(value):
    """Django's yes or no icon for a list, its text in the page's language: Django writes
    "True" and "False" in every language."""
    icon, text = {True: ("yes", _("yes")), False: ("no", _("no"))}.get(
        value, ("unknown", _("unknown"))
    )
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


class KeptCountPaginator(Paginator):
    """A list's count kept until the content changes: counting 500,000 people again for every
    page of 50 is most of what an unfiltered list costs at ten times today's archive. The
    query, with its filters, search and scope, is part of what is kept."""

    @cached_property
    def count(self):
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # a filter nothing can match, such as an id out of range
            return 0
        return while_unchanged(("count", sql, params), lambda: Paginator.count.func(self))


class RecordAdmin(ScopedAdminMixin, StorableRelatedChoicesMixin, SimpleHistoryAdmin):
    """A record kept by staff, with its history: who changed what, and a revert."""

    list_per_page = 50
    # Summaries, captions and citations come in three languages: short boxes keep the
    # form readable, and each box can be enlarged.
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 4})}}
    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if self.model._meta.app_label in settings.PUBLIC_CONTENT_APPS:
            return KeptCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    # A relation whose folded names the search reads instead of the record's own, as a
    # conferment is found by its recipient's.
    search_names_through = None

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL refuses a NUL character in a query (a 500), and no one searches for one.
        search_term = search_term.replace("\x00", "")
        found, may_have_duplicates = self._search_names(request, queryset, search_term)
        country = self._country_searched(search_term)
        if country:
            # "UK", "Almaniya" or "США" in the box: the records in that country too.
            found = found | queryset.filter(country=country)
        return found, may_have_duplicates

    def _country_searched(self, search_term):
        """The code of the country the whole search term names, for a record with a country."""
        if not any(field.name == "country" for field in self.model._meta.fields):
            return None
        if len(search_term.strip()) <= 3 and not search_term.isupper():
            return None  # "de" or "al" is part of a name; "DE" and "ABŞ" are countries
        try:
            return find_country(search_term)
        except ValueError:  # no country, or more than one, goes by that name
            return None

    def _search_names(self, request, queryset, search_term):
        through = self.search_names_through
        named = self.model._meta.get_field(through).related_model if through else self.model
        if issubclass(named, SearchableModel) and search_term.strip():
            # The names folded into one column, as the public search has them: "hasanov"
            # finds Həsənov, and one column is read instead of five; the other search fields
            # (a slug, a position) as Django would search them.
            prefix = f"{through}__" if through else ""
            folded = {prefix + source for source in named.search_sources}
            also = [field for field in self.get_search_fields(request) if field not in folded]
            return search(queryset, search_term, also=also, through=through), False
        return super().get_search_results(request, queryset, search_term)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            if request.method != "POST" or not request.FILES:
                raise
            # A file the storage did not take (a full disk): the save rolled back whole, and
            # the storage's own text says what happened.
            self.message_user(request, str(error), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{prefix}_deleted",
            ),
            *super().get_urls(),
        ]

    def deleted_view(self, request):
        """The records deleted from this list, each with a button that restores it."""
        if not hasattr(self.model, "history"):
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            try:
                restored = services.restore_deleted(
                    model=self.model,
                    history_id=request.POST.get("history_id"),
                    user=request.user,
                    allowed=lambda version: self.may_restore(request, version),
                )
            except (services.RestoreProblem, ValueError) as problem:
                self.message_user(request, str(problem), level=messages.ERROR)
            else:
                self.log_addition(request, restored, [{"added": {}}])
                self.message_user(request, _("“%(record)s” is restored.") % {"record": restored})
            return HttpResponseRedirect(request.path)
        deleted = services.deleted_records(self.model)
        if is_limited(request.user):
            # Whether a deleted record would come back within the scope is the model's rule
            # on the record as it was (`is_within`), which only Python can read.
            deleted = [
                version for version in deleted.iterator() if self.may_restore(request, version)
            ]
        page = Paginator(deleted, self.list_per_page).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Deleted %(records)s") % {"records": self.model._meta.verbose_name_plural},
            "records": [(version, services.as_it_was(version)) for version in page.object_list],
            "page_obj": page,
        }
        return TemplateResponse(request, "records/deleted_records.html", context)

    def may_restore(self, request, version):
        """Whether the user may see and restore this deleted record's last `version`: one
        they deleted themselves, or one that would come back within their scope."""
        if version.history_user_id == request.user.pk or not is_limited(request.user):
            return True
        instance = services.as_it_was(version)
        # A record with no rule of its own (a photo, a programme item) is judged by what
        # uses it, which is gone with it: only the one who deleted it gets it back.
        return hasattr(instance, "is_within") and instance.is_within(scope_of(request.user))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        seen = request.POST.get("_seen_version") if request.method == "POST" else None
        if obj is None or not seen or getattr(obj, "updated", None) is None:
            return form
        return conflict_checked(form, obj, seen)

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = with_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        # The revert form's media arrive rendered; built again to carry the nonce.
        if "adminform" in context:
            context["media"] = with_nonce(request, self.media + context["adminform"].form.media)
        return super().render_history_view(request, template, context, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        self._404_unless_storable(object_id)
        self.require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._404_unless_storable(object_id, version_id)
        self.require_in_scope(request, object_id)
        # django-simple-history saves a POSTed revert for anyone allowed to *view* the
        # history; a revert is a change, so it needs the change permission.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _404_unless_storable(self, object_id, version_id=None):
        # django-simple-history looks ids up as they come, and answers "abc" with a 500.
        history_id = get_history_model_for_model(self.model)._meta.get_field("history_id")
        if not is_storable_key(self.model._meta.pk, object_id) or (
            version_id is not None and not is_storable_key(history_id, version_id)
        ):
            raise Http404


def with_nonce(request, media):
    """`media` whose scripts (the text editor's inline import map) carry the page's
    Content-Security-Policy nonce."""
    return Media.from_media(media, nonce=request.csp_nonce)


class EmptyTranslationsAsBlankMixin:
    """Store an empty translation as "", as every other path (import, demo data) does.

    modeltranslation makes each language column nullable, so Django's form field for it
    would store None: history then shows a change from "" to None on every save.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if hasattr(db_field, "translated_field") and isinstance(field, forms.CharField):
            field.empty_value = ""
        return field


class TranslatedRecordAdmin(EmptyTranslationsAsBlankMixin, RecordAdmin, TranslationAdmin):
    """A record with fields in Azerbaijani, English and Russian, each field's languages as
    tabs (the site's own small script: modeltranslation's tabs load jQuery UI from a CDN)."""

    class Media:
        js = ["records/translation_tabs.js"]
        css = {"all": ["records/translation_tabs.css"]}


class RecordTabularInline(ScopedInlineMixin, StorableRelatedChoicesMixin, admin.TabularInline):
    """Rows of a related record edited inside another record's page."""


class TranslatedTabularInline(
    EmptyTranslationsAsBlankMixin,
    ScopedInlineMixin,
    StorableRelatedChoicesMixin,
    TranslationTabularInline,
):
    """Inline rows with fields in Azerbaijani, English and Russian."""


def year_filter(field_name, title=None):
    """A list filter by year whose years come from the first and last values of the field.

    Django's date_hierarchy asks the database for every distinct year, which SQLite computes
    by calling Python once per row (140 ms for 20,000 events); the first and last values are
    two lookups on the field's index.
    """

    class YearFilter(admin.SimpleListFilter):
        parameter_name = f"{field_name}_year"

        def lookups(self, request, model_admin):
            bounds = model_admin.get_queryset(request).aggregate(
                first=Min(field_name), last=Max(field_name)
            )
            if bounds["first"] is None:
                return []
            first, last = (_local_year(bounds[end]) for end in ("first", "last"))
            return [(str(year), str(year)) for year in range(last, first - 1, -1)]

        def queryset(self, request, queryset):
            value = self.value() or ""
            if value.isdigit() and 1 <= int(value) <= 9999:
                return queryset.filter(**{f"{field_name}__year": int(value)})
            return queryset

    YearFilter.title = title or _("year")
    return YearFilter


def _local_year(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    return value.year


def conflict_checked(form, record, seen):
    """`form`, refusing to save when `record` was saved by someone else after `seen`, the
    version (its `updated` time) the editor's page was opened at.

    Two editors, one record: the second to save a stale copy is told, and the first one's
    change survives. The record was read afresh for this request, so its `updated` is what
    is stored now.
    """

    class ConflictCheckedForm(form):
        def clean(self):
            cleaned = super().clean()
            if record.updated.isoformat() != seen:
                latest = record.history.first() if hasattr(record, "history") else None
                who = latest.history_user if latest and latest.history_user_id else None
                raise ValidationError(
                    _(
                        "%(who)s saved this record at %(time)s, after you opened it. Your "
                        "changes were not saved: open the record again to see theirs, then "
                        "make yours."
                    )
                    % {
                        "who": who or _("Someone else"),
                        "time": timezone.localtime(record.updated).strftime("%H:%M:%S"),
                    },
                    code="conflict",
                )
            return cleaned

    return ConflictCheckedForm
