"""Progress status of an indicator, computed from its targets and actual values — never typed.

The method is Open SDG's / Statistics Canada's "progress measure" against the 2030 target:

* base year t0 = the first year with an actual value y0; latest actual yi at ti; target yT;
* CAGRi = (yi / y0) ^ (1 / (ti − t0)) − 1 (the growth achieved so far, per year);
* CAGRT = (yT / y0) ^ (1 / (2030 − t0)) − 1 (the growth needed, per year, to reach the target);
* zeros are replaced by 0.001 (a ratio with zero is undefined);
* d = +1 when higher is better, −1 when lower is better;
* target already met (d·(yi − yT) ≥ 0) → achieved; otherwise R = d·CAGRi / |CAGRT|:
  R ≥ 0.95 on track, 0.60 ≤ R < 0.95 acceleration needed, 0 ≤ R < 0.60 limited progress,
  R < 0 deterioration.

yT is the 2030 (중장기) target. When the plan's 2030 cell is a word that keeps the previous level
("유지", "(유지)", "유지관리", "운영", "(운영)"), the latest numeric yearly target is carried to
2030 and the page says so. An indicator with no numeric target at all gets no computed status.

Beside the status, ``planned_share`` compares the latest actual with the plan's own target for
that year: (yi − y0) / (target of ti − y0).

Roll-up (project, goal, strategy): the count of indicators per status, and a summary status —
the status of the middle assessed indicator, ranked best to worst (rounded towards the worse):
at least half of the assessed indicators are at that level or better.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

TARGET_YEAR = 2030
ZERO_REPLACEMENT = Decimal("0.001")
ON_TRACK_FROM = 0.95
ACCELERATION_FROM = 0.60
CARRY_FORWARD_WORDS = frozenset({"유지", "(유지)", "유지관리", "운영", "(운영)"})


class Status(models.TextChoices):
    ACHIEVED = "achieved", _("Target achieved")
    ON_TRACK = "on_track", _("On track")
    ACCELERATION_NEEDED = "acceleration_needed", _("Acceleration needed")
    LIMITED_PROGRESS = "limited_progress", _("Limited progress")
    DETERIORATION = "deterioration", _("Deterioration")
    TOO_LITTLE_DATA = "too_little_data", _("Too little data")
    NOT_REPORTED = "not_reported", _("Not yet reported")
    NO_NUMERIC_TARGET = "no_numeric_target", _("No numeric target")


#: Statuses from the progress measure, best first (the others say why there is none).
ASSESSED = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.ACCELERATION_NEEDED,
    Status.LIMITED_PROGRESS,
    Status.DETERIORATION,
)
#: Every status in the order pages list them.
ORDER = (*ASSESSED, Status.TOO_LITTLE_DATA, Status.NOT_REPORTED, Status.NO_NUMERIC_TARGET)


@dataclass(frozen=True)
class Progress:
    status: Status
    direction: int  # d: +1 higher is better, −1 lower is better
    base_year: int | None = None  # t0
    base_value: Decimal | None = None  # y0 as recorded
    latest_year: int | None = None  # ti
    latest_value: Decimal | None = None  # yi as recorded
    target_value: Decimal | None = None  # yT
    target_from_year: int | None = None  # the year of the plan cell yT comes from
    cagr_actual: float | None = None  # CAGRi
    cagr_target: float | None = None  # CAGRT
    ratio: float | None = None  # R
    zero_replaced: bool = False
    planned_share: float | None = None  # (yi − y0) / (target of ti − y0)
    planned_target: Decimal | None = None  # the plan's target for ti

    @property
    def target_carried(self):
        return self.target_from_year is not None and self.target_from_year != TARGET_YEAR


def target_for_2030(target_values, target_texts):
    """(yT, the year of the cell it comes from) or (None, None)."""
    value = target_values.get(TARGET_YEAR)
    if value is not None:
        return value, TARGET_YEAR
    if (target_texts.get(TARGET_YEAR) or "").strip() in CARRY_FORWARD_WORDS:
        for year in sorted(target_values, reverse=True):
            if year < TARGET_YEAR and target_values[year] is not None:
                return target_values[year], year
    return None, None


def _nonzero(value):
    return (ZERO_REPLACEMENT, True) if value == 0 else (value, False)


def compute_progress(*, higher_is_better, target_values, target_texts, actuals):
    """The Progress of one indicator.

    target_values: {year: Decimal or None} parsed targets; target_texts: {year: text as written};
    actuals: iterable of (year, Decimal value).
    """
    d = 1 if higher_is_better else -1
    actuals = sorted((int(y), Decimal(v)) for y, v in actuals if v is not None)
    if not any(v is not None for v in target_values.values()):
        return Progress(Status.NO_NUMERIC_TARGET, d)
    if not actuals:
        return Progress(Status.NOT_REPORTED, d)
    t0, y0_raw = actuals[0]
    ti, yi_raw = actuals[-1]
    planned_target = target_values.get(ti)
    common = {
        "direction": d,
        "base_year": t0,
        "base_value": y0_raw,
        "latest_year": ti,
        "latest_value": yi_raw,
        "planned_share": _planned_share(actuals, planned_target),
        "planned_target": planned_target,
    }
    y_target_raw, target_from_year = target_for_2030(target_values, target_texts)
    if y_target_raw is None:
        return Progress(Status.NO_NUMERIC_TARGET, **common)
    common |= {"target_value": y_target_raw, "target_from_year": target_from_year}
    if len(actuals) < 2:
        return Progress(Status.TOO_LITTLE_DATA, **common)
    if min(y0_raw, yi_raw, y_target_raw) < 0 or t0 >= TARGET_YEAR:
        # growth rates of negative values, or a base at or after 2030, are undefined
        return Progress(Status.NO_NUMERIC_TARGET, **common)

    y0, z0 = _nonzero(y0_raw)
    yi, zi = _nonzero(yi_raw)
    y_target, zt = _nonzero(y_target_raw)
    cagr_actual = (float(yi) / float(y0)) ** (1 / (ti - t0)) - 1
    cagr_target = (float(y_target) / float(y0)) ** (1 / (TARGET_YEAR - t0)) - 1
    common |= {
        "cagr_actual": cagr_actual,
        "cagr_target": cagr_target,
        "zero_replaced": z0 or zi or zt,
    }
    if d * (yi_raw - y_target_raw) >= 0:
        return Progress(Status.ACHIEVED, **common)
    if cagr_target == 0:
        # yT equals y0 and the target is not met: the value moved away from it
        return Progress(Status.DETERIORATION, **common)
    ratio = d * cagr_actual / abs(cagr_target)
    return Progress(_status_of_ratio(ratio), ratio=ratio, **common)


def _planned_share(actuals, planned_target):
    """(yi − y0) / (the plan's target for ti − y0), or None (one actual, or no such target)."""
    (_, y0), (_, yi) = actuals[0], actuals[-1]
    if len(actuals) < 2 or planned_target is None or planned_target == y0:
        return None
    return float((yi - y0) / (planned_target - y0))


def _status_of_ratio(ratio):
    if ratio >= ON_TRACK_FROM:
        return Status.ON_TRACK
    if ratio >= ACCELERATION_FROM:
        return Status.ACCELERATION_NEEDED
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


@dataclass
class Rollup:
    """Statuses of a group of indicators (a project, goal, strategy, department, the plan)."""

    counts: dict = field(default_factory=dict)  # Status → number of indicators

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def assessed(self):
        return sum(self.counts.get(s, 0) for s in ASSESSED)

    @property
    def summary(self):
        """The middle assessed status (rounded towards the worse), or None."""
        ranked = [s for s in ASSESSED for _ in range(self.counts.get(s, 0))]
        if not ranked:
            return None
        return ranked[len(ranked) // 2]

    def rows(self):
        """[(Status, count)] in display order, statuses with no indicator left out."""
        return [(s, self.counts[s]) for s in ORDER if self.counts.get(s)]


def rollup(progresses):
    counts = {}
    for progress in progresses:
        counts[progress.status] = counts.get(progress.status, 0) + 1
    return Rollup(counts)
