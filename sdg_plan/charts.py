"""Server-rendered SVG chart of an indicator: the plan's numeric targets against actual values.

Only geometry is computed here (points, ticks, labels); ``templates/sdg_plan/_chart.html`` draws
it as inline SVG with classes (styled in static/css/sdg.css): no JavaScript, no inline styles.
The table next to the chart is its text alternative.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from sdg_plan.templatetags.sdg import format_number

WIDTH = 640
HEIGHT = 280
LEFT = 76
RIGHT = 20
TOP = 20
BOTTOM = 40


@dataclass
class Point:
    year: int
    value: Decimal
    x: float
    y: float

    @property
    def label(self):
        return format_number(self.value)


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    targets: list = field(default_factory=list)  # Points
    actuals: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)  # (x, label)
    y_ticks: list = field(default_factory=list)  # (y, label)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def has_data(self):
        return bool(self.targets or self.actuals)

    @property
    def target_path(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.targets)

    @property
    def actual_path(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.actuals)


def nice_ticks(low, high, count=5):
    """Round tick values covering [low, high]."""
    if high == low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def build_chart(target_values, actuals):
    """target_values: {year: Decimal|None}; actuals: [(year, Decimal)]."""
    targets = sorted((y, v) for y, v in target_values.items() if v is not None)
    actuals = sorted((int(y), Decimal(v)) for y, v in actuals)
    chart = Chart()
    if not targets and not actuals:
        return chart
    years = [y for y, _ in targets] + [y for y, _ in actuals] + [2020, 2030]
    x_min, x_max = min(years), max(years)
    values = [float(v) for _, v in targets] + [float(v) for _, v in actuals]
    low, high = min(values), max(values)
    if low >= 0 and (high == 0 or low < high * 0.5):
        low = 0.0
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
    ticks = nice_ticks(low - (pad if low != 0 else 0), high + pad)
    y_min, y_max = ticks[0], ticks[-1]

    def x_of(year):
        return LEFT + (year - x_min) / (x_max - x_min) * (WIDTH - LEFT - RIGHT)

    def y_of(value):
        return TOP + (y_max - float(value)) / (y_max - y_min) * (HEIGHT - TOP - BOTTOM)

    chart.targets = [Point(y, v, round(x_of(y), 1), round(y_of(v), 1)) for y, v in targets]
    chart.actuals = [Point(y, v, round(x_of(y), 1), round(y_of(v), 1)) for y, v in actuals]
    label_years = sorted({y for y, _ in targets} | {y for y, _ in actuals} | {2020, 2030})
    chart.x_ticks = [(round(x_of(y), 1), str(y)) for y in label_years]
    chart.y_ticks = [(round(y_of(t), 1), format_number(Decimal(str(t)))) for t in ticks]
    return chart
