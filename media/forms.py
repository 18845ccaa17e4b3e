from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .files import clean_document_upload, clean_video_upload
from .images import clean_photo_upload
from .models import Document, Photo, Video, default_photo_credit


class CleanImageField(forms.FileField):
    """An image upload checked, turned upright and stripped of its metadata, like a photo's;
    for every image field staff upload to (photos, logos, medals)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", IMAGE_UPLOAD_HELP_TEXT)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/*")

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            return clean_photo_upload(upload)
        return upload


def _upload_help_text():
    return _(
        "%(formats)s, at most %(size)s and %(megapixels)d megapixels. Location and other "
        "metadata are removed."
    ) % {
        "formats": ", ".join(settings.MEDIA_IMAGE_FORMATS),
        "size": filesizeformat(settings.MEDIA_MAX_IMAGE_SIZE),
        "megapixels": settings.MEDIA_MAX_IMAGE_PIXELS // 1_000_000,
    }


# Read when a form is shown, so that a test or deployment changing the limits is followed.
IMAGE_UPLOAD_HELP_TEXT = lazy(_upload_help_text, str)()


class PhotoForm(forms.ModelForm):
    """A photo as staff upload it: checked, turned upright and stripped of its metadata."""

    image = CleanImageField(label=_("image"))

    class Meta:
        model = Photo
        fields = [
            "image",
            "title",
            "caption",
            "alt_text",
            "decorative",
            "credit",
            "date_taken",
            "status",
        ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class PhotoUploadForm(forms.Form):
    """Many photos at once, with what they share: a title, the credit, the day taken."""

    files = MultipleFileField(label=_("Photos"))
    title = forms.CharField(
        label=_("title"), max_length=180, help_text=_("Numbered for each photo: “Novruz 1”…")
    )
    credit = forms.CharField(label=_("credit"), max_length=200)
    date_taken = forms.DateField(label=_("date taken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credit"].initial = default_photo_credit()


class VideoForm(forms.ModelForm):
    class Meta:
        model = Video
        fields = ["title", "url", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("MP4 or WebM, at most %(size)s.") % {
            "size": filesizeformat(settings.MEDIA_MAX_VIDEO_SIZE)
        }
        self.fields["file"].widget.attrs["accept"] = "video/mp4,video/webm"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):
            return clean_video_upload(upload)
        return upload


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, at most %(size)s.") % {
            "size": filesizeformat(settings.MEDIA_MAX_DOCUMENT_SIZE)
        }
        self.fields["file"].widget.attrs["accept"] = "application/pdf"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):
            return clean_document_upload(upload)
        return upload
