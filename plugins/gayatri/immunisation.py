"""The national routine immunisation schedule for babies and under-twos, and each dose's status.

Schedule: Peraturan Menteri Kesehatan Nomor 12 Tahun 2017 tentang Penyelenggaraan
Imunisasi, Lampiran (jadwal imunisasi rutin: imunisasi dasar pada bayi and
imunisasi lanjutan pada baduta):

=========  ==========================================================
age        doses
=========  ==========================================================
0-7 days   Hepatitis B (HB-0)
1 month    BCG, polio drops 1 (OPV 1)
2 months   DPT-HB-Hib 1, OPV 2
3 months   DPT-HB-Hib 2, OPV 3
4 months   DPT-HB-Hib 3, OPV 4, inactivated polio (IPV)
9 months   measles-rubella (MR; "campak/MR" in the regulation)
18 months  DPT-HB-Hib booster, MR booster
=========  ==========================================================

Not (yet) in this table: the doses Kemenkes added to the routine programme after
2017 (PCV, rotavirus, a second IPV dose) — add a row to :data:`SCHEDULE` and a
value to :class:`Dose` once their national schedule is confirmed for Kota Mojokerto.

When a dose counts as missed is GAYATRI's monitoring rule, not the regulation's:
HB-0 once the baby is 7 days old without it (the 0-7 days of the Buku KIA), every
other dose once the child is one calendar month past the recommended age. A
missed dose can still be given (catch-up): it is then recorded as given, late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Dose(StrEnum):
    HB0 = "hb0"
    BCG = "bcg"
    OPV1 = "opv1"
    DPT_HB_HIB_1 = "dpt_hb_hib_1"
    OPV2 = "opv2"
    DPT_HB_HIB_2 = "dpt_hb_hib_2"
    OPV3 = "opv3"
    DPT_HB_HIB_3 = "dpt_hb_hib_3"
    OPV4 = "opv4"
    IPV = "ipv"
    MR = "mr"
    DPT_HB_HIB_BOOSTER = "dpt_hb_hib_booster"
    MR_BOOSTER = "mr_booster"


class DoseStatus(StrEnum):
    GIVEN = "given"
    DUE = "due"  # recommended age reached, still within the window
    MISSED = "missed"  # past the window without being given
    UPCOMING = "upcoming"  # not yet at the recommended age


@dataclass(frozen=True)
class ScheduledDose:
    dose: Dose
    vaccine: str  # as the Indonesian programme names it
    age_months: int  # the recommended age (0 for HB-0: at birth)
    #: Days after birth by which HB-0 must be given; None: one month after the recommended age.
    window_days: int | None = None

    def due_on(self, birth: date) -> date:
        return add_months(birth, self.age_months)

    def window_ends_on(self, birth: date) -> date:
        """The last day the dose is on time; from the next day it is missed."""
        if self.window_days is not None:
            return birth + timedelta(days=self.window_days)
        return add_months(birth, self.age_months + 1)


SCHEDULE: tuple[ScheduledDose, ...] = (
    ScheduledDose(Dose.HB0, "Hepatitis B (HB-0)", 0, window_days=7),
    ScheduledDose(Dose.BCG, "BCG", 1),
    ScheduledDose(Dose.OPV1, "Polio tetes 1 (OPV)", 1),
    ScheduledDose(Dose.DPT_HB_HIB_1, "DPT-HB-Hib 1", 2),
    ScheduledDose(Dose.OPV2, "Polio tetes 2 (OPV)", 2),
    ScheduledDose(Dose.DPT_HB_HIB_2, "DPT-HB-Hib 2", 3),
    ScheduledDose(Dose.OPV3, "Polio tetes 3 (OPV)", 3),
    ScheduledDose(Dose.DPT_HB_HIB_3, "DPT-HB-Hib 3", 4),
    ScheduledDose(Dose.OPV4, "Polio tetes 4 (OPV)", 4),
    ScheduledDose(Dose.IPV, "Polio suntik (IPV)", 4),
    ScheduledDose(Dose.MR, "Campak-Rubela (MR)", 9),
    ScheduledDose(Dose.DPT_HB_HIB_BOOSTER, "DPT-HB-Hib lanjutan", 18),
    ScheduledDose(Dose.MR_BOOSTER, "Campak-Rubela (MR) lanjutan", 18),
)
BY_DOSE: dict[Dose, ScheduledDose] = {s.dose: s for s in SCHEDULE}
SOURCE = "Permenkes 12/2017 tentang Penyelenggaraan Imunisasi, Lampiran (jadwal imunisasi rutin bayi dan baduta)"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    following = date(year + (month == 11), (month + 1) % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class DoseState:
    """One scheduled dose for one child, as of a date."""

    scheduled: ScheduledDose
    status: DoseStatus
    due_on: date
    window_ends_on: date
    given_on: date | None

    @property
    def late(self) -> bool:
        return self.given_on is not None and self.given_on > self.window_ends_on


def dose_states(birth: date, given: Iterable[tuple[Dose, date]], today: date) -> list[DoseState]:
    """Every scheduled dose of a child born on ``birth``, with the given ones' dates, as of ``today``."""
    given_on = dict(given)
    states: list[DoseState] = []
    for scheduled in SCHEDULE:
        due, ends = scheduled.due_on(birth), scheduled.window_ends_on(birth)
        on = given_on.get(scheduled.dose)
        if on is not None:
            status = DoseStatus.GIVEN
        elif today > ends:
            status = DoseStatus.MISSED
        elif today >= due:
            status = DoseStatus.DUE
        else:
            status = DoseStatus.UPCOMING
        states.append(DoseState(scheduled, status, due, ends, on))
    return states
