"""What only Dispendukcapil knows about its forms: the checks behind each ``validate``.

The platform has already checked every answer against its form field (required,
datatype, allowed values); the functions here check the rest and normalise:

- a No. KK (Nomor Kartu Keluarga, 16 digits: the kecamatan where the card was
  issued, the issue date DDMMYY, a sequence from 0001) — :func:`parse_kk`;
- NIKs with :func:`core.identity.validators.parse_nik` (``INVALID_NIK``);
- answers required only in some cases (a police report number for a lost e-KTP…);
- a child's name by Permendagri 73/2022 (at least two words, at most 60
  characters, letters only), parents by the sex and birth date in their NIK;
- dates: a birth date not in the future, a biometric recording appointment on a
  working day soon.

Each raises :class:`core.errors.CettarError` naming the answer at fault,
``input.answers.<code>``. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import core
from core import calendar
from core.errors import CettarError, register_messages
from core.identity.validators import (
    INDONESIAN_PROVINCE_CODES,
    JATIM_PROVINCE_CODE,
    NikInfo,
    Sex,
    jatim_kecamatan_codes,
    jatim_regency_codes,
    parse_nik,
)

register_messages(
    {
        "ADMINDUK_INVALID_KK": (
            "Nomor Kartu Keluarga (No. KK) tidak valid: {reason_id}.",
            "The family card number (No. KK) is not valid: {reason_en}.",
        ),
        "ADMINDUK_ANSWER_REQUIRED": (
            "{what_id} wajib diisi {case_id}.",
            "{what_en} is required {case_en}.",
        ),
        "ADMINDUK_ANSWER_NOT_ALLOWED": (
            "{what_id} tidak boleh diisi {case_id}.",
            "{what_en} must be left empty {case_en}.",
        ),
        "ADMINDUK_INVALID_ANSWER": (
            "{what_id} tidak valid: {reason_id}.",
            "{what_en} is not valid: {reason_en}.",
        ),
        "ADMINDUK_OUT_OF_RANGE": (
            "{what_id} harus antara {min} dan {max}.",
            "{what_en} must be between {min} and {max}.",
        ),
        "ADMINDUK_INVALID_REGION": (
            "Kode desa/kelurahan tidak dikenal di Jawa Timur: tulis kode berformat 35.xx.xx.xxxx, misalnya 35.78.01.1001.",
            "Not a desa/kelurahan code of Jawa Timur: write a code shaped 35.xx.xx.xxxx, for example 35.78.01.1001.",
        ),
        "ADMINDUK_EKTP_UNDERAGE": (
            "e-KTP baru hanya diterbitkan bagi penduduk yang telah berusia 17 tahun atau sudah/pernah kawin "
            "(UU 24/2013 Pasal 63); pemilik NIK ini berusia {age} tahun.",
            "A new e-KTP is issued only to residents aged 17 or older or who are or have been married "
            "(Law 24/2013 Article 63); the holder of this NIK is {age}.",
        ),
        "ADMINDUK_RECORDING_DATE": (
            "Jadwal perekaman biometrik harus hari kerja antara {earliest} dan {latest}.",
            "The biometric recording appointment must be a working day from {earliest} to {latest}.",
        ),
        "ADMINDUK_INVALID_CHILD_NAME": (
            "Nama anak tidak sesuai Permendagri 73/2022: {reason_id}.",
            "The child's name does not follow Permendagri 73/2022: {reason_en}.",
        ),
        "ADMINDUK_PARENT_SEX": (
            "NIK {parent_id} harus NIK seorang {sex_id} (tanggal lahir pada NIK).",
            "The {parent_en}'s NIK must be a {sex_en}'s NIK (the birth day in the NIK).",
        ),
        "ADMINDUK_PARENT_AGE": (
            "Menurut NIK-nya, {parent_id} lahir kurang dari {years} tahun sebelum anak.",
            "By their NIK, the {parent_en} was born less than {years} years before the child.",
        ),
        "ADMINDUK_WITNESSES_INVALID": (
            "Saksi kelahiran tidak valid: {reason_id}.",
            "The birth witnesses are not valid: {reason_en}.",
        ),
    }
)

#: Permendagri 73/2022 on names in population documents: at most 60 letters including spaces.
CHILD_NAME_MAX_LENGTH = 60
#: UU 24/2013 Article 63: a KTP-el for residents aged 17 or who are or have been married.
EKTP_AGE = 17
#: How far ahead a biometric recording appointment may be booked (working days).
RECORDING_WINDOW_WORKING_DAYS = 3
#: A parent is taken to be at least this much older than their child.
MIN_PARENT_AGE_AT_BIRTH = 10
MAX_FAMILY_MEMBERS = 30
KK_LENGTH = 16

_DIGITS = re.compile(r"[0-9]+")
_DESA_CODE = re.compile(r"35\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
_NAME_WORD = re.compile(r"[A-Za-z]+")
_SEPARATORS = re.compile(r"[\s,;]+")
_DOCUMENT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./\-]{3,63}")


def answer_field(code: str) -> str:
    """The input path the platform reports for answer ``code``."""
    return f"input.answers.{code}"


def present(answers: Mapping[str, Any], code: str) -> bool:
    value = answers.get(code)
    return value is not None and value != "" and value != [] and value != ()


def require(answers: Mapping[str, Any], code: str, what: tuple[str, str], case: tuple[str, str]) -> None:
    """Refuse an empty answer that ``case`` makes required."""
    if not present(answers, code):
        raise CettarError(
            "ADMINDUK_ANSWER_REQUIRED",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            case_id=case[0],
            case_en=case[1],
        )


def refuse(answers: Mapping[str, Any], code: str, what: tuple[str, str], case: tuple[str, str]) -> None:
    """Refuse an answer that ``case`` does not allow."""
    if present(answers, code):
        raise CettarError(
            "ADMINDUK_ANSWER_NOT_ALLOWED",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            case_id=case[0],
            case_en=case[1],
        )


def as_date(value: object, code: str) -> date:
    """A date answer: the platform gives ``datetime.date``; an ISO string is accepted too."""
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


def in_range(value: object, code: str, low: int, high: int, what: tuple[str, str]) -> int:
    """A whole number from ``low`` to ``high`` (the platform gives numbers as ``int`` or ``float``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            reason_id="tulis bilangan bulat",
            reason_en="write a whole number",
        )
    if not low <= value <= high:
        raise CettarError(
            "ADMINDUK_OUT_OF_RANGE", field=answer_field(code), what_id=what[0], what_en=what[1], min=low, max=high
        )
    return value


