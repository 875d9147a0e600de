"""Notifications: the reporter on each step of their complaint, admins on escalation.

Texts name the complaint by its tracking number and title only: never the
reporter, never what the recipient may not see. The reporter of an anonymous
complaint still gets their own notifications (the row is theirs alone).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Role
from core.identity.models import Account, Officer
from core.notifications import notify
from plugins.pengaduan.models import Complaint, StepAction

SOURCE = "pengaduan"
TARGET_TYPE = "Complaint"

#: (title id, title en, body id, body en) per step told to the reporter; {t} tracking number, {title}.
REPORTER_TEXTS: dict[str, tuple[str, str, str, str]] = {
    StepAction.FILED.value: (
        "Pengaduan {t} diterima",
        "Complaint {t} received",
        "Pengaduan \u201c{title}\u201d sudah kami terima dan akan diverifikasi dalam 3 hari kerja.",
        "We received \u201c{title}\u201d; it will be verified within 3 working days.",
    ),
    StepAction.VERIFIED.value: (
        "Pengaduan {t} diverifikasi",
        "Complaint {t} verified",
        "Pengaduan \u201c{title}\u201d diverifikasi dan didisposisikan ke instansi yang berwenang.",
        "\u201c{title}\u201d was verified and disposed to the responsible agency.",
    ),
    StepAction.HELD.value: (
        "Pengaduan {t} perlu dilengkapi",
        "Complaint {t} needs more information",
        "Verifikasi \u201c{title}\u201d ditunda: lengkapi pengaduan Anda sesuai catatan petugas.",
        "Verification of \u201c{title}\u201d is on hold: complete your complaint as the note says.",
    ),
    StepAction.NOT_OUR_AUTHORITY.value: (
        "Pengaduan {t} bukan kewenangan",
        "Complaint {t} outside our authority",
        "\u201c{title}\u201d bukan kewenangan pemerintah daerah; lihat catatan petugas.",
        "\u201c{title}\u201d is outside the regional government's authority; see the note.",
    ),
    StepAction.ARCHIVED.value: (
        "Pengaduan {t} diarsipkan",
        "Complaint {t} archived",
        "\u201c{title}\u201d diarsipkan dan tidak diproses lebih lanjut; lihat catatan petugas.",
        "\u201c{title}\u201d was archived and will not be processed further; see the note.",
    ),
    StepAction.FORWARDED.value: (
        "Pengaduan {t} diteruskan",
        "Complaint {t} forwarded",
        "\u201c{title}\u201d diteruskan ke instansi lain yang berwenang.",
        "\u201c{title}\u201d was forwarded to another responsible agency.",
    ),
    StepAction.FOLLOWED_UP.value: (
        "Pengaduan {t} ditindaklanjuti",
        "Complaint {t} followed up",
        "Instansi mulai menindaklanjuti \u201c{title}\u201d.",
        "The agency started to follow up \u201c{title}\u201d.",
    ),
    "message": (
        "Balasan baru untuk {t}",
        "New reply on {t}",
        "Petugas membalas pengaduan \u201c{title}\u201d.",
        "An officer replied to \u201c{title}\u201d.",
    ),
    StepAction.RESOLVED.value: (
        "Pengaduan {t} diselesaikan",
        "Complaint {t} resolved",
        "Instansi menyatakan \u201c{title}\u201d selesai. Konfirmasi dan beri penilaian, atau buka kembali.",
        "The agency says \u201c{title}\u201d is resolved. Confirm and rate it, or reopen it.",
    ),
    StepAction.CLOSED.value: (
        "Pengaduan {t} ditutup",
        "Complaint {t} closed",
        "Terima kasih atas penilaian Anda untuk \u201c{title}\u201d.",
        "Thank you for rating \u201c{title}\u201d.",
    ),
    StepAction.AUTO_CLOSED.value: (
        "Pengaduan {t} ditutup",
        "Complaint {t} closed",
        "Batas waktu konfirmasi \u201c{title}\u201d sudah lewat; pengaduan ditutup.",
        "The time to confirm \u201c{title}\u201d is over; the complaint is closed.",
    ),
    StepAction.HIDDEN.value: (
        "Pengaduan {t} disembunyikan sementara",
        "Complaint {t} temporarily hidden",
        "\u201c{title}\u201d dilaporkan beberapa warga dan disembunyikan dari publik sampai dimoderasi.",
        "\u201c{title}\u201d was reported by several citizens and is hidden from the public until moderated.",
    ),
    StepAction.RESTORED.value: (
        "Pengaduan {t} ditampilkan kembali",
        "Complaint {t} shown again",
        "Moderator menampilkan kembali \u201c{title}\u201d.",
        "A moderator showed \u201c{title}\u201d again.",
    ),
    StepAction.REMOVED.value: (
        "Pengaduan {t} dihapus dari daftar publik",
        "Complaint {t} removed from the public list",
        "Moderator menghapus \u201c{title}\u201d dari daftar publik; pengaduan tetap ditangani.",
        "A moderator removed \u201c{title}\u201d from the public list; it is still handled.",
    ),
}


def _fill(template: str, row: Complaint) -> str:
    return template.replace("{t}", row.tracking_number).replace("{title}", row.title)


async def tell_reporter(session: AsyncSession, row: Complaint, what: StepAction | str) -> None:
    """Notify the reporter (when they have an account) of a step of their complaint."""
    key = what.value if isinstance(what, StepAction) else what
    texts = REPORTER_TEXTS.get(key)
    if row.reporter_account_id is None or texts is None:
        return
    title_id, title_en, body_id, body_en = texts
    await notify(
        session,
        account_id=row.reporter_account_id,
        kind=f"pengaduan.{key}",
        title=(_fill(title_id, row)[:200], _fill(title_en, row)[:200]),
        body=(_fill(body_id, row), _fill(body_en, row)),
        source=SOURCE,
        target_type=TARGET_TYPE,
        target_key=str(row.id),
    )


async def agency_admin_ids(session: AsyncSession, agency_id: int) -> list[int]:
    """The active agency admins of an agency."""
    stmt = (
        select(col(Account.id))
        .join(Officer, col(Officer.account_id) == col(Account.id))
        .where(
            col(Officer.agency_id) == agency_id,
            col(Account.role) == Role.AGENCY_ADMIN,
            col(Account.active).is_(True),
        )
        .order_by(col(Account.id))
    )
    return [int(i) for i in (await session.execute(stmt)).scalars() if i is not None]


async def province_admin_ids(session: AsyncSession) -> list[int]:
    stmt = (
        select(col(Account.id))
        .where(col(Account.role) == Role.PROVINCE_ADMIN, col(Account.active).is_(True))
        .order_by(col(Account.id))
    )
    return [int(i) for i in (await session.execute(stmt)).scalars() if i is not None]


async def tell_staff(
    session: AsyncSession,
    account_ids: Iterable[int],
    row: Complaint,
    *,
    kind: str,
    title: tuple[str, str],
    body: tuple[str, str],
) -> int:
    """Notify staff accounts about a complaint (escalation); returns how many were told."""
    told = 0
    for account_id in dict.fromkeys(account_ids):
        await notify(
            session,
            account_id=account_id,
            kind=kind,
            title=(_fill(title[0], row)[:200], _fill(title[1], row)[:200]),
            body=(_fill(body[0], row), _fill(body[1], row)),
            source=SOURCE,
            target_type=TARGET_TYPE,
            target_key=str(row.id),
        )
        told += 1
    return told
