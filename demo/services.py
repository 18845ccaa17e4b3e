"""Demo records: the yearly videoconference of the seed report and the world around it.

Every person here is invented. Records are only created when missing (looked up by slug or
another natural key), so a second run changes nothing and staff edits to demo records survive.
"""

import datetime
import io
import secrets
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from awards.models import Conferment, Medal
from events.models import Event, EventPhoto, PressReport, ProgrammeItem
from imports.importing import import_file
from media.models import Photo
from nominations.models import Criterion, Decree, Nomination, Round, StateChange
from nominations.models import State as NominationState
from organisations.models import Membership, Organisation, Person
from publishing.models import Status
from registrations.models import Attendance, Question, Registration, RegistrationSettings
from registrations.models import Status as RegistrationStatus
from registrations.services import current_consent
from scopes.models import StaffScope
from scopes.roles import COMMISSIONER, COORDINATOR, SECRETARIAT

BAKU = zoneinfo.ZoneInfo("Asia/Baku")

# slug: (English, Azerbaijani, Russian), type, country, city, parent slug, founded
ORGANISATIONS = {
    "coordination-council-germany": (
        (
            "Coordination Council of Azerbaijanis of Germany",
            "Almaniya Azərbaycanlılarının Koordinasiya Şurası",
            "Координационный совет азербайджанцев Германии",
        ),
        "coordination_council",
        "DE",
        "Berlin",
        None,
        datetime.date(2006, 5, 12),
    ),
    "azerbaijan-house-berlin": (
        ("Azerbaijan House in Berlin", "Berlində Azərbaycan Evi", "Дом Азербайджана в Берлине"),
        "azerbaijan_house",
        "DE",
        "Berlin",
        "coordination-council-germany",
        datetime.date(2019, 9, 3),
    ),
    "odlar-yurdu-weekend-school-cologne": (
        (
            "Odlar Yurdu Weekend School, Cologne",
            "Odlar Yurdu həftəsonu məktəbi, Köln",
            "Школа выходного дня «Одлар Юрду», Кёльн",
        ),
        "weekend_school",
        "DE",
        "Cologne",
        "coordination-council-germany",
        datetime.date(2012, 10, 1),
    ),
    "coordination-council-france": (
        (
            "Coordination Council of Azerbaijanis of France",
            "Fransa Azərbaycanlılarının Koordinasiya Şurası",
            "Координационный совет азербайджанцев Франции",
        ),
        "coordination_council",
        "FR",
        "Paris",
        None,
        datetime.date(2008, 2, 20),
    ),
    "azerbaijani-students-union-strasbourg": (
        (
            "Union of Azerbaijani Students in Strasbourg",
            "Strasburqda Azərbaycanlı Tələbələr İttifaqı",
            "Союз азербайджанских студентов в Страсбурге",
        ),
        "student_union",
        "FR",
        "Strasbourg",
        "coordination-council-france",
        datetime.date(2015, 11, 17),
    ),
    "azerbaijani-cultural-centre-lyon": (
        (
            "Azerbaijani Cultural Centre in Lyon",
            "Lionda Azərbaycan Mədəniyyət Mərkəzi",
            "Азербайджанский культурный центр в Лионе",
        ),
        "cultural_centre",
        "FR",
        "Lyon",
        "coordination-council-france",
        None,
    ),
    "coordination-council-usa": (
        (
            "Coordination Council of Azerbaijanis of the United States",
            "ABŞ Azərbaycanlılarının Koordinasiya Şurası",
            "Координационный совет азербайджанцев США",
        ),
        "coordination_council",
        "US",
        "Washington",
        None,
        datetime.date(2010, 4, 8),
    ),
    "azerbaijani-community-houston": (
        (
            "Azerbaijani Community of Houston",
            "Hyustonun Azərbaycanlı İcması",
            "Азербайджанская община Хьюстона",
        ),
        "community",
        "US",
        "Houston",
        "coordination-council-usa",
        datetime.date(2001, 3, 21),
    ),
    "azerbaijan-house-london": (
        ("Azerbaijan House in London", "Londonda Azərbaycan Evi", "Дом Азербайджана в Лондоне"),
        "azerbaijan_house",
        "GB",
        "London",
        None,
        datetime.date(2021, 6, 15),
    ),
    "vatan-weekend-school-almaty": (
        (
            "Vatan Weekend School, Almaty",
            "Vətən həftəsonu məktəbi, Almatı",
            "Школа выходного дня «Ветен», Алматы",
        ),
        "weekend_school",
        "KZ",
        "Almaty",
        None,
        datetime.date(2014, 9, 1),
    ),
    "diaspora-voice-media-toronto": (
        ("Diaspora Voice, Toronto", "Diaspor Səsi, Toronto", "«Голос диаспоры», Торонто"),
        "media",
        "CA",
        "Toronto",
        None,
        datetime.date(2018, 1, 10),
    ),
    "azerbaijani-friends-society-tbilisi": (
        (
            "Society of Friends of Azerbaijan, Tbilisi",
            "Azərbaycan Dostları Cəmiyyəti, Tbilisi",
            "Общество друзей Азербайджана, Тбилиси",
        ),
        "other",
        "GE",
        "Tbilisi",
        None,
        datetime.date(2011, 12, 31),
    ),
}

