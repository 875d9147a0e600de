"""Words for the plugin's values in Bahasa Indonesia and English, for messages and notifications."""

from __future__ import annotations

from core.regions.models import RegionKind
from plugins.klinik_bumdes.models import SessionStatus, TicketStatus, Topic

Pair = tuple[str, str]

TOPICS: dict[Topic, Pair] = {
    Topic.LEGAL_ENTITY: ("pendaftaran badan hukum", "legal entity registration"),
    Topic.BUSINESS_PERMIT: ("perizinan usaha", "business permits"),
    Topic.FINANCIAL_REPORT: ("laporan keuangan", "financial reporting"),
    Topic.MANAGEMENT: ("tata kelola dan manajemen", "governance and management"),
    Topic.CAPITAL: ("permodalan", "capital and financing"),
}

TICKET_STATUSES: dict[TicketStatus, Pair] = {
    TicketStatus.OPENED: ("diajukan", "opened"),
    TicketStatus.ASSIGNED: ("ditugaskan ke tenaga ahli", "assigned to an expert"),
    TicketStatus.SCHEDULED: ("terjadwal", "scheduled"),
    TicketStatus.RESOLVED: ("selesai ditangani", "resolved"),
    TicketStatus.CLOSED: ("ditutup", "closed"),
}

SESSION_STATUSES: dict[SessionStatus, Pair] = {
    SessionStatus.SCHEDULED: ("terjadwal", "scheduled"),
    SessionStatus.HELD: ("terlaksana", "held"),
    SessionStatus.CANCELLED: ("dibatalkan", "cancelled"),
}

REGION_KINDS: dict[RegionKind, Pair] = {
    RegionKind.PROVINSI: ("provinsi", "province"),
    RegionKind.KABUPATEN: ("kabupaten", "kabupaten (regency)"),
    RegionKind.KOTA: ("kota", "kota (city)"),
    RegionKind.KECAMATAN: ("kecamatan", "kecamatan (district)"),
    RegionKind.KELURAHAN: ("kelurahan", "kelurahan (urban village without a BUM Desa)"),
    RegionKind.DESA: ("desa", "desa"),
}
