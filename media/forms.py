from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .images import clean_photo_upload
from .models import Photo


class PhotoForm(forms.ModelForm):
    """A photo as staff upload it: checked, turned upright and stripped of its metadata."""

    # A plain file field: clean_photo_upload checks the content itself, with clearer
    # messages than Django's image field, and before anything is decoded.
    image = forms.FileField(label=_("image"))

    class Meta:
        model = Photo
        fields = ["image", "title", "caption", "alt_text", "credit", "date_taken"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _(
            "%(formats)s, at most %(size)s and %(megapixels)d megapixels. Location and other "
            "metadata are removed."
        ) % {
            "formats": ", ".join(settings.MEDIA_IMAGE_FORMATS),
            "size": filesizeformat(settings.MEDIA_MAX_IMAGE_SIZE),
            "megapixels": settings.MEDIA_MAX_IMAGE_PIXELS // 1_000_000,
        }

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if isinstance(upload, UploadedFile):
            return clean_photo_upload(upload)
        return upload


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
        self.fields["credit"].initial = settings.DIASPORA_DEFAULT_PHOTO_CREDIT