# slug: (Azerbaijani spelling, Latin, Cyrillic), profession, country, city, position,
# consent date (None: private), organisation slug and role
PEOPLE = {
    "leyla-hasanova": (
        ("Leyla Həsənova", "Leyla Hasanova", "Лейла Гасанова"),
        "scientist",
        "DE",
        "Berlin",
        "Research fellow in materials science",
        datetime.date(2024, 11, 2),
        ("azerbaijan-house-berlin", "Board member"),
    ),
    "rauf-mammadov": (
        ("Rauf Məmmədov", "Rauf Mammadov", "Рауф Мамедов"),
        "professor",
        "US",
        "Houston",
        "Professor of petroleum engineering",
        datetime.date(2024, 12, 5),
        ("azerbaijani-community-houston", "Chair"),
    ),
    "elchin-gasimov": (
        ("Elçin Qasımov", "Elchin Gasimov", "Эльчин Касымов"),
        "musician",
        "FR",
        "Paris",
        "Tar player",
        datetime.date(2025, 1, 10),
        ("azerbaijani-cultural-centre-lyon", "Artistic director"),
    ),
    "aynur-guliyeva": (
        ("Aynur Quliyeva", "Aynur Guliyeva", "Айнур Кулиева"),
        "cultural_figure",
        "GB",
        "London",
        "Curator of exhibitions",
        None,
        ("azerbaijan-house-london", "Programme coordinator"),
    ),
    "tural-babayev": (
        ("Tural Babayev", "Tural Babayev", "Турал Бабаев"),
        "public_figure",
        "CA",
        "Toronto",
        "Editor-in-chief",
        datetime.date(2024, 10, 1),
        ("diaspora-voice-media-toronto", "Founder"),
    ),
    "sabina-rzayeva": (
        ("Səbinə Rzayeva", "Sabina Rzayeva", "Сабина Рзаева"),
        "artist",
        "GE",
        "Tbilisi",
        "Painter",
        None,
        ("azerbaijani-friends-society-tbilisi", "Member"),
    ),
    "orkhan-huseynov": (
        ("Orxan Hüseynov", "Orkhan Huseynov", "Орхан Гусейнов"),
        "other",
        "FR",
        "Strasbourg",
        "Doctoral student in law",
        datetime.date(2025, 2, 14),
        ("azerbaijani-students-union-strasbourg", "President"),
    ),
    "gunel-ismayilova": (
        ("Günel İsmayılova", "Gunel Ismayilova", "Гюнель Исмаилова"),
        "professor",
        "KZ",
        "Almaty",
        "Teacher of Azerbaijani language and literature",
        None,
        ("vatan-weekend-school-almaty", "Head teacher"),
    ),
    "kamran-nabiyev": (
        ("Kamran Nəbiyev", "Kamran Nabiyev", "Камран Набиев"),
        "scientist",
        "US",
        "Washington",
        "Senior researcher in public health",
        datetime.date(2024, 9, 20),
        ("coordination-council-usa", "Board member"),
    ),
    "fidan-ahmadova": (
        ("Fidan Əhmədova", "Fidan Ahmadova", "Фидан Ахмедова"),
        "musician",
        "DE",
        "Cologne",
        "Pianist and music teacher",
        None,
        ("odlar-yurdu-weekend-school-cologne", "Music teacher"),
    ),
}

