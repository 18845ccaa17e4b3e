"""Videos hosted on YouTube or Vimeo, known by their id and embedded without tracking.

Public pages show a link to the video; a click puts the host's privacy-enhanced player in its
place (media/player.js): nothing is requested from the host before that click.
"""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{6,12}$")

HOST_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}

EMBED_URLS = {
    "youtube": "https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
    "vimeo": "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1",
}


def hosted_video(url):
    """("youtube" or "vimeo", the video's id) for a link to a video on either, else None."""
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    parts = [part for part in parsed.path.split("/") if part]
    candidate = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parts[:1] == ["watch"]:
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        elif len(parts) >= 2 and parts[0] in {"embed", "shorts", "live", "v"}:
            candidate = parts[1]
        if candidate and _YOUTUBE_ID.match(candidate):
            return "youtube", candidate
    elif host == "youtu.be" and parts and _YOUTUBE_ID.match(parts[0]):
        return "youtube", parts[0]
    elif host in {"vimeo.com", "player.vimeo.com"}:
        numbers = [part for part in parts if _VIMEO_ID.match(part)]
        if numbers:
            return "vimeo", numbers[0]
    return None
