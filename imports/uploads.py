"""Uploads waiting for their import, from the upload through the check to the write."""

import datetime
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from .datasets import get_dataset
from .importing import import_file
from .models import ImportRecord, PendingUpload
from .stored_checks import StoredCheck
from .undoing import remove_import


def upload_path(token):
    return f"pending/{token}"


def check_path(token):
    return f"pending/{token}.check.json"


def waiting_upload(token, **lookups):
    """The upload waiting under `token` (and `lookups`: its user, its dataset) whose file is
    still kept, or None."""
    upload = PendingUpload.objects.filter(token=token, **lookups).first()
    if upload is None or not storages["imports"].exists(upload_path(token)):
        return None
    return upload


def store_upload(uploaded, *, dataset_name, file_name, user=None, options=None):
    """Keep `uploaded` until its import, with the `options` chosen for it; returns its
    PendingUpload."""
    token = uuid.uuid4().hex
    storages["imports"].save(upload_path(token), ContentFile(uploaded.read()))
    return PendingUpload.objects.create(
        token=token,
        user=user,
        dataset=dataset_name,
        file_name=file_name,
        options=options or {},
    )


def check_upload(*, token, dataset_name, file_name, user=None, progress=None, options=None):
    """Check the upload `token` once (the dry run, as `user` would import it) and keep what
    it found beside it."""
    result = _import_upload_file(
        token,
        dataset_name=dataset_name,
        file_name=file_name,
        user=user,
        dry_run=True,
        progress=progress,
        options=options,
    )
    _store_check(token, StoredCheck.from_result(result, get_dataset(dataset_name)))


def _import_upload_file(token, **options):
    with storages["imports"].open(upload_path(token), "rb") as uploaded:
        return import_file(uploaded=uploaded, **options)


def _store_check(token, check):
    check.save(storages["imports"], check_path(token))


def read_check(token):
    """What checking the upload `token` found, or None while it is being checked."""
    try:
        return StoredCheck.load(storages["imports"], check_path(token))
    except FileNotFoundError:
        return None


def import_upload(
    *, token, dataset_name, file_name, user=None, progress=None, job=None, options=None
):
    """Import the upload `token` (for the job `job`), which its preview has checked: each
    batch is validated again against what is stored by then as it is written. On success
    the upload is removed, otherwise what failed is kept as its check, for the preview to
    show, and what the batches wrote is removed.

    What an earlier attempt of the same job left (its worker died) is removed first, so
    that running it again imports the file whole."""
    if job is not None:
        for record in ImportRecord.objects.filter(job=job).incomplete():
            remove_import(record)
    result = _import_upload_file(
        token,
        dataset_name=dataset_name,
        file_name=file_name,
        user=user,
        progress=progress,
        job=job,
        checked=True,
        options=options,
    )
    if result.ok:
        discard_upload(token)
    else:
        _store_check(token, StoredCheck.from_result(result, get_dataset(dataset_name)))
    return result


def discard_upload(token):
    PendingUpload.objects.filter(token=token).delete()
    storage = storages["imports"]
    _folders, names = storage.listdir("pending")
    for name in names:
        if name.startswith(token):
            storage.delete(f"pending/{name}")


def prune_uploads(now=None):
    """Remove uploads and exports older than IMPORTS_KEEP_DAYS; how many files went."""
    storage = storages["imports"]
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORTS_KEEP_DAYS)
    PendingUpload.objects.filter(created__lt=cutoff).delete()
    removed = 0
    for folder in ("pending", "exports"):
        try:
            _folders, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            path = f"{folder}/{name}"
            try:
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
                    removed += 1
            except FileNotFoundError:  # removed meanwhile by another job
                continue
    return removed
