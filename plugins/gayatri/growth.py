"""Length/height-for-age z-scores (HAZ) and the stunting flag.

Standard: the WHO Child Growth Standards (WHO Multicentre Growth Reference Study
Group, 2006), length/height-for-age, adopted in Indonesia by Permenkes 2/2020
tentang Standar Antropometri Anak, whose categories are used here:

======================  ===============  ==========================
category (TB/U)          Indonesian       z-score
======================  ===============  ==========================
``SEVERELY_STUNTED``     sangat pendek    z < -3
``STUNTED``              pendek           -3 <= z < -2
``NORMAL``               normal           -2 <= z <= +3
``TALL``                 tinggi           z > +3
======================  ===============  ==========================

The table :data:`LMS` holds WHO's L, M and S for each sex and each month of age
0-60: recumbent length (``LENGTH``) for months 0-24 and standing height
(``HEIGHT``) for months 24-60. For length/height-for-age WHO's L is 1 at every
age, so the LMS z-score ``((x / M) ** L - 1) / (L * S)`` is simply
``(x - M) / (M * S)``: the distance from the median in standard deviations
``SD = M * S``.

Where the numbers come from: WHO publishes L, M and S by day of age (0-1856
days) — we read them from ``data-raw/growthstandards/lenanthro.txt`` of WHO's
own ``anthro`` R package (github.com/WorldHealthOrganization/anthro) — and by
month in its "expanded" monthly tables. The monthly values below were computed
from the daily table at age ``month x 30.4375`` days by linear interpolation
between the two neighbouring days (at month 24, and at month 60, by linear
extrapolation from the two last days of the same table, length or height). M
is rounded to 4 decimals and S to 5. Checked against WHO's monthly tables: they
agree to +/-0.0001 cm in M (e.g. boys 24 months height M 87.1161, S 0.03507;
boys 12 months length M 75.7488, S 0.03137; girls birth M 49.1477, S 0.03790),
which moves a z-score by less than 0.0001; the boys' 24-month length row, where
the extrapolated S came out 0.03480, holds WHO's published 87.8161 and 0.03479.
The -2 SD and -3 SD lengths/heights they give, rounded to 0.1 cm, equal those
printed in WHO's z-score tables (and Permenkes 2/2020's annex) at the ages the
tests check (0, 6, 12, 18, 24, 36, 48 and 60 months, both sexes).

How a measurement is scored (as Permenkes 2/2020 and WHO prescribe):

- age in **completed months** between the birth date and the measurement date
  (2 months 29 days is 2 months);
- below 24 months children are measured lying down; one measured standing has
  0.7 cm added. From 24 months they are measured standing; one measured lying
  down has 0.7 cm subtracted;
- ``z = (adjusted - M) / (M * S)`` with the row of that sex, month and basis;
- |z| > 6 is biologically implausible (WHO's flag): refused as a likely typing error.

Limits: Permenkes 2/2020 scores a child with the row of their completed month,
not with WHO's daily values (WHO Anthro). A child grows during the month, so
late in a month the z-score here reads higher than WHO Anthro's: for a child
exactly on WHO's daily median, by up to 2.5 SD in the first year (most in the
first months of life), 0.5 SD in the second, under 0.3 SD after 24 months. The
difference always goes towards a higher z: a borderline child measured late in
a month may be flagged only at the next measurement. Ages above 60 months are
outside the standard and refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plugins.gayatri.domain import ChildSex, HeightForAge, Position

MAX_AGE_MONTHS = 60
#: WHO's flag for implausible length/height-for-age z-scores.
IMPLAUSIBLE_Z = 6.0
#: Standing height reads about 0.7 cm less than recumbent length (WHO).
POSITION_DIFFERENCE_CM = 0.7


class Basis(StrEnum):
    LENGTH = "length"  # recumbent, below 24 months
    HEIGHT = "height"  # standing, from 24 months


@dataclass(frozen=True)
class Reference:
    """One row of the standard: the median ``M`` and coefficient of variation ``S`` (L = 1)."""

    sex: ChildSex
    age_months: int
    basis: Basis
    median: float
    s: float

    @property
    def sd(self) -> float:
        return self.median * self.s

    def height_at(self, z: float) -> float:
        """The length/height at ``z`` SD (``height_at(-2)`` is the stunting threshold)."""
        return self.median * (1 + self.s * z)


#: (sex, age in months, basis, M, S) — see the module docstring for the source.
LMS: tuple[tuple[ChildSex, int, Basis, float, float], ...] = (
    (ChildSex.MALE, 0, Basis.LENGTH, 49.8842, 0.03795),
    (ChildSex.MALE, 1, Basis.LENGTH, 54.7243, 0.03557),
    (ChildSex.MALE, 2, Basis.LENGTH, 58.4248, 0.03423),
    (ChildSex.MALE, 3, Basis.LENGTH, 61.4291, 0.03328),
    (ChildSex.MALE, 4, Basis.LENGTH, 63.8859, 0.03257),
    (ChildSex.MALE, 5, Basis.LENGTH, 65.9026, 0.03204),
    (ChildSex.MALE, 6, Basis.LENGTH, 67.6236, 0.03165),
    (ChildSex.MALE, 7, Basis.LENGTH, 69.1645, 0.03139),
    (ChildSex.MALE, 8, Basis.LENGTH, 70.5994, 0.03124),
    (ChildSex.MALE, 9, Basis.LENGTH, 71.9686, 0.03117),
    (ChildSex.MALE, 10, Basis.LENGTH, 73.2811, 0.03118),
    (ChildSex.MALE, 11, Basis.LENGTH, 74.5388, 0.03125),
    (ChildSex.MALE, 12, Basis.LENGTH, 75.7488, 0.03137),
    (ChildSex.MALE, 13, Basis.LENGTH, 76.9186, 0.03154),
    (ChildSex.MALE, 14, Basis.LENGTH, 78.0497, 0.03174),
    (ChildSex.MALE, 15, Basis.LENGTH, 79.1458, 0.03197),
    (ChildSex.MALE, 16, Basis.LENGTH, 80.2113, 0.03222),
    (ChildSex.MALE, 17, Basis.LENGTH, 81.2487, 0.03249),
    (ChildSex.MALE, 18, Basis.LENGTH, 82.2587, 0.03279),
    (ChildSex.MALE, 19, Basis.LENGTH, 83.2418, 0.03310),
    (ChildSex.MALE, 20, Basis.LENGTH, 84.1996, 0.03342),
    (ChildSex.MALE, 21, Basis.LENGTH, 85.1348, 0.03375),
    (ChildSex.MALE, 22, Basis.LENGTH, 86.0478, 0.03410),
    (ChildSex.MALE, 23, Basis.LENGTH, 86.9410, 0.03445),
    (ChildSex.MALE, 24, Basis.LENGTH, 87.8161, 0.03479),  # WHO monthly table (extrapolation: 87.8160, 0.03480)
    (ChildSex.MALE, 24, Basis.HEIGHT, 87.1161, 0.03507),
    (ChildSex.MALE, 25, Basis.HEIGHT, 87.9720, 0.03542),
    (ChildSex.MALE, 26, Basis.HEIGHT, 88.8065, 0.03576),
    (ChildSex.MALE, 27, Basis.HEIGHT, 89.6197, 0.03610),
    (ChildSex.MALE, 28, Basis.HEIGHT, 90.4120, 0.03642),
    (ChildSex.MALE, 29, Basis.HEIGHT, 91.1828, 0.03674),
    (ChildSex.MALE, 30, Basis.HEIGHT, 91.9327, 0.03704),
    (ChildSex.MALE, 31, Basis.HEIGHT, 92.6631, 0.03733),
    (ChildSex.MALE, 32, Basis.HEIGHT, 93.3753, 0.03761),
    (ChildSex.MALE, 33, Basis.HEIGHT, 94.0711, 0.03787),
    (ChildSex.MALE, 34, Basis.HEIGHT, 94.7531, 0.03812),
    (ChildSex.MALE, 35, Basis.HEIGHT, 95.4236, 0.03836),
    (ChildSex.MALE, 36, Basis.HEIGHT, 96.0835, 0.03858),
    (ChildSex.MALE, 37, Basis.HEIGHT, 96.7338, 0.03879),
    (ChildSex.MALE, 38, Basis.HEIGHT, 97.3749, 0.03900),
    (ChildSex.MALE, 39, Basis.HEIGHT, 98.0073, 0.03919),
    (ChildSex.MALE, 40, Basis.HEIGHT, 98.6311, 0.03937),
    (ChildSex.MALE, 41, Basis.HEIGHT, 99.2459, 0.03954),
    (ChildSex.MALE, 42, Basis.HEIGHT, 99.8515, 0.03970),
    (ChildSex.MALE, 43, Basis.HEIGHT, 100.4485, 0.03986),
    (ChildSex.MALE, 44, Basis.HEIGHT, 101.0374, 0.04002),
    (ChildSex.MALE, 45, Basis.HEIGHT, 101.6187, 0.04017),
    (ChildSex.MALE, 46, Basis.HEIGHT, 102.1933, 0.04031),
    (ChildSex.MALE, 47, Basis.HEIGHT, 102.7625, 0.04045),
    (ChildSex.MALE, 48, Basis.HEIGHT, 103.3273, 0.04059),
    (ChildSex.MALE, 49, Basis.HEIGHT, 103.8886, 0.04073),
    (ChildSex.MALE, 50, Basis.HEIGHT, 104.4473, 0.04086),
    (ChildSex.MALE, 51, Basis.HEIGHT, 105.0041, 0.04100),
    (ChildSex.MALE, 52, Basis.HEIGHT, 105.5596, 0.04113),
    (ChildSex.MALE, 53, Basis.HEIGHT, 106.1138, 0.04126),
    (ChildSex.MALE, 54, Basis.HEIGHT, 106.6668, 0.04139),
    (ChildSex.MALE, 55, Basis.HEIGHT, 107.2187, 0.04152),
    (ChildSex.MALE, 56, Basis.HEIGHT, 107.7698, 0.04165),
    (ChildSex.MALE, 57, Basis.HEIGHT, 108.3198, 0.04177),
    (ChildSex.MALE, 58, Basis.HEIGHT, 108.8688, 0.04190),
    (ChildSex.MALE, 59, Basis.HEIGHT, 109.4169, 0.04202),
    (ChildSex.MALE, 60, Basis.HEIGHT, 109.9638, 0.04214),
    (ChildSex.FEMALE, 0, Basis.LENGTH, 49.1477, 0.03790),
    (ChildSex.FEMALE, 1, Basis.LENGTH, 53.6871, 0.03640),
    (ChildSex.FEMALE, 2, Basis.LENGTH, 57.0672, 0.03568),
    (ChildSex.FEMALE, 3, Basis.LENGTH, 59.8028, 0.03520),
    (ChildSex.FEMALE, 4, Basis.LENGTH, 62.0898, 0.03486),
    (ChildSex.FEMALE, 5, Basis.LENGTH, 64.0301, 0.03463),
    (ChildSex.FEMALE, 6, Basis.LENGTH, 65.7311, 0.03448),
    (ChildSex.FEMALE, 7, Basis.LENGTH, 67.2873, 0.03441),
    (ChildSex.FEMALE, 8, Basis.LENGTH, 68.7498, 0.03440),
    (ChildSex.FEMALE, 9, Basis.LENGTH, 70.1435, 0.03444),
    (ChildSex.FEMALE, 10, Basis.LENGTH, 71.4818, 0.03452),
    (ChildSex.FEMALE, 11, Basis.LENGTH, 72.7710, 0.03464),
    (ChildSex.FEMALE, 12, Basis.LENGTH, 74.0149, 0.03479),
    (ChildSex.FEMALE, 13, Basis.LENGTH, 75.2175, 0.03496),
    (ChildSex.FEMALE, 14, Basis.LENGTH, 76.3817, 0.03514),
    (ChildSex.FEMALE, 15, Basis.LENGTH, 77.5098, 0.03534),
    (ChildSex.FEMALE, 16, Basis.LENGTH, 78.6055, 0.03555),
    (ChildSex.FEMALE, 17, Basis.LENGTH, 79.6710, 0.03576),
    (ChildSex.FEMALE, 18, Basis.LENGTH, 80.7079, 0.03598),
    (ChildSex.FEMALE, 19, Basis.LENGTH, 81.7182, 0.03620),
    (ChildSex.FEMALE, 20, Basis.LENGTH, 82.7036, 0.03643),
    (ChildSex.FEMALE, 21, Basis.LENGTH, 83.6653, 0.03665),
    (ChildSex.FEMALE, 22, Basis.LENGTH, 84.6040, 0.03689),
    (ChildSex.FEMALE, 23, Basis.LENGTH, 85.5203, 0.03711),
    (ChildSex.FEMALE, 24, Basis.LENGTH, 86.4154, 0.03734),
    (ChildSex.FEMALE, 24, Basis.HEIGHT, 85.7154, 0.03764),
    (ChildSex.FEMALE, 25, Basis.HEIGHT, 86.5904, 0.03786),
    (ChildSex.FEMALE, 26, Basis.HEIGHT, 87.4462, 0.03808),
    (ChildSex.FEMALE, 27, Basis.HEIGHT, 88.2830, 0.03830),
    (ChildSex.FEMALE, 28, Basis.HEIGHT, 89.1004, 0.03851),
    (ChildSex.FEMALE, 29, Basis.HEIGHT, 89.8991, 0.03872),
    (ChildSex.FEMALE, 30, Basis.HEIGHT, 90.6797, 0.03893),
    (ChildSex.FEMALE, 31, Basis.HEIGHT, 91.4430, 0.03913),
    (ChildSex.FEMALE, 32, Basis.HEIGHT, 92.1906, 0.03933),
    (ChildSex.FEMALE, 33, Basis.HEIGHT, 92.9239, 0.03952),
    (ChildSex.FEMALE, 34, Basis.HEIGHT, 93.6444, 0.03971),
    (ChildSex.FEMALE, 35, Basis.HEIGHT, 94.3532, 0.03989),
    (ChildSex.FEMALE, 36, Basis.HEIGHT, 95.0515, 0.04007),
    (ChildSex.FEMALE, 37, Basis.HEIGHT, 95.7398, 0.04024),
    (ChildSex.FEMALE, 38, Basis.HEIGHT, 96.4187, 0.04041),
    (ChildSex.FEMALE, 39, Basis.HEIGHT, 97.0885, 0.04057),
    (ChildSex.FEMALE, 40, Basis.HEIGHT, 97.7493, 0.04074),
    (ChildSex.FEMALE, 41, Basis.HEIGHT, 98.4015, 0.04089),
    (ChildSex.FEMALE, 42, Basis.HEIGHT, 99.0448, 0.04105),
    (ChildSex.FEMALE, 43, Basis.HEIGHT, 99.6795, 0.04120),
    (ChildSex.FEMALE, 44, Basis.HEIGHT, 100.3058, 0.04135),
    (ChildSex.FEMALE, 45, Basis.HEIGHT, 100.9238, 0.04150),
    (ChildSex.FEMALE, 46, Basis.HEIGHT, 101.5337, 0.04164),
    (ChildSex.FEMALE, 47, Basis.HEIGHT, 102.1360, 0.04179),
    (ChildSex.FEMALE, 48, Basis.HEIGHT, 102.7312, 0.04193),
    (ChildSex.FEMALE, 49, Basis.HEIGHT, 103.3197, 0.04206),
    (ChildSex.FEMALE, 50, Basis.HEIGHT, 103.9021, 0.04220),
    (ChildSex.FEMALE, 51, Basis.HEIGHT, 104.4786, 0.04233),
    (ChildSex.FEMALE, 52, Basis.HEIGHT, 105.0494, 0.04247),
    (ChildSex.FEMALE, 53, Basis.HEIGHT, 105.6149, 0.04259),
    (ChildSex.FEMALE, 54, Basis.HEIGHT, 106.1748, 0.04272),
    (ChildSex.FEMALE, 55, Basis.HEIGHT, 106.7295, 0.04285),
    (ChildSex.FEMALE, 56, Basis.HEIGHT, 107.2788, 0.04297),
    (ChildSex.FEMALE, 57, Basis.HEIGHT, 107.8227, 0.04310),
    (ChildSex.FEMALE, 58, Basis.HEIGHT, 108.3613, 0.04322),
    (ChildSex.FEMALE, 59, Basis.HEIGHT, 108.8948, 0.04335),
    (ChildSex.FEMALE, 60, Basis.HEIGHT, 109.4232, 0.04346),
)

REFERENCES: dict[tuple[ChildSex, int, Basis], Reference] = {
    (sex, month, basis): Reference(sex, month, basis, m, s) for sex, month, basis, m, s in LMS
}


def completed_months(birth: date, on: date) -> int:
    """Whole months from ``birth`` to ``on`` (negative when ``on`` is before ``birth``)."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        # Born on the 31st: the month is complete on the last day of a shorter month.
        last_day = _days_in_month(on.year, on.month)
        if not (on.day == last_day and birth.day > last_day):
            months -= 1
    return months


