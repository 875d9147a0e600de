"""Pure validators for identity data: NIK, NIP, phone numbers, e-mail addresses, passwords.

Every function here is pure (no database, no network): it either returns the
parsed or normalised value or raises :class:`~core.errors.CettarError` with one of

``INVALID_NIK``, ``INVALID_NIP``, ``INVALID_PHONE``, ``INVALID_EMAIL``, ``WEAK_PASSWORD``

and the params ``reason_id`` / ``reason_en`` (what exactly is wrong, in Bahasa
Indonesia and English, filled into the message templates registered below) and
``rule`` (a stable machine-readable name of the broken rule, e.g. ``"province"``).
A message never repeats the value it rejects: NIKs, NIPs and phone numbers are
personal data.

The ``mask_*`` functions hide most of a value for showing it to someone other
than its owner.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from functools import cache
from pathlib import Path

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from core.errors import CettarError, register_messages

__all__ = [
    "INDONESIAN_PROVINCE_CODES",
    "JATIM_PROVINCE_CODE",
    "NikInfo",
    "NipInfo",
    "Sex",
    "check_password",
    "jatim_kecamatan_codes",
    "jatim_regency_codes",
    "mask_email",
    "mask_nik",
    "mask_nip",
    "mask_phone",
    "normalise_email",
    "normalise_phone",
    "parse_nik",
    "parse_nip",
]

register_messages(
    {
        "INVALID_NIK": ("NIK tidak valid: {reason_id}.", "The NIK is not valid: {reason_en}."),
        "INVALID_NIP": ("NIP tidak valid: {reason_id}.", "The NIP is not valid: {reason_en}."),
        "INVALID_PHONE": ("Nomor telepon tidak valid: {reason_id}.", "The phone number is not valid: {reason_en}."),
        "INVALID_EMAIL": ("Alamat e-mail tidak valid: {reason_id}.", "The e-mail address is not valid: {reason_en}."),
        "WEAK_PASSWORD": ("Kata sandi terlalu lemah: {reason_id}.", "The password is too weak: {reason_en}."),
    }
)

DATA = Path(__file__).resolve().parent.parent / "data"

#: Western Indonesian Time (UTC+7, no daylight saving): "today" for Jawa Timur.
WIB = timezone(timedelta(hours=7), "WIB")

JATIM_PROVINCE_CODE = "35"

#: The Kemendagri codes of Indonesia's 38 provinces (Kepmendagri 300.2.2-2138/2025).
#: These are the codes NIKs use; BPS statistics codes differ for the Papua provinces.
INDONESIAN_PROVINCE_CODES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

NIK_LENGTH = 16
NIP_LENGTH = 18
#: Days 41-71 in a NIK are women's birth days with 40 added.
NIK_FEMALE_DAY_OFFSET = 40
#: The youngest age at which an officer may be appointed (TMT CPNS).
MIN_APPOINTMENT_AGE = 18
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
#: ``avoid`` strings shorter than this are ignored by :func:`check_password`.
PASSWORD_AVOID_MIN_LENGTH = 4
#: Longer phone input is refused before parsing (E.164 has at most 15 digits).
PHONE_MAX_INPUT_LENGTH = 32
EMAIL_MAX_INPUT_LENGTH = 320

_DIGITS = re.compile(r"[0-9]*")
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ().\-]*")


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class NikInfo:
    """What a valid NIK (Nomor Induk Kependudukan) says about its holder."""

    nik: str  # 16 digits
    province_code: str  # "35"
    regency_code: str  # dotted, as in the region table: "35.15"
    district_code: str  # dotted: "35.15.01" (the kecamatan at first registration)
    birth_date: date
    sex: Sex
    sequence: int
    in_province: bool  # True when the province code is 35 (Jawa Timur)


@dataclass(frozen=True)
class NipInfo:
    """What a valid NIP (Nomor Induk Pegawai, civil servants) says about its holder."""

    nip: str  # 18 digits
    birth_date: date
    appointed: date  # first day of the appointment (TMT CPNS) month
    sex: Sex
    sequence: int


def _error(code: str, field: str, rule: str, reason_id: str, reason_en: str) -> CettarError:
    return CettarError(code, field=field, rule=rule, reason_id=reason_id, reason_en=reason_en)


def _today() -> date:
    return datetime.now(WIB).date()


def _is_ascii_digits(value: str) -> bool:
    return _DIGITS.fullmatch(value) is not None


@cache
def jatim_regency_codes() -> frozenset[str]:
    """The dotted codes of Jawa Timur's 38 kabupaten/kota (``35.01`` … ``35.79``)."""
    with (DATA / "jatim-regions.csv").open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh) if row["kind"] in ("kabupaten", "kota"))


