"""The plugin's error codes (registered at import), each listed in ``docs/plugins/pengaduan.md``."""

from __future__ import annotations

from core.errors import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "COMPLAINT_TITLE_INVALID": (
        "Judul pengaduan wajib diisi, {min} sampai {max} karakter, tanpa karakter kendali.",
        "The title is required, {min} to {max} characters, with no control characters.",
    ),
    "COMPLAINT_TEXT_INVALID": (
        "Isi pengaduan wajib diisi, {min} sampai {max} karakter, tanpa karakter kendali selain baris baru.",
        "The text is required, {min} to {max} characters, with no control characters other than line breaks.",
    ),
    "COMPLAINT_UNKNOWN_CATEGORY": (
        "Kategori {category} tidak dikenal.",
        "The category {category} is unknown.",
    ),
    "COMPLAINT_UNKNOWN_AGENCY": (
        "Instansi {agency} tidak dikenal.",
        "The agency {agency} is unknown.",
    ),
    "COMPLAINT_UNKNOWN_SERVICE": (
        "Layanan {service} tidak dikenal.",
        "The service {service} is unknown.",
    ),
    "COMPLAINT_INVALID_REGION": (
        "Lokasi harus berupa kode desa/kelurahan di Jawa Timur, mis. 35.78.01.1001.",
        "The location must be the code of a desa/kelurahan in Jawa Timur, e.g. 35.78.01.1001.",
    ),
    "COMPLAINT_INVALID_COORDINATES": (
        "Koordinat harus berisi lintang dan bujur di wilayah Jawa Timur.",
        "Coordinates need both a latitude and a longitude inside Jawa Timur.",
    ),
    "COMPLAINT_REASON_REQUIRED": (
        "Alasan wajib diisi (paling banyak {max} karakter, tanpa karakter kendali selain baris baru).",
        "A reason is required (at most {max} characters, with no control characters other than line breaks).",
    ),
    "COMPLAINT_MESSAGE_INVALID": (
        "Pesan wajib diisi, paling banyak {max} karakter, tanpa karakter kendali selain baris baru.",
        "The message is required, at most {max} characters, with no control characters other than line breaks.",
    ),
    "COMPLAINT_INVALID_TRANSITION": (
        "Pengaduan berstatus {status} tidak dapat di{action_id}.",
        "A complaint that is {status} cannot be {action_en}.",
    ),
    "COMPLAINT_SAME_AGENCY": (
        "Pengaduan sudah didisposisikan ke instansi ini.",
        "The complaint is already disposed to this agency.",
    ),
    "COMPLAINT_REOPEN_EXPIRED": (
        "Batas waktu membuka kembali pengaduan ({days} hari kerja setelah diselesaikan) sudah lewat.",
        "The period to reopen the complaint ({days} working days after it was resolved) is over.",
    ),
    "COMPLAINT_INVALID_RATING": (
        "Penilaian kepuasan harus antara 1 dan 5.",
        "The satisfaction rating must be between 1 and 5.",
    ),
    "COMPLAINT_OWN": (
        "Anda tidak dapat mendukung atau melaporkan pengaduan Anda sendiri.",
        "You cannot support or report your own complaint.",
    ),
    "COMPLAINT_NOT_PUBLIC": (
        "Hanya pengaduan publik yang dapat didukung atau dilaporkan.",
        "Only public complaints can be supported or reported.",
    ),
    "COMPLAINT_ALREADY_SUPPORTED": (
        "Anda sudah mendukung pengaduan ini.",
        "You already support this complaint.",
    ),
    "COMPLAINT_ALREADY_FLAGGED": (
        "Anda sudah melaporkan pengaduan ini.",
        "You already reported this complaint.",
    ),
    "COMPLAINT_NOT_HIDDEN": (
        "Pengaduan ini tidak sedang menunggu moderasi.",
        "This complaint is not waiting for moderation.",
    ),
    "COMPLAINT_ANONYMOUS_ALONE": (
        "Tindakan pelapor pada pengaduan anonim harus dikirim sendiri, tanpa operasi lain dalam permintaan yang sama.",
        "A reporter's action on an anonymous complaint must be sent alone, without other operations in the request.",
    ),
    "COMPLAINT_CHANGED": (
        "Pengaduan baru saja diubah orang lain; muat ulang dan coba lagi.",
        "The complaint was just changed by someone else; reload and try again.",
    ),
}

register_messages(MESSAGES)
