"""Seeded, repeatable data at a chosen scale, for the benchmark.

At scale 1: 5,000 organisations, 50,000 people, 20,000 events with programmes, 10,000
conferments and 20,000 photo records sharing a few small image files; names in Azerbaijani
(Latin), Russian (Cyrillic) and English. Written as rows (`tables`, COPY on PostgreSQL): the
point is the volume, not the history of each record.
"""

import datetime
import io
import random
import zoneinfo
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from awards.models import Conferment, Medal
from events.models import Event, EventPhoto, ProgrammeItem, ProgrammeItemKind
from media import thumbnails
from media.models import Photo
from organisations.models import Membership, Organisation, OrganisationType, Person, Profession
from publishing.models import Status
from search import search_text_of
from search.slugs import SlugAllocator

from . import tables

AT_SCALE_1 = {
    "organisations": 5_000,
    "people": 50_000,
    "events": 20_000,
    "conferments": 10_000,
    "photos": 20_000,
}
PROGRAMME_ITEMS_PER_EVENT = 3
PHOTOS_PER_GALLERY = 4
IMAGE_FILES = 4

# (Azerbaijani, Russian, English) spellings.
MEN = [
    ("Rauf", "Рауф", "Rauf"),
    ("Elçin", "Эльчин", "Elchin"),
    ("Tural", "Турал", "Tural"),
    ("Əli", "Али", "Ali"),
    ("Orxan", "Орхан", "Orkhan"),
    ("Vüqar", "Вугар", "Vugar"),
    ("Kamran", "Камран", "Kamran"),
    ("Fuad", "Фуад", "Fuad"),
    ("Səbuhi", "Сабухи", "Sabuhi"),
    ("Nicat", "Нихад", "Nijat"),
]
WOMEN = [
    ("Leyla", "Лейла", "Leyla"),
    ("Aynur", "Айнур", "Aynur"),
    ("Günay", "Гюнай", "Gunay"),
    ("Nərgiz", "Наргиз", "Nargiz"),
    ("Səbinə", "Сабина", "Sabina"),
    ("Ülviyyə", "Ульвия", "Ulviyya"),
    ("Aysel", "Айсель", "Aysel"),
    ("Könül", "Кёнюль", "Konul"),
    ("Fidan", "Фидан", "Fidan"),
    ("Lalə", "Лала", "Lala"),
]
SURNAMES = [
    ("Həsənov", "Гасанов", "Hasanov"),
    ("Məmmədov", "Мамедов", "Mammadov"),
    ("Qasımov", "Касумов", "Gasimov"),
    ("Babayev", "Бабаев", "Babayev"),
    ("Əliyev", "Алиев", "Aliyev"),
    ("Hüseynov", "Гусейнов", "Huseynov"),
    ("Quliyev", "Кулиев", "Guliyev"),
    ("Rəhimov", "Рагимов", "Rahimov"),
    ("İsmayılov", "Исмаилов", "Ismayilov"),
    ("Nəsirov", "Насиров", "Nasirov"),
    ("Cəfərov", "Джафаров", "Jafarov"),
    ("Səfərov", "Сафаров", "Safarov"),
]
PLACES = [
    ("DE", "Berlin", "Europe/Berlin"),
    ("DE", "München", "Europe/Berlin"),
    ("FR", "Paris", "Europe/Paris"),
    ("FR", "Strasbourg", "Europe/Paris"),
    ("US", "New York", "America/New_York"),
    ("US", "Houston", "America/Chicago"),
    ("GB", "London", "Europe/London"),
    ("RU", "Москва", "Europe/Moscow"),
    ("RU", "Санкт-Петербург", "Europe/Moscow"),
    ("TR", "İstanbul", "Europe/Istanbul"),
    ("UA", "Kyiv", "Europe/Kyiv"),
    ("GE", "Tbilisi", "Asia/Tbilisi"),
    ("KZ", "Almaty", "Asia/Almaty"),
    ("CA", "Toronto", "America/Toronto"),
    ("NL", "Den Haag", "Europe/Amsterdam"),
    ("SE", "Stockholm", "Europe/Stockholm"),
    ("IL", "Tel Aviv", "Asia/Jerusalem"),
    ("AE", "Dubai", "Asia/Dubai"),
    ("AU", "Sydney", "Australia/Sydney"),
    ("JP", "Tokyo", "Asia/Tokyo"),
]
ORGANISATION_KINDS = [
    ("Azərbaycan Evi", "Дом Азербайджана", "Azerbaijan House"),
    (
        "Azərbaycan Mədəniyyət Mərkəzi",
        "Азербайджанский культурный центр",
        "Azerbaijani Cultural Centre",
    ),
    (
        "Azərbaycanlıların Koordinasiya Şurası",
        "Координационный совет азербайджанцев",
        "Coordination Council of Azerbaijanis",
    ),
    ("Həftəsonu məktəbi", "Школа выходного дня", "Weekend School"),
    ("Azərbaycan Gənclər Birliyi", "Союз азербайджанской молодёжи", "Azerbaijani Youth Union"),
    (
        "Azərbaycan Alimləri Assosiasiyası",
        "Ассоциация азербайджанских учёных",
        "Association of Azerbaijani Scientists",
    ),
]
NAMES = [
    ("Odlar Yurdu", "Одлар Юрду", "Odlar Yurdu"),
    ("Vətən", "Ватан", "Vatan"),
    ("Qarabağ", "Карабах", "Karabakh"),
    ("Xəzər", "Хазар", "Khazar"),
    ("Novruz", "Новруз", "Novruz"),
    ("Dan Ulduzu", "Дан Улдузу", "Dan Ulduzu"),
    ("Göygöl", "Гёйгёль", "Goygol"),
    ("Şuşa", "Шуша", "Shusha"),
    ("Ulduz", "Улдуз", "Ulduz"),
    ("Araz", "Араз", "Araz"),
]
EVENT_THEMES = [
    ("Novruz bayramı", "Праздник Новруз", "Novruz celebration"),
    ("Diaspor forumu", "Форум диаспоры", "Diaspora forum"),
    ("Muğam gecəsi", "Вечер мугама", "Mugham evening"),
    ("Elmi konfrans", "Научная конференция", "Scientific conference"),
    ("Gənclər düşərgəsi", "Молодёжный лагерь", "Youth camp"),
    ("Videokonfrans", "Видеоконференция", "Videoconference"),
]
ORGANISATION_TYPES = list(OrganisationType.values)


