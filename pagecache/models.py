from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number changes whenever what the public sees may have changed.

    Public pages are cached under this number (`pagecache.cache`), so that one change shows at
    once on every page, in every server process, with one indexed read per page.
    """

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)
