"""A nomination's supporting documents: uploaded by its proposer, kept where no address
serves them, downloaded through the admin only by whom the nomination concerns."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nominations import services
from nominations.models import CommissionMember, NominationDocument, State
from nominations.tests.conftest import put
from organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LETTER = b"%PDF-1.4 Sentineldocument: the council's letter of support"


@pytest.fixture
def private_root(settings):
    return settings.PRIVATE_ROOT  # a folder of the test's own (conftest)


def upload(client, nomination, name="letter.pdf", content=LETTER):
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    return client.post(
        change,
        {
            "round": nomination.round.pk,
            "person": nomination.person.pk,
            "country": nomination.country.code,
            "citation": nomination.citation,
            "endorsements-TOTAL_FORMS": "0",
            "endorsements-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-title": "Letter of support",
            "documents-0-file": SimpleUploadedFile(name, content),
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )


def test_the_proposers_document_is_kept_privately_and_served_only_to_whom_it_concerns(
    client, settings, people, nomination, private_root
):
    client.force_login(people["proposer"])
    saved = upload(client, nomination)
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    document = NominationDocument.objects.get()
    assert (private_root / document.file.name).read_bytes() == LETTER
    assert (
        not any(settings.MEDIA_ROOT.rglob("letter.pdf")) if settings.MEDIA_ROOT.exists() else True
    )
    download = reverse("admin:nominations_nomination_document", args=[nomination.pk, document.pk])
    page = client.get(reverse("admin:nominations_nomination_change", args=[nomination.pk]))
    assert download in page.content.decode()
    assert document.file.name not in page.content.decode()  # no address of the file itself
    got = client.get(download)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == LETTER
    assert got["Content-Disposition"].startswith("attachment")
    # Another country's coordinator, a member before it reaches the commission, a visitor.
    for who in ("another_coordinator", "commissioner"):
        client.force_login(people[who])
        assert client.get(download).status_code == 404, who
    client.logout()
    assert client.get(download).status_code == 302  # to the sign-in page
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_a_member_in_conflict_gets_nothing_of_its_documents(
    client, people, nomination, private_root
):
    client.force_login(people["proposer"])
    upload(client, nomination)
    document = NominationDocument.objects.get()
    download = reverse("admin:nominations_nomination_document", args=[nomination.pk, document.pk])
    put(nomination, State.COMMISSION)
    client.force_login(people["commissioner"])
    assert client.get(download).status_code == 200
    services.declare_conflict(nomination, people["commissioner"], "worked")
    assert client.get(download).status_code == 404
    own = PersonFactory()
    CommissionMember.objects.create(user=people["chair"], person=own)
    client.force_login(people["chair"])
    assert client.get(download).status_code == 200


def test_a_file_of_another_kind_is_refused_beside_its_field(
    client, people, nomination, private_root
):
    client.force_login(people["proposer"])
    refused = upload(client, nomination, name="run.exe", content=b"MZ")
    assert refused.status_code == 200
    assert "File extension “exe” is not allowed" in refused.content.decode()
    assert not NominationDocument.objects.exists()
    assert not private_root.exists() or not any(private_root.rglob("run.exe"))
