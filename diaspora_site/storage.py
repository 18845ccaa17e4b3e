"""Uploads kept on this machine's disk, each file whole or not at all."""

import errno
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs
from django.utils.translation import gettext as _


class NotStored(OSError):
    """A file the disk did not take, with what to tell staff as its text: the forms that
    store files show any OSError's text, and this one's is readable."""

    def __str__(self):
        return self.strerror


def _not_stored(error):
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        text = _(
            "The file was not stored: the disk that keeps the uploads is full. Nothing of it "
            "was kept. Tell whoever runs the site."
        )
    else:
        text = _(
            "The file was not stored: the disk that keeps the uploads failed (%(reason)s). "
            "Nothing of it was kept. Tell whoever runs the site."
        ) % {"reason": error.strerror or error}
    return NotStored(error.errno, text)


class WholeFileStorage(FileSystemStorage):
    """Django's FileSystemStorage, except that a file appears under its name only once all of
    it is written.

    Django's writes the file in place as it goes, so a disk that fills halfway leaves half a
    photo under the name a record points to. Here the content goes to a hidden file beside
    it, written to the end and flushed to the disk, which then takes the file's name with one
    link(): whoever reads the name finds the whole file or none. Whatever fails on the way
    (a full disk, a quota, an error of the device) removes the hidden file and raises
    NotStored, whose text says so to staff.
    """

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        partial = os.path.join(directory, f".partial-{secrets.token_hex(8)}")
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
            # Created as Django creates files: 0o666 less the process's umask, unless the
            # storage says otherwise.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise _not_stored(error) from error
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            while True:
                try:
                    os.link(partial, full_path)
                    break
                except FileExistsError:
                    # Taken meanwhile by another upload of the same name.
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        except OSError as error:
            raise _not_stored(error) from error
        finally:
            os.remove(partial)
        return str(name).replace("\\", "/")


class PrivateStorage(WholeFileStorage):
    """Files that no address serves: read only through a view that checks who asks (a
    nomination's supporting documents). Kept outside the uploads folder the front server
    publishes; asking one for its address is a mistake, and fails."""

    # Where they are is read from PRIVATE_ROOT each time (Django reads MEDIA_ROOT so for the
    # default storage), so that a field's storage, made once, follows the setting.
    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no public address; serve it through its view.")
