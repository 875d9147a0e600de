"""The error codes of Rumahku SIP, in Bahasa Indonesia and English (registered on import).

Every code is listed in ``docs/plugins/rumahku_sip.md``. Plain input mistakes (an
empty name, a date in the future) are ``VALIDATION_FAILED`` with their own message.
"""

from __future__ import annotations

from core.errors import CettarError, register_messages

register_messages(
    {
        "HOUSING_DESA_OUTSIDE_GRESIK": (
            "Kode wilayah {region} bukan desa/kelurahan di Kabupaten Gresik (35.25).",
            "The region code {region} is not a desa/kelurahan of Kabupaten Gresik (35.25).",
        ),
        "HOUSING_DESA_UNKNOWN": (
            "Desa/kelurahan dengan kode {region} tidak ada di Kabupaten Gresik.",
            "There is no desa/kelurahan with the code {region} in Kabupaten Gresik.",
        ),
        "HOUSING_INVALID_BOUNDARY": (
            "Batas lokasi (GeoJSON) tidak valid: {reason_id}",
            "The boundary (GeoJSON) is not valid: {reason_en}",
        ),
        "HOUSING_INVALID_NOP": (
            "NOP tidak valid: {reason_id} Format: 35.25.XXX.XXX.XXX-XXXX.X (18 angka).",
            "The NOP is not valid: {reason_en} Format: 35.25.XXX.XXX.XXX-XXXX.X (18 digits).",
        ),
        "HOUSING_NOP_OUTSIDE_GRESIK": (
            "NOP {nop} bukan objek pajak Kabupaten Gresik (harus diawali 35.25).",
            "The NOP {nop} is not a tax object of Kabupaten Gresik (it must start with 35.25).",
        ),
        "HOUSING_NOP_KECAMATAN_MISMATCH": (
            "NOP {nop} berada di kecamatan {nop_kecamatan}, sedangkan perumahan ini di kecamatan {kecamatan}.",
            "The NOP {nop} lies in kecamatan {nop_kecamatan}, but this development is in kecamatan {kecamatan}.",
        ),
        "HOUSING_NOP_ALREADY_LINKED": (
            "NOP {nop} sudah terhubung dengan objek lain.",
            "The NOP {nop} is already linked to something else.",
        ),
        "HOUSING_PERMIT_EXISTS": (
            "Izin {kind} nomor {number} sudah tercatat.",
            "The {kind} permit number {number} is already recorded.",
        ),
        "HOUSING_UNIT_EXISTS": (
            "Unit blok {block} nomor {number} sudah ada di perumahan ini.",
            "Unit block {block} number {number} already exists in this development.",
        ),
        "HOUSING_DEVELOPER_EXISTS": (
            "Pengembang dengan {what_id} ini sudah terdaftar.",
            "A developer with this {what_en} is already registered.",
        ),
        "HOUSING_DEVELOPMENT_EXISTS": (
            "Pengembang ini sudah memiliki perumahan bernama {name}.",
            "This developer already has a development called {name}.",
        ),
        "HOUSING_ACCOUNT_NOT_CITIZEN": (
            "Akun pengembang harus akun warga yang aktif dan belum terhubung dengan pengembang lain.",
            "A developer's account must be an active citizen account not linked to another developer.",
        ),
        "PSU_HANDOVER_INVALID_STATE": (
            "Serah terima PSU berstatus {status}; langkah ini tidak dapat dilakukan.",
            "The PSU handover is {status}; this step is not possible.",
        ),
        "PSU_ALREADY_IN_HANDOVER": (
            "PSU {name} sedang diusulkan atau sudah diserahterimakan.",
            "The facility {name} is already proposed or handed over.",
        ),
        "PSU_NOT_BUILT": (
            "PSU {name} belum terbangun sehingga belum dapat diserahterimakan.",
            "The facility {name} is not built yet, so it cannot be handed over.",
        ),
        "PSU_DOCUMENTS_REQUIRED": (
            "Lampirkan paling sedikit satu dokumen (PDF, JPEG atau PNG).",
            "Attach at least one document (PDF, JPEG or PNG).",
        ),
        "PSU_BAST_EXISTS": (
            "Nomor BAST {number} sudah dipakai untuk serah terima lain.",
            "The BAST number {number} is already used by another handover.",
        ),
        "HOUSING_PROBLEM_RESOLVED": (
            "Masalah ini sudah diselesaikan.",
            "This problem is already resolved.",
        ),
    }
)


def invalid(field: str, message_id: str, message_en: str) -> CettarError:
    """``VALIDATION_FAILED`` on ``field`` with a message saying what is wrong, in both languages."""
    return CettarError("VALIDATION_FAILED", field=field, message_id=message_id, message_en=message_en)
