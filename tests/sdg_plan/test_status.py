"""The progress status computation (no database): every band, both directions, edge cases."""

from decimal import Decimal

import pytest

from sdg_plan.status import Status, compute_progress, rollup

YEARS = (2020, 2021, 2022, 2023, 2024, 2030)


def targets(values, texts=None):
    """{year: Decimal|None} and {year: text} from {year: "number or word"}."""
    numbers = dict.fromkeys(YEARS)
    written = dict.fromkeys(YEARS, "")
    for year, value in values.items():
        written[year] = value
        try:
            numbers[year] = Decimal(value)
        except ArithmeticError:
            numbers[year] = None
    return numbers, (texts or written)


def progress(values, actuals, higher=True):
    numbers, texts = targets(values)
    return compute_progress(
        higher_is_better=higher,
        target_values=numbers,
        target_texts=texts,
        actuals=[(y, Decimal(v)) for y, v in actuals],
    )


# higher is better: base 100 in 2020, target 200 in 2030 → CAGR_T = 2^(1/10) − 1 ≈ 7.18 %/year
HIGHER = {2020: "100", 2030: "200"}


def test_higher_on_track():
    result = progress(HIGHER, [(2020, "100"), (2022, "115")])
    # CAGRi = 1.15^(1/2) − 1 = 7.24 % → R = 1.008
    assert result.status == Status.ON_TRACK
    assert result.ratio == pytest.approx(1.0084, abs=1e-4)
    assert result.cagr_actual == pytest.approx(0.072381, abs=1e-6)
    assert result.cagr_target == pytest.approx(0.071773, abs=1e-6)
    assert (result.base_year, result.latest_year) == (2020, 2022)


def test_higher_acceleration_needed():
    result = progress(HIGHER, [(2020, "100"), (2022, "110")])
    # CAGRi = 4.88 % → R = 0.68
    assert result.status == Status.ACCELERATION_NEEDED
    assert result.ratio == pytest.approx(0.6800, abs=1e-4)


def test_higher_limited_progress():
    result = progress(HIGHER, [(2020, "100"), (2022, "102")])
    assert result.status == Status.LIMITED_PROGRESS
    assert result.ratio == pytest.approx(0.1387, abs=1e-4)


def test_higher_deterioration():
    result = progress(HIGHER, [(2020, "100"), (2022, "90")])
    assert result.status == Status.DETERIORATION
    assert result.ratio < 0


def test_higher_target_already_met():
    result = progress(HIGHER, [(2020, "100"), (2023, "200")])
    assert result.status == Status.ACHIEVED
    assert result.ratio is None


# lower is better: base 20 in 2020, target 10 in 2030 → CAGR_T = 0.5^(1/10) − 1 ≈ −6.70 %/year
LOWER = {2020: "20", 2030: "10"}


def test_lower_on_track():
    result = progress(LOWER, [(2020, "20"), (2022, "17")], higher=False)
    # CAGRi = (0.85)^(1/2) − 1 = −7.80 % → R = −1·−0.0780/0.0670 = 1.17
    assert result.status == Status.ON_TRACK
    assert result.direction == -1
    assert result.ratio == pytest.approx(1.1654, abs=1e-4)


def test_lower_acceleration_needed():
    result = progress(LOWER, [(2020, "20"), (2022, "18")], higher=False)
    assert result.status == Status.ACCELERATION_NEEDED
    assert result.ratio == pytest.approx(0.7663, abs=1e-4)


def test_lower_limited_progress():
    result = progress(LOWER, [(2020, "20"), (2022, "19.5")], higher=False)
    assert result.status == Status.LIMITED_PROGRESS
    assert result.ratio == pytest.approx(0.1878, abs=1e-4)


def test_lower_deterioration():
    result = progress(LOWER, [(2020, "20"), (2022, "22")], higher=False)
    assert result.status == Status.DETERIORATION


def test_lower_target_already_met():
    result = progress(LOWER, [(2020, "20"), (2022, "9")], higher=False)
    assert result.status == Status.ACHIEVED


def test_band_edges():
    # just above and below 0.95 and 0.60 (exact edges are at the mercy of float rounding)
    base, target = Decimal(100), Decimal(200)
    cagr_t = float(target / base) ** (1 / 10) - 1
    for r, expected in (
        (0.9501, Status.ON_TRACK),
        (0.9499, Status.ACCELERATION_NEEDED),
        (0.6001, Status.ACCELERATION_NEEDED),
        (0.5999, Status.LIMITED_PROGRESS),
        (0.0001, Status.LIMITED_PROGRESS),
        (-0.0001, Status.DETERIORATION),
    ):
        latest = 100 * (1 + r * cagr_t) ** 2
        result = progress(HIGHER, [(2020, "100"), (2022, f"{latest:.12f}")])
        assert result.status == expected, r


def test_not_yet_reported_without_actuals():
    assert progress(HIGHER, []).status == Status.NOT_REPORTED


