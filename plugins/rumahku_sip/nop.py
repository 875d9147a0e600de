"""NOP (Nomor Objek Pajak PBB-P2): 18 digits, written ``35.25.140.008.012-0034.0``.

Province (2), kabupaten/kota (2), kecamatan (3), desa/kelurahan (3), block (3),
object number (4), code (1). Rumahku SIP links tax objects of Kabupaten Gresik
only, so the first four digits must be ``3525``.

The kecamatan part of an NOP is the tax office's own numbering. Where it follows
the common convention — the Kemendagri kecamatan number times ten (``140`` for
kecamatan ``35.25.14``, Kebomas) — :func:`kecamatan_code` maps it, and a link can be
checked against the development's kecamatan; another number cannot be mapped and is
accepted as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import CettarError

SEPARATORS = re.compile(r"[.\-\s]")
GRESIK = "3525"


@dataclass(frozen=True)
class Nop:
    digits: str  # the 18 digits

    @property
    def formatted(self) -> str:
        d = self.digits
        return f"{d[0:2]}.{d[2:4]}.{d[4:7]}.{d[7:10]}.{d[10:13]}-{d[13:17]}.{d[17]}"

    @property
    def kecamatan_part(self) -> str:
        return self.digits[4:7]


def _refuse(reason_id: str, reason_en: str, field: str) -> CettarError:
    return CettarError("HOUSING_INVALID_NOP", field=field, reason_id=reason_id, reason_en=reason_en)


def parse_nop(value: str, field: str = "input.nop") -> Nop:
    """The NOP in ``value`` (with or without dots, dashes and spaces); typed errors otherwise."""
    digits = SEPARATORS.sub("", value or "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 18:
        raise _refuse("harus 18 angka.", "it must have 18 digits.", field)
    if digits[:4] != GRESIK:
        raise CettarError("HOUSING_NOP_OUTSIDE_GRESIK", field=field, nop=Nop(digits).formatted)
    for start, end, part_id, part_en in (
        (4, 7, "kecamatan", "kecamatan"),
        (7, 10, "desa/kelurahan", "desa/kelurahan"),
        (10, 13, "blok", "block"),
        (13, 17, "nomor urut objek", "object number"),
    ):
        if set(digits[start:end]) == {"0"}:
            raise _refuse(f"kode {part_id} tidak boleh nol semua.", f"its {part_en} part cannot be all zeros.", field)
    return Nop(digits)


def kecamatan_code(nop: Nop) -> str | None:
    """The Kemendagri kecamatan code (``35.25.14``) the NOP's kecamatan part maps to by the
    times-ten convention, or None when it does not follow it."""
    part = int(nop.kecamatan_part)
    if part % 10 != 0 or not 1 <= part // 10 <= 99:
        return None
    return f"35.25.{part // 10:02d}"
