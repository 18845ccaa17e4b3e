import pytest
from django.core.exceptions import ValidationError

from media.models import Video
from media.video_hosts import hosted_video

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871?h=abc", ("vimeo", "76979871")),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://example.org/video.mp4", None),
        ("javascript:alert(1)", None),
    ],
)
def test_hosted_video_ids(url, expected):
    assert hosted_video(url) == expected


def test_video_is_stored_with_its_id_and_embedded_without_tracking():
    video = Video.objects.create(title_en="Report", url="https://youtu.be/dQw4w9WgXcQ")
    assert (video.host, video.host_id, video.embed_url) == (
        "youtube",
        "dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
    )


def test_link_elsewhere_than_youtube_or_vimeo_is_refused():
    video = Video(title_en="Report", url="https://video.example.org/watch/1")
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert error.value.message_dict == {"url": ["Give a link to a video on YouTube or Vimeo."]}
