"""The spreadsheet work that runs as jobs: checking an upload, importing it, exporting a
dataset, undoing an import."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs.running import JobProblem, handler

from .batches import ImportInterrupted
from .exporting import export_to_storage
from .models import ImportRecord
from .undoing import UndoProblem, remove_interrupted_imports, undo_import
from .uploads import check_upload, import_upload, prune_uploads, waiting_upload


def _passes(progress, *stages):
    """The engine's progress over len(stages) passes, labelled as the job page says it:
    "<stage>: 1,000 of 20,000 rows" of the pass it is in."""

    def report(done, total):
        rows = max(total // len(stages), 1)
        stage = min(done // rows, len(stages) - 1) if done < total else len(stages) - 1
        label = ngettext(
            "%(stage)s: %(done)s of %(total)s row", "%(stage)s: %(done)s of %(total)s rows", rows
        ) % {
            "stage": stages[stage],
            "done": number_format(done - stage * rows, force_grouping=True),
            "total": number_format(rows, force_grouping=True),
        }
        progress(done, total, label, phase=stages[stage])

    return report


def _gone():
    return JobProblem(
        _(
            "The uploaded file is no longer kept (uploads wait %(days)d days for their import); "
            "upload it again."
        )
        % {"days": settings.IMPORTS_KEEP_DAYS}
    )


@handler("imports.check")
def check(job, progress):
    params = job.params
    remove_interrupted_imports()
    upload = waiting_upload(params["token"])
    if upload is None:
        raise _gone()
    check_upload(
        token=upload.token,
        dataset_name=upload.dataset,
        file_name=upload.file_name,
        user=job.user,
        progress=_passes(progress, _("Checking")),
        options=upload.options,
    )
    return {"next": params["preview_url"]}


@handler("imports.write")
def write(job, progress):
    params = job.params
    prune_uploads()
    remove_interrupted_imports()
    upload = waiting_upload(params["token"])
    if upload is None:
        raise _gone()
    try:
        result = import_upload(
            token=upload.token,
            dataset_name=upload.dataset,
            file_name=upload.file_name,
            user=job.user,
            progress=_passes(progress, _("Writing")),
            job=job.pk,
            options=upload.options,
        )
    except ImportInterrupted as interrupted:
        raise JobProblem(str(interrupted)) from interrupted
    if not result.ok:
        raise JobProblem(
            _(
                "The data changed since the preview, and some rows no longer pass; nothing was "
                "written. See them in the preview, fix the file and upload it again."
            )
        )
    counts = {
        key: number_format(value, force_grouping=True) for key, value in result.counts.items()
    }
    return {
        "summary": _(
            "Imported %(file)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged."
        )
        % {"file": upload.file_name, **counts},
        "links": [
            [
                _("The import, with Undo"),
                reverse("admin:imports_importrecord_change", args=[result.record.pk]),
            ],
            [_("The records"), params["changelist_url"]],
        ],
    }


@handler("imports.export")
def export(job, progress):
    params = job.params
    prune_uploads()
    remove_interrupted_imports()
    stored = export_to_storage(
        name=f"exports/{job.pk}.{params['format']}",
        dataset_name=params["dataset"],
        file_format=params["format"],
        with_contacts=params["with_contacts"],
        user=job.user,
        progress=_passes(progress, _("Exported")),
    )
    return {
        "summary": _("The export is ready."),
        "file": {
            "storage": "imports",
            "name": stored,
            "as": f"{params['dataset']}.{params['format']}",
            "content_type": params["content_type"],
        },
    }


@handler("imports.undo")
def undo(job, progress):
    remove_interrupted_imports()
    record = ImportRecord.objects.get(pk=job.params["record"])
    try:
        undo_import(
            record=record,
            user=job.user,
            progress=_passes(progress, _("Undone")),
        )
    except UndoProblem as problem:
        raise JobProblem(str(problem)) from problem
    return {
        "summary": _("The import of %(file)s was undone.") % {"file": record.file_name},
        "links": [
            [_("The import"), reverse("admin:imports_importrecord_change", args=[record.pk])]
        ],
    }