def test_too_little_data_with_one_actual():
    result = progress(HIGHER, [(2021, "150")])
    assert result.status == Status.TOO_LITTLE_DATA
    assert result.base_year == 2021
    assert result.target_value == Decimal("200")


def test_text_only_targets_get_no_status():
    numbers, texts = targets({2020: "전략 수립", 2030: "계속 추진"})
    result = compute_progress(
        higher_is_better=True,
        target_values=numbers,
        target_texts=texts,
        actuals=[(2020, Decimal(1)), (2022, Decimal(2))],
    )
    assert result.status == Status.NO_NUMERIC_TARGET


def test_arrow_targets_have_no_2030_target():
    # 연간 교통사고 사망자 수: 212명, 180명, ↘ … ↘ — no number to measure against in 2030
    result = progress(
        {2020: "212", 2021: "180", 2022: "↘", 2030: "↘"},
        [(2020, "210"), (2021, "190")],
        higher=False,
    )
    assert result.status == Status.NO_NUMERIC_TARGET
    # the year's own target still gives the share of planned progress: (190−210)/(180−210)
    assert result.planned_share == pytest.approx(2 / 3)


def test_maintain_words_carry_the_latest_numeric_target_to_2030():
    # 서울형 보건지소 수: 36, 40, 44개소, then 운영 운영 운영
    values = {2020: "36", 2021: "40", 2022: "44", 2023: "운영", 2024: "운영", 2030: "운영"}
    result = progress(values, [(2020, "36"), (2022, "44")])
    assert result.target_value == Decimal("44")
    assert result.target_from_year == 2022
    assert result.target_carried
    assert result.status == Status.ACHIEVED


def test_zero_values_are_replaced_by_0_001():
    # 기후 관련 국제포럼 개최 건수: 0회 in 2020, 2회 in 2030
    result = progress({2020: "0", 2030: "2"}, [(2020, "0"), (2022, "1")])
    assert result.zero_replaced
    assert result.cagr_target == pytest.approx((2 / 0.001) ** (1 / 10) - 1)
    assert result.cagr_actual == pytest.approx((1 / 0.001) ** (1 / 2) - 1)
    assert result.status == Status.ON_TRACK


def test_zero_latest_value_lower_is_better_meets_target():
    result = progress({2020: "5", 2030: "1"}, [(2020, "5"), (2021, "0")], higher=False)
    assert result.status == Status.ACHIEVED


def test_target_equal_to_base_and_moving_away_is_deterioration():
    result = progress({2020: "100", 2030: "100"}, [(2020, "100"), (2022, "90")])
    assert result.status == Status.DETERIORATION


def test_planned_share_against_that_years_own_target():
    # 태양광 보급용량: 2022 target 1,000MW; actual 600 in 2020 and 780 in 2022
    values = {2020: "583", 2021: "779", 2022: "1000", 2023: "1100", 2024: "1200", 2030: "1300"}
    result = progress(values, [(2020, "600"), (2021, "700"), (2022, "780")])
    assert result.planned_target == Decimal("1000")
    assert result.planned_share == pytest.approx(0.45)  # (780 − 600) / (1000 − 600)
    assert result.status == Status.ON_TRACK


def test_base_year_is_the_first_actual_not_2020():
    result = progress(HIGHER, [(2022, "100"), (2024, "120")])
    assert result.base_year == 2022
    assert result.cagr_target == pytest.approx(2 ** (1 / 8) - 1)


def test_rollup_counts_and_summary():
    statuses = [
        progress(HIGHER, [(2020, "100"), (2023, "200")]),  # achieved
        progress(HIGHER, [(2020, "100"), (2022, "115")]),  # on track
        progress(HIGHER, [(2020, "100"), (2022, "102")]),  # limited
        progress(HIGHER, [(2020, "100"), (2022, "90")]),  # deterioration
        progress(HIGHER, []),  # not reported
    ]
    result = rollup(statuses)
    assert result.counts == {
        Status.ACHIEVED: 1,
        Status.ON_TRACK: 1,
        Status.LIMITED_PROGRESS: 1,
        Status.DETERIORATION: 1,
        Status.NOT_REPORTED: 1,
    }
    assert (result.total, result.assessed) == (5, 4)
    # ranked best to worst: achieved, on track, limited, deterioration → the middle, rounded
    # towards the worse, is "limited progress"
    assert result.summary == Status.LIMITED_PROGRESS
    assert [s for s, _ in result.rows()] == [
        Status.ACHIEVED,
        Status.ON_TRACK,
        Status.LIMITED_PROGRESS,
        Status.DETERIORATION,
        Status.NOT_REPORTED,
    ]


def test_rollup_of_odd_count_and_of_nothing_assessed():
    three = rollup(
        [
            progress(HIGHER, [(2020, "100"), (2023, "200")]),
            progress(HIGHER, [(2020, "100"), (2023, "200")]),
            progress(HIGHER, [(2020, "100"), (2022, "90")]),
        ]
    )
    assert three.summary == Status.ACHIEVED
    assert rollup([progress(HIGHER, [])]).summary is None
    assert rollup([]).total == 0
