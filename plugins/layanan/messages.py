"""The layanan plugin's error codes (listed in docs/plugins/layanan.md)."""

from __future__ import annotations

from core.errors import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "SERVICE_NOT_FOUND": (
        "Layanan {service} tidak ada dalam katalog.",
        "There is no service {service} in the catalog.",
    ),
    "SERVICE_NOT_OFFERED": (
        "Layanan ini tidak tersedia untuk wilayah Anda: {reason_id}.",
        "This service is not offered for your region: {reason_en}.",
    ),
    "ANSWER_REQUIRED": ("{label_id} wajib diisi.", "{label_en} is required."),
    "ANSWER_INVALID": (
        "Jawaban untuk {label_id} tidak valid: {reason_id}.",
        "The answer to {label_en} is not valid: {reason_en}.",
    ),
    "ANSWER_UNKNOWN": (
        "Formulir layanan ini tidak memiliki isian {name}.",
        "The form of this service has no field {name}.",
    ),
    "INVALID_REGION": (
        "Kode {region} bukan desa/kelurahan di Jawa Timur.",
        "{region} is not a desa/kelurahan of East Java.",
    ),
    "ATTACHMENT_REQUIRED": (
        "Lampirkan dokumen persyaratan (minimal {min} berkas).",
        "Attach the required documents (at least {min} file).",
    ),
    "DELIVERY_NOT_OFFERED": (
        "Layanan ini tidak menyediakan cara penyerahan tersebut.",
        "This service does not offer that delivery option.",
    ),
    "DELIVERY_ADDRESS_REQUIRED": (
        "Isi alamat pengantaran untuk layanan antar ke rumah.",
        "Give a delivery address for home delivery.",
    ),
    "INVALID_TRACKING_NUMBER": (
        "Nomor pelacakan tidak valid; periksa kembali setiap hurufnya (contoh: LYN-7K3M9-Q2X4F-Z).",
        "This is not a valid tracking number; check each character (e.g. LYN-7K3M9-Q2X4F-Z).",
    ),
    "TRANSITION_NOT_ALLOWED": (
        "Permohonan yang {status_id} tidak dapat diubah menjadi {target_id} oleh Anda.",
        "An application that is {status_en} cannot be made {target_en} by you.",
    ),
    "REASON_REQUIRED": (
        "Tuliskan alasannya agar pemohon tahu apa yang harus dilakukan.",
        "Give a reason so the applicant knows what to do.",
    ),
    "APPLICATION_CLAIMED": (
        "Permohonan ini sedang ditangani petugas lain.",
        "Another officer is handling this application.",
    ),
    "DELIVERY_NOT_APPLICABLE": (
        "Permohonan ini tidak menggunakan layanan antar ke rumah.",
        "This application is not for home delivery.",
    ),
    "DELIVERY_NOT_READY": (
        "Produk layanan belum siap untuk diantar.",
        "The product is not ready to be delivered yet.",
    ),
}

register_messages(MESSAGES)
