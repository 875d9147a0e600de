"""The ``validate`` of ``samsat.pkb``: what Samsat checks before it assesses the annual vehicle tax.

- the plate (:mod:`plugins.samsat.plates`): Jawa Timur regions only, written the standard way;
- the owner's NIK (``INVALID_NIK``) and name as on the STNK;
- the frame number (nomor rangka): a 17-character VIN (ISO 3779: letters and digits
  without I, O and Q); the engine number (nomor mesin): 6-20 letters and digits;
- the STNK's five-year validity: an expired STNK needs the five-yearly renewal with a
  physical check of the vehicle at a Samsat office (``SAMSAT_STNK_EXPIRED``), and an
  STNK is never valid for more than five years from today;
- the year of manufacture.

Spaces and hyphens in numbers are dropped and letters upper-cased.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core import calendar
from core.errors import CettarError, register_messages
from core.identity.validators import parse_nik
from plugins.samsat.plates import parse_plate

register_messages(
    {
        "SAMSAT_INVALID_FRAME_NUMBER": (
            "Nomor rangka tidak valid: {reason_id}.",
            "The frame number (VIN) is not valid: {reason_en}.",
        ),
        "SAMSAT_INVALID_ENGINE_NUMBER": (
            "Nomor mesin tidak valid: {reason_id}.",
            "The engine number is not valid: {reason_en}.",
        ),
        "SAMSAT_STNK_EXPIRED": (
            "Masa berlaku STNK (lima tahunan) sudah habis. Perpanjangan STNK lima tahunan memerlukan cek fisik "
            "kendaraan: datanglah ke kantor Samsat dengan kendaraan, BPKB, STNK, dan KTP-el pemilik.",
            "The STNK's five-year validity has ended. The five-yearly renewal needs a physical check of the "
            "vehicle: bring the vehicle, its BPKB, the STNK and the owner's e-KTP to a Samsat office.",
        ),
        "SAMSAT_INVALID_ANSWER": (
            "{what_id} tidak valid: {reason_id}.",
            "{what_en} is not valid: {reason_en}.",
        ),
    }
)

#: An STNK is issued for five years (UU 22/2009 Article 70(2)), with a yearly validation.
STNK_VALIDITY_YEARS = 5
VIN_LENGTH = 17
OLDEST_VEHICLE_YEAR = 1900

_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{17}")
_ENGINE = re.compile(r"[A-Z0-9]{6,20}")
_NAME = re.compile(r"[A-Za-z0-9 .,'\-&()]{3,100}")


class VehicleType(StrEnum):
    """The vehicle kinds on the STNK that decide the fixed parts of the payment."""

    SEPEDA_MOTOR = "sepeda_motor"
    MOBIL_PENUMPANG = "mobil_penumpang"
    MOBIL_BUS = "mobil_bus"
    MOBIL_BARANG = "mobil_barang"


#: PNBP for the yearly STNK validation (pengesahan STNK), PP 76/2020: by the number of wheels.
STNK_VALIDATION_PNBP: dict[VehicleType, int] = {
    VehicleType.SEPEDA_MOTOR: 25_000,
    VehicleType.MOBIL_PENUMPANG: 50_000,
    VehicleType.MOBIL_BUS: 50_000,
    VehicleType.MOBIL_BARANG: 50_000,
}

PLATE_CODE = "nomor_polisi"


def answer_field(code: str) -> str:
    return f"input.answers.{code}"


def _as_date(value: object, code: str) -> date:
    if isinstance(value, datetime):
        return calendar.local_date(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise CettarError("VALIDATION_FAILED", field=answer_field(code))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def frame_number(value: str, *, field: str) -> str:
    """A VIN of 17 characters (ISO 3779), upper case, without spaces or hyphens."""
    vin = re.sub(r"[\s\-]", "", str(value)).upper()

    def invalid(reason_id: str, reason_en: str) -> CettarError:
        return CettarError("SAMSAT_INVALID_FRAME_NUMBER", field=field, reason_id=reason_id, reason_en=reason_en)

    if len(vin) != VIN_LENGTH:
        raise invalid(
            "harus 17 karakter seperti tertulis di STNK dan BPKB (kendaraan tanpa nomor rangka 17 karakter "
            "dilayani di loket Samsat)",
            "it has 17 characters as written on the STNK and BPKB (vehicles without a 17-character VIN are "
            "served at the Samsat counter)",
        )
    if not _VIN.fullmatch(vin):
        raise invalid(
            "hanya huruf dan angka, tanpa huruf I, O, dan Q",
            "only letters and digits, never the letters I, O and Q",
        )
    return vin


def engine_number(value: str, *, field: str) -> str:
    """An engine number: 6-20 letters and digits with at least one digit, upper case."""
    engine = re.sub(r"[\s\-]", "", str(value)).upper()
    if not engine.isascii() or not _ENGINE.fullmatch(engine) or not any(c.isdigit() for c in engine):
        raise CettarError(
            "SAMSAT_INVALID_ENGINE_NUMBER",
            field=field,
            reason_id="harus 6 sampai 20 huruf dan angka (paling sedikit satu angka) seperti tertulis di STNK",
            reason_en="it has 6 to 20 letters and digits (at least one digit) as written on the STNK",
        )
    return engine


def validate_pkb(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """``samsat.pkb``: plate, owner, vehicle identity, STNK validity and year of manufacture."""
    today = today or calendar.today()
    out = dict(answers)
    out[PLATE_CODE] = str(parse_plate(str(answers[PLATE_CODE]), field=answer_field(PLATE_CODE)))
    out["nik_pemilik"] = parse_nik(str(answers["nik_pemilik"]), field=answer_field("nik_pemilik"), today=today).nik
    name = " ".join(str(answers["nama_pemilik"]).split())
    if not _NAME.fullmatch(name) or not any(c.isalpha() for c in name):
        raise CettarError(
            "SAMSAT_INVALID_ANSWER",
            field=answer_field("nama_pemilik"),
            what_id="Nama pemilik",
            what_en="The owner's name",
            reason_id="tulis 3-100 karakter seperti di STNK",
            reason_en="write 3-100 characters as on the STNK",
        )
    out["nama_pemilik"] = name
    try:
        VehicleType(str(answers["jenis_kendaraan"]))
    except ValueError:
        raise CettarError("VALIDATION_FAILED", field=answer_field("jenis_kendaraan")) from None
    out["nomor_rangka"] = frame_number(answers["nomor_rangka"], field=answer_field("nomor_rangka"))
    out["nomor_mesin"] = engine_number(answers["nomor_mesin"], field=answer_field("nomor_mesin"))
    year = answers["tahun_pembuatan"]
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not OLDEST_VEHICLE_YEAR <= year <= today.year + 1:
        raise CettarError(
            "SAMSAT_INVALID_ANSWER",
            field=answer_field("tahun_pembuatan"),
            what_id="Tahun pembuatan",
            what_en="The year of manufacture",
            reason_id=f"tulis tahun antara {OLDEST_VEHICLE_YEAR} dan {today.year + 1}",
            reason_en=f"write a year from {OLDEST_VEHICLE_YEAR} to {today.year + 1}",
        )
    out["tahun_pembuatan"] = year
    valid_until = _as_date(answers["masa_berlaku_stnk"], "masa_berlaku_stnk")
    if valid_until < today:
        raise CettarError("SAMSAT_STNK_EXPIRED", field=answer_field("masa_berlaku_stnk"))
    if valid_until > _add_years(today, STNK_VALIDITY_YEARS):
        raise CettarError(
            "SAMSAT_INVALID_ANSWER",
            field=answer_field("masa_berlaku_stnk"),
            what_id="Masa berlaku STNK",
            what_en="The STNK's validity",
            reason_id="STNK berlaku paling lama lima tahun",
            reason_en="an STNK is valid for at most five years",
        )
    out["masa_berlaku_stnk"] = valid_until
    return out
