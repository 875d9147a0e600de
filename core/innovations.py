"""Regional innovations: what a plugin tells the registry about the innovation it implements.

A regional plugin returns one :class:`InnovationRecord` from the hook
``cettar_innovation``; the ``inovasi`` plugin (the registry) stores it with the
plugin's name as its implementation. The plugin works the same with the
registry disabled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Stage(StrEnum):
    """Tahapan inovasi (as in the Indeks Inovasi Daerah)."""

    INISIATIF = "inisiatif"
    UJI_COBA = "uji_coba"
    PENERAPAN = "penerapan"


@dataclass(frozen=True)
class AwardRecord:
    """An award: competition, rank (``TOP 45``, ``TOP 99``, ``TOP 15``…), year and issuer."""

    competition: str  # e.g. "Kompetisi Inovasi Pelayanan Publik (KIPP)"
    rank: str  # e.g. "TOP 45"
    year: int
    issuer: str  # e.g. "Kementerian PANRB"
    category: str | None = None  # the award's category, when the competition has several
    awarded_on: date | None = None  # the day it was handed over, when known


@dataclass(frozen=True)
class InnovationRecord:
    """An innovation in the registry; ``code`` is stable and unique (``klinik-bumdes``)."""

    code: str
    name: str
    acronym_meaning: str | None  # what the acronym stands for, when the name is one
    agency_code: str  # the agency that runs it (core_agency.code)
    region_code: str  # the region it serves (core_region.code)
    year_started: int | None  # None when no source gives it: never guess
    category: str  # e.g. "pemberdayaan masyarakat", "perumahan", "kesehatan", "perdagangan"
    stage: Stage | None  # None when unknown
    description: str
    awards: tuple[AwardRecord, ...] = ()
