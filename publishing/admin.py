"""The publish and unpublish actions every content admin offers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services


class PublishActionsMixin:
    """Publish and unpublish the selected records, through `publishing.services`."""

    actions = ["publish_selected", "unpublish_selected"]

    def view_on_site(self, record):
        # Only a record the public can see has a page to view; a draft's would be a 404.
        if record.is_public and hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        return None

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"), permissions=["change"]
    )
    def publish_selected(self, request, queryset):
        count = services.publish(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d record published.", "%(count)d records published.", count)
            % {"count": count},
        )

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s"), permissions=["change"]
    )
    def unpublish_selected(self, request, queryset):
        count = services.unpublish(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d record returned to draft.",
                "%(count)d records returned to draft.",
                count,
            )
            % {"count": count},
        )