def counts_at(scale):
    return {name: max(1, round(count * scale)) for name, count in AT_SCALE_1.items()}


@transaction.atomic
def generate(scale, *, seed=2025, log=print):
    """Add the records of `scale` to an empty database; returns their counts."""
    if Person.objects.exists() or Organisation.objects.exists() or Event.objects.exists():
        raise ValueError("The database already holds records: generate into an empty one.")
    rng = random.Random(seed)
    counts = counts_at(scale)
    images = _image_files()
    for name in images:  # as a worker makes them after an upload
        thumbnails.make(name)
    photos = _photos(rng, counts["photos"], images)
    log(f"{len(photos):,} photos")
    organisations = _organisations(rng, counts["organisations"])
    log(f"{len(organisations):,} organisations")
    people = _people(rng, counts["people"], organisations)
    log(f"{len(people):,} people")
    events = _events(rng, counts["events"], organisations, people, photos)
    log(f"{len(events):,} events")
    conferments = _conferments(rng, counts["conferments"], people, events)
    log(f"{conferments:,} conferments")
    return counts


def _image_files():
    names = []
    for number in range(IMAGE_FILES):
        buffer = io.BytesIO()
        colour = ("#00558c", "#b3202e", "#3b7d4f", "#c9a227")[number % 4]
        Image.new("RGB", (1200, 800), colour).save(buffer, format="JPEG", quality=70)
        name = f"bench/photo-{number}.jpg"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(buffer.getvalue()))
        names.append(name)
    return names


def _photos(rng, count, images):
    return tables.write(
        Photo,
        (
            {
                "image": images[number % len(images)],
                "title": f"Photo {number}",
                "title_en": f"Photo {number}",
                "alt_text": f"Participants of event {number // PHOTOS_PER_GALLERY}",
                "alt_text_en": f"Participants of event {number // PHOTOS_PER_GALLERY}",
                "status": Status.PUBLISHED,
            }
            for number in range(count)
        ),
    )


def _with_search_text(model, row):
    values = SimpleNamespace(**{name: row.get(name, "") for name in model.search_sources})
    row["search_text"] = search_text_of(values, model.search_sources)
    return row


def _organisations(rng, count):
    slugs = SlugAllocator(Organisation)
    taken = set()

    def rows():
        for number in range(count):
            country, city, _zone = PLACES[number % len(PLACES)]
            kind = ORGANISATION_KINDS[rng.randrange(len(ORGANISATION_KINDS))]
            name = NAMES[rng.randrange(len(NAMES))]
            az, ru, en = (f"{kind[i]} «{name[i]}» {city}" for i in range(3))
            if en in taken:
                az, ru, en = (f"{value} {number}" for value in (az, ru, en))
            taken.add(en)
            row = {
                "name": en,
                "name_en": en,
                "name_az": az,
                "name_ru": ru,
                "type": ORGANISATION_TYPES[number % len(ORGANISATION_TYPES)],
                "country": country,
                "city": city,
                "status": Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT,
                "slug": slugs.allocate(en),
            }
            yield _with_search_text(Organisation, row)

    return tables.write(Organisation, rows())