@cache
def jatim_kecamatan_codes() -> frozenset[str]:
    """The dotted codes of Jawa Timur's kecamatan (``35.01.01`` …)."""
    with (DATA / "jatim-kecamatan.csv").open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


# --------------------------------------------------------------------------- NIK


def parse_nik(value: str, *, field: str = "nik", today: date | None = None) -> NikInfo:
    """Check a NIK and return its parts; raise ``INVALID_NIK`` saying what is wrong.

    A NIK has 16 ASCII digits (surrounding whitespace is ignored, nothing else is):

    - 1-2: the province, one of :data:`INDONESIAN_PROVINCE_CODES`;
    - 3-4: the kabupaten/kota and 5-6: the kecamatan where the holder was first
      registered. In Jawa Timur (35) both must exist in the region tables
      (``core/data/jatim-*.csv``); elsewhere they must be 01-99. A NIK never
      changes, so it is not compared with the holder's current address;
    - 7-12: the birth date DDMMYY, with 40 added to the day for women. A two-digit
      year above this year's is in the 1900s, otherwise in the 2000s; the date must
      exist and not lie in the future. (So the NIK of someone born in the current
      two-digit year of the last century, later in the year than today, is refused:
      the 2000s reading is in the future.)
    - 13-16: a sequence number from 0001.
    """
    nik = value.strip() if isinstance(value, str) else ""

    def invalid(rule: str, reason_id: str, reason_en: str) -> CettarError:
        return _error("INVALID_NIK", field, rule, reason_id, reason_en)

    if not _is_ascii_digits(nik):
        raise invalid("digits", "hanya boleh berisi angka 0-9", "it may contain only the digits 0-9")
    if len(nik) != NIK_LENGTH:
        raise invalid("length", "harus terdiri atas 16 angka", "it must have 16 digits")

    province = nik[0:2]
    regency_code = f"{province}.{nik[2:4]}"
    district_code = f"{regency_code}.{nik[4:6]}"
    in_province = province == JATIM_PROVINCE_CODE
    if province not in INDONESIAN_PROVINCE_CODES:
        raise invalid(
            "province",
            "kode provinsi (angka ke-1 dan ke-2) tidak dikenal",
            "the province code (digits 1-2) is not a known province",
        )
    if in_province:
        if regency_code not in jatim_regency_codes():
            raise invalid(
                "regency",
                "kode kabupaten/kota (angka ke-3 dan ke-4) tidak ada di Jawa Timur",
                "the kabupaten/kota code (digits 3-4) does not exist in Jawa Timur",
            )
        if district_code not in jatim_kecamatan_codes():
            raise invalid(
                "district",
                "kode kecamatan (angka ke-5 dan ke-6) tidak ada di kabupaten/kota tersebut",
                "the kecamatan code (digits 5-6) does not exist in that kabupaten/kota",
            )
    else:
        if nik[2:4] == "00":
            raise invalid(
                "regency",
                "kode kabupaten/kota (angka ke-3 dan ke-4) tidak boleh 00",
                "the kabupaten/kota code (digits 3-4) must not be 00",
            )
        if nik[4:6] == "00":
            raise invalid(
                "district",
                "kode kecamatan (angka ke-5 dan ke-6) tidak boleh 00",
                "the kecamatan code (digits 5-6) must not be 00",
            )

    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = Sex.MALE
    if day > NIK_FEMALE_DAY_OFFSET:
        sex = Sex.FEMALE
        day -= NIK_FEMALE_DAY_OFFSET
    if not 1 <= day <= 31:
        raise invalid(
            "birth_day",
            "tanggal lahir (angka ke-7 dan ke-8) harus 01-31 untuk laki-laki atau 41-71 untuk perempuan",
            "the birth day (digits 7-8) must be 01-31 for men or 41-71 for women",
        )
    if not 1 <= month <= 12:
        raise invalid(
            "birth_month",
            "bulan lahir (angka ke-9 dan ke-10) harus 01-12",
            "the birth month (digits 9-10) must be 01-12",
        )
    today = today or _today()
    century = 1900 if year2 > today.year % 100 else 2000
    try:
        birth_date = date(century + year2, month, day)
    except ValueError:
        raise invalid(
            "birth_date",
            "tanggal lahir (angka ke-7 s.d. ke-12) tidak ada di kalender",
            "the birth date (digits 7-12) does not exist in the calendar",
        ) from None
    if birth_date > today:
        raise invalid("birth_future", "tanggal lahir ada di masa depan", "the birth date is in the future")

    sequence = int(nik[12:16])
    if sequence == 0:
        raise invalid(
            "sequence",
            "nomor urut (empat angka terakhir) tidak boleh nol",
            "the sequence number (last four digits) must not be zero",
        )
    return NikInfo(
        nik=nik,
        province_code=province,
        regency_code=regency_code,
        district_code=district_code,
        birth_date=birth_date,
        sex=sex,
        sequence=sequence,
        in_province=in_province,
    )