def _days_in_month(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def basis_for(age_months: int) -> Basis:
    return Basis.LENGTH if age_months < 24 else Basis.HEIGHT


def reference(sex: ChildSex, age_months: int, basis: Basis | None = None) -> Reference | None:
    """The row for a sex and a completed month (by default length below 24 months, height from 24)."""
    return REFERENCES.get((sex, age_months, basis or basis_for(age_months)))


def adjusted_height(height_cm: float, age_months: int, position: Position) -> float:
    """The measurement as the standard expects it: recumbent below 24 months, standing from 24."""
    if age_months < 24 and position is Position.STANDING:
        return height_cm + POSITION_DIFFERENCE_CM
    if age_months >= 24 and position is Position.LYING:
        return height_cm - POSITION_DIFFERENCE_CM
    return height_cm


def categorise(z: float) -> HeightForAge:
    if z < -3:
        return HeightForAge.SEVERELY_STUNTED
    if z < -2:
        return HeightForAge.STUNTED
    if z > 3:
        return HeightForAge.TALL
    return HeightForAge.NORMAL


@dataclass(frozen=True)
class Assessment:
    """A measurement scored against the standard."""

    age_months: int
    reference: Reference
    adjusted_cm: float
    z: float
    category: HeightForAge

    @property
    def stunted(self) -> bool:
        return self.category in (HeightForAge.STUNTED, HeightForAge.SEVERELY_STUNTED)

    @property
    def plausible(self) -> bool:
        return abs(self.z) <= IMPLAUSIBLE_Z


def assess(sex: ChildSex, birth: date, measured_on: date, height_cm: float, position: Position) -> Assessment | None:
    """Score a length/height; ``None`` when the age is outside 0-60 completed months."""
    age = completed_months(birth, measured_on)
    row = reference(sex, age)
    if age < 0 or row is None:
        return None
    adjusted = adjusted_height(height_cm, age, position)
    z = (adjusted - row.median) / row.sd
    return Assessment(age_months=age, reference=row, adjusted_cm=adjusted, z=z, category=categorise(z))
