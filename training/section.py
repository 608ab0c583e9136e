"""What the training app plugs into the shared pages (archive_portal.sections): its search
source, sitemap, landing page, home block, seed content and staff permissions. Nominations are
personal data: never searched, never in a sitemap."""

from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from archive_portal.groups import (
    ALL,
    EDITORS,
    NOTIFICATION_MANAGERS,
    SUBSCRIPTION_MANAGERS,
    TRAINING_REVIEWERS,
)
from archive_portal.search import Source
from archive_portal.sections import HomeBlock, MailingList, Section
from training import seed
from training.models import Programme
from training.selectors import admin_attention, announcements, home_block
from training.sitemaps import ProgrammeSitemap


def next_change(now):
    """The next opening or deadline of a published call: its status changes then. ("Days left"
    change at midnight: the base section's next_change.) One query: every process reads it again
    after each change of the content."""
    moments = Programme.objects.published().aggregate(
        opening=Min("applications_open_at", filter=Q(applications_open_at__gt=now)),
        deadline=Min("application_deadline", filter=Q(application_deadline__gt=now)),
    )
    return min((moment for moment in moments.values() if moment), default=None)


section = Section(
    key="training",
    search_sources=(
        Source(
            key="training",
            small=True,
            label=_("Invited training"),
            model="training.Programme",
            title_field="title",
            fields=["title", "summary", "description"],
            date_field="application_deadline",
            order=("-application_deadline", "-pk"),
            summary_fields=["summary", "description"],
            suggests=True,
        ),
    ),
    sitemaps={"training": ProgrammeSitemap},
    landing_pages=("training:index",),
    home_block=HomeBlock("training/_home_block.html", home_block),
    seed_loader=("training programmes", seed.load),
    group_permissions={
        EDITORS: {"training": {"programme": ALL, "scheduleitem": ALL}},
        # The custom permission "change_programme_notification_email", spelt action + "model".
        NOTIFICATION_MANAGERS: {
            "training": {
                "programme": ("view", "change"),
                "programme_notification_email": ("change",),
            },
        },
        TRAINING_REVIEWERS: {
            "training": {
                "programme": ("view",),
                "scheduleitem": ("view",),
                "nomination": ("change", "view"),
                "trainee": ("view",),
                "milestone": ("view",),
                "statuschange": ("view",),
                "learningrequest": ("change", "view"),
            },
        },
        # Subscribers' addresses are personal data: only this group sees them (and may delete
        # one on request); Editors and reviewers never do.
        SUBSCRIPTION_MANAGERS: {"training": {"subscription": ("view", "delete")}},
    },
    admin_attention=admin_attention,
    public_models=("training.Programme", "training.ScheduleItem"),
    next_change=next_change,
    mailing_lists=(
        MailingList(key="calls", label=_("New training calls"), announcements=announcements),
    ),
)
