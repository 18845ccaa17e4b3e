"""Import and export in the admin: upload, preview, confirm, error report, template, undo."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.admin import FollowedNotWrittenMixin
from jobs.models import Job
from jobs.services import start_job

from .datasets import BATCH_SIZE, dataset_for_model, dataset_label, dataset_names, get_dataset
from .exporting import error_report, export_file, export_size
from .models import ImportRecord, PendingUpload
from .readers import FORMATS, FileProblem, file_format
from .undoing import UndoProblem, undo_effects, undo_import, undo_size
from .uploads import read_check, store_upload, upload_path, waiting_upload
from .writers import CONTENT_TYPES, write_table


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("CSV (UTF-8), XLSX, ODS or JSON. The header is row 1."),
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=[(key, label) for key, label in FORMATS.items()]
    )
    with_contacts = forms.BooleanField(
        label=gettext_lazy("Include e-mail addresses and phones"), required=False
    )


def _permission(model, action):
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


class SpreadsheetAdminMixin:
    """Import and Export buttons on a changelist, for the dataset declared for its model."""

    change_list_template = "imports/change_list.html"
    import_template = "imports/import.html"
    import_form_class = UploadForm

    def dataset_name(self):
        return dataset_for_model(self.model).name

    def import_dataset_name(self):
        """The dataset the Import button loads files into (the model's own, or another
        layout of its records, such as an attendance report)."""
        return self.dataset_name()

    def export_dataset_name(self):
        return self.dataset_name()

    def import_options(self, form):
        """What the upload form chose besides the file, kept with the upload for its
        dataset (JSON)."""
        return {}

    def has_import_permission(self, request):
        return request.user.has_perm(_permission(self.model, "import"))

    def has_export_permission(self, request):
        return request.user.has_perm(_permission(self.model, "export"))

    def has_export_contacts_permission(self, request):
        dataset = get_dataset(self.export_dataset_name())
        return not getattr(dataset, "contact_columns", ()) or request.user.has_perm(
            # export_person_contacts: the export permission's codename, narrowed.
            _permission(self.model, "export") + "_contacts"
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            "has_export_permission": self.has_export_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        view = self.admin_site.admin_view
        own = [
            ("import/", self.import_view, "import"),
            ("import/preview/", self.preview_view, "import_preview"),
            ("import/confirm/", self.confirm_view, "import_confirm"),
            ("import/errors/", self.errors_view, "import_errors"),
            ("import/template/", self.template_view, "import_template"),
            ("export/", self.export_view, "export"),
        ]
        return [
            *(path(route, view(method), name=f"{prefix}_{name}") for route, method, name in own),
            *super().get_urls(),
        ]

    def _url(self, name, **query):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}")
        if query:
            url += "?" + urlencode(query)
        return url

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "template_url": self._url("import_template"),
            **extra,
        }

    # Import ------------------------------------------------------------------------------

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form_class(
            request.POST or None, request.FILES or None, **self.import_form_kwargs(request)
        )
        if request.method == "POST" and form.is_valid():
            uploaded = form.cleaned_data["file"]
            name = PurePath(uploaded.name).name
            try:
                file_format(name)
            except FileProblem as problem:
                form.add_error("file", str(problem))
            else:
                try:
                    upload = store_upload(
                        uploaded,
                        dataset_name=self.import_dataset_name(),
                        file_name=name,
                        user=request.user,
                        options=self.import_options(form),
                    )
                except OSError as error:  # the disk did not take it: its text says so
                    form.add_error("file", str(error))
                else:
                    job = start_job(
                        kind="imports.check",
                        title=_("Check %(file)s") % {"file": name},
                        user=request.user,
                        params={
                            "token": upload.token,
                            "preview_url": self._url("import_preview", token=upload.token),
                        },
                    )
                    return HttpResponseRedirect(_job_url(job))
        recent = ImportRecord.objects.filter(dataset=self.import_dataset_name()).select_related(
            "user"
        )
        return TemplateResponse(
            request,
            self.import_template,
            self._context(
                request,
                _("Import %(name)s") % {"name": self.model._meta.verbose_name_plural},
                form=form,
                recent=recent[:10],
                columns=get_dataset(self.import_dataset_name()).columns,
            ),
        )

    def import_form_kwargs(self, request):
        return {}

    def _waiting_upload(self, request, data):
        """(token, the upload waiting under it for this user and dataset, or None)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        token = str(data.get("token", ""))[:32]
        return token, waiting_upload(token, user=request.user, dataset=self.import_dataset_name())

    def _expired(self, request):
        messages.warning(request, _("That upload is no longer waiting; upload the file again."))
        return HttpResponseRedirect(self._url("import"))

    def preview_view(self, request):
        token, pending = self._waiting_upload(request, request.GET)
        if pending is None:
            return self._expired(request)
        check = read_check(token)
        if check is None:
            return self._still_checking(request)
        page = Paginator(check.rows, settings.IMPORTS_PREVIEW_ROWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return TemplateResponse(
            request,
            "imports/preview.html",
            self._context(
                request,
                _("Check the import of %(file)s") % {"file": pending.file_name},
                result=check,
                counts=check.counts,
                page=page,
                columns=check.columns,
                rows=check.shown_rows(page.object_list),
                token=token,
                confirm_url=self._url("import_confirm"),
                errors_url=self._url("import_errors", token=token),
                preview_url=self._url("import_preview", token=token),
            ),
        )

    def _still_checking(self, request):
        messages.info(request, _("The file is still being checked; see its job below."))
        return HttpResponseRedirect(reverse("admin:jobs_job_changelist"))

    def confirm_view(self, request):
        token, pending = self._waiting_upload(request, request.POST)
        if request.method != "POST" or pending is None:
            return self._expired(request)
        check = read_check(token)
        if check is None or not check.ok:
            return HttpResponseRedirect(self._url("import_preview", token=token))
        confirmed = pending.write_job
        if confirmed is not None and confirmed.state not in (
            Job.State.FAILED,
            Job.State.CANCELLED,
        ):
            # Confirmed already (a second click, the back button): one import, one job.
            return HttpResponseRedirect(_job_url(confirmed))
        job = start_job(
            kind="imports.write",
            title=_("Import %(file)s") % {"file": pending.file_name},
            user=request.user,
            params={"token": token, "changelist_url": self._url("changelist")},
        )
        # A queue that runs jobs at once has written the import and discarded the upload.
        PendingUpload.objects.filter(token=token).update(write_job=job)
        return HttpResponseRedirect(_job_url(job))

    def errors_view(self, request):
        token, pending = self._waiting_upload(request, request.GET)
        if pending is None:
            return self._expired(request)
        result = read_check(token)
        if result is None:
            return self._still_checking(request)
        if result.problem:
            return self._expired(request)
        extension = file_format(pending.file_name)
        with storages["imports"].open(upload_path(token), "rb") as uploaded:
            data = error_report(
                result=result,
                uploaded=uploaded,
                file_format=extension,
                dataset_name=pending.dataset,
                options=pending.options,
            )
        stem = PurePath(pending.file_name).stem
        return _download(data, f"{stem}-errors.{extension}", extension)

    def template_view(self, request):
        if not (self.has_import_permission(request) or self.has_export_permission(request)):
            raise PermissionDenied
        dataset = get_dataset(self.import_dataset_name())()
        headers = [column.name for column in dataset.columns]
        example = dataset.example_row()
        allowed = dataset.allowed_values()
        longest = max((len(options) for options in allowed.values()), default=0)
        allowed_rows = [list(allowed)] + [
            [str(options[index]) if index < len(options) else "" for options in allowed.values()]
            for index in range(longest)
        ]
        data = write_table(
            headers,
            [[example.get(name, "") for name in headers]],
            "xlsx",
            extra_sheets=[(_("Allowed values"), allowed_rows)],
        )
        return _download(data, f"{self.import_dataset_name()}-template.xlsx", "xlsx")

    # Export ------------------------------------------------------------------------------

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        may_see_contacts = self.has_export_contacts_permission(request)
        form = ExportForm(request.POST or None)
        if not may_see_contacts or not getattr(
            get_dataset(self.export_dataset_name()), "contact_columns", ()
        ):
            del form.fields["with_contacts"]
        if request.method == "POST" and form.is_valid():
            extension = form.cleaned_data["format"]
            with_contacts = may_see_contacts and form.cleaned_data.get("with_contacts", False)
            if (
                export_size(self.export_dataset_name(), user=request.user)
                > settings.IMPORTS_INLINE_ROWS
            ):
                job = start_job(
                    kind="imports.export",
                    title=_("Export %(name)s") % {"name": self.model._meta.verbose_name_plural},
                    user=request.user,
                    params={
                        "dataset": self.export_dataset_name(),
                        "format": extension,
                        "with_contacts": with_contacts,
                        "content_type": CONTENT_TYPES[extension],
                    },
                )
                return HttpResponseRedirect(_job_url(job))
            data = export_file(
                dataset_name=self.export_dataset_name(),
                file_format=extension,
                with_contacts=with_contacts,
                user=request.user,
            )
            return _download(data, f"{self.export_dataset_name()}.{extension}", extension)
        return TemplateResponse(
            request,
            "imports/export.html",
            self._context(
                request,
                _("Export %(name)s") % {"name": self.model._meta.verbose_name_plural},
                form=form,
            ),
        )


def _job_url(job):
    return reverse("admin:jobs_job_change", args=[job.pk])


def _download(data, file_name, extension):
    response = HttpResponse(data, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class DatasetFilter(admin.SimpleListFilter):
    """The imports of one dataset, listed by its records' name."""

    title = gettext_lazy("records")
    parameter_name = "dataset"

    def lookups(self, request, model_admin):
        return [(name, dataset_label(name)) for name in dataset_names()]

    def queryset(self, request, queryset):
        return queryset.filter(dataset=self.value()) if self.value() else queryset


@admin.register(ImportRecord)
class ImportRecordAdmin(FollowedNotWrittenMixin, admin.ModelAdmin):
    """Every confirmed import, with an undo for staff allowed to import that dataset."""

    list_display = [
        "created",
        "records",
        "file_name",
        "user",
        "new",
        "updated",
        "unchanged",
        "status",
    ]
    list_filter = [DatasetFilter, "status"]
    list_select_related = ["user"]
    search_fields = ["file_name", "user__username"]
    date_hierarchy = "created"
    readonly_fields = [
        "records",
        "file_name",
        "user",
        "created",
        "status",
        "new_count",
        "updated_count",
        "unchanged_count",
        "undone_at",
        "undone_by",
    ]
    fields = readonly_fields
    change_form_template = "imports/importrecord_change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).in_scope(request.user)

    @admin.display(description=gettext_lazy("records"), ordering="dataset")
    def records(self, record):
        return dataset_label(record.dataset)

    # Counts grouped as the language writes them: 100 000, 100,000.
    @admin.display(description=gettext_lazy("new"), ordering="new_count")
    def new(self, record):
        return number_format(record.new_count, force_grouping=True)

    @admin.display(description=gettext_lazy("updated"), ordering="updated_count")
    def updated(self, record):
        return number_format(record.updated_count, force_grouping=True)

    @admin.display(description=gettext_lazy("unchanged"), ordering="unchanged_count")
    def unchanged(self, record):
        return number_format(record.unchanged_count, force_grouping=True)

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is None:  # out of scope, or never stored
            raise Http404
        return record

    def may_undo(self, request, record):
        dataset = get_dataset(record.dataset)
        return record.status == ImportRecord.Status.DONE and request.user.has_perm(
            _permission(dataset.model, "import")
        )

    def get_urls(self):
        return [
            path(
                "<int:record_id>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="imports_importrecord_undo",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        extra_context = {
            "may_undo": record is not None and self.may_undo(request, record),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def undo_view(self, request, record_id):
        """Asks first, naming what the undo removes and restores and how many records; undoes
        only when that question is answered (a POST with `confirmed`)."""
        record = get_object_or_404(self.get_queryset(request), pk=record_id)
        if not self.may_undo(request, record):
            raise PermissionDenied
        if request.method != "POST" or request.POST.get("confirmed") != "yes":
            effects = undo_effects(record)
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": record,
                "title": _("Undo the import of %(file)s?") % {"file": record.file_name},
                "effects": effects,
                "removed": sum(removed for _name, removed, _restored in effects),
                "restored": sum(restored for _name, _removed, restored in effects),
            }
            return TemplateResponse(request, "imports/undo_confirmation.html", context)
        if undo_size(record) > BATCH_SIZE:  # more than one batch: a job
            job = start_job(
                kind="imports.undo",
                title=_("Undo the import of %(file)s") % {"file": record.file_name},
                user=request.user,
                params={"record": record.pk},
            )
            return HttpResponseRedirect(_job_url(job))
        try:
            undo_import(record=record, user=request.user)
        except UndoProblem as problem:
            messages.error(request, str(problem))
        else:
            messages.success(
                request, _("The import of %(file)s was undone.") % {"file": record.file_name}
            )
        return HttpResponseRedirect(reverse("admin:imports_importrecord_change", args=[record.pk]))