MEDAL_RECIPIENTS = [
    "leyla-hasanova",
    "rauf-mammadov",
    "elchin-gasimov",
    "tural-babayev",
    "gunel-ismayilova",
]

VIDEOCONFERENCE_PROGRAMME = [
    # kind, (English, Azerbaijani, Russian) title, speaker's role, person slug, organisation
    (
        "speech",
        ("Opening speech", "Açılış nitqi", "Вступительная речь"),
        (
            "Chairman of the State Committee",
            "Dövlət Komitəsinin sədri",
            "Председатель Государственного комитета",
        ),
        None,
        None,
    ),
    (
        "video_report",
        (
            "Video report on the year's work of the State Committee and the Diaspora",
            "Dövlət Komitəsinin və Diasporun illik fəaliyyətinə dair videoçarx",
            "Видеоотчёт о годовой деятельности Государственного комитета и диаспоры",
        ),
        None,
        None,
        None,
    ),
    (
        "discussion",
        (
            "Exchange of views on the year's results",
            "İlin yekunları ətrafında fikir mübadiləsi",
            "Обмен мнениями об итогах года",
        ),
        None,
        None,
        None,
    ),
    (
        "performance",
        (
            "Performances by Azerbaijani musicians living abroad",
            "Xaricdə yaşayan azərbaycanlı musiqiçilərin çıxışları",
            "Выступления азербайджанских музыкантов, живущих за рубежом",
        ),
        None,
        "elchin-gasimov",
        None,
    ),
    (
        "video",
        (
            "Videos prepared by Diaspora representatives",
            "Diaspor nümayəndələrinin hazırladığı videoçarxlar",
            "Видеоролики, подготовленные представителями диаспоры",
        ),
        None,
        None,
        None,
    ),
    (
        "performance",
        (
            "Performances by collectives of Azerbaijan Houses and weekend schools",
            "Azərbaycan Evləri və həftəsonu məktəblərinin kollektivlərinin çıxışları",
            "Выступления коллективов Домов Азербайджана и школ выходного дня",
        ),
        None,
        None,
        "azerbaijan-house-berlin",
    ),
    (
        "award_ceremony",
        (
            "Award of the medal “For Merits in Diaspora Activity”",
            "“Diaspora fəaliyyətində xidmətə görə” medalının təqdimi",
            "Вручение медали «За заслуги в диаспорной деятельности»",
        ),
        None,
        None,
        None,
    ),
    (
        "questions",
        (
            "Answers to questions from Diaspora representatives",
            "Diaspor nümayəndələrinin suallarının cavablandırılması",
            "Ответы на вопросы представителей диаспоры",
        ),
        None,
        None,
        None,
    ),
]

