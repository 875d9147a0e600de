"""The ``validate`` of ``paspor.baru`` and ``paspor.penggantian`` (Permenkumham 8/2014 on ordinary passports).

- the applicant's NIK (``INVALID_NIK``); an applicant under 17 names a parent, whose
  NIK must be an adult's and not the applicant's own;
- the interview at the Kantor Imigrasi: a working day from the next working day to
  five working days ahead (the passport is ready four working days after it);
- work abroad (purpose ``bekerja``) needs the recommendation number of the migrant
  worker agency;
- a replacement names the old passport (1-2 letters and 6-7 digits, as on the data
  page) unless it was lost, and a lost passport the police report number;
- the old passport's expiry date: a passport is valid ten years at most.
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

register_messages(
    {
        "PASPOR_ANSWER_REQUIRED": (
            "{what_id} wajib diisi {case_id}.",
            "{what_en} is required {case_en}.",
        ),
        "PASPOR_INVALID_ANSWER": (
            "{what_id} tidak valid: {reason_id}.",
            "{what_en} is not valid: {reason_en}.",
        ),
        "PASPOR_INTERVIEW_DATE": (
            "Jadwal wawancara harus hari kerja antara {earliest} dan {latest}.",
            "The interview must be on a working day from {earliest} to {latest}.",
        ),
        "PASPOR_INVALID_PASSPORT_NUMBER": (
            "Nomor paspor lama tidak valid: tulis 1-2 huruf diikuti 6-7 angka seperti di halaman data paspor.",
            "The old passport number is not valid: write 1-2 letters followed by 6-7 digits as on the data page.",
        ),
    }
)

#: An applicant younger than this applies with a parent (Permenkumham 8/2014: a child is under 17).
ADULT_AGE = 17
#: How far ahead the interview may be booked, in working days.
INTERVIEW_WINDOW_WORKING_DAYS = 5
#: Working days from the interview to the passport being ready.
DAYS_AFTER_INTERVIEW = 4
#: Ordinary passports are valid at most ten years (Permenkumham 18/2022).
MAX_VALIDITY_YEARS = 10

_PASSPORT = re.compile(r"[A-Z]{1,2}[0-9]{6,7}")
_DOCUMENT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./\-]{3,63}")


class PassportKind(StrEnum):
    """The ordinary passport applied for: 48 pages, without or with a chip."""

    BIASA_48 = "biasa_48"
    ELEKTRONIK_48 = "elektronik_48"


#: PNBP per passport (PP on PNBP of the Ministry of Law and Human Rights; long-standing amounts).
PASSPORT_FEES: dict[PassportKind, int] = {
    PassportKind.BIASA_48: 350_000,
    PassportKind.ELEKTRONIK_48: 650_000,
}


class Purpose(StrEnum):
    WISATA = "wisata"
    IBADAH = "ibadah"
    BELAJAR = "belajar"
    KUNJUNGAN_KELUARGA = "kunjungan_keluarga"
    BISNIS = "bisnis"
    BEKERJA = "bekerja"  # as a migrant worker: a recommendation of the migrant worker agency is needed


class IdentityDocument(StrEnum):
    """The document proving name, birth date and parents, besides the e-KTP and KK."""

    AKTA_KELAHIRAN = "akta_kelahiran"
    IJAZAH = "ijazah"
    BUKU_NIKAH = "buku_nikah"
    SURAT_BAPTIS = "surat_baptis"


class ReplacementReason(StrEnum):
    HABIS_BERLAKU = "habis_berlaku"
    HALAMAN_PENUH = "halaman_penuh"
    HILANG = "hilang"
    RUSAK = "rusak"
    PERUBAHAN_DATA = "perubahan_data"


def answer_field(code: str) -> str:
    return f"input.answers.{code}"


def _present(answers: Mapping[str, Any], code: str) -> bool:
    value = answers.get(code)
    return value is not None and value != ""


def _require(answers: Mapping[str, Any], code: str, what: tuple[str, str], case: tuple[str, str]) -> None:
    if not _present(answers, code):
        raise CettarError(
            "PASPOR_ANSWER_REQUIRED",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            case_id=case[0],
            case_en=case[1],
        )


def _choice(answers: Mapping[str, Any], code: str, kind: type[StrEnum]) -> StrEnum:
    try:
        return kind(str(answers[code]))
    except (KeyError, ValueError):
        raise CettarError("VALIDATION_FAILED", field=answer_field(code)) from None


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


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _document_number(answers: Mapping[str, Any], code: str, what: tuple[str, str]) -> str:
    raw = " ".join(str(answers[code]).split())
    if not raw.isascii() or not _DOCUMENT_NUMBER.fullmatch(raw):
        raise CettarError(
            "PASPOR_INVALID_ANSWER",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            reason_id="tulis 4-64 huruf, angka, spasi, titik, garis miring atau tanda hubung",
            reason_en="write 4-64 letters, digits, spaces, dots, slashes or hyphens",
        )
    return raw


def interview_window(today: date) -> tuple[date, date]:
    """The first and last day an interview may be booked on."""
    return calendar.add_working_days(today, 1), calendar.add_working_days(today, INTERVIEW_WINDOW_WORKING_DAYS)


def passport_number(value: object, *, field: str) -> str:
    """An Indonesian passport number, upper case without spaces (``C1234567``)."""
    number = re.sub(r"\s", "", str(value)).upper()
    if not number.isascii() or not _PASSPORT.fullmatch(number):
        raise CettarError("PASPOR_INVALID_PASSPORT_NUMBER", field=field)
    return number


PARENT = ("NIK orang tua", "The parent's NIK")
RECOMMENDATION = ("Nomor rekomendasi paspor PMI", "The migrant worker passport recommendation number")
OLD_PASSPORT = ("Nomor paspor lama", "The old passport number")
POLICE_REPORT = ("Nomor surat keterangan kehilangan dari Kepolisian", "The police loss report number")
OLD_EXPIRY = ("Masa berlaku paspor lama", "The old passport's expiry date")


def _common(answers: Mapping[str, Any], today: date) -> dict[str, Any]:
    """What both passport services check: applicant, parent of a child, purpose and interview."""
    out = dict(answers)
    applicant = parse_nik(str(answers["nik"]), field=answer_field("nik"), today=today)
    out["nik"] = applicant.nik
    _choice(answers, "jenis_paspor", PassportKind)
    if age_on(applicant.birth_date, today) < ADULT_AGE:
        _require(
            answers, "nik_orang_tua", PARENT, ("bagi pemohon yang belum berusia 17 tahun", "for applicants under 17")
        )
    if _present(answers, "nik_orang_tua"):
        parent = parse_nik(str(answers["nik_orang_tua"]), field=answer_field("nik_orang_tua"), today=today)
        if parent.nik == applicant.nik or age_on(parent.birth_date, today) < ADULT_AGE:
            raise CettarError(
                "PASPOR_INVALID_ANSWER",
                field=answer_field("nik_orang_tua"),
                what_id=PARENT[0],
                what_en=PARENT[1],
                reason_id="harus NIK ayah atau ibu yang telah dewasa, bukan NIK pemohon",
                reason_en="it must be the NIK of an adult father or mother, not the applicant's",
            )
        out["nik_orang_tua"] = parent.nik
    if _choice(answers, "tujuan", Purpose) is Purpose.BEKERJA:
        _require(answers, "nomor_rekomendasi", RECOMMENDATION, ("untuk bekerja di luar negeri", "to work abroad"))
    if _present(answers, "nomor_rekomendasi"):
        out["nomor_rekomendasi"] = _document_number(answers, "nomor_rekomendasi", RECOMMENDATION)
    interview = _as_date(answers["tanggal_wawancara"], "tanggal_wawancara")
    earliest, latest = interview_window(today)
    if not earliest <= interview <= latest or not calendar.is_working_day(interview):
        raise CettarError(
            "PASPOR_INTERVIEW_DATE",
            field=answer_field("tanggal_wawancara"),
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )
    out["tanggal_wawancara"] = interview
    return out


def validate_baru(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """``paspor.baru``: a first ordinary passport."""
    today = today or calendar.today()
    out = _common(answers, today)
    _choice(answers, "dokumen_identitas", IdentityDocument)
    return out


def validate_penggantian(answers: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """``paspor.penggantian``: a new passport replacing one that expired, is full, lost, damaged or outdated."""
    today = today or calendar.today()
    out = _common(answers, today)
    reason = _choice(answers, "alasan_penggantian", ReplacementReason)
    if reason is ReplacementReason.HILANG:
        _require(answers, "nomor_surat_kehilangan", POLICE_REPORT, ("bila paspor hilang", "for a lost passport"))
    else:
        _require(answers, "nomor_paspor_lama", OLD_PASSPORT, ("kecuali paspor hilang", "unless it was lost"))
    if _present(answers, "nomor_surat_kehilangan"):
        out["nomor_surat_kehilangan"] = _document_number(answers, "nomor_surat_kehilangan", POLICE_REPORT)
    if _present(answers, "nomor_paspor_lama"):
        out["nomor_paspor_lama"] = passport_number(
            answers["nomor_paspor_lama"], field=answer_field("nomor_paspor_lama")
        )
    if _present(answers, "masa_berlaku_paspor_lama"):
        expiry = _as_date(answers["masa_berlaku_paspor_lama"], "masa_berlaku_paspor_lama")
        if expiry > _add_years(today, MAX_VALIDITY_YEARS):
            raise CettarError(
                "PASPOR_INVALID_ANSWER",
                field=answer_field("masa_berlaku_paspor_lama"),
                what_id=OLD_EXPIRY[0],
                what_en=OLD_EXPIRY[1],
                reason_id="paspor berlaku paling lama sepuluh tahun",
                reason_en="a passport is valid for at most ten years",
            )
        out["masa_berlaku_paspor_lama"] = expiry
    return out
