"""Backups: the database as a dump with natural keys, and the uploads, in one dated archive.

Both go through Django (dumpdata, the storage API), so the same archive restores onto SQLite
or PostgreSQL and onto any storage. Renditions are left out: they are made again on demand.
"""

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
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


def _kept_storages():
    """(folder in the archive, storage): the uploads, and the private files no address
    serves (a nomination's documents)."""
    return [("uploads/", default_storage), ("private/", storages["private"])]


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
        for prefix, storage in _kept_storages():
            for name in _stored_files(storage):
                with storage.open(name, "rb") as file:
                    _add(archive, f"{prefix}{name}", file.read())
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
            inner = name.removeprefix("uploads/").removeprefix("private/")
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
        kept = _kept_storages()
        for member in archive.getmembers():
            found = [(p, s) for p, s in kept if member.name.startswith(p)]
            if not member.isfile() or not found:
                continue
            ((prefix, storage),) = found
            name = member.name.removeprefix(prefix)
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(archive.extractfile(member).read()))
            if saved != name:
                raise BackupProblem(f"The storage renamed {name} to {saved}.")


def read_back(path):
    """Check that the archive at `path` reads to its end and its dump parses; how many
    records and files it holds. Raises BackupProblem when it does not."""
    records = files = 0
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                content = archive.extractfile(member).read() if member.isfile() else b""
                if member.name == "data.json":
                    records = len(json.loads(content))
                elif member.name.startswith(("uploads/", "private/")):
                    files += 1
    except (OSError, tarfile.TarError, EOFError, ValueError) as error:
        raise BackupProblem(f"{path} does not read back whole: {error}") from None
    if not records:
        raise BackupProblem(f"{path} holds no records.")
    return records, files


def nightly_backup(directory, *, keep_daily, keep_weekly, now=None):
    """Write an archive, read it back, then remove the archives that the retention no longer
    keeps: the newest of each of the last `keep_daily` days and of each of the last
    `keep_weekly` weeks (ISO weeks). Returns (path, records, files, removed paths).

    An archive that does not read back is removed and nothing older goes.
    """
    path = write_backup(directory)
    try:
        records, files = read_back(path)
    except BackupProblem:
        path.unlink(missing_ok=True)
        raise
    kept = archives_to_keep(sorted(directory.glob(ARCHIVES)), keep_daily, keep_weekly)
    removed = [old for old in sorted(directory.glob(ARCHIVES)) if old not in kept]
    for old in removed:
        old.unlink()
    return path, records, files, removed


ARCHIVES = "diaspora-*.tar.gz"


def archives_to_keep(paths, keep_daily, keep_weekly):
    """Of archives named by write_backup, the newest of each of the last `keep_daily` days on
    which one was written, and of each of the last `keep_weekly` such weeks."""
    written = {}
    for path in paths:
        try:
            written[path] = datetime.datetime.strptime(path.name, "diaspora-%Y%m%d-%H%M%S.tar.gz")
        except ValueError:  # not one of ours: left alone
            continue
    newest_first = sorted(written, key=written.get, reverse=True)
    kept = set(paths) - set(written)
    for period, count in (
        (lambda when: when.date(), keep_daily),
        (lambda when: when.isocalendar()[:2], keep_weekly),
    ):
        seen = []
        for path in newest_first:
            key = period(written[path])
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                kept.add(path)
    return kept


def _stored_files(storage, folder=""):
    folders, files = storage.listdir(folder) if storage.exists(folder) else ([], [])
    for name in files:
        yield f"{folder}{name}"
    for name in folders:
        if not folder and name == RENDITIONS:
            continue
        yield from _stored_files(storage, f"{folder}{name}/")


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))