# slug: (English, Azerbaijani, Russian) title, start (local), hours, time zone, format,
# country, city, venue, organiser slug, status
OTHER_EVENTS = {
    "novruz-at-the-azerbaijan-house-in-berlin-2025": (
        (
            "Novruz at the Azerbaijan House in Berlin",
            "Berlində Azərbaycan Evində Novruz",
            "Новруз в Доме Азербайджана в Берлине",
        ),
        datetime.datetime(2025, 3, 20, 17, 0),
        3,
        "Europe/Berlin",
        "in_person",
        "DE",
        "Berlin",
        "Azerbaijan House",
        "azerbaijan-house-berlin",
        Status.PUBLISHED,
    ),
    "weekend-school-teachers-seminar-2025": (
        (
            "Seminar for teachers of weekend schools",
            "Həftəsonu məktəblərinin müəllimləri üçün seminar",
            "Семинар для учителей школ выходного дня",
        ),
        datetime.datetime(2025, 6, 14, 10, 0),
        6,
        "Europe/Paris",
        "hybrid",
        "FR",
        "Paris",
        "Maison de l'Europe",
        "coordination-council-france",
        Status.PUBLISHED,
    ),
    "diaspora-youth-summer-camp-2027": (
        (
            "Diaspora youth summer camp",
            "Diaspor gənclərinin yay düşərgəsi",
            "Летний лагерь молодёжи диаспоры",
        ),
        datetime.datetime(2027, 7, 5, 9, 0),
        8,
        "Asia/Baku",
        "in_person",
        "AZ",
        "Gabala",
        "Youth camp",
        None,
        Status.PUBLISHED,
    ),
    "videoconference-outcomes-2026": (
        (
            "Videoconference on the outcomes of 2026",
            "2026-cı ilin yekunlarına həsr olunmuş videokonfrans",
            "Видеоконференция, посвящённая итогам 2026 года",
        ),
        datetime.datetime(2027, 1, 23, 15, 0),
        3,
        "Asia/Baku",
        "online",
        "",
        "",
        "",
        None,
        Status.DRAFT,
    ),
}

VIDEOCONFERENCE_SLUG = "videoconference-outcomes-2024"


def load_demo():
    """Create whatever demo records are missing; returns how many records were created."""
    created = _load_records()
    # Through the spreadsheet engine, as staff import it, each batch its own transaction.
    created += _import_attendance()
    return created


@transaction.atomic
def _load_records():
    created = _Counter()
    organisations = _load_organisations(created)
    people = _load_people(created, organisations)
    videoconference = _load_videoconference(created, organisations, people)
    _load_other_events(created, organisations)
    _load_medal(created, people, videoconference)
    _load_registration(created)
    _load_registrations_online(created, videoconference)
    _load_nominations(created, people)
    return created.total


# The 2024 videoconference's registrants, whom its Zoom report (demo/reports) names: by
# address, or (Elçin) by his name in Cyrillic; Tural did not come, Leyla was excused. The
# videoconference of 2026 takes registrations: eight places, all taken, two waiting.
REGISTRANTS = [
    ("Aysel Hüseynova", "aysel.huseynova@example.de", "DE", "az", "everyone"),
    ("Elçin Həsənov", "elchin.hasanov@example.ru", "RU", "ru", "participants"),
    ("Murad Əliyev", "murad.aliyev@example.com", "US", "en", "everyone"),
    ("Kamala Rzayeva", "kamala.rzayeva@example.co.uk", "GB", "en", "nobody"),
    ("Ceyhun Məmmədov", "ceyhun.mammadov@example.com.tr", "TR", "az", "everyone"),
    ("Nərmin Qasımova", "narmin.gasimova@example.fr", "FR", "az", "participants"),
    ("Orxan Abdullayev", "orkhan.abdullayev@example.ge", "GE", "az", "nobody"),
    ("Sevinc Babayeva", "sevinj.babayeva@example.kz", "KZ", "ru", "everyone"),
    ("Tural İsmayılov", "tural.ismayilov@example.ua", "UA", "ru", "nobody"),
    ("Leyla Kərimova", "leyla.karimova@example.com", "US", "en", "participants"),
]
ATTENDANCE_REPORT = Path(__file__).parent / "reports/zoom-participants-videoconference-2024.csv"
NEXT_VIDEOCONFERENCE_SLUG = "videoconference-outcomes-2026"


