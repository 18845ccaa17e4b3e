import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Event
from .timezones import time_zone_choices

LOCAL_TIME_FIELDS = ("start", "end", "publish_from", "publish_until")


class EventAdminForm(forms.ModelForm):
    """Start and end (and the publication's) are typed and shown in the event's own time
    zone, not the site's.

    Staff copy times from an invitation ("10:00 in Vienna"); reading them in the site's zone
    (Baku) would shift every event abroad by hours.
    """

    time_zone = forms.ChoiceField(choices=time_zone_choices, initial=settings.TIME_ZONE)

    class Meta:
        model = Event
        fields = ["time_zone", *LOCAL_TIME_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field = Event._meta.get_field("time_zone")
        self.fields["time_zone"].label = capfirst(model_field.verbose_name)
        self.fields["time_zone"].help_text = model_field.help_text
        if self.instance.pk and not self.is_bound:
            zone = self.instance.zone
            for name in LOCAL_TIME_FIELDS:
                value = getattr(self.instance, name)
                if value is not None:
                    # A naive value is shown as it is, so the field reads in the event's zone.
                    self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            current = timezone.get_current_timezone()
            for name in LOCAL_TIME_FIELDS:
                value = cleaned_data.get(name)
                if value is None:
                    continue
                # The form read the wall-clock time in the site's zone; read it again in the
                # event's.
                try:
                    wall_clock = timezone.make_naive(value, current)
                    cleaned_data[name] = timezone.make_aware(wall_clock, zone)
                    # The database stores UTC, which must be a representable date too.
                    cleaned_data[name].astimezone(datetime.UTC)
                except OverflowError:
                    del cleaned_data[name]
                    self.add_error(name, _("This date is out of the range that can be stored."))
        return cleaned_data
