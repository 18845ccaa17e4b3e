from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    """Nominations for the medal, confidential until the decree: rounds, proposals, the
    secretariat's screening and the commission's decision, each step on the record.

    Beside `awards`, not within it: awards holds what the public reads (medals, the roll of
    honour); nominations are closed to the public and to most of the staff, with access rules
    of their own (the proposer's countries, the secretariat, the commission). It writes into
    awards only when a decree confers the medal."""

    name = "nominations"
    verbose_name = _("Nominations")