def _load_registrations_online(created, videoconference):
    past, was_created = RegistrationSettings.objects.get_or_create(
        event=videoconference,
        defaults={"is_open": False, "mode": "online", "public_list": True},
    )
    created.add(was_created)
    for registrant in REGISTRANTS:
        excused = registrant[1].startswith("leyla")
        created.add(
            _registered(
                videoconference,
                registrant,
                videoconference.start - datetime.timedelta(days=10),
                attendance=Attendance.EXCUSED if excused else "",
            )
        )
    upcoming = Event.objects.get(slug=NEXT_VIDEOCONFERENCE_SLUG)
    _desk, was_created = RegistrationSettings.objects.get_or_create(
        event=upcoming,
        defaults={
            "is_open": True,
            "mode": "online",
            "capacity": 8,
            "waiting_list": True,
            "join_link": "https://zoom.example/j/84520270123?pwd=demo",
        },
    )
    created.add(was_created)
    for position, registrant in enumerate(REGISTRANTS):
        created.add(
            _registered(
                upcoming,
                registrant,
                upcoming.start - datetime.timedelta(days=20 - position),
                waiting=position >= 8,
            )
        )


def _registered(event, registrant, moment, *, waiting=False, **extra):
    """Whether `registrant` (a row of REGISTRANTS) was registered for `event` now, at
    `moment`: confirmed, or on the waiting list."""
    name, email, country, language, visibility = registrant
    _registration, was_created = Registration.objects.get_or_create(
        event=event,
        email=email,
        defaults={
            "status": RegistrationStatus.WAITING if waiting else RegistrationStatus.CONFIRMED,
            "name": name,
            "country": country,
            "language": language,
            "visibility": visibility,
            "consent": current_consent(),
            "consented_at": moment,
            "confirmed_at": None if waiting else moment,
            "email_confirmed_at": moment,
            **extra,
        },
    )
    return was_created


# The 2026 round of the medal: a nomination in every state, each with the steps that took it
# there, proposed by the demo's coordinator for Germany.
NOMINATION_PATHS = [
    ("leyla-hasanova", []),
    ("rauf-mammadov", ["submitted"]),
    ("elchin-gasimov", ["submitted", "screening"]),
    (
        "aynur-guliyeva",
        ["submitted", "screening", ("more_info", "The council's letter of support is missing.")],
    ),
    ("tural-babayev", ["submitted", "screening", "commission"]),
    (
        "sabina-rzayeva",
        ["submitted", "screening", "commission", ("recommended", "Twenty years of service.")],
    ),
    (
        "orkhan-huseynov",
        ["submitted", "screening", "commission", ("declined", "Proposed again next year.")],
    ),
    (
        "fidan-ahmadova",
        ["submitted", "screening", "commission", ("recommended", "The school she founded."),
         ("conferred", "Decree 2026/17")],
    ),
    ("kamran-nabiyev", ["submitted", ("withdrawn", "Proposed by the council instead.")]),
]  # fmt: skip


