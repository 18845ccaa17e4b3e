"""make backup, then make restore into an empty database: every record and file comes back."""

import datetime
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import CommandError, call_command
from django.utils import timezone

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
    # A private file (a nomination's letter), which no address serves, is kept too.
    private = storages["private"]
    letter = private.save("nominations/1/letter.pdf", ContentFile(b"%PDF-1.4 letter"))
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
    private.delete(letter)
    assert stored() == {}

    call_command("restore", archive, stdout=io.StringIO())
    assert everything() == records
    assert stored() == files
    assert private.open(letter).read() == b"%PDF-1.4 letter"


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


def test_the_nightly_backup_is_read_back_and_old_ones_thinned(tmp_path, uploads_in_tmp_path):
    EventFactory()
    now = timezone.now()
    for days in range(1, 61):
        (tmp_path / f"diaspora-{now - datetime.timedelta(days=days):%Y%m%d-%H%M%S}.tar.gz").touch()
    (tmp_path / "notes.txt").write_text("not an archive: left alone")
    output = io.StringIO()
    call_command("backup", "--nightly", "--to", str(tmp_path), stdout=output)
    assert "read back whole" in output.getvalue()
    assert output.getvalue().count("Removed diaspora-") == 61 - len(list(tmp_path.iterdir())) + 1
    kept = sorted(path.name for path in tmp_path.glob("diaspora-*"))
    # Tonight's and the six nights before it, and up to three weeks more, one each.
    assert 7 + 3 - 1 <= len(kept) <= 7 + 3
    assert (tmp_path / "notes.txt").exists()
    with tarfile.open(tmp_path / kept[-1]) as archive:
        records = json.loads(archive.extractfile("data.json").read())
    assert any(item["model"] == "events.event" for item in records)


def test_one_backup_a_day_and_one_a_week_are_kept():
    from backups.services import archives_to_keep

    # Thursday 3 December 2026 back to 4 October, twice on the 10th, 20th and 30th day.
    now = datetime.datetime(2026, 12, 3, 3, 30)
    written = [
        now - datetime.timedelta(days=days, hours=hours)
        for days in range(0, 61)
        for hours in ((0, 5) if days % 10 == 0 and days else (0,))
    ]
    paths = [Path(f"diaspora-{when:%Y%m%d-%H%M%S}.tar.gz") for when in written]
    kept = sorted(path.name for path in archives_to_keep(paths + [Path("notes.txt")], 7, 4))
    assert kept == [
        "diaspora-20261115-033000.tar.gz",  # the newest of the week of 9 November
        "diaspora-20261122-223000.tar.gz",  # ... of 16 November (two that day: the later)
        "diaspora-20261127-033000.tar.gz",  # seven days, the 29th the newest of its week
        "diaspora-20261128-033000.tar.gz",
        "diaspora-20261129-033000.tar.gz",
        "diaspora-20261130-033000.tar.gz",
        "diaspora-20261201-033000.tar.gz",
        "diaspora-20261202-033000.tar.gz",
        "diaspora-20261203-033000.tar.gz",
        "notes.txt",
    ]
    # Of two on one day, the later.
    twice = [Path("diaspora-20261123-033000.tar.gz"), Path("diaspora-20261122-223000.tar.gz")]
    assert archives_to_keep(twice, 1, 0) == {twice[0]}
    assert archives_to_keep(twice[1:] + [Path("diaspora-20261122-033000.tar.gz")], 1, 1) == {
        twice[1]
    }


def test_an_archive_that_does_not_read_back_is_refused(tmp_path):
    from backups.services import BackupProblem, read_back

    cut = tmp_path / "diaspora-20261203-033000.tar.gz"
    with tarfile.open(cut, "w:gz") as archive:
        content = json.dumps([{"model": "events.event"}] * 1000).encode()
        info = tarfile.TarInfo("data.json")
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    cut.write_bytes(cut.read_bytes()[:-200])
    with pytest.raises(BackupProblem, match="does not read back whole"):
        read_back(cut)
