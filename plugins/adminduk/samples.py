"""Sample answers of the adminduk services (``ServiceDefinition.sample_answers``): demo data and examples.

Each function returns answers a citizen could send for ``applicant`` on ``today`` and
that the service's own ``validate`` accepts: the family card is issued in the kecamatan
of the applicant's desa/kelurahan, the applicant heads the family, holds the e-KTP or is a
parent of the newborn (the other parent gets a NIK of the same kecamatan). Dates move
with ``today``. Answers are what a client sends: strings, numbers, ISO dates.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import core
from core.identity.validators import JATIM_PROVINCE_CODE, Sex, parse_nik
from core.services import Applicant
from plugins.adminduk import rules
from plugins.adminduk import validation as v

#: Where a sample application lives when the applicant's domicile is unknown or outside Jawa Timur.
FALLBACK_DESA = "35.78.01.1001"
#: How long ago the sample family card was issued.
KK_AGE_YEARS = 6


@cache
def _regency_names() -> dict[str, str]:
    """``35.78`` → ``Kota Surabaya``, ``35.15`` → ``Kabupaten Sidoarjo``."""
    path = Path(core.__file__).resolve().parent / "data" / "jatim-regions.csv"
    with path.open(encoding="utf-8") as fh:
        return {
            row["code"]: f"{row['kind'].capitalize()} {row['name']}"
            for row in csv.DictReader(fh)
            if row["kind"] in ("kabupaten", "kota")
        }


def desa_of(applicant: Applicant) -> str:
    """A Jawa Timur desa/kelurahan for the application: the applicant's own, else one of their NIK's kecamatan."""
    villages = rules.jatim_desa_codes()
    if applicant.region_code and applicant.region_code in villages:
        return applicant.region_code
    prefixes = [applicant.region_code or ""] if applicant.region_code else []
    if applicant.nik[:2] == JATIM_PROVINCE_CODE:
        prefixes.append(f"{applicant.nik[0:2]}.{applicant.nik[2:4]}.{applicant.nik[4:6]}")
    for prefix in prefixes:
        found = sorted(code for code in villages if code.startswith(prefix + "."))
        if found:
            return found[0]
    return FALLBACK_DESA


def _district_digits(desa: str) -> str:
    """``35.78.01.1001`` → ``357801``: the kecamatan part of a No. KK or NIK."""
    return desa.replace(".", "")[:6]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return date(day.year - years, 3, 1)


def family_card_number(desa: str, today: date, *, sequence: int = 3) -> str:
    """A No. KK issued in the desa's kecamatan some years before ``today``."""
    issued = _years_before(today, KK_AGE_YEARS)
    return f"{_district_digits(desa)}{issued:%d%m%y}{sequence:04d}"


def nik_of(born: date, sex: Sex, desa: str, *, sequence: int) -> str:
    """A NIK first registered in the desa's kecamatan (day + 40 for women)."""
    day = born.day + (40 if sex is Sex.FEMALE else 0)
    return f"{_district_digits(desa)}{day:02d}{born:%m%y}{sequence:04d}"


def kk_answers(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``adminduk.kk``: a replacement for a damaged family card the applicant heads."""
    desa = desa_of(applicant)
    return {
        "alasan": v.KkReason.HILANG_RUSAK.value,
        "nomor_kk_lama": family_card_number(desa, today),
        "nik_kepala_keluarga": applicant.nik,
        "jumlah_anggota": 3,
        "alamat": "Jl. Melati No. 12",
        "rt": "002",
        "rw": "005",
        "kode_desa": desa,
        "keterangan": "KK lama rusak terkena air hujan",
    }


def ektp_answers(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``adminduk.ektp``: a replacement for the applicant's damaged e-KTP (biometrics recorded before)."""
    desa = desa_of(applicant)
    return {
        "jenis_permohonan": v.EktpKind.RUSAK.value,
        "nik": applicant.nik,
        "nomor_kk": family_card_number(desa, today),
        "status_perkawinan": v.MaritalStatus.KAWIN.value,
        "sudah_perekaman": v.Recorded.SUDAH.value,
        "kode_desa": desa,
    }


def birth_certificate_answers(today: date, applicant: Applicant) -> Mapping[str, Any]:
    """``adminduk.akta_kelahiran``: the applicant's daughter, born in hospital three weeks ago, married parents."""
    desa = desa_of(applicant)
    born = today - timedelta(days=20)
    holder = parse_nik(applicant.nik, today=today)
    if holder.sex is Sex.FEMALE:
        mother, father = applicant.nik, nik_of(date(1988, 2, 9), Sex.MALE, desa, sequence=7)
    else:
        mother, father = nik_of(date(1990, 5, 14), Sex.FEMALE, desa, sequence=7), applicant.nik
    regency = ".".join(desa.split(".")[:2])
    return {
        "nama_anak": "Aisyah Putri Ramadhani",
        "jenis_kelamin": v.ChildSex.PEREMPUAN.value,
        "tanggal_lahir": born.isoformat(),
        "tempat_dilahirkan": v.BirthPlace.RUMAH_SAKIT.value,
        "kota_kelahiran": _regency_names().get(regency, "Kota Surabaya"),
        "jenis_kelahiran": v.BirthKind.TUNGGAL.value,
        "anak_ke": 1,
        "penolong_kelahiran": v.BirthAttendant.DOKTER.value,
        "berat_bayi": 3100,
        "panjang_bayi": 49,
        "nik_ibu": mother,
        "bukti_perkawinan": v.MarriageProof.BUKU_NIKAH.value,
        "nik_ayah": father,
        "nomor_kk": family_card_number(desa, today),
        "bukti_kelahiran": v.BirthProof.SURAT_KETERANGAN_LAHIR.value,
        "kode_desa": desa,
    }
