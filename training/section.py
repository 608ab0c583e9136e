"""What the training app plugs into the shared pages (archive_portal.sections): its search
source, sitemap, landing page, home block, seed content and staff permissions. Nominations are
personal data: never searched, never in a sitemap."""

from django.utils.translation import gettext_lazy as _

from archive_portal.groups import ALL, EDITORS, TRAINING_REVIEWERS
from archive_portal.search import Source
from archive_portal.sections import HomeBlock, Section
from training import seed
from training.selectors import admin_attention, home_block
from training.sitemaps import ProgrammeSitemap

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
        TRAINING_REVIEWERS: {
            "training": {
                "programme": ("view",),
                "scheduleitem": ("view",),
                "nomination": ("change", "view"),
                "trainee": ("view",),
                "milestone": ("view",),
                "statuschange": ("view",),
            },
        },
    },
    admin_attention=admin_attention,
)
