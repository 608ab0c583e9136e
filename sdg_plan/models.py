"""제2차 서울특별시 지속가능발전 이행계획 (2020–2024):
Strategy → Goal → Task → Project → Indicator ← Actual.

Everything above Actual comes from the plan document (``manage.py import_sdg_plan``); staff enter
Actual values, and progress statuses are computed from them (``sdg_plan/status.py``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive_portal.licences import Licence
from sdg_plan import parser
from sdg_plan import status as progress
from sdg_plan.un_sdgs import COLOURS, OFFICIAL_TITLES, UnSdg, official_page

#: The columns of every indicator table: five plan years and the mid-term (중장기) year.
PLAN_YEARS = parser.YEARS
#: The years an actual value can be recorded for: from the plan's first year to its 2030 target.
REPORTING_YEARS = range(PLAN_YEARS[0], PLAN_YEARS[-1] + 1)

# The plan's reuse licence as its document states it (이용조건: Creative Commons
# 저작자표시-변경금지 3.0): one document, one licence, shown on every page of the plan and
# carried by its open-data files.
PLAN_LICENCE = Licence.CC_BY_ND_3


class Strategy(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200, help_text=_("As written in the plan."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategy (전략)")
        verbose_name_plural = _("strategies (전략)")

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("sdg_plan:index") + f"#strategy-{self.number}"


class Goal(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="goals", verbose_name=_("strategy")
    )
    code = models.CharField(_("code"), max_length=5, unique=True, help_text=_('e.g. "1-1"'))
    number = models.PositiveSmallIntegerField(_("number within the strategy"))
    title = models.CharField(_("title"), max_length=200)
    is_priority = models.BooleanField(
        _("priority goal (역점)"),
        default=False,
        help_text=_("Chosen in a survey of 1,000 citizens (the plan's 역점 mark)."),
    )
    un_sdg = models.PositiveSmallIntegerField(
        _("UN SDG"), choices=UnSdg.choices, help_text=_("The UN goal of the same subject.")
    )
    planned_tasks = models.PositiveSmallIntegerField(
        _("tasks in the overview table"), null=True, blank=True
    )
    planned_projects = models.PositiveSmallIntegerField(
        _("projects in the overview table"), null=True, blank=True
    )
    planned_indicators = models.PositiveSmallIntegerField(
        _("indicators in the overview table"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]  # "1-1" … "4-3": one digit each, so text order is plan order
        verbose_name = _("goal (과제)")
        verbose_name_plural = _("goals (과제)")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="sdg_goal_unique_number_in_strategy"
            ),
            models.CheckConstraint(
                condition=models.Q(un_sdg__gte=1, un_sdg__lte=17), name="sdg_goal_un_sdg_1_17"
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def get_absolute_url(self):
        return reverse("sdg_plan:goal", args=[self.code])

    @property
    def un_sdg_colour(self):
        return COLOURS[self.un_sdg]

    @property
    def un_sdg_official_title(self):
        """The official title of the UN goal this goal serves (in the page's language)."""
        return OFFICIAL_TITLES[self.un_sdg]

    @property
    def un_sdg_url(self):
        return official_page(self.un_sdg)


class Task(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("goal")
    )
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.TextField(_("title"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("task (이행과제)")
        verbose_name_plural = _("tasks (이행과제)")

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("sdg_plan:goal", args=[self.goal.code]) + f"#task-{self.number}"


class Department(models.Model):
    """A responsible unit of the city (…과, …담당관, …센터) named in a project's 작성자."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sdg_departments",
        verbose_name=_("staff who report its values"),
        help_text=_(
            "These staff accounts see and edit the actual values of this department's "
            "indicators only (with the SDG department staff group)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sdg_plan:department", args=[self.pk])


class Project(models.Model):
    class Kind(models.TextChoices):
        EXISTING = "existing", _("Type ①: project and indicator exist")
        NEW = "new", _("Type ②: new project and indicator needed (미래)")

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="projects", verbose_name=_("task")
    )
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.EXISTING)
    sections = models.JSONField(
        _("sections"),
        default=list,
        blank=True,
        help_text=_(
            'The plan\'s sections in order: [{"heading": "추진경과", "intro": "", '
            '"items": [{"text": "…", "children": ["…"]}]}].'
        ),
    )
    contacts = models.JSONField(
        _("contacts"),
        default=list,
        blank=True,
        help_text=_('As written under 작성자: [{"role": "…과장", "name": "…", "phone": "…"}].'),
    )
    departments = models.ManyToManyField(
        Department,
        through="Responsibility",
        related_name="projects",
        verbose_name=_("responsible departments"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("project (세부사업)")
        verbose_name_plural = _("projects (세부사업)")

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("sdg_plan:project", args=[self.number])


class Responsibility(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="responsibilities")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="responsibilities"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1, help_text=_("1 = lead"))

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("responsible department")
        verbose_name_plural = _("responsible departments")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "department"], name="sdg_responsibility_unique"
            )
        ]

    def __str__(self):
        return f"{self.project.number} · {self.department.name}"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("1–109 in the plan's order.")
    )
    position = models.PositiveSmallIntegerField(_("position within the project"), default=1)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    note = models.TextField(_("note"), blank=True)
    targets = models.JSONField(
        _("targets as written"),
        default=dict,
        blank=True,
        help_text=_('Year → the plan\'s cell as written: {"2020": "2.6%", …, "2030": "2.75%"}.'),
    )
    target_values = models.JSONField(
        _("targets as numbers"),
        default=dict,
        blank=True,
        help_text=_("Year → the parsed number, or null when the cell is not a number."),
    )
    source_text = models.TextField(
        _("table as written"),
        blank=True,
        help_text=_("The indicator table's text in the document, for checking the reading."),
    )
    is_corrected = models.BooleanField(
        _("read with a reviewed correction"),
        default=False,
        help_text=_("The table was ambiguous; sdg_plan/data/corrections.json gives the reading."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("indicator (성과지표)")
        verbose_name_plural = _("indicators (성과지표)")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="sdg_indicator_unique_position"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("sdg_plan:indicator", args=[self.number])

    @property
    def higher_is_better(self):
        return self.direction == self.Direction.HIGHER

    def target_text(self, year):
        return self.targets.get(str(year), "")

    def target_value(self, year):
        value = self.target_values.get(str(year))
        return Decimal(value) if value is not None else None

    def progress(self):
        """The computed Progress; uses prefetched actuals when there are (no extra query)."""
        return progress.compute_progress(
            higher_is_better=self.higher_is_better,
            target_values={y: self.target_value(y) for y in PLAN_YEARS},
            target_texts={y: self.target_text(y) for y in PLAN_YEARS},
            actuals=[(a.year, a.value) for a in self.actuals.all()],
        )


class Actual(models.Model):
    """A value staff record for an indicator and year, with its source; changes keep history."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=4,
        help_text=_("In the indicator's unit, as a plain number (no commas or unit)."),
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the value comes from (statistics, report).")
    )
    source_url = models.URLField(_("source link"), blank=True)
    reported_on = models.DateField(_("date of the value"), help_text=_("When it was published."))
    note = models.TextField(_("note"), blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,  # values recorded before departments reported their own
        related_name="actuals",
        verbose_name=_("reporting department"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        get_latest_by = "year"
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        permissions = [
            ("import_actual", _("Can import a year's actual values from a file")),
            ("change_every_actual", _("Can see and change every department's actual values")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="sdg_actual_unique_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="sdg_actual_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.name} {self.year}: {self.value}"
