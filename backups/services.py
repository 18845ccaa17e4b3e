"""Backups: the database as a dump with natural keys, and the uploads, in one dated archive.

Both go through Django (dumpdata, the storage API), so the same archive restores onto SQLite
or PostgreSQL and onto any storage. Renditions are left out: they are made again on demand.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from events.models import Event
from media.models import Photo
from organisations.models import Organisation, Person
from scopes.models import StaffScope

# What is not the records: made again by migrations or on demand, or only about sessions.
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "thumbnail.kvstore",
    "axes",
]
RENDITIONS = "renditions"


# JSON with times to the microsecond (backups.serializer, SERIALIZATION_MODULES).
BACKUP_FORMAT = "backup-json"


class BackupProblem(Exception):
    pass


def write_backup(directory):
    """Write `diaspora-<date>.tar.gz` into `directory`; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"diaspora-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    data = io.StringIO()
    call_command(
        "dumpdata",
        format=BACKUP_FORMAT,
        natural_foreign=True,
        natural_primary=True,
        exclude=LEFT_OUT,
        indent=None,
        stdout=data,
    )
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "data.json", data.getvalue().encode())
        for name in _stored_files():
            with default_storage.open(name, "rb") as file:
                _add(archive, f"uploads/{name}", file.read())
    return path


@transaction.atomic
def restore_backup(path):
    """Load an archive written by write_backup into an empty, migrated database."""
    if any(model.objects.exists() for model in (Organisation, Person, Event, Photo)):
        raise BackupProblem("The database already holds records: restore into an empty one.")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupProblem(f"{path} is not a backup archive ({error}).") from None
    with archive:
        names = archive.getnames()
        if "data.json" not in names:
            raise BackupProblem(f"{path} holds no data.json: not a backup of this site.")
        for name in names:
            inner = name.removeprefix("uploads/")
            if name.startswith("/") or ".." in Path(inner).parts:
                raise BackupProblem(f"The archive names a file outside the uploads: {name}")
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "data.json"
            dump.write_bytes(archive.extractfile("data.json").read())
            json.loads(dump.read_text())  # refuses a damaged dump before anything is written
            # A migrated database has the roles' groups (found by name) and the Coordinator
            # group's empty scope (scopes.roles), which the archive's own copy replaces.
            StaffScope.objects.filter(group__isnull=False).delete()
            call_command("loaddata", str(dump), verbosity=0)
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("uploads/"):
                continue
            name = member.name.removeprefix("uploads/")
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
            if saved != name:
                raise BackupProblem(f"The storage renamed {name} to {saved}.")


def _stored_files(folder=""):
    folders, files = (
        default_storage.listdir(folder) if default_storage.exists(folder) else ([], [])
    )
    for name in files:
        yield f"{folder}{name}"
    for name in folders:
        if not folder and name == RENDITIONS:
            continue
        yield from _stored_files(f"{folder}{name}/")


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))