# --------------------------------------------------------------------------- NIP


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year: the birthday is 1 March
        return date(day.year + years, 3, 1)


def parse_nip(value: str, *, field: str = "nip", today: date | None = None) -> NipInfo:
    """Check a NIP and return its parts; raise ``INVALID_NIP`` saying what is wrong.

    A NIP has 18 ASCII digits (surrounding whitespace is ignored): the birth date
    YYYYMMDD (a real date, not in the future), the appointment month (TMT CPNS)
    YYYYMM (a real month, not in the future, when the officer was at least 18),
    the sex (1 man, 2 woman) and a sequence number from 001.
    """
    nip = value.strip() if isinstance(value, str) else ""

    def invalid(rule: str, reason_id: str, reason_en: str) -> CettarError:
        return _error("INVALID_NIP", field, rule, reason_id, reason_en)

    if not _is_ascii_digits(nip):
        raise invalid("digits", "hanya boleh berisi angka 0-9", "it may contain only the digits 0-9")
    if len(nip) != NIP_LENGTH:
        raise invalid("length", "harus terdiri atas 18 angka", "it must have 18 digits")

    today = today or _today()
    try:
        birth_date = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise invalid(
            "birth_date",
            "tanggal lahir (angka ke-1 s.d. ke-8) bukan tanggal yang ada",
            "the birth date (digits 1-8) is not a real date",
        ) from None
    if birth_date > today:
        raise invalid("birth_future", "tanggal lahir ada di masa depan", "the birth date is in the future")
    try:
        appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise invalid(
            "appointment_month",
            "bulan pengangkatan/TMT CPNS (angka ke-9 s.d. ke-14) bukan bulan yang ada",
            "the appointment (TMT CPNS) month (digits 9-14) is not a real month",
        ) from None
    if appointed > today:
        raise invalid(
            "appointment_future",
            "bulan pengangkatan/TMT CPNS ada di masa depan",
            "the appointment (TMT CPNS) month is in the future",
        )
    if appointed < _add_years(birth_date, MIN_APPOINTMENT_AGE):
        raise invalid(
            "appointment_age",
            "pegawai belum berusia 18 tahun pada bulan pengangkatan/TMT CPNS",
            "the officer was not yet 18 years old in the appointment (TMT CPNS) month",
        )
    sex_digit = nip[14]
    if sex_digit not in ("1", "2"):
        raise invalid(
            "sex",
            "angka jenis kelamin (angka ke-15) harus 1 (laki-laki) atau 2 (perempuan)",
            "the sex digit (digit 15) must be 1 (man) or 2 (woman)",
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise invalid(
            "sequence",
            "nomor urut (tiga angka terakhir) tidak boleh nol",
            "the sequence number (last three digits) must not be zero",
        )
    return NipInfo(
        nip=nip,
        birth_date=birth_date,
        appointed=appointed,
        sex=Sex.MALE if sex_digit == "1" else Sex.FEMALE,
        sequence=sequence,
    )


# --------------------------------------------------------------------------- phone

_PHONE_PARSE_REASONS: dict[int, tuple[str, str, str]] = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: (
        "country_code",
        "kode negaranya tidak dikenal",
        "its country code is not recognised",
    ),
    phonenumbers.NumberParseException.NOT_A_NUMBER: ("not_a_number", "bukan nomor telepon", "it is not a phone number"),
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: ("too_short", "nomornya terlalu pendek", "it is too short"),
    phonenumbers.NumberParseException.TOO_SHORT_NSN: ("too_short", "nomornya terlalu pendek", "it is too short"),
    phonenumbers.NumberParseException.TOO_LONG: ("too_long", "nomornya terlalu panjang", "it is too long"),
}

