"""Importing a spreadsheet given as text in a test, as staff would upload it."""

import io

from imports.importing import import_file


def import_text(dataset, data, *, name=None, **options):
    """Import `data` (text, or a file's bytes) into `dataset` as a file called `name`."""
    return import_file(
        dataset_name=dataset,
        uploaded=io.BytesIO(data.encode() if isinstance(data, str) else data),
        file_name=name or f"{dataset}.csv",
        **options,
    )
