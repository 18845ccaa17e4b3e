"""Exporting a dataset, and the report of an import's row errors, as a spreadsheet."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import translation
from django.utils.translation import gettext as _

from .datasets import BATCH_SIZE, RowError, get_dataset
from .writers import write_table


def export_file(
    *, dataset_name, file_format, with_contacts=False, queryset=None, user=None, progress=None
):
    """The dataset's records (in `user`'s scope) as a file's bytes in `file_format` (csv,
    xlsx, ods, json).

    `progress(done, total)` is called after each batch of records.
    """
    dataset = get_dataset(dataset_name)()
    records = dataset.scoped_export_queryset(user) if queryset is None else queryset
    total = records.count() if progress else 0
    headers = dataset.export_headers(with_contacts=with_contacts)
    rows = []
    with translation.override("en"):
        for instance in records.iterator(chunk_size=BATCH_SIZE):
            row = dataset.export_row(instance, with_contacts=with_contacts)
            rows.append([row.get(name) for name in headers])
            if progress and len(rows) % BATCH_SIZE == 0:
                progress(len(rows), total)
    if progress:
        progress(len(rows), max(total, len(rows)))
    return write_table(headers, rows, file_format)


def export_size(dataset_name, user=None):
    return get_dataset(dataset_name)().scoped_export_queryset(user).count()


def export_to_storage(
    *, name, dataset_name, file_format, with_contacts=False, user=None, progress=None
):
    """Export into the imports storage under `name`; the name it was stored under."""
    data = export_file(
        dataset_name=dataset_name,
        file_format=file_format,
        with_contacts=with_contacts,
        user=user,
        progress=progress,
    )
    return storages["imports"].save(name, ContentFile(data))


def error_report(*, result, uploaded, file_format, dataset_name=None, options=None):
    """The uploaded rows again, with an `errors` column saying what to fix in each.

    A value in a column that is not read is named there too, so that it is not lost unseen.
    """
    uploaded.seek(0)
    dataset = get_dataset(dataset_name or result.dataset)(**(options or {}))
    table = dataset.read_table(uploaded, result.file_name)
    messages = {}
    for error in result.errors:
        messages.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    headers = [header for header in table.headers if header.strip().casefold() != "errors"]
    keep = [index for index, header in enumerate(table.headers) if header in headers]
    ignored = [
        index
        for index in keep
        if table.headers[index] and table.headers[index] in result.ignored_headers
    ]
    not_read = _("this column is not read; its value is not imported")
    rows = []
    for number, row in zip(table.numbers, table.rows, strict=True):
        notes = messages.get(number, [])
        notes += [f"{table.headers[index]}: {not_read}" for index in ignored if row[index]]
        rows.append([row[index] for index in keep] + ["; ".join(notes)])
    return write_table([*headers, "errors"], rows, file_format)


def row_errors(result):
    """Every problem of an import as `RowError`s, the file's own problem first."""
    if result.problem:
        return [RowError(1, "—", "", result.problem)]
    return result.errors
