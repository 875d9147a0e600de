"""Vehicle registration plates (TNKB, Tanda Nomor Kendaraan Bermotor) of Jawa Timur.

A plate reads ``<region> <number> <suffix>``: 1-2 letters naming the registration
region, a number from 1 to 9999 (no leading zero), and 0-3 letters, e.g.
``L 1234 AB`` or ``W 1 A``. :func:`parse_plate` accepts any spacing and case
(``l1234ab``, ``L-1234-AB``) and returns the plate written the standard way; it
refuses a plate of another province's region with ``SAMSAT_PLATE_NOT_JATIM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import CettarError, register_messages

register_messages(
    {
        "SAMSAT_INVALID_PLATE": (
            "Nomor polisi tidak valid: {reason_id}. Contoh yang benar: L 1234 AB atau W 1 A.",
            "The registration plate is not valid: {reason_en}. For example: L 1234 AB or W 1 A.",
        ),
        "SAMSAT_PLATE_NOT_JATIM": (
            "Kode wilayah {region} bukan kode wilayah Jawa Timur ({codes}); pajak kendaraan ini dibayar di "
            "provinsi tempat kendaraan terdaftar atau setelah mutasi masuk ke Jawa Timur.",
            "Region code {region} is not a Jawa Timur region ({codes}); this vehicle's tax is paid in the "
            "province it is registered in, or after its registration is moved to Jawa Timur.",
        ),
    }
)

#: Jawa Timur's plate region codes and the kabupaten/kota (Kemendagri codes) each covers.
JATIM_PLATE_REGIONS: dict[str, tuple[str, ...]] = {
    "L": ("35.78",),  # Kota Surabaya
    "M": ("35.26", "35.27", "35.28", "35.29"),  # Madura: Bangkalan, Sampang, Pamekasan, Sumenep
    # Malang, Lumajang, Probolinggo, Pasuruan, Kota Malang, Kota Probolinggo, Kota Pasuruan, Kota Batu
    "N": ("35.07", "35.08", "35.13", "35.14", "35.73", "35.74", "35.75", "35.79"),
    "P": ("35.09", "35.10", "35.11", "35.12"),  # Besuki: Jember, Banyuwangi, Bondowoso, Situbondo
    # Mojokerto, Jombang, Bojonegoro, Tuban, Lamongan, Kota Mojokerto
    "S": ("35.16", "35.17", "35.22", "35.23", "35.24", "35.76"),
    "W": ("35.15", "35.25"),  # Sidoarjo, Gresik
    # Pacitan, Ponorogo, Madiun, Magetan, Ngawi, Kota Madiun
    "AE": ("35.01", "35.02", "35.19", "35.20", "35.21", "35.77"),
    # Trenggalek, Tulungagung, Blitar, Kediri, Nganjuk, Kota Kediri, Kota Blitar
    "AG": ("35.03", "35.04", "35.05", "35.06", "35.18", "35.71", "35.72"),
}
JATIM_CODES_TEXT = ", ".join(JATIM_PLATE_REGIONS)

_PLATE = re.compile(r"([A-Z]+)([0-9]+)([A-Z]*)")
_ALLOWED = re.compile(r"[A-Za-z0-9 \-]+")


@dataclass(frozen=True)
class Plate:
    region: str  # "L"
    number: int  # 1234
    suffix: str  # "AB", may be empty

    def __str__(self) -> str:
        return " ".join(part for part in (self.region, str(self.number), self.suffix) if part)

    @property
    def regencies(self) -> tuple[str, ...]:
        """The kabupaten/kota (dotted codes) the plate's region covers."""
        return JATIM_PLATE_REGIONS.get(self.region, ())


def parse_plate(value: str, *, field: str) -> Plate:
    """A Jawa Timur plate, normalised; ``SAMSAT_INVALID_PLATE`` / ``SAMSAT_PLATE_NOT_JATIM`` naming ``field``."""

    def invalid(reason_id: str, reason_en: str) -> CettarError:
        return CettarError("SAMSAT_INVALID_PLATE", field=field, reason_id=reason_id, reason_en=reason_en)

    text = value.strip() if isinstance(value, str) else ""
    if not text or not text.isascii() or not _ALLOWED.fullmatch(text):
        raise invalid(
            "hanya huruf, angka, spasi atau tanda hubung", "only letters, digits, spaces or hyphens are allowed"
        )
    compact = re.sub(r"[ \-]", "", text).upper()
    match = _PLATE.fullmatch(compact)
    if match is None:
        raise invalid(
            "susunannya kode wilayah (huruf), nomor (angka), lalu huruf seri",
            "it is the region code (letters), a number (digits), then suffix letters",
        )
    region, digits, suffix = match.groups()
    if len(region) > 2:
        raise invalid("kode wilayah terdiri atas 1 atau 2 huruf", "the region code has 1 or 2 letters")
    if len(digits) > 4 or digits.startswith("0"):
        raise invalid(
            "nomor terdiri atas 1 sampai 4 angka, 1 sampai 9999, tanpa nol di depan",
            "the number has 1 to 4 digits, 1 to 9999, without a leading zero",
        )
    if len(suffix) > 3:
        raise invalid("huruf seri paling banyak 3 huruf", "the suffix has at most 3 letters")
    if region not in JATIM_PLATE_REGIONS:
        raise CettarError("SAMSAT_PLATE_NOT_JATIM", field=field, region=region, codes=JATIM_CODES_TEXT)
    return Plate(region, int(digits), suffix)