def age_on(birth: date, day: date) -> int:
    """Whole years from ``birth`` to ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def nik(answers: Mapping[str, Any], code: str, today: date) -> NikInfo:
    return parse_nik(str(answers[code]), field=answer_field(code), today=today)


# --------------------------------------------------------------------------- No. KK


def parse_kk(value: str, *, field: str, today: date) -> str:
    """Check a No. KK and return its 16 digits; raise ``ADMINDUK_INVALID_KK`` saying what is wrong.

    Digits 1-6 are the kecamatan where the card was issued (in Jawa Timur it must
    exist; elsewhere the province must be known and the codes not 00), 7-12 the
    issue date DDMMYY (a real date, not in the future), 13-16 a sequence from 0001.
    Spaces and dots between digit groups are ignored.
    """

    def invalid(reason_id: str, reason_en: str) -> CettarError:
        return CettarError("ADMINDUK_INVALID_KK", field=field, reason_id=reason_id, reason_en=reason_en)

    kk = re.sub(r"[\s.]", "", value)
    if not _DIGITS.fullmatch(kk) or not kk.isascii():
        raise invalid("hanya boleh berisi angka 0-9", "it may contain only the digits 0-9")
    if len(kk) != KK_LENGTH:
        raise invalid("harus terdiri atas 16 angka", "it must have 16 digits")
    province, regency, district = kk[0:2], f"{kk[0:2]}.{kk[2:4]}", f"{kk[0:2]}.{kk[2:4]}.{kk[4:6]}"
    if province not in INDONESIAN_PROVINCE_CODES:
        raise invalid(
            "kode provinsi (angka ke-1 dan ke-2) tidak dikenal",
            "the province code (digits 1-2) is not a known province",
        )
    if province == JATIM_PROVINCE_CODE:
        if regency not in jatim_regency_codes() or district not in jatim_kecamatan_codes():
            raise invalid(
                "kode kabupaten/kota dan kecamatan (angka ke-3 s.d. ke-6) tidak ada di Jawa Timur",
                "the kabupaten/kota and kecamatan code (digits 3-6) does not exist in Jawa Timur",
            )
    elif kk[2:4] == "00" or kk[4:6] == "00":
        raise invalid(
            "kode kabupaten/kota dan kecamatan (angka ke-3 s.d. ke-6) tidak boleh 00",
            "the kabupaten/kota and kecamatan codes (digits 3-6) must not be 00",
        )
    day, month, year2 = int(kk[6:8]), int(kk[8:10]), int(kk[10:12])
    century = 1900 if year2 > today.year % 100 else 2000
    try:
        issued = date(century + year2, month, day)
    except ValueError:
        raise invalid(
            "tanggal penerbitan (angka ke-7 s.d. ke-12) tidak ada di kalender",
            "the issue date (digits 7-12) does not exist in the calendar",
        ) from None
    if issued > today:
        raise invalid("tanggal penerbitan ada di masa depan", "the issue date is in the future")
    if kk[12:16] == "0000":
        raise invalid(
            "nomor urut (empat angka terakhir) tidak boleh nol",
            "the sequence number (last four digits) must not be zero",
        )
    return kk


def kk(answers: Mapping[str, Any], code: str, today: date) -> str:
    return parse_kk(str(answers[code]), field=answer_field(code), today=today)


# --------------------------------------------------------------------------- regions and addresses


@cache
def jatim_desa_codes() -> frozenset[str]:
    """The dotted codes of Jawa Timur's desa and kelurahan (``35.78.01.1001`` …)."""
    path = Path(core.__file__).resolve().parent / "data" / "jatim-desa-kelurahan.csv"
    with path.open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


