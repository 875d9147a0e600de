"""The IKM computation (PermenPANRB 14/2017) against worked examples, every band boundary and the gaps between bands.

Worked by hand: NRR = sum / respondents, IKM = Σ NRR x 1/9 (exactly), index = IKM x 25, each figure rounded
half up once from its exact value (NRR and IKM to 4 decimals, the index to 2), graded on the rounded index.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from plugins.kinerja.ikm import ELEMENTS, GRADES, IkmResult, compute, exact_index, grade_of, round_half_up

D = Decimal


def spread(total: int, respondents: int) -> list[int]:
    """Nine element sums adding up to ``total``, as even as possible (each within respondents..4 x respondents)."""
    base, extra = divmod(total, 9)
    sums = [base + (1 if i < extra else 0) for i in range(9)]
    assert all(respondents <= s <= 4 * respondents for s in sums)
    return sums


def test_the_nine_elements_of_the_regulation_in_order():
    assert [e.code for e in ELEMENTS] == [f"U{i}" for i in range(1, 10)]
    assert ELEMENTS[0].name_id == "Persyaratan"
    assert ELEMENTS[2].name_id == "Waktu penyelesaian"
    assert ELEMENTS[7].name_id == "Penanganan pengaduan, saran dan masukan"
    assert ELEMENTS[8].name_id == "Sarana dan prasarana"


def test_a_worked_example_of_two_respondents():
    # respondent 1: 4 3 3 4 4 3 4 3 3 (31); respondent 2: 3 3 2 4 3 3 3 2 3 (26)
    first = (4, 3, 3, 4, 4, 3, 4, 3, 3)
    second = (3, 3, 2, 4, 3, 3, 3, 2, 3)
    sums = [a + b for a, b in zip(first, second, strict=True)]
    assert sums == [7, 6, 5, 8, 7, 6, 7, 5, 6]
    result = compute(2, sums)
    assert result.nrr == (D("3.5000"), D("3.0000"), D("2.5000"), D("4.0000"), D("3.5000"), D("3.0000"), D("3.5000"),
                          D("2.5000"), D("3.0000"))  # fmt: skip
    # Σ NRR = 28.5; x 1/9 = 3.1666…; x 25 = 79.1666… → 79.17, band B
    assert result.ikm == D("3.1667")
    assert result.index == D("79.17")
    assert result.grade == "B"
    assert exact_index(2, sums) == Fraction(2375, 30)


def test_a_worked_example_of_ten_respondents_with_uneven_elements():
    # sums per element of ten answers; NRR: 3.2 2.9 2.7 3.9 3.1 3.3 3.4 2.6 3.0 → Σ 28.1
    sums = [32, 29, 27, 39, 31, 33, 34, 26, 30]
    result = compute(10, sums)
    assert result.nrr[1] == D("2.9000") and result.nrr[3] == D("3.9000")
    # IKM = 28.1 / 9 = 3.12222… → 3.1222; index = 28.1 x 25 / 9 = 78.0555… → 78.06, B
    assert result.ikm == D("3.1222")
    assert result.index == D("78.06")
    assert result.grade == "B"


def test_one_ninth_is_exact_where_0_111_would_drift():
    # Every element 3.5: IKM 3.5, index 87.50 exactly (with a weight of 0.111 it would be 87.41).
    result = compute(2, [7] * 9)
    assert result.ikm == D("3.5000") and result.index == D("87.50") and result.grade == "B"
    # A third of a point: NRR 10/3 each → IKM 3.3333…, index 83.3333… → 83.33 (no float drift)
    result = compute(3, [10] * 9)
    assert result.nrr == (D("3.3333"),) * 9 and result.ikm == D("3.3333") and result.index == D("83.33")


def test_the_extremes_and_nobody():
    assert compute(5, [20] * 9) == IkmResult(5, (D("4.0000"),) * 9, D("4.0000"), D("100.00"), "A")
    assert compute(5, [5] * 9) == IkmResult(5, (D("1.0000"),) * 9, D("1.0000"), D("25.00"), "D")
    assert compute(4, [12] * 9).index == D("75.00") and compute(4, [12] * 9).grade == "C"
    assert compute(0, [0] * 9) == IkmResult(0, (None,) * 9, None, None, None)


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        ("100.00", "A"),
        ("88.31", "A"),  # the lowest A
        ("88.30", "B"),  # the highest B
        ("76.61", "B"),  # the lowest B
        ("76.60", "C"),  # the highest C
        ("65.00", "C"),  # the lowest C
        ("64.99", "D"),  # the highest D
        ("25.00", "D"),
    ],
)
def test_every_band_boundary(index, grade):
    assert grade_of(D(index)) == grade


@pytest.mark.parametrize(
    ("value", "shown", "grade"),
    [
        # between B (…88.30) and A (88.31…)
        ("88.305", "88.31", "A"),
        ("88.3049999", "88.30", "B"),
        ("88.301", "88.30", "B"),
        ("88.309", "88.31", "A"),
        # between C (…76.60) and B (76.61…)
        ("76.605", "76.61", "B"),
        ("76.6049", "76.60", "C"),
        ("76.601", "76.60", "C"),
        ("76.6099", "76.61", "B"),
        # between D (…64.99) and C (65.00…)
        ("64.995", "65.00", "C"),
        ("64.9949", "64.99", "D"),
        ("64.991", "64.99", "D"),
        ("64.999", "65.00", "C"),
    ],
)
def test_a_value_in_a_gap_goes_where_its_rounding_to_two_decimals_lands(value, shown, grade):
    assert round_half_up(D(value), 2) == D(shown)
    assert grade_of(D(value)) == grade


@pytest.mark.parametrize(
    ("total", "index", "grade"),
    [
        # 5000 respondents: index = 25 x total / 45000 exactly
        (158949, "88.31", "A"),  # exactly 88.305 → 88.31
        (158948, "88.30", "B"),  # 88.30444… → 88.30
        (137889, "76.61", "B"),  # exactly 76.605 → 76.61
        (137888, "76.60", "C"),  # 76.60444… → 76.60
        (116991, "65.00", "C"),  # exactly 64.995 → 65.00
        (116990, "64.99", "D"),  # 64.99444… → 64.99
    ],
)
def test_computed_indexes_in_the_gaps_are_rounded_half_up_then_graded(total, index, grade):
    sums = spread(total, 5000)
    assert exact_index(5000, sums) == Fraction(25 * total, 45000)
    result = compute(5000, sums)
    assert result.index == D(index)
    assert result.grade == grade


def test_the_bands_cover_25_to_100_without_overlap_at_two_decimals():
    seen: dict[str, int] = {g.code: 0 for g in GRADES}
    for hundredths in range(2500, 10001):
        value = D(hundredths).scaleb(-2)
        matching = [g.code for g in GRADES if g.low <= value <= g.high]
        assert len(matching) == 1, value
        seen[matching[0]] += 1
        assert grade_of(value) == matching[0]
    assert seen == {"A": 1170, "B": 1170, "C": 1161, "D": 4000}


def test_round_half_up_is_exact_and_goes_away_from_zero_at_half():
    assert round_half_up(Fraction(1, 8), 2) == D("0.13")  # 0.125 (binary floats would give 0.12)
    assert round_half_up(Fraction(-1, 8), 2) == D("-0.13")
    assert round_half_up(D("2.675"), 2) == D("2.68")  # float('2.675') rounds to 2.67
    assert round_half_up(Fraction(2, 3), 4) == D("0.6667")


@pytest.mark.parametrize(
    ("respondents", "sums"),
    [
        (-1, [0] * 9),
        (2, [7] * 8),  # eight elements
        (2, [1] + [7] * 8),  # below 1 x respondents
        (2, [9] + [7] * 8),  # above 4 x respondents
        (0, [1] + [0] * 8),
        (2, [7.0] + [7] * 8),  # not a whole number
    ],
)
def test_impossible_inputs_are_refused(respondents, sums):
    with pytest.raises(ValueError):
        compute(respondents, sums)


def test_an_index_outside_25_to_100_has_no_grade():
    with pytest.raises(ValueError):
        grade_of(D("24.99"))
    with pytest.raises(ValueError):
        grade_of(D("100.01"))