_PHONE_LENGTH_REASONS: dict[int, tuple[str, str, str]] = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: _PHONE_PARSE_REASONS[
        phonenumbers.NumberParseException.INVALID_COUNTRY_CODE
    ],
    phonenumbers.ValidationResult.TOO_SHORT: ("too_short", "nomornya terlalu pendek", "it is too short"),
    phonenumbers.ValidationResult.TOO_LONG: ("too_long", "nomornya terlalu panjang", "it is too long"),
    phonenumbers.ValidationResult.INVALID_LENGTH: (
        "length",
        "panjang nomornya tidak sesuai untuk negaranya",
        "its length does not fit its country",
    ),
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: (
        "area_code",
        "kode wilayahnya tidak ada; tulis lengkap, misalnya 031 untuk Surabaya",
        "the area code is missing; write it in full, e.g. 031 for Surabaya",
    ),
}


def normalise_phone(value: str, *, field: str = "phone") -> str:
    """A phone number in E.164 (``+6281234567890``); raise ``INVALID_PHONE`` if it is not one.

    Indonesian numbers may be written nationally (``0812-3456-7890``) or
    internationally (``+62 812 3456 7890``, ``62812…``); foreign numbers need their
    ``+`` and country code. Digits, spaces, hyphens, dots, brackets and a leading
    ``+`` are allowed (letters are refused, though keypads map them to digits);
    the number must be valid in its country's numbering plan.
    """

    def invalid(rule: str, reason_id: str, reason_en: str) -> CettarError:
        return _error("INVALID_PHONE", field, rule, reason_id, reason_en)

    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
    if not text:
        raise invalid("empty", "nomornya kosong", "it is empty")
    if len(text) > PHONE_MAX_INPUT_LENGTH:
        raise invalid("too_long", "nomornya terlalu panjang", "it is too long")
    if _PHONE_CHARACTERS.fullmatch(text) is None:
        raise invalid(
            "characters",
            "hanya boleh berisi angka, spasi, tanda hubung, titik, tanda kurung, dan tanda + di depan",
            "it may contain only digits, spaces, hyphens, dots, brackets and a leading +",
        )
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        rule, reason_id, reason_en = _PHONE_PARSE_REASONS.get(
            exc.error_type, ("not_a_number", "bukan nomor telepon", "it is not a phone number")
        )
        raise invalid(rule, reason_id, reason_en) from None
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible in _PHONE_LENGTH_REASONS:
        raise invalid(*_PHONE_LENGTH_REASONS[possible])
    if not phonenumbers.is_valid_number(number):
        raise invalid(
            "not_valid",
            "nomor seperti ini tidak dipakai di negaranya; periksa lagi angka-angkanya",
            "no such number is in use in its country; check the digits",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --------------------------------------------------------------------------- e-mail

# The email-validator library's messages are English sentences; each is sorted
# into one of these by a phrase it contains (first match wins).
_EMAIL_REASONS: tuple[tuple[str, str, str, str], ...] = (
    ("must have an @-sign", "no_at", "tidak ada tanda @", "there is no @ sign"),
    ("full-width", "no_at", "tanda @ harus tanda @ biasa", "the @ sign must be a plain @"),
    (
        "something before the @-sign",
        "local_empty",
        "tidak ada apa pun sebelum tanda @",
        "there is nothing before the @ sign",
    ),
    (
        "something after the @-sign",
        "domain_empty",
        "tidak ada nama domain setelah tanda @",
        "there is no domain name after the @ sign",
    ),
    ("too long", "too_long", "alamatnya terlalu panjang", "the address is too long"),
    ("two periods in a row", "periods", "ada dua titik berturut-turut", "it has two periods in a row"),
    (
        "should have a period",
        "domain_period",
        "nama domain setelah tanda @ harus memuat titik, misalnya jatimprov.go.id",
        "the domain name after the @ sign must contain a period, e.g. jatimprov.go.id",
    ),
    (
        "special-use or reserved",
        "domain_reserved",
        "nama domain setelah tanda @ adalah nama khusus yang tidak dapat menerima e-mail",
        "the domain name after the @ sign is a special-use name that cannot receive e-mail",
    ),
    (
        "immediately before the @-sign",
        "local_characters",
        "bagian sebelum tanda @ tidak boleh diakhiri titik",
        "the part before the @ sign must not end with a period",
    ),
    (
        "before the @-sign",
        "local_characters",
        "bagian sebelum tanda @ memuat karakter yang tidak diizinkan",
        "the part before the @ sign has characters that are not allowed",
    ),
    (
        "cannot start with a",
        "local_characters",
        "alamat tidak boleh diawali titik",
        "the address must not start with a period",
    ),
    (
        "after the @-sign",
        "domain",
        "nama domain setelah tanda @ tidak valid",
        "the domain name after the @ sign is not valid",
    ),
    (
        "cannot end with a",
        "domain",
        "nama domain setelah tanda @ tidak valid",
        "the domain name after the @ sign is not valid",
    ),
)


def normalise_email(value: str, *, field: str = "email") -> str:
    """An e-mail address in normal form, lower-cased; raise ``INVALID_EMAIL`` if it is not one.

    The whole address is lower-cased: mail providers treat local parts without
    regard to case, and one address must not register two accounts.

    Only the syntax is checked (no DNS look-up): one ``@``, a local part without
    quotes, and a domain name with a period that is not a special-use name such
    as ``localhost`` or ``*.test``.
    """

    def invalid(rule: str, reason_id: str, reason_en: str) -> CettarError:
        return _error("INVALID_EMAIL", field, rule, reason_id, reason_en)

    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise invalid("empty", "alamatnya kosong", "it is empty")
    if len(text) > EMAIL_MAX_INPUT_LENGTH:
        raise invalid("too_long", "alamatnya terlalu panjang", "the address is too long")
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        detail = str(exc)
        for phrase, rule, reason_id, reason_en in _EMAIL_REASONS:
            if phrase in detail:
                raise invalid(rule, reason_id, reason_en) from None
        raise invalid(
            "syntax",
            "bentuknya tidak sesuai format alamat e-mail",
            "it does not have the form of an e-mail address",
        ) from None


# --------------------------------------------------------------------------- password


def check_password(password: str, *, field: str = "password", avoid: Sequence[str] = ()) -> None:
    """Raise ``WEAK_PASSWORD`` unless the password follows the rule.

    The rule: 10 to 128 characters, not only digits, and not containing
    (ignoring case) any of the ``avoid`` strings that have at least 4 characters.
    Callers pass the holder's own data there: user name, NIK, the local part of
    the e-mail address. Nothing else is required: length beats composition rules.
    """

    def invalid(rule: str, reason_id: str, reason_en: str) -> CettarError:
        return _error("WEAK_PASSWORD", field, rule, reason_id, reason_en)

    if len(password) < PASSWORD_MIN_LENGTH:
        raise invalid("too_short", "minimal 10 karakter", "it must have at least 10 characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise invalid("too_long", "maksimal 128 karakter", "it may have at most 128 characters")
    if password.isdigit():
        raise invalid("digits_only", "tidak boleh hanya berisi angka", "it must not consist of digits only")
    folded = password.casefold()
    for item in avoid:
        word = item.strip().casefold()
        if len(word) >= PASSWORD_AVOID_MIN_LENGTH and word in folded:
            raise invalid(
                "personal_data",
                "tidak boleh memuat data pribadi Anda (nama pengguna, NIK, atau alamat e-mail)",
                "it must not contain your personal details (user name, NIK or e-mail address)",
            )


# --------------------------------------------------------------------------- masking


def _mask_middle(value: str, head: int, tail: int) -> str:
    """Keep ``head`` and ``tail`` characters when at least half stays hidden; else hide all."""
    if len(value) < 2 * (head + tail):
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_nik(nik: str) -> str:
    """``3515012345670002`` → ``3515**********02``: the first 4 and last 2 digits."""
    return _mask_middle(nik.strip(), 4, 2)


def mask_nip(nip: str) -> str:
    """``198501012010011002`` → ``1985************02``: the first 4 and last 2 digits."""
    return _mask_middle(nip.strip(), 4, 2)


def mask_phone(e164: str) -> str:
    """``+6281234567890`` → ``+62812*****890``.

    Keeps the ``+``, the country code, the first 3 digits of the national number
    and its last 3, but hides at least 3 digits (fewer are kept for short numbers).
    A value that is not E.164 is hidden all but its first 4 and last 2 characters.
    """
    text = e164.strip()
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return _mask_middle(text, 4, 2)
    national = phonenumbers.national_significant_number(number)
    if not text.startswith("+") or f"+{number.country_code}{national}" != text:
        return _mask_middle(text, 4, 2)
    hidden = min(len(national), max(3, len(national) - 6))
    head = min(3, len(national) - hidden)
    tail = len(national) - hidden - head
    return f"+{number.country_code}{national[:head]}{'*' * hidden}{national[len(national) - tail :]}"


def mask_email(email: str) -> str:
    """``budi.santoso@example.com`` → ``b***o@example.com``; a local part of 1-2 characters becomes ``*``."""
    local, at, domain = email.strip().rpartition("@")
    if not at:
        local, domain = domain, ""
    masked = "*" if len(local) <= 2 else f"{local[0]}***{local[-1]}"
    return f"{masked}{at}{domain}"