def _load_nominations(created, people):
    if Round.objects.filter(name="The 2026 round").exists():
        created.add(False)
        return
    users = get_user_model().objects
    proposer, _made = users.get_or_create(
        username=COORDINATOR_USERNAME, defaults={"is_staff": True}
    )
    proposer.groups.add(Group.objects.get(name=COORDINATOR))
    scope, _made = StaffScope.objects.get_or_create(user=proposer)
    if not scope.countries:
        scope.countries = ["DE"]
        scope.save()
    secretariat, _made = users.get_or_create(username="secretariat", defaults={"is_staff": True})
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    StaffScope.objects.get_or_create(user=secretariat, defaults={"everywhere": True})
    chair, _made = users.get_or_create(username="commission-chair", defaults={"is_staff": True})
    chair.groups.add(Group.objects.get(name=COMMISSIONER))
    medal = Medal.objects.get(slug="for-merits-in-diaspora-activity")
    round_ = Round.objects.create(
        medal=medal,
        name="The 2026 round",
        opens_at=datetime.datetime(2026, 9, 1, tzinfo=BAKU),
        closes_at=datetime.datetime(2027, 3, 1, tzinfo=BAKU),
        questions="What has the nominee done for the community?\nWho supports the nomination?",
        chair=chair,
    )
    Criterion.objects.create(round=round_, position=1, name="Service to the community", weight=2)
    Criterion.objects.create(round=round_, position=2, name="Reach beyond the community")
    created.add(True)
    moment = datetime.datetime(2026, 9, 15, 10, 0, tzinfo=BAKU)
    by_state = {
        "submitted": proposer, "screening": secretariat, "more_info": secretariat,
        "commission": secretariat, "recommended": chair, "declined": chair,
        "conferred": secretariat, "withdrawn": proposer,
    }  # fmt: skip
    for slug, path in NOMINATION_PATHS:
        person = people.get(slug)
        if person is None:
            continue
        nomination = Nomination.objects.create(
            round=round_,
            person=person,
            country="DE",
            citation=f"<p>{person.full_name}: years of work for the community in Germany.</p>",
            proposed_by=proposer,
            created=moment,
            answers={}
            if not path
            else {
                question: f"{person.full_name}: {answer}"
                for question, answer in zip(
                    round_.question_list(),
                    ("twenty years for the weekend school in Berlin.", "the council in Germany."),
                    strict=True,
                )
            },
        )
        source = NominationState.DRAFT
        for step in path:
            target, reason = step if isinstance(step, tuple) else (step, "")
            moment += datetime.timedelta(days=3)
            StateChange.objects.create(
                nomination=nomination,
                source=source,
                target=target,
                by=by_state[target],
                at=moment,
                reason=reason,
            )
            source = target
        Nomination.objects.filter(pk=nomination.pk).update(
            state=source,
            submitted_at=moment if path else None,
            decided_at=moment
            if source in (NominationState.RECOMMENDED, NominationState.DECLINED)
            else None,
        )
        if source == NominationState.CONFERRED:
            decree = Decree.objects.create(
                round=round_, number="2026/17", date=moment.date(), prepared_by=chair,
                recorded_by=secretariat, recorded_at=moment,
            )  # fmt: skip
            decree.nominations.add(nomination)
            Conferment.objects.create(
                medal=medal,
                person=person,
                date=moment.date(),
                decree_number=decree.number,
                citation=f"{person.full_name}: years of work for the community in Germany.",
                status=Status.PUBLISHED,
            )
        created.add(True)


def _import_attendance():
    """The 2024 videoconference's Zoom report, imported as staff would (once)."""
    videoconference = Event.objects.get(slug=VIDEOCONFERENCE_SLUG)
    if (
        videoconference.registrations.exclude(attendance="")
        .exclude(attendance=Attendance.EXCUSED)
        .exists()
    ):
        return 0
    with open(ATTENDANCE_REPORT, "rb") as report:
        result = import_file(
            dataset_name="attendance",
            uploaded=report,
            file_name=ATTENDANCE_REPORT.name,
            options={"event": videoconference.pk},
        )
    if not result.ok:
        raise RuntimeError(f"The demo's attendance report did not import: {result.errors}")
    return result.counts["new"]


def _load_registration(created):
    """The summer camp to come takes registrations: 120 places, a waiting list, a question."""
    camp = Event.objects.get(slug="diaspora-youth-summer-camp-2027")
    desk, was_created = RegistrationSettings.objects.get_or_create(
        event=camp,
        defaults={"is_open": True, "mode": "in_person", "capacity": 120, "waiting_list": True},
    )
    created.add(was_created)
    if was_created:
        Question.objects.create(
            settings=desk,
            kind="yes_no",
            required=True,
            **_translations(
                "label",
                (
                    "Do you need a place in the camp's dormitory?",
                    "Düşərgənin yataqxanasında yerə ehtiyacınız var?",
                    "Нужно ли вам место в общежитии лагеря?",
                ),
            ),
        )


class _Counter:
    def __init__(self):
        self.total = 0

    def add(self, was_created):
        self.total += int(was_created)


def _translations(field, values):
    languages = ("en", "az", "ru")
    return {f"{field}_{lang}": value for lang, value in zip(languages, values, strict=True)}


def _load_organisations(created):
    organisations = {}
    for slug, (names, type_, country, city, parent, founded) in ORGANISATIONS.items():
        organisation, was_created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                **_translations("name", names),
                "type": type_,
                "country": country,
                "city": city,
                "parent": organisations.get(parent),
                "founded": founded,
                "status": Status.PUBLISHED,
                "description_en": f"{names[0]} brings together Azerbaijanis in {city}.",
            },
        )
        created.add(was_created)
        organisations[slug] = organisation
    return organisations


