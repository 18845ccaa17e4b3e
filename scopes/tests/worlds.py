"""Two small worlds, Germany's and France's, and their coordinators.

Every record of a world carries its country's tag ("Sentinelde", "Sentinelfr") in what the
admin shows of it, so that a page leaking the other world's record is found by its tag.
"""

import dataclasses

from django.contrib.auth.models import Group

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.tests.factories import EventFactory, PressReportFactory, ProgrammeItemFactory
from media.tests.factories import DocumentFactory, PhotoFactory, VideoFactory
from organisations.tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from scopes.models import StaffScope
from scopes.roles import COORDINATOR

COUNTRY_NAMES = {"DE": "Germany", "FR": "France"}


def tag(code):
    return f"Sentinel{code.lower()}"


@dataclasses.dataclass
class World:
    code: str
    records: dict  # model label -> the records of this world, the first one the main one
    gone: dict = dataclasses.field(default_factory=dict)  # model label -> id of a deleted one

    @property
    def tag(self):
        return tag(self.code)

    def main(self, label):
        return self.records[label][0]


def make_world(code, medal):
    mark = tag(code)
    council = OrganisationFactory(
        name_en=f"Council {mark}", country=code, type="coordination_council"
    )
    school = OrganisationFactory(name_en=f"School {mark}", country=code, parent=council)
    person = PersonFactory(full_name=f"Person {mark}", full_name_latin="", country=code)
    membership = MembershipFactory(person=person, organisation=school, role=mark)
    photo = PhotoFactory(title_en=f"Photo {mark}")
    video = VideoFactory(title_en=f"Video {mark}")
    document = DocumentFactory(title_en=f"Document {mark}")
    event = EventFactory(
        title_en=f"Event {mark}",
        country=code,
        format="in_person",
        organiser=council,
        cover_photo=photo,
    )
    event.videos.add(video)
    event.documents.add(document)
    item = ProgrammeItemFactory(event=event, title_en=f"Item {mark}", person=person)
    press = PressReportFactory(event=event, headline=f"Press {mark}")
    conferment = ConfermentFactory(medal=medal, person=person, event=event, decree_number=mark)
    return World(
        code=code,
        records={
            "organisations.organisation": [council, school],
            "organisations.person": [person],
            "organisations.membership": [membership],
            "events.event": [event],
            "events.programmeitem": [item],
            "events.pressreport": [press],
            "awards.conferment": [conferment],
            "media.photo": [photo],
            "media.video": [video],
            "media.document": [document],
        },
    )


def make_worlds():
    medal = MedalFactory(name_en="For Merits in Diaspora Activity")
    return {code: make_world(code, medal) for code in COUNTRY_NAMES}


def coordinator(django_user_model, code, username=None):
    user = django_user_model.objects.create_user(
        username or f"coordinator-{code.lower()}", is_staff=True
    )
    user.groups.add(Group.objects.get(name=COORDINATOR))
    StaffScope.objects.create(user=user, countries=[code])
    return user
