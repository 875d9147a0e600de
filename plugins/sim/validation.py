"""The ``validate`` of ``sim.perpanjangan``: renewing a driving licence (SIM) before it expires.

- the holder's NIK (``INVALID_NIK``);
- the SIM class, whose PNBP fee is set by PP 76/2020 (:data:`RENEWAL_FEES`);
- the SIM number: since 25 July 2024 new cards carry the holder's NIK as their
  number, so a 16-digit number must be the holder's NIK; an older card has a
  12-14 digit number;
- the expiry date: a SIM is valid five years (UU 22/2009 Article 85(2)) and is
  renewed only while still valid; an expired SIM cannot be renewed — its holder
  applies for a new SIM with the theory and practical tests (``SIM_EXPIRED``);
- the dates of the health check and the psychological test: not in the future.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core import calendar
from core.errors import CettarError, register_messages
from core.identity.validators import NIK_LENGTH, parse_nik

register_messages(
    {
        "SIM_EXPIRED": (
            "SIM sudah habis masa berlakunya pada {expired_on} sehingga tidak dapat diperpanjang: ajukan "
            "penerbitan SIM baru di Satpas dengan ujian teori dan ujian praktik.",
            "The SIM expired on {expired_on} and can no longer be renewed: apply for a new SIM at a Satpas, "
            "with the theory and practical tests.",
        ),
        "SIM_INVALID_NUMBER": (
            "Nomor SIM tidak valid: {reason_id}.",
            "The SIM number is not valid: {reason_en}.",
        ),
        "SIM_INVALID_DATE": (
            "{what_id} tidak valid: {reason_id}.",
            "{what_en} is not valid: {reason_en}.",
        ),
    }
)

#: A SIM is valid for five years (UU 22/2009 Article 85(2)).
SIM_VALIDITY_YEARS = 5
OLD_NUMBER_LENGTHS = range(12, 15)


class SimClass(StrEnum):
    """Driving licence classes (Perpol 5/2021): personal and, for A and B, public transport (umum)."""

    A = "a"
    A_UMUM = "a_umum"
    B_I = "b_i"
    B_I_UMUM = "b_i_umum"
    B_II = "b_ii"
    B_II_UMUM = "b_ii_umum"
    C = "c"
    C_I = "c_i"
    C_II = "c_ii"
    D = "d"
    D_I = "d_i"


#: PNBP for renewing a SIM by class (PP 76/2020, Lampiran, penerbitan SIM perpanjangan), in rupiah.
RENEWAL_FEES: dict[SimClass, int] = {
    SimClass.A: 80_000,
    SimClass.A_UMUM: 80_000,
    SimClass.B_I: 80_000,
    SimClass.B_I_UMUM: 80_000,
    SimClass.B_II: 80_000,
    SimClass.B_II_UMUM: 80_000,
    SimClass.C: 75_000,
    SimClass.C_I: 75_000,
    SimClass.C_II: 75_000,
    SimClass.D: 30_000,
    SimClass.D_I: 30_000,
}

#: The class as printed on the card, and what it allows one to drive.
CLASS_LABELS: dict[SimClass, tuple[str, str, str]] = {
    SimClass.A: ("SIM A", "mobil penumpang dan barang perseorangan s.d. 3.500 kg", "cars and vans up to 3,500 kg"),
    SimClass.A_UMUM: ("SIM A Umum", "mobil penumpang umum s.d. 3.500 kg", "public passenger cars up to 3,500 kg"),
    SimClass.B_I: ("SIM B I", "kendaraan perseorangan di atas 3.500 kg", "personal vehicles over 3,500 kg"),
    SimClass.B_I_UMUM: ("SIM B I Umum", "kendaraan umum di atas 3.500 kg", "public vehicles over 3,500 kg"),
    SimClass.B_II: ("SIM B II", "kendaraan penarik dan alat berat", "tractor units and heavy equipment"),
    SimClass.B_II_UMUM: (
        "SIM B II Umum",
        "kendaraan penarik dengan kereta gandengan umum",
        "public tractor units with trailers",
    ),
    SimClass.C: ("SIM C", "sepeda motor s.d. 250 cc", "motorcycles up to 250 cc"),
    SimClass.C_I: ("SIM C I", "sepeda motor 250-500 cc", "motorcycles of 250-500 cc"),
    SimClass.C_II: ("SIM C II", "sepeda motor di atas 500 cc", "motorcycles over 500 cc"),
    SimClass.D: ("SIM D", "sepeda motor khusus penyandang disabilitas", "motorcycles adapted for disabled riders"),
    SimClass.D_I: ("SIM D I", "mobil khusus penyandang disabilitas", "cars adapted for disabled drivers"),
}

_NUMBER_SEPARATORS = re.compile(r"[\s.\-]")


def answer_field(code: str) -> str:
    return f"input.answers.{code}"


def rupiah(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


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


def sim_class(value: object, *, field: str) -> SimClass:
    try:
        return SimClass(str(value))
    except ValueError:
        raise CettarError("VALIDATION_FAILED", field=field) from None


def sim_number(value: str, *, holder_nik: str, field: str) -> str:
    """A SIM number without separators: the holder's NIK (cards since July 2024) or 12-14 digits (older cards)."""
    number = _NUMBER_SEPARATORS.sub("", str(value))

    def invalid(reason_id: str, reason_en: str) -> CettarError:
        return CettarError("SIM_INVALID_NUMBER", field=field, reason_id=reason_id, reason_en=reason_en)

    if not number.isascii() or not number.isdigit():
        raise invalid("hanya boleh berisi angka", "it may contain only digits")
    if len(number) == NIK_LENGTH:
        if number != holder_nik:
            raise invalid(
                "SIM format baru bernomor NIK pemiliknya, tetapi nomor ini bukan NIK pemohon",
                "new-format SIMs carry their holder's NIK as the number, but this is not the applicant's NIK",
            )
        return number
    if len(number) not in OLD_NUMBER_LENGTHS:
        raise invalid(
            "SIM format lama bernomor 12-14 angka, SIM format baru bernomor NIK (16 angka)",
            "older SIMs have 12-14 digits, new-format SIMs carry the 16-digit NIK",
        )
    return number


