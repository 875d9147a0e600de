"""The registry's validation rules: codes, years, ranks and competitions, and its error codes.

Plain functions, used by the mutations, the reference seed and the ``cettar_innovation``
records of other plugins alike, so all three refuse the same things.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from core import calendar
from core.errors import CettarError, register_messages

MIN_YEAR = 1945
MAX_RANK = 999

register_messages(
    {
        "INOVASI_INVALID_CODE": (
            "Kode inovasi harus 3 sampai 64 karakter: huruf kecil, angka, dipisah tanda hubung (mis. `klinik-bumdes`).",
            "An innovation code has 3 to 64 characters: lower-case letters and digits separated by hyphens (e.g. `klinik-bumdes`).",
        ),
        "INOVASI_CODE_TAKEN": (
            "Kode inovasi `{innovation}` sudah dipakai.",
            "The innovation code `{innovation}` is already taken.",
        ),
        "INOVASI_UNKNOWN_AGENCY": (
            "Instansi `{agency}` tidak dikenal.",
            "The agency `{agency}` is not known.",
        ),
        "INOVASI_UNKNOWN_REGION": (
            "Wilayah `{region}` tidak dikenal.",
            "The region `{region}` is not known.",
        ),
        "INOVASI_REGION_OUTSIDE_AGENCY": (
            "Wilayah `{region}` berada di luar wilayah instansi `{agency}`.",
            "The region `{region}` lies outside the region of the agency `{agency}`.",
        ),
        "INOVASI_INVALID_YEAR": (
            "Tahun harus antara {min} dan {max}.",
            "The year must be between {min} and {max}.",
        ),
        "INOVASI_INVALID_RANK": (
            "Peringkat harus berbentuk `TOP n` dengan n antara 1 dan {max} (mis. `TOP 45`).",
            "A rank reads `TOP n` with n between 1 and {max} (e.g. `TOP 45`).",
        ),
        "INOVASI_INVALID_AWARD_DATE": (
            "Tanggal penghargaan harus dalam tahun penghargaan itu dan tidak di masa depan.",
            "The award date must fall in the award's year and not in the future.",
        ),
        "INOVASI_AWARD_EXISTS": (
            "Inovasi ini sudah tercatat meraih {rank} {competition} tahun {year}.",
            "This innovation already holds {rank} in {competition} {year}.",
        ),
        "INOVASI_MANAGED_BY_PLUGIN": (
            "Data ini dikelola oleh plugin `{plugin}` dan diperbarui dari sana; ubah di plugin tersebut.",
            "This is maintained by the plugin `{plugin}` and refreshed from it; change it there.",
        ),
        "INOVASI_TEXT_LENGTH": (
            "Isian ini harus {min} sampai {max} karakter.",
            "This value must have {min} to {max} characters.",
        ),
    }
)

CODE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
RANK = re.compile(r"top\s*[-_]?\s*(\d{1,4})", re.IGNORECASE)
#: Words that do not tell one competition from another ("Kompetisi …", "Penghargaan …", "Tahun 2020").
_FILLER = {"kompetisi", "penghargaan", "tahun", "award", "awards", "competition"}
#: Acronyms written instead of a competition's name.
_ALIASES = {"kipp": "inovasi pelayanan publik", "sinovik": "inovasi pelayanan publik"}


def current_year() -> int:
    """This year in WIB: the latest year anything may have started or been awarded."""
    return calendar.today().year


def text(value: str | None, field: str, *, min_length: int = 1, max_length: int) -> str:
    """``value`` stripped, with its length checked (``INOVASI_TEXT_LENGTH``)."""
    cleaned = " ".join((value or "").split())
    if not min_length <= len(cleaned) <= max_length:
        raise CettarError("INOVASI_TEXT_LENGTH", field=field, min=min_length, max=max_length)
    return cleaned


def optional_text(value: str | None, field: str, *, max_length: int) -> str | None:
    """``None`` for a missing or blank value, else the stripped value (at most ``max_length``)."""
    cleaned = " ".join((value or "").split())
    if not cleaned:
        return None
    return text(cleaned, field, max_length=max_length)


def check_code(value: str, field: str) -> str:
    code = value.strip()
    if not (3 <= len(code) <= 64 and CODE.fullmatch(code)):
        raise CettarError("INOVASI_INVALID_CODE", field=field)
    return code


def check_year(value: int, field: str, *, earliest: int | None = None) -> int:
    """A year from ``earliest`` (default 1945) up to this year."""
    low = max(MIN_YEAR, earliest or MIN_YEAR)
    high = current_year()
    if not low <= value <= high:
        raise CettarError("INOVASI_INVALID_YEAR", field=field, min=low, max=high)
    return value


def normalise_rank(value: str, field: str) -> tuple[str, int]:
    """``"top45"``, ``"Top 45"`` or ``"TOP-45"`` → ``("TOP 45", 45)``."""
    found = RANK.fullmatch(value.strip())
    number = int(found.group(1)) if found else 0
    if not 1 <= number <= MAX_RANK:
        raise CettarError("INOVASI_INVALID_RANK", field=field, max=MAX_RANK)
    return f"TOP {number}", number


def competition_key(value: str) -> str:
    """What tells competitions apart: ``Kompetisi Inovasi Pelayanan Publik (KIPP) Tahun 2020``,
    ``KIPP`` and ``kompetisi inovasi pelayanan publik`` all give ``inovasi pelayanan publik``."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().casefold()
    plain = re.sub(r"\([^)]*\)", " ", plain)  # "(KIPP)": an acronym repeating the name
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _FILLER and not re.fullmatch(r"\d{4}", w)]
    key = " ".join(words)
    return _ALIASES.get(key, key) or plain.strip()


def check_award_date(value: date | None, year: int, field: str) -> date | None:
    if value is not None and (value.year != year or value > calendar.today()):
        raise CettarError("INOVASI_INVALID_AWARD_DATE", field=field)
    return value


def same_words(a: str, b: str) -> bool:
    """``Klinik BUM Desa`` and ``klinik-bum-desa`` name the same thing (letters and digits only)."""

    def squeeze(value: str) -> str:
        return re.sub(r"[^a-z0-9]", "", value.casefold())

    return bool(squeeze(a)) and squeeze(a) == squeeze(b)
