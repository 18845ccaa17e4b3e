"""The staff roles: one group each, with the permissions its description gives.

This module is the one place they are declared. `apply_roles` gives each group exactly these
permissions after every `migrate` (and after a test empties the database, which runs the same
signal), so that a role changed here is changed everywhere; README.md ("Staff roles") is
checked against `ROLES` by a test. Groups of other names are the operators' own and are left
alone. Models are named by app label and model name, never imported: this module sits below
the apps whose records it grants.
"""

from dataclasses import dataclass

CONTENT_MODELS = {
    "media": ["photo", "video", "document"],
    "organisations": ["organisation", "person", "membership", "organisationphoto", "personphoto"],
    "events": ["event", "programmeitem", "pressreport", "eventphoto"],
    "awards": ["medal", "conferment", "medalphoto"],
    "registrations": [
        "registrationsettings",
        "question",
        "registration",
        "message",
        "consenttext",
    ],
}
IMPORTABLE_MODELS = {
    "organisations": ["organisation", "person"],
    "events": ["event"],
    "awards": ["medal", "conferment"],
    "registrations": ["registration"],
}
PUBLISHABLE_MODELS = {
    "media": ["photo"],
    "organisations": ["organisation", "person"],
    "events": ["event"],
    "awards": ["medal", "conferment"],
}
# Medals are the state's, not a country's: coordinators choose them but do not change them.
# The consent text registrants agree to is the body's own, the same for every country.
STATE_MODELS = {"awards": ["medal", "medalphoto"], "registrations": ["consenttext"]}

# Nominations are confidential: only the roles below see them, each as far as it needs.
PROPOSE = [("nominations", "view_nomination"), ("nominations", "add_nomination"),
           ("nominations", "change_nomination")]  # fmt: skip

EDIT = ["view", "add", "change", "delete"]
SEE_IMPORTS = [("imports", "view_importrecord")]


def _codes(models, actions, leave_out=None):
    leave_out = leave_out or {}
    return [
        (app_label, f"{action}_{model}")
        for app_label, names in models.items()
        for model in names
        if model not in leave_out.get(app_label, ())
        for action in actions
    ]


@dataclass(frozen=True)
class Role:
    name: str
    description: str  # README.md says the same, word for word
    permissions: tuple
    scoped_group: bool = False  # the group has a scope of its own: empty, members add theirs


EDITOR = "Editor"
PUBLISHER = "Publisher"
IMPORTER = "Importer"
VIEWER = "Viewer"
COORDINATOR = "Coordinator"
SECRETARIAT = "Secretariat"
COMMISSIONER = "Commissioner"

ROLES = (
    Role(
        EDITOR,
        "adds, changes and deletes every record, submits drafts for review, and proposes "
        "people for the medal",
        (*_codes(CONTENT_MODELS, EDIT), *SEE_IMPORTS, *PROPOSE),
    ),
    Role(
        PUBLISHER,
        "an Editor's work, and publishes what is submitted for review",
        (
            *_codes(CONTENT_MODELS, EDIT),
            *_codes(PUBLISHABLE_MODELS, ["publish"]),
            *SEE_IMPORTS,
            *PROPOSE,
        ),
    ),
    Role(
        IMPORTER,
        "views every record, imports and exports spreadsheets; people's e-mail addresses and "
        "phones are exported only with a further permission",
        (
            *_codes(CONTENT_MODELS, ["view"]),
            *_codes(IMPORTABLE_MODELS, ["import", "export"]),
            *SEE_IMPORTS,
        ),
    ),
    Role(VIEWER, "views every record", (*_codes(CONTENT_MODELS, ["view"]), *SEE_IMPORTS)),
    Role(
        COORDINATOR,
        "an Editor's work, imports and exports included, within a scope; medals only viewed",
        (
            *_codes(CONTENT_MODELS, ["view"]),
            *_codes(CONTENT_MODELS, ["add", "change", "delete"], leave_out=STATE_MODELS),
            *_codes(IMPORTABLE_MODELS, ["import", "export"], leave_out=STATE_MODELS),
            *SEE_IMPORTS,
            *PROPOSE,
        ),
        scoped_group=True,
    ),
    Role(
        SECRETARIAT,
        "views every record; screens every nomination for the medal, asks its proposer for "
        "more, sends it to the commission, and records the decree",
        (
            *_codes(CONTENT_MODELS, ["view"]),
            *PROPOSE,
            ("nominations", "screen_nomination"),
            ("nominations", "record_decree"),
            *_codes({"nominations": ["round"]}, ["view", "add", "change"]),
            *SEE_IMPORTS,
        ),
    ),
    Role(
        COMMISSIONER,
        "a member of the medal's commission: sees the nominations sent to it, and no other "
        "record; the round's chair decides",
        (("nominations", "review_nomination"), ("nominations", "view_round")),
    ),
)


def apply_roles(using="default", **kwargs):
    """Create the groups and give each exactly its role's permissions (a post_migrate receiver).

    Permissions are created after each app's migrations, in the order of INSTALLED_APPS; every
    app's are made here first, so that this can run whichever app's signal calls it.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from scopes.models import StaffScope

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    wanted = {code for role in ROLES for code in role.permissions}
    permissions = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.using(using).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    }
    missing = wanted - permissions.keys()
    if missing:
        raise LookupError(f"The roles name permissions that do not exist: {sorted(missing)}")
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.set([permissions[code] for code in role.permissions])
        if role.scoped_group:
            StaffScope.objects.using(using).get_or_create(group=group)