def _load_people(created, organisations):
    people = {}
    for slug, (names, profession, country, city, position, consent, membership) in PEOPLE.items():
        person, was_created = Person.objects.get_or_create(
            slug=slug,
            defaults={
                "full_name": names[0],
                "full_name_latin": names[1],
                "full_name_cyrillic": names[2],
                "profession": profession,
                "country": country,
                "city": city,
                "position": position,
                "public": consent is not None,
                "consent_date": consent,
                "status": Status.PUBLISHED,
                "biography_en": f"{names[1]} lives in {city}. {position}.",
                "email": f"{slug}@example.org",
            },
        )
        created.add(was_created)
        organisation_slug, role = membership
        _membership, was_created = Membership.objects.get_or_create(
            person=person,
            organisation=organisations[organisation_slug],
            defaults={"role": role, "start_year": 2015},
        )
        created.add(was_created)
        people[slug] = person
    return people


def _load_videoconference(created, organisations, people):
    start = datetime.datetime(2025, 1, 24, 15, 0, tzinfo=BAKU)
    event, was_created = Event.objects.get_or_create(
        slug=VIDEOCONFERENCE_SLUG,
        defaults={
            **_translations(
                "title",
                (
                    "Videoconference on the outcomes of 2024",
                    "2024-cü ilin yekunlarına həsr olunmuş videokonfrans",
                    "Видеоконференция, посвящённая итогам 2024 года",
                ),
            ),
            **_translations(
                "summary",
                (
                    "About 1,000 compatriots from 85 countries met online to review the "
                    "year 2024 in the life of the Azerbaijani Diaspora.",
                    "85 ölkədən təxminən 1000 soydaşımız 2024-cü ilin yekunlarını müzakirə "
                    "etmək üçün onlayn görüşdü.",
                    "Около 1000 соотечественников из 85 стран встретились онлайн, чтобы "
                    "подвести итоги 2024 года в жизни азербайджанской диаспоры.",
                ),
            ),
            "body_en": (
                "Representatives of Azerbaijan Houses, coordination councils and weekend "
                "schools abroad, scientists and professors, influential figures and cultural "
                "personalities took part in the videoconference on the outcomes of 2024, "
                "arranged with the backing of the State Committee for Work with Diaspora."
            ),
            "start": start,
            "end": start + datetime.timedelta(hours=3),
            "time_zone": "Asia/Baku",
            "format": "online",
            "participants_count": 1000,
            "countries_count": 85,
            "status": Status.PUBLISHED,
        },
    )
    created.add(was_created)
    if was_created:
        event.participating_organisations.set(
            [organisations[slug] for slug in ORGANISATIONS if "council" in slug]
        )
    for position, (kind, titles, roles, person, organisation) in enumerate(
        VIDEOCONFERENCE_PROGRAMME, start=1
    ):
        _item, was_created = ProgrammeItem.objects.get_or_create(
            event=event,
            position=position,
            defaults={
                "kind": kind,
                **_translations("title", titles),
                **(_translations("speaker_role", roles) if roles else {}),
                "person": people.get(person),
                "organisation": organisations.get(organisation),
            },
        )
        created.add(was_created)
    _report, was_created = PressReport.objects.get_or_create(
        event=event,
        agency="Trend",
        defaults={
            "headline": "About 1,000 compatriots from 85 countries join diaspora videoconference",
            "date": datetime.date(2025, 1, 24),
            "url": "https://en.trend.az/azerbaijan/society/",
        },
    )
    created.add(was_created)
    _attach_photos(created, event, "Videoconference on the outcomes of 2024", count=3)
    return event