def desa(answers: Mapping[str, Any], code: str) -> str:
    """A desa/kelurahan code of Jawa Timur, dotted (``35.78.01.1001``)."""
    raw = str(answers[code]).strip()
    if not _DESA_CODE.fullmatch(raw) or raw not in jatim_desa_codes():
        raise CettarError("ADMINDUK_INVALID_REGION", field=answer_field(code))
    return raw


def rt_rw(answers: Mapping[str, Any], code: str, what: tuple[str, str]) -> str:
    """An RT or RW number, written with three digits (``001``) as on the KK."""
    raw = str(answers[code]).strip()
    if not _DIGITS.fullmatch(raw) or not raw.isascii() or int(raw) == 0 or int(raw) > 999:
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            reason_id="tulis angka 1 sampai 999",
            reason_en="write a number from 1 to 999",
        )
    return f"{int(raw):03d}"


def document_number(answers: Mapping[str, Any], code: str, what: tuple[str, str]) -> str:
    """A letter or report number (surat keterangan pindah, laporan kehilangan): 4-64 plain characters."""
    raw = " ".join(str(answers[code]).split())
    if not _DOCUMENT_NUMBER.fullmatch(raw) or not raw.isascii():
        raise CettarError(
            "ADMINDUK_INVALID_ANSWER",
            field=answer_field(code),
            what_id=what[0],
            what_en=what[1],
            reason_id="tulis 4-64 huruf, angka, spasi, titik, garis miring atau tanda hubung",
            reason_en="write 4-64 letters, digits, spaces, dots, slashes or hyphens",
        )
    return raw


def niks_list(
    answers: Mapping[str, Any], code: str, today: date, what: tuple[str, str]
) -> tuple[list[str], list[NikInfo]]:
    """NIKs written one per line, or separated by commas or spaces: each valid, none twice."""
    field = answer_field(code)
    parts = [p for p in _SEPARATORS.split(str(answers.get(code) or "")) if p]
    infos = [parse_nik(p, field=field, today=today) for p in parts]
    seen: set[str] = set()
    for info in infos:
        if info.nik in seen:
            raise CettarError(
                "ADMINDUK_INVALID_ANSWER",
                field=field,
                what_id=what[0],
                what_en=what[1],
                reason_id="satu NIK tertulis dua kali",
                reason_en="a NIK is written twice",
            )
        seen.add(info.nik)
    return [i.nik for i in infos], infos


# --------------------------------------------------------------------------- names and people


def child_name(answers: Mapping[str, Any], code: str) -> str:
    """A child's name by Permendagri 73/2022: two words or more, at most 60 characters, letters only."""
    name = " ".join(str(answers[code]).split())

    def invalid(reason_id: str, reason_en: str) -> CettarError:
        return CettarError(
            "ADMINDUK_INVALID_CHILD_NAME", field=answer_field(code), reason_id=reason_id, reason_en=reason_en
        )

    words = name.split(" ")
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        raise invalid(
            "hanya huruf dan spasi, tanpa angka dan tanda baca",
            "only letters and spaces, no digits or punctuation",
        )
    if len(words) < 2:
        raise invalid("paling sedikit dua kata", "at least two words")
    if len(name) > CHILD_NAME_MAX_LENGTH:
        raise invalid("paling banyak 60 huruf termasuk spasi", "at most 60 characters including spaces")
    return name


def parent(
    answers: Mapping[str, Any], code: str, today: date, sex: Sex, child_birth: date, role: tuple[str, str]
) -> str:
    """A parent's NIK: valid, of the right sex, born at least 10 years before the child."""
    info = nik(answers, code, today)
    if info.sex is not sex:
        sex_id, sex_en = ("perempuan", "woman") if sex is Sex.FEMALE else ("laki-laki", "man")
        raise CettarError(
            "ADMINDUK_PARENT_SEX",
            field=answer_field(code),
            parent_id=role[0],
            parent_en=role[1],
            sex_id=sex_id,
            sex_en=sex_en,
        )
    if age_on(info.birth_date, child_birth) < MIN_PARENT_AGE_AT_BIRTH:
        raise CettarError(
            "ADMINDUK_PARENT_AGE",
            field=answer_field(code),
            parent_id=role[0],
            parent_en=role[1],
            years=MIN_PARENT_AGE_AT_BIRTH,
        )
    return info.nik


def recording_window(today: date) -> tuple[date, date]:
    """The first and last day a biometric recording appointment may be booked on."""
    earliest = calendar.add_working_days(today, 1)
    return earliest, calendar.add_working_days(today, RECORDING_WINDOW_WORKING_DAYS)


def recording_date(answers: Mapping[str, Any], code: str, today: date) -> date:
    day = as_date(answers[code], code)
    earliest, latest = recording_window(today)
    if not earliest <= day <= latest or not calendar.is_working_day(day):
        raise CettarError(
            "ADMINDUK_RECORDING_DATE",
            field=answer_field(code),
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )
    return day
