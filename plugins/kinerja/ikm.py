"""The community satisfaction index (IKM, Indeks Kepuasan Masyarakat), PermenPANRB 14/2017 — pure, no database.

The survey (SKM) asks each respondent to score nine elements (unsur) from 1 (tidak baik) to 4
(sangat baik). From the number of respondents and each element's sum of scores:

- NRR per element (nilai rata-rata) = the element's sum / respondents;
- IKM = Σ NRR x 1/9 — the nine elements weigh exactly one ninth each (the regulation's
  0,111 is 1/9 rounded; here it is the exact fraction);
- the index (nilai IKM konversi) = IKM x 25, between 25 and 100;
- the grade (mutu pelayanan) on the index: A 88,31-100 Sangat Baik, B 76,61-88,30 Baik,
  C 65,00-76,60 Kurang Baik, D 25,00-64,99 Tidak Baik.

Rounding. Everything is computed exactly with :class:`fractions.Fraction` (no float ever),
and each figure is rounded once, half up, from its exact value: NRR and IKM to four
decimals, the index to two decimals — the precision of the bands. The grade is that of the
**rounded** index. The bands leave gaps between them (88,30 < x < 88,31, 76,60 < x < 76,61,
64,99 < x < 65,00); rounding to two decimals first puts every value into exactly one band:
an exact index of 76,605 rounds to 76,61 and is graded B, 76,6049… rounds to 76,60 and is
graded C; 88,305 → 88,31 → A; 64,995 → 65,00 → C, 64,9949… → 64,99 → D.

The index is rounded from the exact IKM x 25, not from the rounded IKM, so it may differ in
the last digit from ``round(ikm, 4) x 25``; the grade always follows the index shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Element:
    """One of the nine survey elements (unsur pelayanan)."""

    code: str
    name_id: str
    name_en: str


#: The nine elements of PermenPANRB 14/2017, in its order (U1 … U9).
ELEMENTS: tuple[Element, ...] = (
    Element("U1", "Persyaratan", "Requirements"),
    Element("U2", "Sistem, mekanisme dan prosedur", "System, mechanism and procedure"),
    Element("U3", "Waktu penyelesaian", "Completion time"),
    Element("U4", "Biaya/tarif", "Cost/fee"),
    Element("U5", "Produk spesifikasi jenis pelayanan", "Product specification of the service"),
    Element("U6", "Kompetensi pelaksana", "Competence of the staff"),
    Element("U7", "Perilaku pelaksana", "Behaviour of the staff"),
    Element("U8", "Penanganan pengaduan, saran dan masukan", "Handling of complaints, suggestions and feedback"),
    Element("U9", "Sarana dan prasarana", "Facilities and infrastructure"),
)
#: The lowest and the highest score of an element.
MIN_SCORE, MAX_SCORE = 1, 4
#: Each element's weight: exactly one ninth.
WEIGHT = Fraction(1, len(ELEMENTS))
#: The conversion from the 1-4 IKM to the 25-100 index.
CONVERSION = 25
NRR_PLACES = 4
IKM_PLACES = 4
INDEX_PLACES = 2


@dataclass(frozen=True)
class Grade:
    """A band of the index (mutu pelayanan), both ends included, on the index rounded to two decimals."""

    code: str
    low: Decimal
    high: Decimal
    label_id: str
    label_en: str


#: From the best down; on two-decimal values the bands leave no gap and do not overlap.
GRADES: tuple[Grade, ...] = (
    Grade("A", Decimal("88.31"), Decimal("100.00"), "Sangat Baik", "Very good"),
    Grade("B", Decimal("76.61"), Decimal("88.30"), "Baik", "Good"),
    Grade("C", Decimal("65.00"), Decimal("76.60"), "Kurang Baik", "Less than good"),
    Grade("D", Decimal("25.00"), Decimal("64.99"), "Tidak Baik", "Not good"),
)
GRADE_BY_CODE: dict[str, Grade] = {grade.code: grade for grade in GRADES}


@dataclass(frozen=True)
class IkmResult:
    """The index of a set of survey answers (``None`` figures when nobody answered)."""

    respondents: int
    nrr: tuple[Decimal | None, ...]  # 9 values: element sum / respondents, 4 decimals (None without respondents)
    ikm: Decimal | None  # Σ NRR x 1/9, 4 decimals
    index: Decimal | None  # IKM x 25, 2 decimals
    grade: str | None  # "A" | "B" | "C" | "D", of the rounded index


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """``value`` rounded half up (away from zero at .5) to ``places`` decimals, exactly."""
    exact = Fraction(value)
    scaled = abs(exact) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    return Decimal(whole if exact >= 0 else -whole).scaleb(-places)


def grade_of(index: Fraction | Decimal | int) -> str:
    """The grade of an index: rounded half up to two decimals first, then the band holding it.

    So a value in a gap between two bands goes to the band its rounding reaches
    (76.605 → 76.61 → B; 76.6049 → 76.60 → C). Outside 25-100 is a ``ValueError``.
    """
    shown = round_half_up(index, INDEX_PLACES)
    for grade in GRADES:
        if grade.low <= shown <= grade.high:
            return grade.code
    raise ValueError(f"an IKM index lies between 25 and 100, not {shown}")


def exact_index(respondents: int, element_sums: Sequence[int]) -> Fraction:
    """IKM x 25 as an exact fraction: 25 x Σ sums / (9 x respondents)."""
    _check(respondents, element_sums)
    if respondents == 0:
        raise ValueError("no respondents: the index is undefined")
    return exact_ikm(respondents, element_sums) * CONVERSION


def exact_ikm(respondents: int, element_sums: Sequence[int]) -> Fraction:
    """Σ NRR x 1/9 as an exact fraction."""
    _check(respondents, element_sums)
    if respondents == 0:
        raise ValueError("no respondents: the IKM is undefined")
    return sum((Fraction(total, respondents) * WEIGHT for total in element_sums), Fraction(0))


def compute(respondents: int, element_sums: Sequence[int]) -> IkmResult:
    """The IKM of ``respondents`` answers whose scores add up to ``element_sums`` (U1 … U9)."""
    _check(respondents, element_sums)
    if respondents == 0:
        return IkmResult(0, (None,) * len(ELEMENTS), None, None, None)
    nrr = tuple(round_half_up(Fraction(total, respondents), NRR_PLACES) for total in element_sums)
    ikm = exact_ikm(respondents, element_sums)
    index = round_half_up(ikm * CONVERSION, INDEX_PLACES)
    return IkmResult(respondents, nrr, round_half_up(ikm, IKM_PLACES), index, grade_of(index))


def _check(respondents: int, element_sums: Sequence[int]) -> None:
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 0:
        raise ValueError(f"respondents must be a whole number >= 0, not {respondents!r}")
    if len(element_sums) != len(ELEMENTS):
        raise ValueError(f"{len(ELEMENTS)} element sums are needed, not {len(element_sums)}")
    for code, total in zip((e.code for e in ELEMENTS), element_sums, strict=True):
        if isinstance(total, bool) or not isinstance(total, int):
            raise ValueError(f"{code}: a sum of scores is a whole number, not {total!r}")
        if not MIN_SCORE * respondents <= total <= MAX_SCORE * respondents:
            raise ValueError(f"{code}: {respondents} answers of 1-4 cannot add up to {total}")
