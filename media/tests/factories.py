import factory

from media.models import Document, Photo, Video
from publishing.models import Status


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.django.ImageField(width=32, height=24, color="blue", format="JPEG")
    title_en = factory.Sequence(lambda n: f"Photo {n}")
    alt_text_en = "Participants on screen"
    status = Status.PUBLISHED


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title_en = factory.Sequence(lambda n: f"Video {n}")
    url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=video{n:06d}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title_en = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="statute.pdf", data=b"%PDF-1.4\n%%EOF\n")