def _attach_photos(created, event, title, *, count):
    for number in range(1, count + 1):
        photo_title = f"{title} — photo {number}"
        photo = Photo.objects.filter(title_en=photo_title).first()
        if photo is None:
            photo = Photo(
                title_en=photo_title,
                alt_text_en=f"Screen of the {title.lower()}, participants' video tiles",
                alt_text_az=f"{title}: iştirakçıların video pəncərələri",
                alt_text_ru=f"{title}: видеоокна участников",
                caption_en=f"{title}.",
                # the credit left as it comes: the default one, in each language
                date_taken=event.local_start.date(),
                status=Status.PUBLISHED,
            )
            photo.image.save(f"demo-{event.slug}-{number}.jpg", _demo_image(title, number))
            created.add(True)
        _attachment, was_created = EventPhoto.objects.get_or_create(
            event=event, photo=photo, defaults={"position": number}
        )
        created.add(was_created)
        if number == 1 and event.cover_photo_id is None:
            Event.objects.filter(pk=event.pk).update(cover_photo=photo)


def _load_other_events(created, organisations):
    for slug, (
        titles,
        start,
        hours,
        zone,
        format_,
        country,
        city,
        venue,
        organiser,
        status,
    ) in OTHER_EVENTS.items():
        local_start = start.replace(tzinfo=zoneinfo.ZoneInfo(zone))
        event, was_created = Event.objects.get_or_create(
            slug=slug,
            defaults={
                **_translations("title", titles),
                "summary_en": f"{titles[0]}.",
                "start": local_start,
                "end": local_start + datetime.timedelta(hours=hours),
                "time_zone": zone,
                "format": format_,
                "country": country,
                "city": city,
                "venue": venue,
                "organiser": organisations.get(organiser),
                "status": status,
            },
        )
        created.add(was_created)
        if format_ == "in_person":
            _attach_photos(created, event, titles[0], count=1)


def _load_medal(created, people, videoconference):
    medal, was_created = Medal.objects.get_or_create(
        slug="for-merits-in-diaspora-activity",
        defaults={
            **_translations(
                "name",
                (
                    "For Merits in Diaspora Activity",
                    "Diaspora fəaliyyətində xidmətə görə",
                    "За заслуги в диаспорной деятельности",
                ),
            ),
            **_translations(
                "description",
                (
                    "Awarded to compatriots for their contribution to the activity of the "
                    "Azerbaijani Diaspora.",
                    "Azərbaycan diasporunun fəaliyyətinə verdikləri töhfəyə görə soydaşlara "
                    "verilir.",
                    "Вручается соотечественникам за вклад в деятельность азербайджанской "
                    "диаспоры.",
                ),
            ),
            "status": Status.PUBLISHED,
        },
    )
    created.add(was_created)
    for slug in MEDAL_RECIPIENTS:
        _conferment, was_created = Conferment.objects.get_or_create(
            medal=medal,
            person=people[slug],
            date=datetime.date(2025, 1, 24),
            defaults={
                "event": videoconference,
                "decree_number": "Order No. 12",
                "citation_en": "For an important contribution to the Azerbaijani Diaspora.",
                "status": Status.PUBLISHED,
            },
        )
        created.add(was_created)


_PALETTE = [(0, 114, 206), (239, 51, 64), (80, 158, 47), (0, 78, 140)]


def _demo_image(title, number):
    """A 1200 × 800 JPEG with a colour band and the photo's title, made on the spot."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    colour = _PALETTE[(number + len(title)) % len(_PALETTE)]
    for row in range(height):
        shade = row / height
        draw.line(
            [(0, row), (width, row)],
            fill=tuple(int(channel * (1 - shade) + 20 * shade) for channel in colour),
        )
    font = ImageFont.load_default(size=44)
    draw.multiline_text((60, height - 200), f"{title}\n{number}", font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue())


COORDINATOR_USERNAME = "berlin"


def ensure_demo_coordinator():
    """The demo's coordinator for Germany, with the password kept in
    var/coordinator-password (made once); returns (username, password)."""
    password_file = settings.VAR_DIR / "coordinator-password"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        settings.VAR_DIR.mkdir(exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    user, _created = get_user_model().objects.get_or_create(
        username=COORDINATOR_USERNAME, defaults={"is_staff": True}
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=COORDINATOR))
    scope, _created = StaffScope.objects.get_or_create(user=user)
    if not scope.countries:
        scope.countries = ["DE"]
        scope.save()
    return user.username, password
