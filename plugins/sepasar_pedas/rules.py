"""SEPASAR PEDAS's error codes, permissions, settings and small checks shared by its services."""

from __future__ import annotations

import re
import secrets

from pydantic_settings import BaseSettings
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.access import require_permission
from core.auth import Principal, Role
from core.errors import CettarError, register_messages
from core.identity.permissions import Permission
from core.regions.models import Agency

PLUGIN = "sepasar_pedas"
MANAGE_MARKETS = "sepasar_pedas.markets.manage"
MANAGE_TRADERS = "sepasar_pedas.traders.manage"
MANAGE_CLASSES = "sepasar_pedas.classes.manage"
ISSUE_CERTIFICATES = "sepasar_pedas.certificates.issue"

PERMISSIONS = (
    Permission(
        MANAGE_MARKETS,
        "Add and change the traditional markets (pasar rakyat) of the agency running SEPASAR PEDAS.",
        [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
    ),
    Permission(
        MANAGE_TRADERS,
        "Register market traders and change their stall, commodity and status (staff of the agency).",
        [Role.OFFICER, Role.AGENCY_ADMIN],
    ),
    Permission(
        MANAGE_CLASSES,
        "Schedule SEPASAR PEDAS classes, enrol traders and record attendance (staff of the agency).",
        [Role.OFFICER, Role.AGENCY_ADMIN],
    ),
    Permission(
        ISSUE_CERTIFICATES,
        "Issue and revoke SEPASAR PEDAS certificates (the agency admin, or an officer they grant it to).",
        [Role.AGENCY_ADMIN],
        grantable_by=[Role.AGENCY_ADMIN],
    ),
)


class SepasarSettings(BaseSettings):
    """``CETTAR_SEPASAR_PEDAS_*``."""

    #: The agency that runs the school; its staff manage markets, traders, classes and certificates.
    agency_code: str = "disdag-3573"
    #: The most seats one class may have.
    max_class_capacity: int = 200


register_messages(
    {
        "SEPASAR_TEXT_LENGTH": (
            "Isian ini harus {min} sampai {max} karakter.",
            "This value must have {min} to {max} characters.",
        ),
        "SEPASAR_INVALID_CODE": (
            "Kode pasar harus 3 sampai 64 karakter: huruf kecil, angka, dipisah tanda hubung (mis. `pasar-besar`).",
            "A market code has 3 to 64 characters: lower-case letters and digits separated by hyphens (e.g. `pasar-besar`).",
        ),
        "SEPASAR_MARKET_EXISTS": (
            "Kode pasar `{market}` sudah dipakai.",
            "The market code `{market}` is already taken.",
        ),
        "SEPASAR_REGION_OUTSIDE_AGENCY": (
            "Pasar harus berada di kelurahan atau kecamatan di wilayah instansi ({region}).",
            "A market must be in a kelurahan or kecamatan of the agency's region ({region}).",
        ),
        "SEPASAR_MARKET_INACTIVE": (
            "Pasar ini tidak aktif lagi.",
            "This market is no longer active.",
        ),
        "SEPASAR_INVALID_STALL": (
            "Nomor lapak terdiri atas 1 sampai 16 huruf, angka, spasi, titik, garis miring atau tanda hubung (mis. `A-12`).",
            "A stall number has 1 to 16 letters, digits, spaces, dots, slashes or hyphens (e.g. `A-12`).",
        ),
        "SEPASAR_STALL_TAKEN": (
            "Lapak {stall} di pasar ini sudah terdaftar atas pedagang lain.",
            "Stall {stall} in this market is already registered to another trader.",
        ),
        "SEPASAR_TRADER_EXISTS": (
            "Pedagang dengan NIK ini sudah terdaftar di pasar ini.",
            "A trader with this NIK is already registered in this market.",
        ),
        "SEPASAR_TRADER_INACTIVE": (
            "Pedagang ini tidak aktif.",
            "This trader is not active.",
        ),
        "SEPASAR_INVALID_SCHEDULE": (
            "Jadwal kelas tidak valid: mulai di masa depan (paling lama setahun lagi), selesai setelah mulai, paling lama {max_hours} jam.",
            "The class schedule is not valid: it starts in the future (within a year), ends after it starts and lasts at most {max_hours} hours.",
        ),
        "SEPASAR_INVALID_CAPACITY": (
            "Kapasitas kelas harus antara 1 dan {max}.",
            "A class holds between 1 and {max} traders.",
        ),
        "SEPASAR_CAPACITY_BELOW_ENROLMENT": (
            "Kapasitas tidak boleh kurang dari jumlah peserta terdaftar ({enrolled}).",
            "The capacity may not be less than the traders already enrolled ({enrolled}).",
        ),
        "SEPASAR_CLASS_STARTED": (
            "Kelas sudah dimulai; jadwalnya tidak dapat diubah lagi.",
            "The class has started; its schedule can no longer change.",
        ),
        "SEPASAR_ENROLMENT_CLOSED": (
            "Pendaftaran kelas ini sudah ditutup karena kelas sudah dimulai.",
            "Enrolment for this class is closed: the class has started.",
        ),
        "SEPASAR_CLASS_FULL": (
            "Kelas sudah penuh ({capacity} peserta).",
            "The class is full ({capacity} traders).",
        ),
        "SEPASAR_ALREADY_ENROLLED": (
            "Pedagang ini sudah terdaftar di kelas ini.",
            "This trader is already enrolled in this class.",
        ),
        "SEPASAR_NOT_ENROLLED": (
            "Pedagang ini tidak terdaftar di kelas ini.",
            "This trader is not enrolled in this class.",
        ),
        "SEPASAR_CLASS_NOT_STARTED": (
            "Presensi baru dapat dicatat setelah kelas dimulai.",
            "Attendance can be recorded only once the class has started.",
        ),
        "SEPASAR_ATTENDANCE_LOCKED": (
            "Sertifikat sudah terbit untuk peserta ini; cabut sertifikatnya dulu untuk mengubah presensi.",
            "A certificate was issued to this trader; revoke it before changing the attendance.",
        ),
        "SEPASAR_CLASS_NOT_FINISHED": (
            "Sertifikat baru dapat diterbitkan setelah kelas selesai.",
            "A certificate can be issued only after the class has ended.",
        ),
        "SEPASAR_NOT_ATTENDED": (
            "Sertifikat hanya untuk peserta yang tercatat hadir.",
            "Certificates are only for traders recorded as present.",
        ),
        "SEPASAR_CERTIFICATE_EXISTS": (
            "Sertifikat untuk peserta ini sudah diterbitkan.",
            "A certificate was already issued for this enrolment.",
        ),
        "SEPASAR_CERTIFICATE_REVOKED": (
            "Sertifikat ini sudah dicabut.",
            "This certificate is already revoked.",
        ),
    }
)


def text(value: str | None, field: str, *, min_length: int = 1, max_length: int) -> str:
    cleaned = " ".join((value or "").split())
    if not min_length <= len(cleaned) <= max_length:
        raise CettarError("SEPASAR_TEXT_LENGTH", field=field, min=min_length, max=max_length)
    return cleaned


def optional_text(value: str | None, field: str, *, max_length: int) -> str | None:
    cleaned = " ".join((value or "").split())
    return text(cleaned, field, max_length=max_length) if cleaned else None


CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STALL = re.compile(r"[A-Z0-9](?:[A-Z0-9 ./-]{0,15})")


def check_code(value: str, field: str) -> str:
    code = value.strip()
    if not (3 <= len(code) <= 64 and CODE.fullmatch(code)):
        raise CettarError("SEPASAR_INVALID_CODE", field=field)
    return code


def check_stall(value: str, field: str) -> str:
    """``" a-12 "`` → ``A-12``: upper case, single spaces."""
    stall = " ".join(value.split()).upper()
    if not (1 <= len(stall) <= 16 and STALL.fullmatch(stall)):
        raise CettarError("SEPASAR_INVALID_STALL", field=field)
    return stall


#: Crockford's base32: no I, L, O or U, so a code read out loud is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_PREFIX = "SPD"


def new_certificate_code() -> str:
    """``SPD-7K4M-9QXR-2D8F-HB3T``: 16 characters from ``secrets``, 80 bits, nothing guessable."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return f"{CODE_PREFIX}-" + "-".join(body[i : i + 4] for i in range(0, 16, 4))


def normalise_certificate_code(value: str) -> str | None:
    """The canonical form of a code as typed (any case, spaces or dashes); None when it cannot be one."""
    plain = re.sub(r"[\s-]", "", value).upper()
    plain = plain.replace("O", "0").replace("I", "1").replace("L", "1")  # Crockford's reading of look-alikes
    if not plain.startswith(CODE_PREFIX):
        return None
    body = plain[len(CODE_PREFIX) :]
    if len(body) != 16 or any(ch not in ALPHABET for ch in body):
        return None
    return f"{CODE_PREFIX}-" + "-".join(body[i : i + 4] for i in range(0, 16, 4))


def mask_name(name: str) -> str:
    """``Siti Aminah`` → ``S***i A***h``: each word's first and last letter (one-letter words stay,
    two-letter words keep their first)."""

    def word(part: str) -> str:
        if len(part) <= 1:
            return part
        if len(part) == 2:
            return f"{part[0]}*"
        return f"{part[0]}***{part[-1]}"

    return " ".join(word(part) for part in name.split())


def manages(principal: Principal, agency_id: int | None) -> bool:
    """Staff of the agency running the market or class, or the province admin."""
    return principal.is_province_admin or (principal.is_staff and principal.in_agency(agency_id))


def require_manager(principal: Principal, permission: str, agency_id: int | None, field: str | None = None) -> None:
    """``permission`` (FORBIDDEN without it) and the row's agency (NOT_FOUND otherwise: another
    agency's records look missing)."""
    require_permission(principal, permission)
    if not manages(principal, agency_id):
        raise CettarError("NOT_FOUND", field=field)


async def insert_once(session: AsyncSession, row: object, taken: CettarError) -> None:
    """Insert ``row`` in a savepoint. When another request inserted the same thing after our checks
    (a unique constraint wins the race), raise ``taken`` — the typed error the check would have raised."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        raise taken from None


async def school_agency(session: AsyncSession, code: str) -> Agency:
    """The agency running the school (setting ``CETTAR_SEPASAR_PEDAS_AGENCY_CODE``)."""
    found = (await session.execute(select(Agency).where(col(Agency.code) == code))).scalar_one_or_none()
    if found is None:
        raise CettarError("NOT_FOUND", field="agencyCode")
    return found
