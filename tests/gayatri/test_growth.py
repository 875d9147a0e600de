"""The stunting flag: WHO length/height-for-age z-scores as Permenkes 2/2020 applies them."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from core.testkit import GraphQLClient
from plugins.gayatri import growth
from plugins.gayatri.domain import ChildSex, HeightForAge, Position
from plugins.gayatri.growth import Basis
from tests.gayatri.support import PLUGINS

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

BOY, GIRL = ChildSex.MALE, ChildSex.FEMALE

#: WHO Child Growth Standards, length/height-for-age z-score tables (and Permenkes 2/2020's annex), in cm:
#: (sex, months, basis, -3 SD, -2 SD, median) as printed, to 0.1 cm.
PUBLISHED = [
    (BOY, 0, Basis.LENGTH, 44.2, 46.1, 49.9),
    (GIRL, 0, Basis.LENGTH, 43.6, 45.4, 49.1),
    (BOY, 6, Basis.LENGTH, 61.2, 63.3, 67.6),
    (GIRL, 6, Basis.LENGTH, 58.9, 61.2, 65.7),
    (BOY, 12, Basis.LENGTH, 68.6, 71.0, 75.7),
    (GIRL, 12, Basis.LENGTH, 66.3, 68.9, 74.0),
    (BOY, 18, Basis.LENGTH, 74.2, 76.9, 82.3),
    (GIRL, 18, Basis.LENGTH, 72.0, 74.9, 80.7),
    (BOY, 24, Basis.LENGTH, 78.7, 81.7, 87.8),
    (GIRL, 24, Basis.LENGTH, 76.7, 80.0, 86.4),
    (BOY, 24, Basis.HEIGHT, 78.0, 81.0, 87.1),
    (GIRL, 24, Basis.HEIGHT, 76.0, 79.3, 85.7),
    (BOY, 36, Basis.HEIGHT, 85.0, 88.7, 96.1),
    (GIRL, 36, Basis.HEIGHT, 83.6, 87.4, 95.1),
    (BOY, 48, Basis.HEIGHT, 90.7, 94.9, 103.3),
    (GIRL, 48, Basis.HEIGHT, 89.8, 94.1, 102.7),
    (BOY, 60, Basis.HEIGHT, 96.1, 100.7, 110.0),
    (GIRL, 60, Basis.HEIGHT, 95.2, 99.9, 109.4),
]


@pytest.mark.parametrize(("sex", "months", "basis", "minus3", "minus2", "median"), PUBLISHED)
def test_the_table_gives_the_published_thresholds(
    sex: ChildSex, months: int, basis: Basis, minus3: float, minus2: float, median: float
) -> None:
    row = growth.reference(sex, months, basis)
    assert row is not None
    assert round(row.height_at(-3), 1) == minus3
    assert round(row.height_at(-2), 1) == minus2
    assert round(row.median, 1) == median


def test_the_table_covers_every_month_for_both_sexes_with_l_equal_to_one() -> None:
    for sex in ChildSex:
        months = sorted(m for s, m, _b, _m, _s in growth.LMS if s is sex)
        assert months == [*range(24), 24, 24, *range(25, 61)]
        assert [row.basis for m in (23, 24) if (row := growth.reference(sex, m))] == [Basis.LENGTH, Basis.HEIGHT]
    medians = [row.median for m in range(61) if (row := growth.reference(BOY, m))]
    assert len(medians) == 61
    assert all(a < b for a, b in itertools.pairwise(medians)), "the median grows month by month"
    assert growth.reference(BOY, 61) is None


def test_a_boy_of_24_months_at_81_cm_is_stunted_and_at_87_1_is_not() -> None:
    birth, day = date(2024, 3, 10), date(2026, 3, 10)
    short = growth.assess(BOY, birth, day, 81.0, Position.STANDING)
    assert short is not None
    assert short.age_months == 24 and short.reference.basis is Basis.HEIGHT
    assert short.z == pytest.approx((81.0 - 87.1161) / (87.1161 * 0.03507))
    assert short.z == pytest.approx(-2.0019, abs=1e-4)
    assert short.category is HeightForAge.STUNTED and short.stunted
    median = growth.assess(BOY, birth, day, 87.1, Position.STANDING)
    assert median is not None and median.category is HeightForAge.NORMAL and not median.stunted
    assert median.z == pytest.approx(-0.0053, abs=1e-4)


def test_categories_follow_permenkes_2_2020_boundaries() -> None:
    assert growth.categorise(-3.01) is HeightForAge.SEVERELY_STUNTED
    assert growth.categorise(-3.0) is HeightForAge.STUNTED  # "pendek: -3 SD sd < -2 SD"
    assert growth.categorise(-2.01) is HeightForAge.STUNTED
    assert growth.categorise(-2.0) is HeightForAge.NORMAL
    assert growth.categorise(3.0) is HeightForAge.NORMAL
    assert growth.categorise(3.01) is HeightForAge.TALL


def test_position_is_corrected_by_0_7_cm() -> None:
    birth, day = date(2025, 1, 5), date(2026, 1, 5)  # 12 months: recumbent length expected
    standing = growth.assess(BOY, birth, day, 70.3, Position.STANDING)
    lying = growth.assess(BOY, birth, day, 70.3, Position.LYING)
    assert standing is not None and lying is not None
    assert standing.adjusted_cm == pytest.approx(71.0) and lying.adjusted_cm == pytest.approx(70.3)
    assert standing.category is HeightForAge.NORMAL  # 71.0 is just above -2 SD (70.998)
    assert lying.category is HeightForAge.STUNTED
    older = growth.assess(GIRL, date(2022, 1, 5), date(2025, 1, 5), 88.1, Position.LYING)  # 36 months
    assert older is not None and older.adjusted_cm == pytest.approx(87.4)


def test_age_is_counted_in_completed_months() -> None:
    assert growth.completed_months(date(2024, 3, 15), date(2024, 6, 14)) == 2  # 2 months 30 days
    assert growth.completed_months(date(2024, 3, 15), date(2024, 6, 15)) == 3
    assert growth.completed_months(date(2024, 1, 31), date(2024, 2, 29)) == 1  # last day of a shorter month
    assert growth.completed_months(date(2024, 1, 31), date(2024, 2, 28)) == 0
    assert growth.completed_months(date(2024, 5, 1), date(2024, 4, 30)) == -1
    assert growth.assess(BOY, date(2020, 1, 1), date(2025, 2, 1), 110.0, Position.STANDING) is None  # 61 months
    assert growth.assess(BOY, date(2025, 2, 1), date(2025, 1, 1), 50.0, Position.LYING) is None  # before birth


def test_an_impossible_length_is_implausible() -> None:
    result = growth.assess(BOY, date(2024, 3, 10), date(2026, 3, 10), 60.0, Position.STANDING)
    assert result is not None and result.z < -6 and not result.plausible


REFERENCE = """
query ($sex: GayatriChildSex!, $age: Int!, $basis: GayatriGrowthBasis) {
  gayatriGrowthReference(sex: $sex, ageMonths: $age, basis: $basis) {
    sex ageMonths basis medianCm coefficientOfVariation sdCm minus2SdCm minus3SdCm
  }
}
"""


async def test_anyone_reads_a_row_of_the_standard(gql: GraphQLClient) -> None:
    data = await gql.execute(REFERENCE, {"sex": "MALE", "age": 24})
    assert data["gayatriGrowthReference"] == {
        "sex": "MALE",
        "ageMonths": 24,
        "basis": "HEIGHT",
        "medianCm": 87.1161,
        "coefficientOfVariation": 0.03507,
        "sdCm": 3.0552,
        "minus2SdCm": 81.0,
        "minus3SdCm": 78.0,
    }
    length = await gql.execute(REFERENCE, {"sex": "FEMALE", "age": 24, "basis": "LENGTH"})
    assert (length["gayatriGrowthReference"]["basis"], length["gayatriGrowthReference"]["minus2SdCm"]) == (
        "LENGTH",
        80.0,
    )


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"sex": "MALE", "age": 61}, "GAYATRI_AGE_OUT_OF_RANGE", "ageMonths"),
        ({"sex": "MALE", "age": -1}, "GAYATRI_AGE_OUT_OF_RANGE", "ageMonths"),
        ({"sex": "MALE", "age": 30, "basis": "LENGTH"}, "VALIDATION_FAILED", "basis"),
        ({"sex": "MALE", "age": 12, "basis": "HEIGHT"}, "VALIDATION_FAILED", "basis"),
    ],
)
async def test_ages_outside_the_standard_are_refused(
    gql: GraphQLClient, variables: dict[str, object], code: str, field: str
) -> None:
    response = await gql.query(REFERENCE, variables, language="en")
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
