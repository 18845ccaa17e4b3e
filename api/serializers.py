"""What each record looks like in the API: the fields its public page shows, in the language
asked for, never a draft's, a private person's or anyone's contact details."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Conferment, Medal
from events.models import Event
from media.renditions import renditions
from organisations.models import Organisation, Person
from publishing.formatting import formatted


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2")
    name = serializers.CharField(help_text="in the language asked for")


class ChoiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="in the language asked for")


class LinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField(help_text="its public page")


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RecipientSerializer(serializers.Serializer):
    named = serializers.BooleanField(help_text="whether the person consented to be named")
    name = serializers.CharField(help_text='their name, or "not named"')
    url = serializers.URLField(allow_null=True, help_text="their public page, if named")


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _country(country):
    return {"code": country.code, "name": str(country.name)} if country else None


def _link(request, record, name):
    return {
        "slug": record.slug,
        "name": name,
        "url": _absolute(request, record.get_absolute_url()),
    }


def _images(request, image, kind):
    """The renditions of `image` for `kind`, smallest first; never the original, and none
    while they are being made."""
    made = renditions(image, kind) or []
    return [
        {
            "url": _absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        for rendition in made
    ]


class PublicRecordSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="its public page")

    def get_url(self, record) -> str:
        return _absolute(self.context["request"], record.get_absolute_url())


class EventSerializer(PublicRecordSerializer):
    body = serializers.SerializerMethodField(help_text="sanitised HTML")
    start = serializers.SerializerMethodField(help_text="ISO 8601 with the event's own offset")
    end = serializers.SerializerMethodField(help_text="ISO 8601 with the event's own offset")
    format = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    organiser = serializers.SerializerMethodField()
    participating_organisations = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField(help_text="the cover photo's renditions")

    class Meta:
        model = Event
        fields = [
            "slug",
            "url",
            "title",
            "summary",
            "body",
            "start",
            "end",
            "time_zone",
            "format",
            "venue",
            "city",
            "country",
            "online_url",
            "organiser",
            "participating_organisations",
            "images",
            "updated",
        ]

    def get_body(self, event) -> str:
        return formatted(event.body)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, event):
        return event.local_iso(event.start)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, event):
        return event.local_iso(event.end) or None

    @extend_schema_field(ChoiceSerializer)
    def get_format(self, event):
        return {"code": event.format, "label": event.get_format_display()}

    @extend_schema_field(CountrySerializer(allow_null=True))
    def get_country(self, event):
        return _country(event.country)

    @extend_schema_field(LinkSerializer(allow_null=True))
    def get_organiser(self, event):
        organiser = event.organiser
        if organiser is None or not organiser.is_published:
            return None
        return _link(self.context["request"], organiser, organiser.name)

    @extend_schema_field(LinkSerializer(many=True))
    def get_participating_organisations(self, event):
        request = self.context["request"]
        return [
            _link(request, organisation, organisation.name)
            for organisation in event.participating_organisations.all()
            if organisation.is_published
        ]

    @extend_schema_field(ImageSerializer(many=True))
    def get_images(self, event):
        cover = event.cover_photo
        if cover is None or not cover.is_public:
            return []
        return _images(self.context["request"], cover.image, "card")


class OrganisationSerializer(PublicRecordSerializer):
    type = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField(help_text="the council it belongs to")
    description = serializers.SerializerMethodField(help_text="sanitised HTML")
    logo = serializers.SerializerMethodField(help_text="the logo's renditions")

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "url",
            "name",
            "type",
            "country",
            "city",
            "founded",
            "website",
            "parent",
            "description",
            "logo",
            "updated",
        ]

    @extend_schema_field(ChoiceSerializer)
    def get_type(self, organisation):
        return {"code": organisation.type, "label": organisation.get_type_display()}

    @extend_schema_field(CountrySerializer)
    def get_country(self, organisation):
        return _country(organisation.country)

    @extend_schema_field(LinkSerializer(allow_null=True))
    def get_parent(self, organisation):
        parent = organisation.parent
        if parent is None or not parent.is_published:
            return None
        return _link(self.context["request"], parent, parent.name)

    def get_description(self, organisation) -> str:
        return formatted(organisation.description)

    @extend_schema_field(ImageSerializer(many=True))
    def get_logo(self, organisation):
        return _images(self.context["request"], organisation.logo, "emblem")


class MedalSerializer(PublicRecordSerializer):
    description = serializers.SerializerMethodField(help_text="sanitised HTML")
    image = serializers.SerializerMethodField(help_text="the medal's renditions")

    class Meta:
        model = Medal
        fields = ["slug", "url", "name", "description", "established", "image", "updated"]

    def get_description(self, medal) -> str:
        return formatted(medal.description)

    @extend_schema_field(ImageSerializer(many=True))
    def get_image(self, medal):
        return _images(self.context["request"], medal.image, "emblem")


class ConfermentSerializer(serializers.ModelSerializer):
    medal = serializers.SerializerMethodField()
    recipient = serializers.SerializerMethodField()
    event = serializers.SerializerMethodField(help_text="where it was conferred, if public")

    class Meta:
        model = Conferment
        fields = ["id", "medal", "date", "recipient", "event", "updated"]

    @extend_schema_field(LinkSerializer)
    def get_medal(self, conferment):
        return _link(self.context["request"], conferment.medal, conferment.medal.name)

    @extend_schema_field(RecipientSerializer)
    def get_recipient(self, conferment):
        person = conferment.person
        if conferment.names_recipient:
            url = _absolute(self.context["request"], person.get_absolute_url())
            return {"named": True, "name": person.full_name, "url": url}
        # As the roll of honour: the honour is public, the name is the person's to give.
        return {"named": False, "name": _("not named"), "url": None}

    @extend_schema_field(LinkSerializer(allow_null=True))
    def get_event(self, conferment):
        event = conferment.event
        if event is None or not event.is_published:
            return None
        return _link(self.context["request"], event, event.title)


class PersonSerializer(PublicRecordSerializer):
    country = serializers.SerializerMethodField(help_text="country of residence")
    profession = serializers.SerializerMethodField()
    biography = serializers.SerializerMethodField(help_text="sanitised HTML")
    photo = serializers.SerializerMethodField(help_text="the portrait's renditions")
    organisations = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "slug",
            "url",
            "full_name",
            "full_name_latin",
            "full_name_cyrillic",
            "country",
            "city",
            "profession",
            "position",
            "biography",
            "photo",
            "organisations",
            "updated",
        ]

    @extend_schema_field(CountrySerializer)
    def get_country(self, person):
        return _country(person.country)

    @extend_schema_field(ChoiceSerializer(allow_null=True))
    def get_profession(self, person):
        if not person.profession:
            return None
        return {"code": person.profession, "label": person.get_profession_display()}

    def get_biography(self, person) -> str:
        return formatted(person.biography)

    @extend_schema_field(ImageSerializer(many=True))
    def get_photo(self, person):
        photo = person.photo
        if photo is None or not photo.is_public:
            return []
        return _images(self.context["request"], photo.image, "portrait")

    @extend_schema_field(LinkSerializer(many=True))
    def get_organisations(self, person):
        request = self.context["request"]
        return [
            _link(request, membership.organisation, membership.organisation.name)
            for membership in person.memberships.all()
        ]
