"""The plugin's error codes, in Bahasa Indonesia and English (listed in docs/plugins/klinik_bumdes.md)."""

from __future__ import annotations

from core.errors import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "BUMDES_NOT_A_DESA": (
        "Wilayah {region} adalah {kind_id}, bukan desa: BUM Desa hanya didirikan oleh desa.",
        "Region {region} is a {kind_en}, not a desa: only a desa founds a BUM Desa.",
    ),
    "BUMDES_DESA_TAKEN": (
        "Desa {region} sudah memiliki BUM Desa; satu desa hanya memiliki satu BUM Desa.",
        "Desa {region} already has a BUM Desa; a desa has only one.",
    ),
    "BUMDES_INVALID_NAME": (
        "Nama BUM Desa harus diawali frasa \u201cBUM Desa\u201d dan diakhiri nama desanya ({desa}).",
        "A BUM Desa's name must start with \u201cBUM Desa\u201d and end with the name of its desa ({desa}).",
    ),
    "BUMDES_NAME_TAKEN": (
        "Nama BUM Desa ini sudah dipakai BUM Desa lain.",
        "Another BUM Desa already has this name.",
    ),
    "BUMDES_LEGAL_ENTITY_INCOMPLETE": (
        "Status badan hukum memerlukan nomor sertifikat pendaftaran dan tanggalnya; status lain tidak memilikinya.",
        "Legal-entity status needs the registration certificate's number and date; other statuses have neither.",
    ),
    "BUMDES_LEGAL_NUMBER_TAKEN": (
        "Nomor sertifikat badan hukum ini sudah tercatat untuk BUM Desa lain.",
        "This legal-entity certificate number is already recorded for another BUM Desa.",
    ),
    "BUMDES_GRADE_UNCHANGED": (
        "BUM Desa ini sudah berperingkat {grade}.",
        "This BUM Desa is already graded {grade}.",
    ),
    "BUMDES_GRADE_DATE_OUT_OF_ORDER": (
        "Tanggal berlaku peringkat harus antara {earliest} dan hari ini.",
        "The grade's effective date must lie between {earliest} and today.",
    ),
    "BUMDES_REVENUE_YEAR_INVALID": (
        "Tahun laporan harus antara tahun berdiri ({earliest}) dan {latest}.",
        "The reporting year must lie between the year of establishment ({earliest}) and {latest}.",
    ),
    "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE": (
        "Kontribusi PADes (Rp{contribution}) tidak boleh melebihi {what_id} (Rp{limit}).",
        "The PADes contribution (Rp{contribution}) may not exceed {what_en} (Rp{limit}).",
    ),
    "BUMDES_UNIT_NAME_TAKEN": (
        "BUM Desa ini sudah memiliki unit usaha dengan nama tersebut.",
        "This BUM Desa already has a business unit of that name.",
    ),
    "BUMDES_ACCOUNT_NOT_CITIZEN": (
        "Akun ini bukan akun warga yang aktif; pengelola BUM Desa dan tenaga ahli masuk dengan akun warga.",
        "This is not an active citizen account; BUM Desa managers and experts sign in with citizen accounts.",
    ),
    "BUMDES_NOT_MANAGER": (
        "Anda bukan pengelola BUM Desa ini.",
        "You are not the manager of this BUM Desa.",
    ),
    "BUMDES_EXPERT_ACCOUNT_TAKEN": (
        "Akun ini sudah terhubung dengan tenaga ahli lain.",
        "This account is already linked to another expert.",
    ),
    "BUMDES_EXPERT_INACTIVE": (
        "Tenaga ahli ini tidak aktif.",
        "This expert is not active.",
    ),
    "BUMDES_EXPERT_TOPIC_MISMATCH": (
        "Tenaga ahli ini tidak menangani topik {topic_id}.",
        "This expert does not take consultations on {topic_en}.",
    ),
    "BUMDES_INVALID_TRANSITION": (
        "Konsultasi {number} berstatus {status_id}; langkah ini tidak dapat dilakukan.",
        "Consultation {number} is {status_en}; this step is not possible.",
    ),
    "BUMDES_SESSION_IN_PAST": (
        "Jadwal sesi harus di masa mendatang.",
        "A session must be scheduled in the future.",
    ),
    "BUMDES_SESSION_LOCATION_REQUIRED": (
        "Sesi daring memerlukan tautan rapat (https); sesi tatap muka memerlukan tempat.",
        "An online session needs a meeting link (https); an on-site session needs a place.",
    ),
    "BUMDES_EXPERT_BUSY": (
        "Tenaga ahli sudah memiliki sesi lain pada waktu tersebut.",
        "The expert already has another session at that time.",
    ),
    "BUMDES_SESSION_NOT_STARTED": (
        "Catatan sesi baru dapat diisi setelah sesi dimulai.",
        "Session notes can be recorded only once the session has started.",
    ),
    "BUMDES_SESSION_CLOSED": (
        "Sesi ini sudah {status_id} dan tidak dapat diubah.",
        "This session is already {status_en} and cannot be changed.",
    ),
    "BUMDES_SESSION_PENDING": (
        "Masih ada sesi terjadwal; isi catatannya atau batalkan dahulu.",
        "A session is still scheduled; record its notes or cancel it first.",
    ),
    "BUMDES_NO_SESSION_HELD": (
        "Konsultasi hanya dapat diselesaikan setelah minimal satu sesi terlaksana.",
        "A consultation can be resolved only after at least one session was held.",
    ),
    "BUMDES_ALREADY_ENROLLED": (
        "BUM Desa ini sudah terdaftar pada program pembinaan tersebut.",
        "This BUM Desa is already enrolled in that coaching programme.",
    ),
    "BUMDES_PROGRAM_FULL": (
        "Kuota program pembinaan ({capacity} BUM Desa) sudah penuh.",
        "The coaching programme is full ({capacity} BUM Desa).",
    ),
    "BUMDES_ENROLLMENT_CLOSED": (
        "Pendaftaran program pembinaan ini sudah ditutup pada {closes_on}.",
        "Enrolment in this coaching programme closed on {closes_on}.",
    ),
    "BUMDES_GRADE_NOT_TARGETED": (
        "Program pembinaan ini ditujukan untuk BUM Desa berperingkat {grade}.",
        "This coaching programme is meant for BUM Desa graded {grade}.",
    ),
}

register_messages(MESSAGES)
