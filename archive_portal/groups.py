"""The staff groups and exactly the permissions each needs.

Groups are kept in step with the models on every `migrate` (post_migrate), not by a one-off data
migration: a data migration runs before the permissions of models added later exist, so it would
silently grant nothing for them. Running it again changes nothing.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from archive_portal import sections

EDITORS = "Editors"
TRAINING_REVIEWERS = "Training reviewers"
# The SDG plan's yearly results: each department's staff enter their own indicators' values; the
# evaluation team sees every department's and imports a year's values from a file.
SDG_DEPARTMENT_STAFF = "SDG department staff"
SDG_EVALUATION_TEAM = "SDG evaluation team"
# May change where a programme's new nominations are announced (and so who receives nominees'
# data): a separate role from Editors, who edit everything else about a programme.
NOTIFICATION_MANAGERS = "Notification address managers"
# May see the email subscriptions to new calls, news and publications (personal data) and delete
# one on request; nobody else among staff sees them.
SUBSCRIPTION_MANAGERS = "Subscription managers"

ALL = ("add", "change", "delete", "view")

# Each app lists the permissions its models need per group in its Section
# (`group_permissions`: group name -> {app_label: {model_name: actions}}); models that do not
# exist yet are skipped.


def permissions_for(spec):
    codenames = {
        (app_label, f"{action}_{model}")
        for app_label, models in spec.items()
        for model, actions in models.items()
        for action in actions
    }
    perms = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in codenames}
    ).select_related("content_type")
    return [p for p in perms if (p.content_type.app_label, p.codename) in codenames]


def sync_staff_groups(sender=None, using="default", **kwargs):
    if sender is not None and sender.name != "archive_portal":
        return
    # post_migrate reaches this app before the apps listed after it: make sure every model's
    # permissions exist first (idempotent).
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for name, spec in sections.group_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_for(spec))
