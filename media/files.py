"""Video and document uploads: recognised by their content, within their size limits, and
stored under generated names."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What a file's first bytes are for each accepted kind (ISO base media "ftyp" box for MP4,
# the EBML header for WebM, the PDF header).
_VIDEO_SIGNATURES = {
    # QuickTime files share MP4's box structure, but browsers other than Safari cannot play them.
    "mp4": lambda head: head[4:8] == b"ftyp" and head[8:12] != b"qt  ",
    "webm": lambda head: head[:4] == b"\x1a\x45\xdf\xa3",
}
# Scripts, launch actions and attached files, which a PDF reader may run or open: a public
# download must not carry them. Only what is not inside a compressed stream can be seen here;
# the visible ones are how such PDFs are usually made.
_PDF_ACTIONS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


def clean_video_upload(upload):
    """The upload, renamed, if it is an MP4 or WebM video within the size limit."""
    _check_size(upload, settings.MEDIA_MAX_VIDEO_SIZE)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for extension, matches in _VIDEO_SIGNATURES.items():
        if matches(head):
            upload.name = f"{uuid.uuid4().hex}.{extension}"
            return upload
    raise ValidationError(
        _("This is not an MP4 or WebM video. Export the video in one of them."),
        code="not_a_video",
    )


def clean_document_upload(upload):
    """The upload, renamed, if it is a PDF within the size limit with nothing that runs."""
    _check_size(upload, settings.MEDIA_MAX_DOCUMENT_SIZE)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            _("This is not a PDF document. Save or print it as PDF first."), code="not_a_pdf"
        )
    if _PDF_ACTIONS.search(data):
        raise ValidationError(
            _(
                "The PDF contains scripts, attachments or actions that run when it is opened. "
                "Print it to a new PDF first."
            ),
            code="pdf_actions",
        )
    upload.name = f"{uuid.uuid4().hex}.pdf"
    return upload


def _check_size(upload, limit):
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
