"""What the SDG plan app plugs into the shared pages (archive_portal.sections): its search sources
and topics, sitemaps, landing page, home block, seed content and staff permissions."""

from django.utils.translation import gettext_lazy as _

from archive_portal.groups import ALL, EDITORS, SDG_DEPARTMENT_STAFF, SDG_EVALUATION_TEAM
from archive_portal.search import Source
from archive_portal.sections import HomeBlock, Section
from sdg_plan import seed
from sdg_plan.models import Goal
from sdg_plan.selectors import admin_attention, goal_progress, home_block
from sdg_plan.sitemaps import SITEMAPS


def search_topics():
    """The plan's 17 goals, offered as topics on the empty search page."""
    return {"goals": list(Goal.objects.all())}


def plan_source(key, model, label, *, title_field="title", order=("number",), **options):
    """The search source of one level of the plan (goals, tasks, projects, indicators): a few
    hundred rows at most (`small`), every one public (the plan has no drafts)."""
    return Source(
        key=key,
        model=f"sdg_plan.{model}",
        label=label,
        title_field=title_field,
        order=order,
        small=True,
        public=None,
        **options,
    )


CHANGE_VIEW = ("change", "view")

section = Section(
    key="sdg_plan",
    search_sources=(
        plan_source(
            "goals",
            "Goal",
            _("SDG goals"),
            order=("code",),
            goal_lookup="code",
            fields=["title", "code", "strategy__title"],
            select_related=("strategy",),
        ),
        plan_source(
            "tasks",
            "Task",
            _("SDG tasks"),
            goal_lookup="goal__code",
            fields=["title", "goal__title"],
            select_related=("goal",),
        ),
        plan_source(
            "sdg",
            "Project",
            _("SDG projects"),
            title_field="name",
            goal_lookup="task__goal__code",
            fields=["name", "sections_text", "task__title", "task__goal__title"],
            summary_fields=["sections_text"],
            select_related=("task__goal",),
            text_annotations={"sections_text": "sections"},
        ),
        plan_source(
            "indicators",
            "Indicator",
            _("SDG indicators"),
            title_field="name",
            goal_lookup="project__task__goal__code",
            fields=["name", "note", "project__name"],
            summary_fields=["note"],
            select_related=("project",),
        ),
    ),  # fmt: skip
    search_topics=search_topics,
    sitemaps=SITEMAPS,
    landing_pages=("sdg_plan:index",),
    home_block=HomeBlock("sdg_plan/_home_block.html", home_block),
    seed_loader=("SDG implementation plan", seed.load),
    goal_progress=goal_progress,
    group_permissions={
        EDITORS: {
            "sdg_plan": {
                "strategy": CHANGE_VIEW,
                "goal": CHANGE_VIEW,
                "task": CHANGE_VIEW,
                "project": CHANGE_VIEW,
                "indicator": CHANGE_VIEW,
                "actual": ("view", "change_every"),
                "department": ALL,
                "responsibility": ALL,
            }
        },
        # Only their departments' indicators (sdg_plan.admin.reporting_departments).
        SDG_DEPARTMENT_STAFF: {
            "sdg_plan": {
                "indicator": CHANGE_VIEW,  # the values inline; the plan's fields stay read-only
                "actual": ("add", "change", "view"),
            }
        },
        SDG_EVALUATION_TEAM: {
            "sdg_plan": {
                "indicator": CHANGE_VIEW,
                "actual": (*ALL, "import", "change_every"),
                "department": CHANGE_VIEW,
            }
        },
    },
    admin_attention=admin_attention,
    public_models=tuple(
        f"sdg_plan.{model}"
        for model in (
            "Strategy",
            "Goal",
            "Task",
            "Department",
            "Project",
            "Responsibility",
            "Indicator",
            "Actual",
        )
    ),  # fmt: skip
)