def _people(rng, count, organisations):
    slugs = SlugAllocator(Person)

    def rows():
        for number in range(count):
            woman = number % 2 == 0
            first = (WOMEN if woman else MEN)[rng.randrange(10)]
            father = MEN[rng.randrange(10)]
            surname = SURNAMES[rng.randrange(len(SURNAMES))]
            ending = "a" if woman else ""
            patronymic = ("qızı", "кызы", "kizi") if woman else ("oğlu", "оглы", "oglu")
            names = [
                f"{first[i]} {father[i]} {patronymic[i]} {surname[i]}{ending}" for i in range(3)
            ]
            country, city, _zone = PLACES[rng.randrange(len(PLACES))]
            public = rng.random() < 0.6
            row = {
                "full_name": names[0],
                "full_name_cyrillic": names[1],
                "full_name_latin": names[2],
                "country": country,
                "city": city,
                "profession": Profession.values[number % len(Profession.values)],
                "public": public,
                "consent_date": datetime.date(2024, 1, 1) if public else None,
                "status": Status.PUBLISHED,
                "slug": slugs.allocate(names[2]),
            }
            yield _with_search_text(Person, row)

    people = tables.write(Person, rows())
    tables.write(
        Membership,
        ({"person_id": person, "organisation_id": rng.choice(organisations)} for person in people),
    )
    return people


def _events(rng, count, organisations, people, photos):
    """The events' ids and dates."""
    slugs = SlugAllocator(Event)
    galleries = len(photos) // PHOTOS_PER_GALLERY
    dates = []

    def rows():
        for number in range(count):
            country, city, zone = PLACES[rng.randrange(len(PLACES))]
            theme = EVENT_THEMES[number % len(EVENT_THEMES)]
            year = 2015 + number % 13
            titles = [f"{theme[i]} — {city}, {year}" for i in range(3)]
            start = datetime.datetime(
                year,
                1 + rng.randrange(12),
                1 + rng.randrange(28),
                10 + rng.randrange(9),
                tzinfo=zoneinfo.ZoneInfo(zone),
            )
            dates.append(start.date())
            row = {
                "title": titles[2],
                "title_en": titles[2],
                "title_az": titles[0],
                "title_ru": titles[1],
                "summary_en": f"{titles[2]}: compatriots of {city} met.",
                "start": start,
                "end": start + datetime.timedelta(hours=3),
                "time_zone": zone,
                "format": ("in_person", "online", "hybrid")[number % 3],
                "city": city,
                "country": country,
                "organiser_id": rng.choice(organisations),
                "participants_count": rng.randrange(20, 2000),
                "status": Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT,
                "slug": slugs.allocate(titles[2]),
                "cover_photo_id": photos[number * PHOTOS_PER_GALLERY]
                if number < galleries
                else None,
            }
            yield _with_search_text(Event, row)

    events = tables.write(Event, rows())
    kinds = ProgrammeItemKind.values
    tables.write(
        ProgrammeItem,
        (
            {
                "event_id": event,
                "position": position,
                "kind": kinds[(event + position) % len(kinds)],
                "title": f"Programme item {position + 1}",
                "title_en": f"Programme item {position + 1}",
                "person_id": rng.choice(people) if position == 1 else None,
            }
            for event in events
            for position in range(PROGRAMME_ITEMS_PER_EVENT)
        ),
    )
    tables.write(
        EventPhoto,
        (
            {
                "event_id": events[index // PHOTOS_PER_GALLERY],
                "photo_id": photo,
                "position": index % PHOTOS_PER_GALLERY,
            }
            for index, photo in enumerate(photos[: galleries * PHOTOS_PER_GALLERY])
        ),
    )
    return list(zip(events, dates, strict=True))


def _conferments(rng, count, people, events):
    slugs = SlugAllocator(Medal)
    medals = Medal.objects.bulk_create(
        Medal(
            name=name,
            name_en=name,
            status=Status.PUBLISHED,
            slug=slugs.allocate(name),
        )
        for name in (
            "For Merits in Diaspora Activity",
            "Order of Friendship",
            "Taraggi Medal",
            "Honorary Diploma",
        )
    )
    seen = set()
    rows = []
    while len(rows) < count:
        medal = rng.choice(medals).pk
        person = rng.choice(people)
        event, date = rng.choice(events)
        if (medal, person, date) in seen:
            continue
        seen.add((medal, person, date))
        rows.append(
            {
                "medal_id": medal,
                "person_id": person,
                "event_id": event,
                "date": date,
                "status": Status.PUBLISHED,
            }
        )
    tables.write(Conferment, rows)
    return len(rows)
