from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from search.slugs import slug_from

from .models import Document, Photo
from .services import published_uses
from .serving import is_public, send_upload


class PhotoDetailView(DetailView):
    """A published photo at a larger size with its caption and credit: where a gallery's
    thumbnails lead when the larger view cannot open in place."""

    template_name = "media/photo_detail.html"
    context_object_name = "photo"

    def get_queryset(self):
        return Photo.objects.published()


def document_download(request, pk):
    """A document that a published record lists, sent as a download under its title's name.

    Read through the storage API, so it works with any storage; a document no published
    record uses is not public, and answers 404.
    """
    document = get_object_or_404(Document, pk=pk)
    if not published_uses([document]):
        raise Http404
    try:
        file = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    name = f"{slug_from(document.title)[:100] or 'document'}.pdf"
    return FileResponse(file, as_attachment=True, filename=name, content_type="application/pdf")


def upload(request, name):
    """A stored upload (MEDIA_URL): to anyone while something published shows it, and to
    staff; to nobody else, who are told only that there is nothing here."""
    public = is_public(name)
    if not (public or (request.user.is_active and request.user.is_staff)):
        raise Http404
    return send_upload(name, public=public)
