"""Open data: every indicator of the plan with its place in the plan, targets, actuals, status.

The same records feed /sdg/indicators.json ({"indicators": [...]}) and /sdg/indicators.csv
(UTF-8 with BOM, so Excel opens it with Korean intact). The schema, the source and the licence
are documented on /sdg/data/.
"""

import io

from archive_portal.lib.spreadsheet import SafeWriter
from archive_portal.licences import licence_info
from sdg_plan.models import PLAN_LICENCE, PLAN_YEARS

SOURCE = (
    "제2차 서울특별시 지속가능발전 이행계획 (2020년~2024년), Seoul Metropolitan Government "
    "(평가담당관-10544, 2020-12-29)"
)

CSV_COLUMNS = [
    "number",
    "name",
    "unit",
    "direction",
    "strategy_number",
    "strategy",
    "goal_code",
    "goal",
    "goal_priority",
    "un_sdg",
    "task_number",
    "task",
    "project_number",
    "project",
    "project_type",
    "departments",
    "note",
    *[f"target_{y}" for y in PLAN_YEARS],
    *[f"target_{y}_value" for y in PLAN_YEARS],
    "actuals",
    "status",
    "status_label",
    "progress_ratio",
    "planned_share",
    "url",
    "licence",
]


def _number(value):
    """A Decimal as a JSON/CSV number string without trailing zeros ("2.6", "1000")."""
    if value is None:
        return None
    return f"{value.normalize():f}"


def indicator_record(indicator, progress, *, absolute_url):
    project = indicator.project
    task = project.task
    goal = task.goal
    strategy = goal.strategy
    return {
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "note": indicator.note,
        "strategy": {"number": strategy.number, "title": strategy.title},
        "goal": {
            "code": goal.code,
            "title": goal.title,
            "priority": goal.is_priority,
            "un_sdg": goal.un_sdg,
        },
        "task": {"number": task.number, "title": task.title},
        "project": {"number": project.number, "name": project.name, "type": project.kind},
        "departments": [r.department.name for r in project.responsibilities.all()],
        "targets": {str(y): indicator.target_text(y) for y in PLAN_YEARS},
        "target_values": {str(y): _number(indicator.target_value(y)) for y in PLAN_YEARS},
        "actuals": [
            {
                "year": a.year,
                "value": _number(a.value),
                "source": a.source,
                "source_url": a.source_url,
                "reported_on": a.reported_on.isoformat(),
            }
            for a in indicator.actuals.all()
        ],
        "status": progress.status.value,
        "status_label": str(progress.status.label),
        "progress_ratio": None if progress.ratio is None else round(progress.ratio, 4),
        "planned_share": None
        if progress.planned_share is None
        else round(progress.planned_share, 4),
        "url": absolute_url(indicator.get_absolute_url()),
    }


def licence():
    """The plan's reuse licence as the open-data files carry it."""
    info = licence_info(PLAN_LICENCE)
    return {"code": info.code, "name": str(info.label), "url": info.terms_en}


def as_json(records):
    """{"indicators": [...], "licence": {...}, "source": "..."}: the shape the open data page
    documents."""
    return {"indicators": records, "licence": licence(), "source": SOURCE}


def as_csv(records):
    """CSV text with a BOM, one row per indicator; text cells never run as spreadsheet formulas."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = SafeWriter(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    plan_licence = licence()["url"]
    for r in records:
        writer.writerow(
            [
                r["number"],
                r["name"],
                r["unit"],
                r["direction"],
                r["strategy"]["number"],
                r["strategy"]["title"],
                r["goal"]["code"],
                r["goal"]["title"],
                "yes" if r["goal"]["priority"] else "no",
                r["goal"]["un_sdg"],
                r["task"]["number"],
                r["task"]["title"],
                r["project"]["number"],
                r["project"]["name"],
                r["project"]["type"],
                "; ".join(r["departments"]),
                r["note"],
                *[r["targets"][str(y)] for y in PLAN_YEARS],
                *[r["target_values"][str(y)] or "" for y in PLAN_YEARS],
                "; ".join(f"{a['year']}={a['value']}" for a in r["actuals"]),
                r["status"],
                r["status_label"],
                "" if r["progress_ratio"] is None else r["progress_ratio"],
                "" if r["planned_share"] is None else r["planned_share"],
                r["url"],
                plan_licence,
            ]
        )
    return out.getvalue()