def validate_perpanjangan(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """``sim.perpanjangan``: the holder, class, number and a SIM still valid today."""
    today = today or calendar.today()
    out = dict(answers)
    holder = parse_nik(str(answers["nik"]), field=answer_field("nik"), today=today)
    out["nik"] = holder.nik
    sim_class(answers["golongan_sim"], field=answer_field("golongan_sim"))
    out["nomor_sim"] = sim_number(answers["nomor_sim"], holder_nik=holder.nik, field=answer_field("nomor_sim"))
    expires = _as_date(answers["masa_berlaku_sim"], "masa_berlaku_sim")
    if expires < today:
        raise CettarError("SIM_EXPIRED", field=answer_field("masa_berlaku_sim"), expired_on=expires.isoformat())
    if expires > _add_years(today, SIM_VALIDITY_YEARS):
        raise CettarError(
            "SIM_INVALID_DATE",
            field=answer_field("masa_berlaku_sim"),
            what_id="Masa berlaku SIM",
            what_en="The SIM's expiry date",
            reason_id="SIM berlaku paling lama lima tahun",
            reason_en="a SIM is valid for at most five years",
        )
    out["masa_berlaku_sim"] = expires
    for code, what in (
        ("tanggal_pemeriksaan_kesehatan", ("Tanggal pemeriksaan kesehatan", "The health check date")),
        ("tanggal_tes_psikologi", ("Tanggal tes psikologi", "The psychological test date")),
    ):
        day = _as_date(answers[code], code)
        if day > today:
            raise CettarError(
                "SIM_INVALID_DATE",
                field=answer_field(code),
                what_id=what[0],
                what_en=what[1],
                reason_id="tidak boleh di masa depan: lakukan pemeriksaan sebelum mengajukan",
                reason_en="it must not be in the future: take it before applying",
            )
        out[code] = day
    return out
