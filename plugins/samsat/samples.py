"""Sample answers of ``samsat.pkb`` (``ServiceDefinition.sample_answers``): demo data and examples.

The applicant owns a vehicle registered where they live (the plate's region letter is
that of their kabupaten/kota, ``L`` when it is unknown), made three years ago, so its
five-year STNK runs two more years. Numbers are derived from the NIK, so two applicants
never share a plate; a motorcycle or a passenger car by the NIK's birth day (even: a
motorcycle), so demo data shows both fees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from core.services import Applicant
from plugins.samsat.plates import JATIM_PLATE_REGIONS
from plugins.samsat.validation import VehicleType

DEFAULT_REGION = "L"
VEHICLE_AGE_YEARS = 3
STNK_YEARS_LEFT = 2
#: A manufacturer prefix and model part of 9 characters for each kind: 17 with 8 digits of the NIK.
VIN_PREFIX = {VehicleType.SEPEDA_MOTOR: "MH1JM2119", VehicleType.MOBIL_PENUMPANG: "MHKA4DA3J"}
ENGINE_PREFIX = {VehicleType.SEPEDA_MOTOR: "JM21E", VehicleType.MOBIL_PENUMPANG: "1NRF"}
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9 .,'\-&()]")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def plate_region(applicant: Applicant) -> str:
    """The plate region letter(s) of the applicant's kabupaten/kota (from their desa, else their NIK)."""
    if applicant.region_code and applicant.region_code.count(".") >= 1:
        regency = ".".join(applicant.region_code.split(".")[:2])
    else:
        regency = f"{applicant.nik[0:2]}.{applicant.nik[2:4]}"
    return next((code for code, regencies in JATIM_PLATE_REGIONS.items() if regency in regencies), DEFAULT_REGION)


def owner_name(name: str) -> str:
    """The name as the form takes it (letters without accents, a few punctuation marks)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = " ".join(_NOT_IN_NAME.sub("", plain).split())[:100]
    return cleaned if len(cleaned) >= 3 and any(c.isalpha() for c in cleaned) else "Pemilik Kendaraan"


def sample_answers(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``samsat.pkb``: the applicant's own vehicle, its STNK valid for two more years."""
    nik = applicant.nik
    kind = VehicleType.SEPEDA_MOTOR if int(nik[6:8]) % 2 == 0 else VehicleType.MOBIL_PENUMPANG
    number = int(nik[-4:]) % 9000 + 1000  # 4 digits, no leading zero
    return {
        "nomor_polisi": f"{plate_region(applicant)} {number} {'AB' if kind is VehicleType.SEPEDA_MOTOR else 'KD'}",
        "nik_pemilik": nik,
        "nama_pemilik": owner_name(applicant.name),
        "jenis_kendaraan": kind.value,
        "nomor_rangka": VIN_PREFIX[kind] + nik[-8:],
        "nomor_mesin": ENGINE_PREFIX[kind] + nik[-7:],
        "tahun_pembuatan": today.year - VEHICLE_AGE_YEARS,
        "masa_berlaku_stnk": _add_years(today, STNK_YEARS_LEFT).isoformat(),
    }
