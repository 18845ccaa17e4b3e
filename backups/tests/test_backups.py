"""make backup, then make restore into an empty database: every record and file comes back."""

import datetime
import io
import json
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from backups.services import LEFT_OUT
from events.models import Event, EventPhoto
from events.tests.factories import EventFactory
from media.tests.factories import DocumentFactory, PhotoFactory
from organisations.tests.factories import PublicPersonFactory

# The round trip empties the database in between, as a restore onto a new server would.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def everything():
    output = io.StringIO()
    call_command(
        "dumpdata", natural_foreign=True, natural_primary=True, exclude=LEFT_OUT, stdout=output
    )
    return sorted(json.dumps(item, sort_keys=True) for item in json.loads(output.getvalue()))


def stored(folder=""):
    if not default_storage.exists(folder):
        return {}
    folders, files = default_storage.listdir(folder)
    found = {f"{folder}{name}": default_storage.open(f"{folder}{name}").read() for name in files}
    for name in folders:
        if name != "renditions":
            found |= stored(f"{folder}{name}/")
    return found


def test_a_backup_restores_every_record_and_file(tmp_path, uploads_in_tmp_path):
    event = EventFactory(status="published", title_en="Novruz in Berlin")
    EventPhoto.objects.create(event=event, photo=PhotoFactory())
    event.documents.add(DocumentFactory())
    PublicPersonFactory(full_name="Leyla Həsənova", email="leyla@example.org")
    records, files = everything(), stored()
    assert len(files) == 2

    output = io.StringIO()
    call_command("backup", to=str(tmp_path), stdout=output)
    archive = output.getvalue().strip()
    assert archive.startswith(str(tmp_path / "diaspora-"))

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)  # the groups and the content number, as on a new server
    for name in files:
        default_storage.delete(name)
    assert stored() == {}

    call_command("restore", archive, stdout=io.StringIO())
    assert everything() == records
    assert stored() == files


def test_times_come_back_to_the_microsecond(tmp_path):
    event = EventFactory(status="published")
    # A time Django's own JSON would write as ".000", and read back as a whole second.
    exact = datetime.datetime(2025, 3, 20, 10, 15, 30, 412, tzinfo=datetime.UTC)
    Event.objects.filter(pk=event.pk).update(created=exact, updated=exact)
    output = io.StringIO()
    call_command("backup", to=str(tmp_path), stdout=output)
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("restore", output.getvalue().strip(), stdout=io.StringIO())
    restored = Event.objects.get(pk=event.pk)
    assert (restored.created, restored.updated) == (exact, exact)


def test_restoring_into_a_database_with_records_is_refused(tmp_path):
    output = io.StringIO()
    call_command("backup", to=str(tmp_path), stdout=output)
    EventFactory()
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", output.getvalue().strip(), stdout=io.StringIO())


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", str(junk), stdout=io.StringIO())
    escaping = tmp_path / "escaping.tar.gz"
    with tarfile.open(escaping, "w:gz") as archive:
        for name, content in (("data.json", b"[]"), ("uploads/../../etc/cron", b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    with pytest.raises(CommandError, match="outside the uploads"):
        call_command("restore", str(escaping), stdout=io.StringIO())
